/// Decoding of HTML character references: every numeric reference and the
/// named references that report templates use. An unknown name stays as
/// written, as browsers do, so no text is lost.
enum HTMLEntities {
    static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": "\u{00A0}",
        "copy": "©", "reg": "®", "trade": "™", "ndash": "–", "mdash": "—", "hellip": "…",
        "plusmn": "±", "deg": "°", "micro": "µ", "times": "×", "divide": "÷", "middot": "·",
        "bull": "•", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”", "laquo": "«",
        "raquo": "»", "auml": "ä", "ouml": "ö", "uuml": "ü", "Auml": "Ä", "Ouml": "Ö",
        "Uuml": "Ü", "szlig": "ß", "eacute": "é", "egrave": "è", "agrave": "à", "aacute": "á",
        "ccedil": "ç", "le": "≤", "ge": "≥", "ne": "≠", "sup2": "²", "sup3": "³",
        "frac12": "½", "frac14": "¼", "frac34": "¾", "shy": "\u{00AD}", "larr": "←",
        "rarr": "→", "uarr": "↑", "darr": "↓", "alpha": "α", "beta": "β", "gamma": "γ",
        "mu": "μ", "ensp": "\u{2002}", "emsp": "\u{2003}", "thinsp": "\u{2009}",
    ]

    /// Returns `text` with its character references decoded.
    static func decode(_ text: String) -> String {
        guard text.contains("&") else { return text }
        let scalars = Array(text.unicodeScalars)
        var output = String.UnicodeScalarView()
        var index = 0
        while index < scalars.count {
            let scalar = scalars[index]
            if scalar == "&", let (replacement, length) = reference(in: scalars, at: index) {
                output.append(contentsOf: replacement.unicodeScalars)
                index += length
            } else {
                output.append(scalar)
                index += 1
            }
        }
        return String(output)
    }

    /// Returns the decoded reference starting at `start` (an ampersand) and
    /// its length including the semicolon, or nil when it is not one.
    private static func reference(in scalars: [Unicode.Scalar], at start: Int) -> (String, Int)? {
        let maximumLength = 34
        var end = start + 1
        while end < scalars.count, end - start <= maximumLength, scalars[end] != ";" {
            let value = scalars[end].value
            let isNameCharacter = (0x30...0x39).contains(value) || (0x41...0x5A).contains(value)
                || (0x61...0x7A).contains(value) || value == 0x23
            guard isNameCharacter else { return nil }
            end += 1
        }
        guard end < scalars.count, scalars[end] == ";", end > start + 1 else { return nil }
        var body = String.UnicodeScalarView()
        body.append(contentsOf: scalars[(start + 1)..<end])
        let name = String(body)
        let length = end - start + 1
        if name.hasPrefix("#") {
            let digits = name.dropFirst()
            let number: UInt32?
            if digits.hasPrefix("x") || digits.hasPrefix("X") {
                number = UInt32(digits.dropFirst(), radix: 16)
            } else {
                number = UInt32(digits, radix: 10)
            }
            guard let number, number != 0, let decoded = Unicode.Scalar(number) else { return ("\u{FFFD}", length) }
            return (String(decoded), length)
        }
        guard let decoded = named[name] else { return nil }
        return (decoded, length)
    }
}
