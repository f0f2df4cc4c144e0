import CLibXML2
import Foundation
import ZIPFoundation

public enum DOCXError: Error, CustomStringConvertible, Equatable {
    case notZip
    case noDocument
    case tooLarge(limit: Int)
    case badXML

    public var description: String {
        switch self {
        case .notZip: return "not a .docx (not a readable zip archive)"
        case .noDocument: return "not a .docx (no word/document.xml inside)"
        case .tooLarge(let limit): return "word/document.xml expands beyond \(limit >> 20) MB (zip bomb?)"
        case .badXML: return "word/document.xml is not well-formed XML"
        }
    }
}

/// Word files: `word/document.xml` out of the zip (ZIPFoundation), parsed by libxml2.
/// Paragraphs become text lines; `w:tbl` becomes a `TableGrid` with `w:gridSpan` as column span
/// and `w:vMerge` runs as row span.
public struct DOCXReader: DocumentReader {
    /// The most `word/document.xml` may expand to; the bytes are counted while inflating, so a
    /// lying size in the zip directory does not help a bomb. A report's is a few hundred KB; parsing takes about
    /// 17 times the XML's size in memory, so 16 MB keeps one file under about 300 MB.
    public var maxXMLSize: Int

    public init(maxXMLSize: Int = 16 << 20) {
        self.maxXMLSize = maxXMLSize
    }

    public var extensions: Set<String> { ["docx"] }

    public func read(bytes: [UInt8], path: String) throws -> Document {
        guard bytes.starts(with: [0x50, 0x4B]) else { throw DOCXError.notZip }
        // Read from a private temporary copy: ZIPFoundation's in-memory archive traps on some damaged zips
        // (a range check in its memory file), its file-backed one reports an error.
        let copy = Scratch.url(suffix: ".zip")
        try Data(bytes).write(to: copy)
        defer { try? FileManager.default.removeItem(at: copy) }
        guard let archive = try? Archive(url: copy, accessMode: .read) else { throw DOCXError.notZip }
        guard let entry = archive["word/document.xml"] else { throw DOCXError.noDocument }
        var xml: [UInt8] = []
        let limit = maxXMLSize
        do {
            _ = try archive.extract(entry, skipCRC32: false) { chunk in
                guard xml.count + chunk.count <= limit else { throw DOCXError.tooLarge(limit: limit) }
                xml.append(contentsOf: chunk)
            }
        } catch let error as DOCXError {
            throw error
        } catch {
            throw DOCXError.notZip
        }
        guard !xml.isEmpty, let doc = LibXML.parseXML(xml) else { throw DOCXError.badXML }
        defer { xmlFreeDoc(doc) }
        guard let root = xmlDocGetRootElement(doc), let body = root.firstChild("body") else { throw DOCXError.noDocument }
        var blocks: [Document.Block] = []
        var lines: [String] = []
        func flush() {
            if !lines.isEmpty { blocks.append(.text(lines.joined(separator: "\n"))) }
            lines = []
        }
        func walk(_ node: XMLNodePointer, depth: Int) {
            guard depth < 64 else { return }
            for child in node.childElements {
                switch child.localName {
                case "p":
                    let text = Self.paragraphText(child).trimmingCharacters(in: " ")
                    if !text.isEmpty { lines.append(text) }
                case "tbl":
                    flush()
                    blocks.append(.table(Self.grid(child)))
                default:
                    walk(child, depth: depth + 1)   // w:sdt, w:sdtContent, w:customXml …
                }
            }
        }
        walk(body, depth: 0)
        flush()
        return Document(blocks: blocks)
    }

    /// The text of a paragraph's runs: `w:t` text, `w:tab` as a space, `w:br` as a line break.
    static func paragraphText(_ node: XMLNodePointer, depth: Int = 0) -> String {
        guard depth < 64 else { return "" }
        var out = ""
        for child in node.childElements {
            switch child.localName {
            case "t": out += child.childNodes.filter(\.isText).map(\.textValue).joined()
            case "tab": out += " "
            case "br", "cr": out += "\n"
            case "deltext", "instrtext", "rpr", "ppr": continue
            default: out += paragraphText(child, depth: depth + 1)
            }
        }
        return out
    }

    static func grid(_ table: XMLNodePointer) -> TableGrid {
        var rows: [[TableGrid.Cell]] = []
        /// For each grid column, the (row, cell) that a vertical merge started there.
        var mergeStart: [Int: (row: Int, cell: Int)] = [:]
        for tr in table.childElements where tr.localName == "tr" {
            var cells: [TableGrid.Cell] = []
            var column = Int(tr.firstChild("trpr")?.firstChild("gridbefore")?.attribute("val") ?? "") ?? 0
            for tc in tr.childElements where tc.localName == "tc" {
                let properties = tc.firstChild("tcpr")
                let span = min(1000, max(1, Int(properties?.firstChild("gridspan")?.attribute("val") ?? "") ?? 1))
                let merge = properties?.firstChild("vmerge")
                if let merge, merge.attribute("val") != "restart", let start = mergeStart[column] {
                    // A continuation of the cell above: that cell spans one more row.
                    rows[start.row][start.cell].rowSpan += 1
                } else {
                    let text = tc.childElements.filter { $0.localName == "p" }
                        .map { paragraphText($0).trimmingCharacters(in: " ") }.joined()
                    if merge != nil {
                        mergeStart[column] = (rows.count, cells.count)
                    } else {
                        mergeStart[column] = nil
                    }
                    cells.append(TableGrid.Cell(text.replacingOccurrences(of: "\n", with: ""), colSpan: span))
                }
                column += span
            }
            rows.append(cells)
        }
        return TableGrid(rows: rows)
    }
}
