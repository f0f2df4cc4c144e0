import CLibXML2

/// Web pages, parsed by libxml2's HTML parser (tolerant of the tag soup agencies publish).
///
/// Tables become `TableGrid`s cell by cell, spans kept, so no cell boundary is lost; a table that
/// holds other tables is page layout and is read as text. Script, style and navigation elements
/// are dropped, and the site chrome around the report (menus and breadcrumbs before its title,
/// footers after its last section) is cut by `HTMLReader.trimChrome`.
public struct HTMLReader: DocumentReader {
    public init() {}
    public var extensions: Set<String> { ["html", "htm", "xhtml", "shtml"] }

    public func read(bytes: [UInt8], path: String) throws -> Document {
        let text = try TextDecoder.decode(bytes, declared: Self.declaredCharset(bytes))
        return try Self.parse(text)
    }

    /// The `charset` a page declares in its first 4 KB (`<meta charset=gbk>`, `content="text/html; charset=gb2312"`).
    public static func declaredCharset(_ bytes: [UInt8]) -> String? {
        let head = String(decoding: bytes.prefix(4096).map { $0 < 0x80 ? $0 : 0x20 }, as: UTF8.self).lowercased()
        guard let hit = head.range(of: "charset") else { return nil }
        var rest = head[hit.upperBound...].drop { $0 == " " }
        guard rest.first == "=" else { return nil }
        rest = rest.dropFirst().drop { $0 == " " || $0 == "\"" || $0 == "'" }
        let name = rest.prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
        return name.isEmpty ? nil : String(name)
    }

    public static func parse(_ text: String) throws -> Document {
        let utf8 = Array(text.utf8)
        if utf8.isEmpty { throw DecodingError.empty }
        guard let doc = LibXML.parseHTML(utf8) else { throw HTMLError.unparsable }
        defer { xmlFreeDoc(doc) }
        var builder = BlockBuilder()
        if let root = xmlDocGetRootElement(doc) {
            builder.walk(root, depth: 0)
        }
        builder.flush()
        var blocks = trimChrome(builder.blocks)
        let hasTitle = blocks.contains { block in
            guard case .text(let text) = block else { return false }
            return text.split(separator: "\n").contains { isTitleLine(String($0)) }
        }
        if !hasTitle,
           let title = builder.title, isTitleLine(title) {
            blocks.insert(.text(title), at: 0)
        }
        return Document(blocks: blocks)
    }

    static func isTitleLine(_ line: String) -> Bool {
        line.count <= 80 && (line.has("政府信息公开") || line.has("政务公开")) && line.has("报告")
    }

    static let chromeMarkers = ["版权所有", "主办单位", "承办单位", "ICP备", "网站标识码", "打印本页", "关闭窗口", "【打印】", "分享到", "公安备案", "网站地图"]

    /// Drops the lines before the report's title (when a title line precedes the first section) and
    /// the footer lines after its last section.
    static func trimChrome(_ blocks: [Document.Block]) -> [Document.Block] {
        var lines: [(block: Int, line: String)] = []
        for (i, block) in blocks.enumerated() {
            if case .text(let text) = block {
                for line in text.split(separator: "\n") { lines.append((i, String(line))) }
            }
        }
        let firstSection = lines.firstIndex { $0.line.hasPrefix("一、") } ?? lines.count
        let titleIndex = lines[..<firstSection].lastIndex { isTitleLine($0.line) }
        let lastSection = lines.lastIndex { $0.line.hasPrefix("六、") } ?? lines.count
        let footerIndex = lastSection < lines.count
            ? lines[lastSection...].firstIndex { line in chromeMarkers.contains { line.line.has($0) } } : nil
        var linesOfBlock: [Int: [Int]] = [:]
        for (index, line) in lines.enumerated() { linesOfBlock[line.block, default: []].append(index) }
        var out: [Document.Block] = []
        for (i, block) in blocks.enumerated() {
            switch block {
            case .table:
                let start = titleIndex.map { lines[$0].block } ?? 0
                let end = footerIndex.map { lines[$0].block } ?? Int.max
                if i >= start && i <= end { out.append(block) }
            case .text:
                let kept = (linesOfBlock[i] ?? []).filter { $0 >= (titleIndex ?? 0) && $0 < (footerIndex ?? Int.max) }.map { lines[$0].line }
                if !kept.isEmpty { out.append(.text(kept.joined(separator: "\n"))) }
            }
        }
        return out
    }
}

