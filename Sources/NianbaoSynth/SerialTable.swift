import Foundation
import NianbaoKit

/// One printed table as its HTML source gives it: rows of cells in source order, each cell spanning rows and
/// columns. Every serialization starts from this, so that all of them agree on labels, spans and values.
///
/// A cell's text may hold line breaks: `"\n"` is a `<br>`, `"\n\n"` a paragraph break (`<p>…</p><p>…</p>`).
struct SerialTable {
    enum Kind: Equatable { case caption, note, header, group, label, value }

    struct Cell {
        var text: String
        var kind: Kind
        var rowspan = 1
        var colspan = 1
        /// Where the cell starts, set by `place()`.
        var row = 0
        var column = 0

        /// The text without its line breaks, as a flattening that ignores them prints it.
        var flat: String { text.replacingOccurrences(of: "\n", with: "") }
        /// The text's lines, a paragraph break giving an empty line between its paragraphs.
        var lines: [String] { text.components(separatedBy: "\n") }
        /// The text's lines without the empty ones.
        var solidLines: [String] { lines.filter { !$0.isEmpty } }
    }

    var columns: Int
    var rows: [[Cell]]
    /// Leading rows that are column headers (表三 and 表四); 表二 mixes its headers into its body.
    var headerRows: Int
    /// `slots[r][c]`: the row and index (in `rows[row]`) of the cell covering row r, column c.
    private(set) var slots: [[(row: Int, index: Int)]] = []

    init(columns: Int, rows: [[Cell]], headerRows: Int) {
        self.columns = columns
        self.rows = rows
        self.headerRows = headerRows
        place()
    }

    /// Lays the cells out as HTML does: each cell at the first free column of its row.
    mutating func place() {
        var slots = Array(repeating: Array(repeating: (row: -1, index: -1), count: columns), count: rows.count)
        for r in rows.indices {
            var c = 0
            for i in rows[r].indices {
                while c < columns && slots[r][c].row >= 0 { c += 1 }
                rows[r][i].row = r
                rows[r][i].column = c
                let cell = rows[r][i]
                for rr in r..<min(rows.count, r + cell.rowspan) {
                    for cc in c..<min(columns, c + cell.colspan) { slots[rr][cc] = (r, i) }
                }
                c += cell.colspan
            }
        }
        self.slots = slots
    }

    /// The cell covering row r, column c.
    func cell(_ r: Int, _ c: Int) -> Cell {
        let slot = slots[r][c]
        return rows[slot.row][slot.index]
    }

    /// Whether the cell covering (r, c) starts there.
    func starts(_ r: Int, _ c: Int) -> Bool {
        let cell = cell(r, c)
        return cell.row == r && cell.column == c
    }

    /// Whether (r, c) is covered by a cell starting in an earlier row, at the cell's first column: where
    /// converters that keep rows rectangular print an empty cell for a rowspan.
    func coveredFromAbove(_ r: Int, _ c: Int) -> Bool {
        let cell = cell(r, c)
        return cell.row < r && cell.column == c
    }

    /// Whether two positions belong to the same cell.
    func same(_ a: (Int, Int), _ b: (Int, Int)) -> Bool {
        slots[a.0][a.1] == slots[b.0][b.1]
    }

    /// Every cell, row by row in source order.
    var cells: [Cell] { rows.flatMap { $0 } }

    /// Applies `change` to the text of every cell of the given kinds.
    mutating func edit(_ kinds: Set<Kind>, _ change: (String) -> String) {
        for r in rows.indices {
            for i in rows[r].indices where kinds.contains(rows[r][i].kind) { rows[r][i].text = change(rows[r][i].text) }
        }
    }
}

extension Set where Element == SerialTable.Kind {
    static let words: Set<SerialTable.Kind> = [.caption, .note, .header, .group, .label]
}

// MARK: The three tables

