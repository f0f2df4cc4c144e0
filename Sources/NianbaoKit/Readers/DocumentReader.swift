import Foundation

/// Reads one file's bytes into the common document model. One type per format.
public protocol DocumentReader: Sendable {
    /// File extensions (lower case, no dot) this reader takes.
    var extensions: Set<String> { get }
    func read(bytes: [UInt8], path: String) throws -> Document
    /// The same file read another way, asked for when the first reading left cells of a form table unsettled or placed
    /// them by their spacing (a PDF's ruled tables by its words' positions, `PDFWords`); nil where the format has no
    /// other way. `ReportParser.parse(_:second:)` puts the two together cell by cell.
    func secondReading(bytes: [UInt8], path: String) throws -> Document?
}

extension DocumentReader {
    public func secondReading(bytes: [UInt8], path: String) throws -> Document? { nil }
}

/// Plain text and Markdown: decoded, then handed over as text. Tables left as raw HTML inside the text (pandoc
/// writes a table with merged cells into Markdown as an HTML `<table>`) are read as table grids, and the inline
/// tags around them are dropped.
public struct TextReader: DocumentReader {
    public init() {}
    public var extensions: Set<String> { ["txt", "md", "markdown", "text"] }

    public func read(bytes: [UInt8], path: String) throws -> Document {
        let text = try TextDecoder.decode(bytes)
        // Most text has no markup at all: looked for only when a `<` is there.
        guard bytes.contains(0x3C) else { return Document(blocks: [.text(text)]) }
        if text.range(of: "<table", options: .caseInsensitive) != nil { return Self.withHTMLTables(text) }
        if text.range(of: "</?(span|p|div|br|font|strong|b|sup|sub|u|em|a)[ >/\n]", options: [.regularExpression, .caseInsensitive]) != nil {
            return Document(blocks: [.text(Self.strippingTags(text[...]))])
        }
        return Document(blocks: [.text(text)])
    }

    static func withHTMLTables(_ text: String) -> Document {
        var blocks: [Document.Block] = []
        var rest = text[...]
        while let open = rest.range(of: "<table", options: .caseInsensitive) {
            let before = rest[..<open.lowerBound]
            if !before.isEmpty { blocks.append(.text(strippingTags(before))) }
            // The matching </table>, nested tables counted.
            var depth = 0
            var cursor = open.lowerBound
            var end = rest.endIndex
            while let tag = rest[cursor...].range(of: "<(/?)table", options: [.regularExpression, .caseInsensitive]) {
                depth += rest[tag].hasPrefix("</") ? -1 : 1
                cursor = tag.upperBound
                if depth == 0 {
                    end = rest[cursor...].firstIndex(of: ">").map { rest.index(after: $0) } ?? rest.endIndex
                    break
                }
            }
            if let document = try? HTMLReader.parse(String(rest[open.lowerBound..<end])) { blocks += document.blocks }
            rest = rest[end...]
        }
        if !rest.isEmpty { blocks.append(.text(strippingTags(rest))) }
        return Document(blocks: blocks)
    }

    /// Text without its inline HTML tags (`<span style=…>三、…</span>`) and with the common entities decoded.
    static func strippingTags(_ text: Substring) -> String {
        guard text.contains("<") || text.contains("&") else { return String(text) }
        var out = text.replacingOccurrences(of: "<[A-Za-z/!][^>]*>", with: "", options: .regularExpression)
        for (entity, character) in [("&nbsp;", "\u{00A0}"), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&amp;", "&")] {
            out = out.replacingOccurrences(of: entity, with: character)
        }
        return out
    }
}

/// A file the batch skips, with the reason a user can act on.
public struct UnsupportedFormatError: Error, CustomStringConvertible, Equatable {
    public var fileExtension: String

    public init(fileExtension: String) {
        self.fileExtension = fileExtension
    }

    public var description: String {
        switch fileExtension {
        case "": return "unsupported format: no file extension"
        default: return "unsupported format: .\(fileExtension)"
        }
    }
}

/// The readers nianbao knows, chosen by file extension.
public struct ReaderRegistry: Sendable {
    public var readers: [any DocumentReader]

    public init(readers: [any DocumentReader] = ReaderRegistry.standard()) {
        self.readers = readers
    }

    /// Every format's reader; `ocr: false` leaves a scan's pages unread.
    public static func standard(ocr: Bool = true) -> [any DocumentReader] {
        [TextReader(), HTMLReader(), MHTMLReader(), DOCXReader(), PDFReader(ocr: ocr), WordReader(), RTFReader()]
    }

    public func reader(forExtension ext: String) -> (any DocumentReader)? {
        readers.first { $0.extensions.contains(ext.lowercased()) }
    }
}
