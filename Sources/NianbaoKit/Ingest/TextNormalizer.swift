/// Normalises text before parsing: full-width ASCII (digits, letters, punctuation) to half-width,
/// NBSP and ideographic spaces to spaces, zero-width characters and BOMs removed, CRLF to LF.
///
///     TextNormalizer.normalize("（一）１２３\u{00A0}件\u{200B}")  // "(一)123 件"
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(text.unicodeScalars.count)
        var previousCR = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if previousCR {
                previousCR = false
                if v == 0x0A { continue }
            }
            switch v {
            case 0x0D:
                previousCR = true
                scalars.append("\n")
            case 0xFF01...0xFF5E:
                scalars.append(Unicode.Scalar(v - 0xFEE0)!)
            case 0x00A0, 0x3000, 0x2002...0x200A, 0x202F, 0x205F:
                scalars.append(" ")
            case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD:
                continue
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}