public enum HTMLError: Error, CustomStringConvertible, Equatable {
    case unparsable
    public var description: String { "not a readable HTML page" }
}

/// Walks a libxml2 tree into text blocks and table grids.
struct BlockBuilder {
    var blocks: [Document.Block] = []
    var lines: [String] = []
    var line = ""
    var title: String?

    static let skipped: Set<String> = ["script", "style", "noscript", "template", "select", "button", "nav", "iframe", "object", "svg", "head"]
    static let blockElements: Set<String> = [
        "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "section", "article", "header",
        "footer", "blockquote", "pre", "dd", "dt", "dl", "center", "form", "address", "hr", "td", "th", "caption", "main", "aside",
    ]
    /// Deeper nesting is not a report; the parser itself already bounds depth.
    static let maxDepth = 400

    mutating func newline() {
        let trimmed = collapse(line)
        if !trimmed.isEmpty { lines.append(trimmed) }
        line = ""
    }

    mutating func flush() {
        newline()
        if !lines.isEmpty { blocks.append(.text(lines.joined(separator: "\n"))) }
        lines = []
    }

    mutating func walk(_ node: XMLNodePointer, depth: Int) {
        guard depth < Self.maxDepth else { return }
        for child in node.childNodes {
            if child.isText {
                line += child.textValue
                continue
            }
            guard child.isElement else { continue }
            let name = child.localName
            if name == "title", title == nil {
                title = collapse(Self.cellText(child))
                continue
            }
            if Self.skipped.contains(name) { continue }
            if name == "br" { newline(); continue }
            if name == "table" && !Self.containsTable(child, depth: depth) {
                flush()
                blocks.append(.table(Self.grid(child, depth: depth)))
                continue
            }
            let isBlock = Self.blockElements.contains(name) || name == "table"
            if isBlock { newline() }
            walk(child, depth: depth + 1)
            if isBlock { newline() }
        }
    }

    static func containsTable(_ node: XMLNodePointer, depth: Int) -> Bool {
        guard depth < maxDepth else { return false }
        return node.childElements.contains { $0.localName == "table" || containsTable($0, depth: depth + 1) }
    }

    /// A cell's text: its pieces joined without separators (a label wrapped by `<br>` or split over
    /// `<p>`s is one label), whitespace collapsed.
    static func cellText(_ node: XMLNodePointer, depth: Int = 0) -> String {
        guard depth < maxDepth else { return "" }
        var out = ""
        for child in node.childNodes {
            if child.isText {
                out += collapse(child.textValue)
            } else if child.isElement, !skipped.contains(child.localName) {
                out += cellText(child, depth: depth + 1)
            }
        }
        return out
    }

    static func grid(_ table: XMLNodePointer, depth: Int) -> TableGrid {
        var rows: [[TableGrid.Cell]] = []
        func collectRows(_ node: XMLNodePointer, depth: Int) {
            guard depth < maxDepth else { return }
            for child in node.childElements {
                switch child.localName {
                case "tr":
                    rows.append(child.childElements.filter { $0.localName == "td" || $0.localName == "th" }.map { cell in
                        let span = { (key: String) in min(1000, max(1, Int(cell.attribute(key)?.filter(\.isNumber) ?? "") ?? 1)) }
                        return TableGrid.Cell(cellText(cell), rowSpan: span("rowspan"), colSpan: span("colspan"))
                    })
                case "thead", "tbody", "tfoot":
                    collectRows(child, depth: depth + 1)
                default:
                    continue
                }
            }
        }
        collectRows(table, depth: depth + 1)
        return TableGrid(rows: rows)
    }
}

/// Whitespace runs (including NBSP and the ideographic space) become one space; ends trimmed.
func collapse(_ text: String) -> String {
    var out: [Unicode.Scalar] = []
    out.reserveCapacity(text.utf8.count)
    var space = false, changed = false
    for scalar in text.unicodeScalars {
        if isWhiteSpace(scalar) {
            space = !out.isEmpty
            changed = true
        } else {
            if space { out.append(" ") }
            space = false
            out.append(scalar)
        }
    }
    return changed ? String(scalars: out) : text
}

/// Unicode's White_Space property (NBSP and the ideographic space among them), as a switch: the property's lookup
/// cost more than the rest of `collapse`.
func isWhiteSpace(_ c: Unicode.Scalar) -> Bool {
    switch c.value {
    case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: return true
    default: return false
    }
}
