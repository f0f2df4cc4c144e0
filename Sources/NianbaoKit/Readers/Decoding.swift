#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Why a file's bytes could not become text.
public enum DecodingError: Error, Equatable, CustomStringConvertible {
    case empty
    case binary
    case undecodable

    public var description: String {
        switch self {
        case .empty: return "empty file"
        case .binary: return "not a text file (binary data)"
        case .undecodable: return "text in an unknown encoding (not UTF-8, UTF-16 or GB18030)"
        }
    }
}

/// Turns a file's bytes into text: UTF-8 with or without BOM, UTF-16 with BOM or without (`unmarkedUTF16`), else GB18030
/// (a superset of GBK and GB2312) when the bytes are not valid UTF-8.
///
///     try TextDecoder.decode([0xE5, 0xB9, 0xB4])  // "年"
///     try TextDecoder.decode([0xC4, 0xEA])        // "年" (GB2312)
public enum TextDecoder {
    public static func decode(_ bytes: [UInt8]) throws -> String {
        if bytes.isEmpty { throw DecodingError.empty }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            guard let text = String(validating: bytes.dropFirst(3), as: UTF8.self) else { throw DecodingError.undecodable }
            return try checked(text)
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            return try checked(decodeUTF16(bytes.dropFirst(2), littleEndian: bytes[0] == 0xFF))
        }
        if let littleEndian = unmarkedUTF16(bytes), let text = try? decodeUTF16(bytes[...], littleEndian: littleEndian) {
            return try checked(text)
        }
        if let text = String(validating: bytes, as: UTF8.self) {
            return try checked(text)
        }
        guard let text = iconvDecode(bytes, from: "GB18030") else {
            throw looksBinary(bytes) ? DecodingError.binary : DecodingError.undecodable
        }
        return try checked(text)
    }

    /// Decodes with a charset a document declares (e.g. `gb2312` in an HTML `<meta>`), checking it against the bytes:
    /// GB2312 and GBK are read as GB18030, their superset; a declaration the bytes contradict falls back to detection.
    public static func decode(_ bytes: [UInt8], declared charset: String?) throws -> String {
        guard let charset = charset?.lowercased() else { return try decode(bytes) }
        if ["gb2312", "gbk", "gb18030", "x-gbk", "cp936"].contains(charset),
           !bytes.starts(with: [0xEF, 0xBB, 0xBF]), String(validating: bytes, as: UTF8.self) == nil || bytes.allSatisfy({ $0 < 0x80 }),
           let text = iconvDecode(bytes, from: "GB18030") {
            return try checked(text)
        }
        return try decode(bytes)
    }

    private static func checked(_ text: String) throws -> String {
        // Over the first 65,536 scalars, on the UTF-8 bytes: a scalar is a byte that continues none.
        var controls = 0
        var total = 0
        var bytes = text
        bytes.withUTF8 { utf8 in
            for byte in utf8 where byte & 0xC0 != 0x80 {
                if total == 65_536 { break }
                total += 1
                if byte < 0x20 && byte != 0x0A && byte != 0x0D && byte != 0x09 && byte != 0x0C { controls += 1 }
            }
        }
        if total == 0 || text.allSatisfy(\.isWhitespace) { throw DecodingError.empty }
        if controls * 20 > total { throw DecodingError.binary }
        return text
    }

    /// UTF-16 without a byte-order mark (Windows Notepad's "Unicode" without BOM, some exports): text has
    /// line breaks, digits and spaces, which in UTF-16 have a zero byte on one side of each pair and seldom on the
    /// other; UTF-8 and GB18030 text has no zero bytes. Little-endian (true), big-endian (false) or nil.
    static func unmarkedUTF16(_ bytes: [UInt8]) -> Bool? {
        let sample = bytes.prefix(65_536)
        guard sample.count >= 16, sample.count % 2 == 0 else { return nil }
        var zeros = [0, 0]
        for (i, byte) in sample.enumerated() where byte == 0 { zeros[i & 1] += 1 }
        let pairs = sample.count / 2
        // A character U+xx00 (一 is U+4E00) puts a zero on the other side now and then.
        if zeros[1] * 20 >= pairs && zeros[0] * 4 <= zeros[1] { return true }
        if zeros[0] * 20 >= pairs && zeros[1] * 4 <= zeros[0] { return false }
        return nil
    }

    private static func looksBinary(_ bytes: [UInt8]) -> Bool {
        let sample = bytes.prefix(65_536)
        let controls = sample.filter { $0 < 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 }.count
        return controls * 20 > sample.count
    }

    private static func decodeUTF16(_ bytes: ArraySlice<UInt8>, littleEndian: Bool) throws -> String {
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = bytes.startIndex
        while index + 1 < bytes.endIndex {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? (b << 8 | a) : (a << 8 | b))
            index += 2
        }
        guard let text = String(validating: units, as: UTF16.self) else { throw DecodingError.undecodable }
        return text
    }

    /// Strict decoding through the C library's iconv: nil on any invalid or truncated sequence.
    static func iconvDecode(_ bytes: [UInt8], from encoding: String) -> String? {
        let cd = iconv_open("UTF-8", encoding)
        if cd == iconv_t(bitPattern: -1) { return nil }
        defer { iconv_close(cd) }
        var input = bytes
        var output = [UInt8](repeating: 0, count: bytes.count * 2 + 16)
        let outCapacity = output.count
        var outLeft = outCapacity
        let failed = input.withUnsafeMutableBytes { inRaw -> Bool in
            output.withUnsafeMutableBytes { outRaw -> Bool in
                var inPtr = inRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                var inLeft = inRaw.count
                var outPtr = outRaw.baseAddress?.assumingMemoryBound(to: CChar.self)
                let result = iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft)
                return result == -1 || inLeft != 0
            }
        }
        if failed { return nil }
        return String(validating: output[..<(outCapacity - outLeft)], as: UTF8.self)
    }
}
