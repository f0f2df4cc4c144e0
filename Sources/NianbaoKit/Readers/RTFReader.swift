import Foundation

/// Why an RTF file could not be read.
public enum RTFError: Error, CustomStringConvertible, Equatable {
    case notRTF
    case toolMissing
    case timedOut(seconds: Int)
    case toolFailed(status: Int32)

    public var description: String {
        switch self {
        case .notRTF: return "not an RTF document (no {\\rtf header)"
        case .toolMissing: return "unrtf not found — install unrtf (apt-get install unrtf) to read .rtf files"
        case .timedOut(let s): return "unrtf gave no result within \(s) s"
        case .toolFailed(let status): return "unrtf could not read the document (exit status \(status))"
        }
    }
}

/// Rich Text Format files (what WordPad and some office suites save), through GNU `unrtf --html` (Debian package
/// `unrtf`; its `--text` mode turns Chinese into `?`). Its HTML is not read as a page: unrtf writes a cell's text
/// written as character references before the cell's `<td>`, and a row's first cell before its `<tr>`, so an HTML
/// parser would put labels outside their rows. The output is read as what it is, a stream: a cell is the text since
/// the last cell or row ended, up to the `</td>` that ends it; a row ends at `</tr>`.
public struct RTFReader: DocumentReader {
    public var timeout: Int
    public var executable: String?

    public init(timeout: Int = 30, executable: String? = nil) {
        self.timeout = timeout
        self.executable = executable
    }

    public var extensions: Set<String> { ["rtf"] }

    public func read(bytes: [UInt8], path: String) throws -> Document {
        guard bytes.prefix(16).starts(with: Array("{\\rtf".utf8)) else { throw RTFError.notRTF }
        guard let tool = executable ?? ExternalTool.find("unrtf"), FileManager.default.isExecutableFile(atPath: tool) else {
            throw RTFError.toolMissing
        }
        let html: Data
        do {
            html = try ExternalTool.run(tool, bytes: bytes, inputName: "in.rtf", timeout: timeout, outputIsStdout: true) { input, _ in
                ["--html", input]
            }
        } catch ExternalTool.Failure.timedOut {
            throw RTFError.timedOut(seconds: timeout)
        } catch ExternalTool.Failure.failed(let status) {
            throw RTFError.toolFailed(status: status)
        }
        return Self.document(fromUnrtf: String(decoding: html, as: UTF8.self))
    }

    static func document(fromUnrtf html: String) -> Document {
        var blocks: [Document.Block] = []
        var text = ""          // text outside tables, or of the cell being read
        var row: [TableGrid.Cell] = []
        var rows: [[TableGrid.Cell]] = []
        var inTable = false
        func flushText() {
            let lines = text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            if !lines.isEmpty { blocks.append(.text(lines.joined(separator: "\n"))) }
            text = ""
        }
        var rest = html[...]
        // The body only: unrtf sometimes writes the first paragraph before `<body>`, after the head's comments.
        if let head = rest.range(of: "<!--font table") { rest = rest[head.lowerBound...] }
        while !rest.isEmpty {
            guard let open = rest.firstIndex(of: "<") else { text += decodeEntities(rest); break }
            text += decodeEntities(rest[..<open])
            guard let close = rest[open...].firstIndex(of: ">") else { break }
            let tag = rest[rest.index(after: open)..<close].lowercased()
            let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" && tag.first != "/" }).first.map(String.init) ?? ""
            rest = rest[rest.index(after: close)...]
            switch name {
            case "table":
                flushText()
                inTable = true
                rows = []; row = []
            case "/td" where inTable:
                row.append(TableGrid.Cell(text.replacingOccurrences(of: "\n", with: "").trimmingCharacters(in: .whitespaces)))
                text = ""
            case "/tr" where inTable:
                if !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                    row.append(TableGrid.Cell(text.replacingOccurrences(of: "\n", with: "").trimmingCharacters(in: .whitespaces)))
                }
                if !row.isEmpty { rows.append(row) }
                row = []; text = ""
            case "/table" where inTable:
                if !row.isEmpty { rows.append(row) }
                if !rows.isEmpty { blocks.append(.table(TableGrid(rows: rows))) }
                inTable = false
                text = ""
            case "br", "/p", "p":
                if !inTable { text += "\n" }
            case _ where tag.hasPrefix("!--") && !tag.hasSuffix("--"):
                // A comment with a `>` inside: skip to its end.
                if let end = rest.range(of: "-->") { rest = rest[end.upperBound...] }
            default:
                continue
            }
        }
        flushText()
        return Document(blocks: blocks)
    }

    /// `&#27979;`, `&#x4E00;`, `&amp;` `&lt;` `&gt;` `&quot;` `&nbsp;` as characters.
    static func decodeEntities(_ s: Substring) -> String {
        guard s.contains("&") else { return String(s) }
        var out = ""
        var i = s.startIndex
        while i < s.endIndex {
            if s[i] == "&", let semicolon = s[i...].prefix(12).firstIndex(of: ";") {
                let body = s[s.index(after: i)..<semicolon]
                var scalar: Unicode.Scalar?
                if body.hasPrefix("#x") || body.hasPrefix("#X") { scalar = UInt32(body.dropFirst(2), radix: 16).flatMap(Unicode.Scalar.init) }
                else if body.hasPrefix("#") { scalar = UInt32(body.dropFirst()).flatMap(Unicode.Scalar.init) }
                else { scalar = ["amp": "&", "lt": "<", "gt": ">", "quot": "\"", "nbsp": " ", "apos": "'"][String(body)].flatMap { $0.unicodeScalars.first } }
                if let scalar {
                    out.unicodeScalars.append(scalar)
                    i = s.index(after: semicolon)
                    continue
                }
            }
            out.append(s[i])
            i = s.index(after: i)
        }
        return out
    }
}
