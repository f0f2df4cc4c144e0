import Foundation

/// Why a saved web page could not be read.
public enum MHTMLError: Error, CustomStringConvertible, Equatable {
    case noHTMLPart

    public var description: String {
        switch self {
        case .noHTMLPart: return "no text/html part in the saved page"
        }
    }
}

/// Web pages saved by a browser as one file (`.mht`, `.mhtml`: MIME, RFC 2557): the first `text/html` part, decoded
/// from its transfer encoding (base64, quoted-printable, or none) and its declared charset, read as HTML.
public struct MHTMLReader: DocumentReader {
    public init() {}
    public var extensions: Set<String> { ["mht", "mhtml"] }

    public func read(bytes: [UInt8], path: String) throws -> Document {
        let text = String(decoding: bytes, as: UTF8.self)   // MIME headers and encoded bodies are ASCII
        let (headers, body) = Self.split(Substring(text))
        var parts: [Substring] = [Substring(text)]
        if let boundary = Self.parameter("boundary", in: headers["content-type"] ?? "") {
            parts = body.components(separatedBy: "--" + boundary).map { Substring($0) }
        }
        for part in parts {
            let (h, content) = Self.split(part.drop { $0 == "\r" || $0 == "\n" })
            guard (h["content-type"] ?? "").lowercased().hasPrefix("text/html") else { continue }
            let decoded: [UInt8]
            switch (h["content-transfer-encoding"] ?? "").lowercased().trimmingCharacters(in: .whitespaces) {
            case "base64":
                decoded = [UInt8](Data(base64Encoded: content.filter { !$0.isWhitespace }) ?? Data())
            case "quoted-printable":
                decoded = Self.quotedPrintable(content)
            default:
                decoded = Array(content.utf8)
            }
            let charset = Self.parameter("charset", in: h["content-type"] ?? "") ?? HTMLReader.declaredCharset(decoded)
            return try HTMLReader.parse(try TextDecoder.decode(decoded, declared: charset))
        }
        throw MHTMLError.noHTMLPart
    }

    /// A part's headers (lower-cased names, folded lines joined) and its body after the first empty line.
    static func split(_ part: Substring) -> (headers: [String: String], body: String) {
        var headers: [String: String] = [:]
        var last: String?
        // Lines as Characters (`\r\n` is one), the headers ending at the first empty one.
        let lines = part.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        var bodyStart = lines.count
        for (i, line) in lines.enumerated() {
            if line.isEmpty { bodyStart = i + 1; break }
            if line.first == " " || line.first == "\t", let name = last {
                headers[name, default: ""] += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                let name = line[..<colon].lowercased()
                headers[name] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
                last = name
            }
        }
        return (headers, lines.dropFirst(bodyStart).joined(separator: "\n"))
    }

    /// `boundary="…"` or `charset=gbk` in a header value.
    static func parameter(_ name: String, in value: String) -> String? {
        guard let hit = value.range(of: name + "=", options: .caseInsensitive) else { return nil }
        var v = value[hit.upperBound...]
        if v.first == "\"" {
            v = v.dropFirst()
            return String(v.prefix { $0 != "\"" })
        }
        return String(v.prefix { $0 != ";" && !$0.isWhitespace })
    }

    /// `=E4=B8=8A` as bytes, `=` at a line's end joining it to the next.
    static func quotedPrintable(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        func hex(_ b: UInt8) -> UInt8? {
            switch b {
            case 0x30...0x39: return b - 0x30
            case 0x41...0x46: return b - 0x37
            case 0x61...0x66: return b - 0x57
            default: return nil
            }
        }
        while i < bytes.count {
            if bytes[i] == 0x3D {
                if i + 1 < bytes.count, bytes[i + 1] == 0x0A { i += 2; continue }
                if i + 2 < bytes.count, bytes[i + 1] == 0x0D, bytes[i + 2] == 0x0A { i += 3; continue }
                if i + 2 < bytes.count, let h = hex(bytes[i + 1]), let l = hex(bytes[i + 2]) { out.append(h << 4 | l); i += 3; continue }
            }
            out.append(bytes[i])
            i += 1
        }
        return out
    }
}
