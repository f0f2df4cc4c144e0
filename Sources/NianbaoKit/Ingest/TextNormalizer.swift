/// Normalises text before parsing: full-width ASCII (digits, letters, punctuation) to half-width,
/// NBSP and ideographic spaces to spaces, zero-width characters and BOMs removed, CRLF to LF, and CJK radicals and
/// compatibility ideographs (as text taken from PDFs carries: `⼀` U+2F00, `⾏` U+2F8F) folded to the ordinary
/// ideograph. A line holding nothing but no-break spaces keeps one (an empty cell, in one-cell-per-line text).
///
///     TextNormalizer.normalize("（一）１２３\u{00A0}件\u{200B}")  // "(一)123 件"
///     TextNormalizer.normalize("⼈民政府")                        // "人民政府"
public enum TextNormalizer {
    /// One character as `normalize` maps it where the two differ (full-width ASCII, wide spaces).
    static func fold(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0)!
        case 0x00A0, 0x3000, 0x2002...0x200A, 0x202F, 0x205F: return " "
        default: return scalar
        }
    }

    /// CJK radicals and compatibility ideographs → the ordinary ideograph.
    static let folds: [UInt32: UInt32] = {
        var map: [UInt32: UInt32] = [:]
        var i = 0
        while i + 1 < CJKFold.pairs.count { map[CJKFold.pairs[i]] = CJKFold.pairs[i + 1]; i += 2 }
        return map
    }()

    /// `keepingWidths`: full-width characters and wide spaces are kept as printed (everything else as above), so
    /// that the result corresponds scalar for scalar to the normalised text and keeps each character's display
    /// width, which the table reader needs to line values up under their columns.
    public static func normalize(_ text: String, keepingWidths: Bool = false) -> String {
        let both = normalizeBoth(text)
        return keepingWidths ? both.wide : both.normal
    }

    /// The normalised text and the width-keeping one (`normalize(_:keepingWidths:)`), in one pass, written as UTF-8
    /// bytes (appending scalars to a string one at a time cost more than the rest of the pass).
    static func normalizeBoth(_ text: String) -> (normal: String, wide: String) {
        // Each scalar writes at most twice its input's bytes into either text (a line's no-break space: one more).
        let capacity = text.utf8.count * 2 + 8
        let normal = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity), wide = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
        defer { normal.deallocate(); wide.deallocate() }
        var n = 0, w = 0
        var previousCR = false
        var lineHasContent = false, lineHasNBSP = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v == 0x0A || v == 0x0D {
                if lineHasNBSP && !lineHasContent { writeUTF8(0xA0, normal, &n); writeUTF8(0xA0, wide, &w) }
                lineHasContent = false
                lineHasNBSP = false
            } else if v == 0x00A0 {
                lineHasNBSP = true
            } else if v != 0x20 && v != 0x09 && v != 0x3000 {
                lineHasContent = true
            }
            if previousCR {
                previousCR = false
                if v == 0x0A { continue }
            }
            if v < 0x80 && v != 0x0D {
                normal[n] = UInt8(v); n += 1
                wide[w] = UInt8(v); w += 1
                continue
            }
            if v < 0xA0 && v != 0x0D {
                writeUTF8(v, normal, &n); writeUTF8(v, wide, &w)
                continue
            }
            switch v {
            case 0x0D:
                previousCR = true
                writeUTF8(0x0A, normal, &n); writeUTF8(0x0A, wide, &w)
            case 0xFF01...0xFF5E:
                writeUTF8(v - 0xFEE0, normal, &n)
                writeUTF8(v, wide, &w)
            case 0x00A0, 0x3000, 0x2002...0x200A, 0x202F, 0x205F:
                writeUTF8(0x20, normal, &n)
                writeUTF8(v, wide, &w)
            case 0x200B...0x200D, 0x2060, 0xFEFF, 0x00AD:
                continue
            case 0x2E80...0x2FDF, 0xF900...0xFAFF, 0x2F800...0x2FA1F:
                let out = folds[v].flatMap { Unicode.Scalar($0) != nil ? $0 : nil } ?? v
                writeUTF8(out, normal, &n); writeUTF8(out, wide, &w)
            default:
                writeUTF8(v, normal, &n); writeUTF8(v, wide, &w)
            }
        }
        if lineHasNBSP && !lineHasContent { writeUTF8(0xA0, normal, &n); writeUTF8(0xA0, wide, &w) }
        return (String(decoding: UnsafeBufferPointer(start: normal, count: n), as: UTF8.self),
                String(decoding: UnsafeBufferPointer(start: wide, count: w), as: UTF8.self))
    }
}