extension SerialTable {
    /// Cells of each kind.
    static func caption(_ text: String, _ colspan: Int) -> Cell { Cell(text: text, kind: .caption, colspan: colspan) }
    static func header(_ text: String, rowspan: Int = 1, colspan: Int = 1) -> Cell {
        Cell(text: text, kind: .header, rowspan: rowspan, colspan: colspan)
    }
    static func label(_ text: String, colspan: Int = 1) -> Cell { Cell(text: text, kind: .label, colspan: colspan) }
    static func group(_ text: String, rowspan: Int, colspan: Int = 1) -> Cell {
        Cell(text: text, kind: .group, rowspan: rowspan, colspan: colspan)
    }
    static func value(_ text: String, colspan: Int = 1) -> Cell { Cell(text: text, kind: .value, colspan: colspan) }

    /// The printed labels of 表三's rows, by canonical key.
    static let t3Labels: [String: String] = {
        var labels = Dictionary(uniqueKeysWithValues: zip(Fields.t3Rows2021, Render.t3Labels))
        labels["other"] = "（六）其他处理"
        return labels
    }()
    /// The group a 表三 row belongs to under 三、本年度办理结果, by the key's prefix.
    static let t3Groups = [
        "denied": "（三）不予公开", "unable": "（四）无法提供", "not_processed": "（五）不予处理", "other": "（六）其他处理",
    ]
    static let t3Note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    static let applicantColumns = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]

    /// 表二 of the report's template; `unit` is how the amount header names its unit (`（单位：万元）`).
    static func t2(_ t: FormTables, unit: String) -> SerialTable {
        let layout = t.t2Layout
        func values(_ i: Int, spanLast: Int = 1) -> [Cell] {
            let keys = layout[i].keys
            return keys.enumerated().map { k, key in value(t.t2Text(key), colspan: k == keys.count - 1 ? spanLast : 1) }
        }
        func row(_ i: Int, spanLast: Int = 1) -> [Cell] { [label(layout[i].label)] + values(i, spanLast: spanLast) }
        var rows: [[Cell]] = []
        if t.template == .t2019 {
            let items = ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"].map { header($0) }
            rows.append([caption("第二十条第（一）项", 4)])
            rows.append(["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"].map { header($0) })
            rows += [row(0), row(1), [caption("第二十条第（五）项", 4)], items, row(2), row(3)]
            rows += [[caption("第二十条第（六）项", 4)], items, row(4), row(5)]
            rows += [[caption("第二十条第（八）项", 4)], [header("信息内容"), header("上一年项目数量"), header("本年增/减", colspan: 2)]]
            rows += [row(6, spanLast: 2), [caption("第二十条第（九）项", 4)]]
            rows += [[header("信息内容"), header("采购项目数量"), header("采购总金额" + unit, colspan: 2)], row(7, spanLast: 2)]
        } else {
            let decisions = [header("信息内容"), header("本年处理决定数量", colspan: 3)]
            rows.append([caption("第二十条第（一）项", 4)])
            rows.append(["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"].map { header($0) })
            rows += [row(0), row(1), [caption("第二十条第（五）项", 4)], decisions, row(2, spanLast: 3)]
            rows += [[caption("第二十条第（六）项", 4)], decisions, row(3, spanLast: 3), row(4, spanLast: 3)]
            rows += [[caption("第二十条第（八）项", 4)], [header("信息内容"), header("本年收费金额" + unit, colspan: 3)]]
            rows.append(row(5, spanLast: 3))
        }
        return SerialTable(columns: 4, rows: rows, headerRows: 0)
    }

    /// 表三: three label columns (三、本年度办理结果, the groups (三)–(六), the rows) and the seven applicant columns.
    static func t3(_ t: FormTables, note: Bool) -> SerialTable {
        var rows: [[Cell]] = [
            [Cell(text: note ? t3Note : "", kind: .note, rowspan: 3, colspan: 3), header("申请人情况", colspan: 7)],
            [header("自然人", rowspan: 2), header("法人或其他组织", colspan: 5), header("总计", rowspan: 2)],
            applicantColumns.map { header($0) },
        ]
        let results = Fields.t3ResultRows(in: t.t3Rows).count + 1
        for (r, key) in t.t3Rows.enumerated() {
            var row: [Cell] = []
            let prefix = key.split(separator: ".").first.map(String.init) ?? key
            if key == "granted" { row.append(group("三、本年度办理结果", rowspan: results)) }
            if key.contains("."), let name = t3Groups[prefix] {
                let members = t.t3Rows.filter { $0.hasPrefix(prefix + ".") }
                if members.first == key { row.append(group(name, rowspan: members.count)) }
                row.append(label(t3Labels[key] ?? key))
            } else {
                let top = ["new_received", "carried_over", "carried_forward"].contains(key)
                row.append(label(t3Labels[key] ?? key, colspan: top ? 3 : 2))
            }
            row += (0..<7).map { value(t.t3Text(r, $0)) }
            rows.append(row)
        }
        return SerialTable(columns: 10, rows: rows, headerRows: 3)
    }

    static let t4Parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

    /// 表四: 行政复议 and the two kinds of 行政诉讼, five columns each.
    static func t4(_ t: FormTables) -> SerialTable {
        let rows: [[Cell]] = [
            [header("行政复议", colspan: 5), header("行政诉讼", colspan: 10)],
            t4Parts.map { header($0, rowspan: 2) } + [header("未经复议直接起诉", colspan: 5), header("复议后起诉", colspan: 5)],
            (t4Parts + t4Parts).map { header($0) },
            (0..<15).map { value(t.t4Text($0)) },
        ]
        return SerialTable(columns: 15, rows: rows, headerRows: 3)
    }
}

