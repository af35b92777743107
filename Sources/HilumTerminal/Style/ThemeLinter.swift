/// Checks a theme for problems that make text unreadable. It reports a role
/// whose foreground equals its background, contrast below the theme's
/// `minimum-contrast`, and colours that merge on an 8-colour terminal. It
/// also reports a selected row that looks like an ordinary row.
public enum ThemeLinter {
    public struct Problem: Hashable, Sendable, CustomStringConvertible {
        public let role: Role
        public let message: String
        public var description: String { "\(role.name): \(message)" }
    }

    public static func lint(_ theme: Theme) -> [Problem] {
        var problems: [Problem] = []
        let defaults = theme.background.assumedDefaults
        for info in Role.catalog {
            let style = theme[info.role]
            let reversed = style.attributes.contains(.reverse)
            if style.foreground != .terminalDefault, style.foreground == style.background {
                problems.append(Problem(role: info.role, message: "foreground and background are both \(style.foreground)"))
                continue
            }
            let foreground = style.foreground.rgbValue ?? defaults.foreground
            let background = style.background.rgbValue ?? defaults.background
            let ratio = foreground.contrast(with: background)
            if ratio < theme.minimumContrast {
                let shown = (ratio * 100).rounded() / 100
                problems.append(Problem(role: info.role, message: "contrast \(shown):1 between \(style.foreground) and \(style.background) is below \(theme.minimumContrast):1"
                    + (reversed ? " (reverse video swaps them, the ratio stays)" : "")))
            }
            let clampedForeground = style.foreground.cursesNumber(colors: 8)
            let clampedBackground = style.background.cursesNumber(colors: 8)
            if clampedForeground != -1, clampedForeground == clampedBackground {
                problems.append(Problem(role: info.role, message: "\(style.foreground) on \(style.background) become the same colour on an 8-colour terminal"))
            }
        }
        let row = theme[.row], selected = theme[.rowSelected]
        if selected.background == row.background, selected.attributes.isDisjoint(with: [.reverse, .bold, .underline]) {
            problems.append(Problem(role: .rowSelected, message: "the selected row has the same background as other rows and no reverse, bold or underline"))
        }
        return problems
    }
}
