/// How many colours the layer may use on this terminal.
public enum ColorMode: Hashable, Sendable {
    /// No colour at all: attributes only (`NO_COLOR`, monochrome terminals).
    case monochrome
    /// A palette of this many colours (8, 16, 256 or more).
    case palette(Int)

    /// Picks the mode from the environment and what the terminal reports.
    /// `NO_COLOR` turns colour off only when set to a non-empty value, as
    /// https://no-color.org specifies.
    public static func detect(environment: [String: String], hasColors: Bool, colors: Int) -> ColorMode {
        if let value = environment["NO_COLOR"], !value.isEmpty { return .monochrome }
        guard hasColors, colors >= 8 else { return .monochrome }
        return .palette(colors)
    }
}

/// A role's look as the backend draws it: ncurses colour numbers (-1 for
/// the terminal default) and attributes.
public struct ResolvedStyle: Hashable, Sendable {
    public var foreground: Int
    public var background: Int
    public var attributes: TextAttributes
}

/// Maps roles to drawable styles for one theme and one colour mode.
public struct StyleResolver: Sendable {
    public let theme: Theme
    public let mode: ColorMode
    private let resolved: [Role: ResolvedStyle]

    public init(theme: Theme, mode: ColorMode) {
        self.theme = theme
        self.mode = mode
        var resolved: [Role: ResolvedStyle] = [:]
        for info in Role.catalog {
            resolved[info.role] = StyleResolver.resolve(theme[info.role], role: info.role, mode: mode)
        }
        self.resolved = resolved
    }

    public func style(for role: Role) -> ResolvedStyle {
        resolved[role] ?? ResolvedStyle(foreground: -1, background: -1, attributes: [])
    }

    static func resolve(_ style: Style, role: Role, mode: ColorMode) -> ResolvedStyle {
        let monochrome = Role.monochromeByRole[role] ?? []
        switch mode {
        case .monochrome:
            return ResolvedStyle(foreground: -1, background: -1, attributes: style.attributes.union(monochrome))
        case .palette(let count):
            let foreground = style.foreground.cursesNumber(colors: count)
            let background = style.background.cursesNumber(colors: count)
            if foreground != -1, foreground == background {
                // Clamping merged the two colours: fall back to the role's monochrome look.
                return ResolvedStyle(foreground: -1, background: -1, attributes: style.attributes.union(monochrome))
            }
            return ResolvedStyle(foreground: foreground, background: background, attributes: style.attributes)
        }
    }
}