// MARK: Line breaks inside cells

extension SerialTable {
    /// Column headers that sources print over two or three lines.
    static let splittable: Set<String> = Set(applicantColumns + t4Parts + ["自然人", "本年新制作数量", "本年新公开数量"])

    /// The table with line breaks put into cells as sources have them: two- and three-part column headers
    /// (`商业\n企业`), the group label in three (`三、本\n\n年度办\n\n理结果`), long labels in two or three.
    /// `paragraphs` breaks with paragraph breaks (`\n\n`), otherwise with `<br>`s.
    func broken(_ rng: inout SplitMix64, paragraphs: Bool) -> SerialTable {
        var out = self
        let br = paragraphs ? "\n\n" : "\n"
        let splitHeaders = rng.below(2) == 0
        let splitTop = rng.below(3) == 0
        let longest = 12 + rng.below(10)
        let labelRate = rng.below(3) == 0 ? 0.0 : 0.7
        for r in out.rows.indices {
            for i in out.rows[r].indices {
                let cell = out.rows[r][i]
                let chars = Array(cell.text)
                switch cell.kind {
                case .header where splitHeaders && cell.colspan == 1 && Self.splittable.contains(cell.text):
                    let size = cell.text.hasPrefix("本年新") ? 3 : 2
                    out.rows[r][i].text = [String(chars.prefix(size)), String(chars.dropFirst(size))]
                        .flatMap { Text.chunks(Array($0), of: chars.count == 6 ? 2 : 4) }.joined(separator: br)
                case .group where splitTop && cell.text.hasPrefix("三、"):
                    out.rows[r][i].text = Text.chunks(chars, of: 3).joined(separator: br)
                case .note, .label, .group:
                    guard chars.count > longest, rng.unit() < labelRate || cell.kind == .note else { continue }
                    out.rows[r][i].text = Text.split(chars, parts: chars.count > 2 * longest ? 3 : 2, &rng).joined(separator: br)
                default:
                    continue
                }
            }
        }
        return out
    }
}

// MARK: Text measures

