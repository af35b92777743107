/// HL7 v2 escape sequences for the default delimiters (field |, component
/// ^, repetition ~, escape \, subcomponent &). Line breaks, which would end
/// a segment, become hexadecimal escapes.
public enum HL7Escaping {
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "\\": result += "\\E\\"
            case "|": result += "\\F\\"
            case "^": result += "\\S\\"
            case "&": result += "\\T\\"
            case "~": result += "\\R\\"
            case "\r": result += "\\X0D\\"
            case "\n": result += "\\X0A\\"
            case "\r\n": result += "\\X0D0A\\"
            default: result.append(character)
            }
        }
        return result
    }

    /// Reverses `escape`; other escape sequences are kept as they are.
    public static func unescape(_ text: String) -> String {
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            guard character == "\\", let close = text[text.index(after: index)...].firstIndex(of: "\\") else {
                result.append(character)
                index = text.index(after: index)
                continue
            }
            let code = String(text[text.index(after: index)..<close])
            switch code {
            case "E": result += "\\"
            case "F": result += "|"
            case "S": result += "^"
            case "T": result += "&"
            case "R": result += "~"
            case "X0D": result += "\r"
            case "X0A": result += "\n"
            case "X0D0A": result += "\r\n"
            default: result += "\\" + code + "\\"
            }
            index = text.index(after: close)
        }
        return result
    }
}