/// Widths and cuts of printed text.
enum Text {
    /// Whether a scalar takes two terminal columns (East Asian Wide or Fullwidth).
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    /// Display width in terminal columns, as w3m, lynx and pandoc measure it: a CJK character takes two.
    static func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + (isWide($1) ? 2 : 1) } }

    static func width(_ c: Character) -> Int { width(String(c)) }

    /// `s` padded with spaces to display width `w`: left-aligned, right-aligned or centered.
    static func pad(_ s: String, _ w: Int, _ align: Align = .left) -> String {
        let gap = max(0, w - width(s))
        switch align {
        case .left: return s + String(repeating: " ", count: gap)
        case .right: return String(repeating: " ", count: gap) + s
        case .center: return String(repeating: " ", count: gap / 2) + s + String(repeating: " ", count: gap - gap / 2)
        }
    }

    enum Align { case left, right, center }

    static func spaces(_ n: Int) -> String { String(repeating: " ", count: max(0, n)) }

    /// Consecutive pieces of `size` characters.
    static func chunks(_ chars: [Character], of size: Int) -> [String] {
        stride(from: 0, to: chars.count, by: max(1, size)).map { String(chars[$0..<min(chars.count, $0 + size)]) }
    }

    /// `parts` pieces cut at random points, none shorter than two characters, digits never cut apart.
    static func split(_ chars: [Character], parts: Int, _ rng: inout SplitMix64) -> [String] {
        guard chars.count >= parts * 2 else { return [String(chars)] }
        var cuts: [Int] = []
        let size = chars.count / parts
        for p in 1..<parts {
            var cut = p * size + rng.below(5) - 2
            cut = min(max(cut, (cuts.last ?? 0) + 2), chars.count - 2)
            while cut > 1 && cut < chars.count && isWordy(chars[cut]) && isWordy(chars[cut - 1]) { cut += 1 }
            cuts.append(cut)
        }
        var out: [String] = []
        var start = 0
        for cut in cuts + [chars.count] where cut > start {
            out.append(String(chars[start..<cut]))
            start = cut
        }
        return out
    }

    /// Whether a character belongs to a word or number a line break may not cut: ASCII letters and digits,
    /// full-width digits, decimal points and minus signs.
    static func isWordy(_ c: Character) -> Bool {
        (c.isASCII && (c.isLetter || c.isNumber)) || ("０"..."９").contains(c) || ".．-－".contains(c)
    }

    /// Pieces of text that a line break may not cut: a run of wordy characters, or one character.
    static func tokens(_ s: String) -> [String] {
        var out: [String] = []
        for c in s {
            if isWordy(c), let last = out.last, last.allSatisfy(isWordy) {
                out[out.count - 1].append(c)
            } else {
                out.append(String(c))
            }
        }
        return out
    }

    /// Lines of at most `width` display columns, filled from the start (`fromEnd` false) or, as pandoc fills
    /// CJK text, from the end, leaving the short line first.
    static func wrap(_ s: String, width: Int, fromEnd: Bool = false, measure: (String) -> Int = Text.width) -> [String] {
        var tokens = Self.tokens(s)
        if fromEnd { tokens.reverse() }
        var lines: [[String]] = [[]]
        var used = 0
        for token in tokens {
            let w = measure(token)
            if used + w > width && !lines[lines.count - 1].isEmpty {
                lines.append([])
                used = 0
            }
            lines[lines.count - 1].append(token)
            used += w
        }
        if fromEnd { return lines.reversed().map { $0.reversed().joined() } }
        return lines.map { $0.joined() }
    }
}

extension Serialization {
    /// The report's three tables (表二, 表三, 表四) as grids of printed cells, spans kept and a cell's line breaks as
    /// `"\n"`: the same tables every shape prints, for drawing them as a page lays them out (a PDF's ruled tables).
    public static func grids(_ t: FormTables) -> [TableGrid] {
        let unit = "（单位：\(t.amountUnit == .yuan ? "元" : "万元")）"
        return [SerialTable.t2(t, unit: unit), SerialTable.t3(t, note: true), SerialTable.t4(t)].map { table in
            TableGrid(rows: table.rows.map { $0.map { TableGrid.Cell($0.text, rowSpan: $0.rowspan, colSpan: $0.colspan) } })
        }
    }
}
