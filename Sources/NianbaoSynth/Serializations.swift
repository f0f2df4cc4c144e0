import Foundation
import NianbaoKit

/// The shapes a report's tables reach users in: what converters and copy-paste make of a web page, a Word file
/// or a PDF. `render` prints a whole report (title, the six sections, 表二 三 四, signature) from `FormTables`,
/// in-process and deterministic for a seed, as the real converters print it (their outputs of real reports are
/// in `shared/zoo`). Every printed value is `FormTables.t2Text`/`t3Text`/`t4Text`, its blanks included.
///
///     var rng = SplitMix64(seed: 1)
///     let tables = FormTables.random(&rng)
///     let text = Serialization.render(tables, as: .boxDrawing, rng: &rng)
public enum Serialization: String, CaseIterable, Sendable {
    /// `label | v | v |` rows in source order (a group label on the first row of its group only): with a
    /// trailing pipe, with outer pipes, without, or padded with pipes to the table's width (`0 | ||`).
    case pipeRows
    /// pandoc's gfm pipe tables: a header row of empty cells and a `|---|` rule, the cells padded by display
    /// width; a rowspan leaves empty cells below it (or, a variant, its label repeated in every row it spans),
    /// a colspan empty cells to its right, so every row has the table's cell count.
    case markdown
    /// pandoc's gfm where a cell breaks lines: such a table is raw `<table>` HTML (`<td colspan rowspan>`,
    /// `<p>` paragraphs, `<br />`), the others pipe tables; headings may be raw `<span>`s.
    case markdownHTML
    /// pandoc grid tables (`+----+`, `|` cells, `+====+` under a header row): every row the table's cell
    /// count, cells wrapped within their column (pandoc fills CJK lines from the end: `（二）部` / `分公开（…`),
    /// paragraphs as blank lines inside the cell.
    case gridTable
    /// w3m's box drawing (│ ─ ┼ ├ ┤ ┌ ┐ └ ┘ ┬ ┴): spanning cells drawn whole, their text vertically centered
    /// (a group label on a rule line mid-group), cells padded by display width, left-aligned or centered.
    case boxDrawing
    /// pandoc plain's simple tables: columns aligned by display width under and over a `---- ----` rule whose
    /// dashes give each column's width, blank and spanned cells as spaces.
    case spaceAligned
    /// `pdftotext -layout` of a PDF: columns aligned by character index (a CJK character one column), values
    /// right- or left-aligned, long labels wrapped with the values on the first, last or a line of their own,
    /// group labels floating mid-group or beside a row, headers split over lines, a page break in 表三.
    case pdfLayout
    /// `pdftotext -raw`: `label v v v` rows single-space separated, blank cells gone, wrapped labels, the group
    /// label one character per line, headers one piece per line.
    case pdfRaw
    /// `pdftotext`'s default mode: each cell on its own line, blocks of rows listed column by column, their
    /// labels in a block apart (before, after, or later), blank cells gone.
    case pdfStacked
    /// lynx -dump: one cell per line, centered, a blank line between cells and one more for each empty cell.
    case lynx
    /// LibreOffice's text export: one cell per line, an empty cell a line holding one U+00A0, a cell covered by
    /// a rowspan an empty line, a group label once.
    case loText
    /// Tab-separated rows as Word's copy-paste gives them: a group label on the first row of its group, an empty
    /// field below it; colspans as empty fields or not.
    case tabRows
    /// One cell per line ending in ` |`, a blank line between rows (copied from a web page).
    case cellPerLine
    /// A crawl's text: a whole table on one line, labels and digits run together (`（七）总计630020469`).
    case glued

    /// Whether a cell printed empty (blank style `.empty`) can leave no trace: nothing printed and no column to
    /// place it by, so a parser can at best flag its row.
    public var dropsEmptyCells: Bool { [.glued, .pdfRaw, .pdfStacked].contains(self) }

    /// Departures from the template's plain text that real reports show. Each one allowed may or may not be
    /// applied to a report (at random); `hard` are those a parser may fairly fail on.
    public struct Quirks: OptionSet, Sendable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }

        /// Kangxi radicals for some characters of the labels (`⼀` U+2F00 for 一, `⼈` U+2F08, `⾏` U+2F8F, …).
        public static let kangxi = Quirks(rawValue: 1 << 0)
        /// Full-width digits in the values (`１２．５`).
        public static let fullWidthDigits = Quirks(rawValue: 1 << 1)
        /// U+3000 padding: labels indented `　　`, values padded (copy-paste and web shapes).
        public static let ideographicSpace = Quirks(rawValue: 1 << 2)
        /// `1、` or `1．` for the numbering of sub-rows instead of `1.`.
        public static let numbering = Quirks(rawValue: 1 << 3)
        /// ASCII parentheses and punctuation in the labels: `(一)予以公开`, `,`, `:`.
        public static let asciiPunctuation = Quirks(rawValue: 1 << 4)
        /// A space inside some labels (`情 形`, `自 然人`).
        public static let spacedLabels = Quirks(rawValue: 1 << 5)
        /// A page marker (`-3-`, `- 4 -`, `— 3 —`, a browser's footer and header) and a form feed inside 表三,
        /// the columns shifted after it (PDF shapes).
        public static let pageBreaks = Quirks(rawValue: 1 << 6)
        /// Group labels put one character (or piece) on each of the group's row lines, ahead of the rows' own
        /// labels, as `pdftotext -layout` prints vertical text (PDF shapes). Hard.
        public static let labelsOnRowLines = Quirks(rawValue: 1 << 7)
        /// A wrapped label's first value on its first line and the others on its last; a row's numbering (`5.`)
        /// apart from its label (PDF shapes). Hard.
        public static let splitValues = Quirks(rawValue: 1 << 8)
        /// A run of empty cells adding a single blank line in all (lynx on bare `&nbsp;` cells), and empty
        /// cells as empty lines in the LibreOffice export: which cells were empty is lost. Hard.
        public static let collapsedBlanks = Quirks(rawValue: 1 << 9)

        public static let all = Quirks(rawValue: (1 << 10) - 1)
        public static let hard: Quirks = [.labelsOnRowLines, .splitValues, .collapsedBlanks]
        public static let ordinary: Quirks = all.subtracting(hard)
    }

    /// The report printed in `shape`, any quirk allowed.
    public static func render(_ tables: FormTables, as shape: Serialization, rng: inout SplitMix64) -> String {
        render(tables, as: shape, quirks: .all, rng: &rng)
    }

    /// A report of random tables (`FormTables.random`) printed in `shape`, the same for the same seed.
    public static func sample(seed: UInt64, as shape: Serialization, quirks: Quirks = .all) -> String {
        var rng = SplitMix64(seed: seed)
        let tables = FormTables.random(&rng)
        return render(tables, as: shape, quirks: quirks, rng: &rng)
    }

    /// The report printed in `shape`, with some of the `quirks` allowed (each drawn at random).
    public static func render(_ tables: FormTables, as shape: Serialization, quirks: Quirks,
                              rng: inout SplitMix64) -> String {
        var report = SerialReport(tables, shape: shape, allowed: quirks, rng: &rng)
        return report.text(&rng)
    }
}

// MARK: The report around the tables

/// One report to print: its words, its three tables (quirks applied) and the quirks drawn for it.
struct SerialReport {
    enum Block { case title(String), heading(String), text(String), table(Int) }

    var shape: Serialization
    var quirks: Serialization.Quirks
    var tables: [SerialTable]
    var blocks: [Block]

    static let counties = ["清河县", "安远县", "永和县", "德化县", "宁陵县", "平山县", "石门县", "新兴县", "东乡区", "南湖区"]

    init(_ t: FormTables, shape: Serialization, allowed: Serialization.Quirks, rng: inout SplitMix64) {
        self.shape = shape
        var quirks: Serialization.Quirks = []
        for bit in 0..<10 {
            let quirk = Serialization.Quirks(rawValue: 1 << bit)
            let rate = quirk == .pageBreaks ? 0.7 : 0.25
            if allowed.contains(quirk) && rng.unit() < rate { quirks.insert(quirk) }
        }
        self.quirks = quirks
        let agency = Self.counties[rng.below(Self.counties.count)] + "人民政府"
        let year = t.template == .t2019 ? 2019 + rng.below(2) : 2021 + rng.below(4)
        let unitName = t.amountUnit == .yuan ? "元" : "万元"
        let unit = rng.below(3) == 0 ? "（\(unitName)）" : "（单位：\(unitName)）"
        tables = [SerialTable.t2(t, unit: unit), SerialTable.t3(t, note: rng.below(5) != 0), SerialTable.t4(t)]
        let received = t.t3[0][6].map(FormTables.text) ?? "0"
        let active = 100 + rng.below(5000)
        blocks = [
            .title("\(agency)\(year)年政府信息公开工作年度报告"),
            .heading("一、总体情况"),
            .text("\(year)年，\(agency)认真贯彻落实《中华人民共和国政府信息公开条例》，全年主动公开政府信息\(active)条，"
                + "收到政府信息公开申请\(received)件，均按时答复。"),
            .heading("二、主动公开政府信息情况"), .table(0),
            .heading("三、收到和处理政府信息公开申请情况"), .table(1),
            .heading("四、政府信息公开行政复议、行政诉讼情况"), .table(2),
            .heading("五、存在的主要问题及改进情况"),
            .text("一是政策解读形式不够丰富；二是信息公开的及时性有待提高。下一步，我们将加强业务培训，提升公开质量。"),
            .heading("六、其他需要报告的事项"), .text("无。"),
            .text(agency), .text("\(year + 1)年1月\(10 + rng.below(18))日"),
        ]
        for i in tables.indices { decorate(&tables[i], &rng) }
    }

    /// The quirks drawn for the report, applied to a table's words and values.
    func decorate(_ table: inout SerialTable, _ rng: inout SplitMix64) {
        if quirks.contains(.numbering) {
            let mark = rng.below(3) == 0 ? "．" : "、"
            table.edit([.label]) { text in
                guard let first = text.first, first.isNumber, text.dropFirst().first == "." else { return text }
                return String(first) + mark + text.dropFirst(2)
            }
        }
        if quirks.contains(.asciiPunctuation) {
            let ascii: [Character: Character] = ["（": "(", "）": ")", "，": ",", "：": ":"]
            table.edit(.words) { String($0.map { ascii[$0] ?? $0 }) }
        }
        if quirks.contains(.kangxi) {
            let radicals: [(Character, Character)] = [
                ("一", "⼀"), ("人", "⼈"), ("行", "⾏"), ("工", "⼯"), ("大", "⼤"), ("无", "⽆"), ("方", "⽅"), ("用", "⽤"),
                ("入", "⼊"), ("力", "⼒"), ("子", "⼦"), ("文", "⽂"), ("金", "⾦"), ("高", "⾼"), ("言", "⾔"),
            ]
            // A PDF's font maps a character to the radical everywhere or nowhere.
            let chosen = Dictionary(uniqueKeysWithValues: radicals.filter { _ in rng.below(3) != 0 })
            table.edit([.note, .header, .group, .label]) { String($0.map { chosen[$0] ?? $0 }) }
        }
        if quirks.contains(.spacedLabels) {
            for _ in 0..<(1 + rng.below(4)) {
                let r = rng.below(table.rows.count), i = rng.below(table.rows[r].count)
                let cell = table.rows[r][i]
                guard cell.kind != .value, cell.text.count >= 3, !cell.text.contains("\n") else { continue }
                var chars = Array(cell.text)
                chars.insert(" ", at: 1 + rng.below(chars.count - 1))
                table.rows[r][i].text = String(chars)
            }
        }
        if quirks.contains(.fullWidthDigits) {
            table.edit([.value]) { text in
                String(text.unicodeScalars.map { s -> Character in
                    switch s {
                    case "0"..."9": return Character(Unicode.Scalar(s.value + 0xFEE0)!)
                    case ".": return "．"
                    case "-": return "－"
                    default: return Character(s)
                    }
                })
            }
        }
        let padded: Set<Serialization> = [.pipeRows, .tabRows, .cellPerLine, .loText, .lynx, .markdown]
        if quirks.contains(.ideographicSpace) && padded.contains(shape) {
            table.edit([.label]) { "　　" + $0 }
            table.edit([.value]) { $0.isEmpty ? "　" : $0 + "　" }
        }
    }

    /// The whole report in its shape.
    mutating func text(_ rng: inout SplitMix64) -> String {
        switch shape {
        case .pipeRows:
            let variant = rng.below(4)
            return plain(&rng) { t, _ in Flat.pipeRows(t, variant: variant) }
        case .tabRows:
            let dense = rng.below(2) == 0
            return plain(&rng) { t, _ in Flat.tabRows(t, dense: dense) }
        case .cellPerLine:
            let variant = rng.below(3)
            return plain(&rng) { t, _ in Flat.cellPerLine(t, variant: variant) }
        case .loText:
            let collapsed = quirks.contains(.collapsedBlanks)
            return plain(&rng) { t, rng in Flat.loText(t.broken(&rng, paragraphs: true), emptyLines: collapsed, &rng) }
        case .glued: return glued(&rng)
        case .lynx: return lynx(&rng)
        case .markdown, .markdownHTML: return markdown(&rng)
        case .gridTable, .spaceAligned: return pandocPlain(&rng)
        case .boxDrawing: return w3m(&rng)
        case .pdfLayout, .pdfRaw, .pdfStacked: return pdf(&rng)
        }
    }

    /// Every block on its own lines, no blank lines: the copy-paste shapes and LibreOffice's text export.
    func plain(_ rng: inout SplitMix64, _ table: (SerialTable, inout SplitMix64) -> [String]) -> String {
        var lines: [String] = []
        for block in blocks {
            switch block {
            case .title(let s), .heading(let s), .text(let s): lines.append(s)
            case .table(let i): lines += table(tables[i], &rng)
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A crawl's text: each section on one line, or the whole page on one.
    func glued(_ rng: inout SplitMix64) -> String {
        let onePage = rng.below(2) == 0
        let spacing = [0.0, 0.05, 0.2][rng.below(3)]
        var out = ""
        for block in blocks {
            switch block {
            case .title(let s): out += s + (onePage ? " " : "\n")
            case .heading(let s): out += (onePage || out.hasSuffix("\n") || out.isEmpty ? "" : "\n") + s
            case .text(let s): out += s
            case .table(let i): out += Flat.glued(tables[i], spacing: spacing, &rng)
            }
        }
        return out + "\n"
    }
}

// MARK: Copy-paste shapes

/// The shapes that keep a table's cells in source order: copy-paste from web pages and Word, LibreOffice's
/// text export, a crawl's glued text.
enum Flat {
    /// `label | v | v |` rows: 0 a trailing pipe, 1 outer pipes, 2 none, 3 padded with pipes to the width.
    static func pipeRows(_ t: SerialTable, variant: Int) -> [String] {
        t.rows.map { row in
            let body = row.map(\.flat).joined(separator: " | ")
            switch variant {
            case 0: return body + " |"
            case 1: return "| " + body + " |"
            case 2: return body
            default: return body + " | " + String(repeating: "|", count: max(0, t.columns - row.count))
            }
        }
    }

    /// Tab-separated rows: an empty field where a rowspan covers the row; `dense` also for colspans.
    static func tabRows(_ t: SerialTable, dense: Bool) -> [String] {
        t.rows.indices.map { r in
            var fields: [String] = []
            for c in 0..<t.columns {
                if t.starts(r, c) {
                    fields.append(t.cell(r, c).flat)
                } else if dense || t.coveredFromAbove(r, c) {
                    fields.append("")
                }
            }
            return fields.joined(separator: "\t")
        }
    }

    /// One cell per line ending in ` |`, a blank line after each row: 0 plain, 1 a lone `|` for a cell
    /// covered by a rowspan, 2 the row's last line padded with pipes to the table's width.
    static func cellPerLine(_ t: SerialTable, variant: Int) -> [String] {
        var lines: [String] = []
        for (r, row) in t.rows.enumerated() {
            for c in 0..<t.columns where variant == 1 && t.coveredFromAbove(r, c) { lines.append("|") }
            lines += row.map { $0.flat + " |" }
            if variant == 2 { lines[lines.count - 1] += " " + String(repeating: "|", count: max(0, t.columns - row.count)) }
            lines.append("")
        }
        return lines
    }

    /// LibreOffice's text export: each cell's lines, an empty cell a line holding U+00A0 (an empty line with
    /// `emptyLines`), an empty line for each cell a rowspan covers; a broken cell's later lines sometimes
    /// trail ` \u{A0} \u{A0}…` (the source's indentation).
    static func loText(_ t: SerialTable, emptyLines: Bool, _ rng: inout SplitMix64) -> [String] {
        let trail = rng.below(2) == 0 ? String(repeating: " \u{A0}", count: 8) : ""
        var lines: [String] = []
        for r in t.rows.indices {
            for c in 0..<t.columns {
                if t.starts(r, c) {
                    let parts = t.cell(r, c).solidLines
                    if parts.isEmpty { lines.append(emptyLines ? "" : "\u{A0}"); continue }
                    lines += parts.enumerated().map { $0 == 0 ? $1 : $1 + trail }
                } else if t.coveredFromAbove(r, c) {
                    lines.append("")
                }
            }
        }
        return lines
    }

    /// A table on one line: words and digits run together, now and then a space between two cells, the group
    /// label sometimes repeated before a later group (as some pages print it).
    static func glued(_ t: SerialTable, spacing: Double, _ rng: inout SplitMix64) -> String {
        var out = ""
        let repeatTop = rng.below(4) == 0
        for cell in t.cells {
            if repeatTop && cell.kind == .group && cell.flat.contains("无法提供") { out += "三、本年度办理结果" }
            if !out.isEmpty && rng.unit() < spacing { out += " " }
            out += cell.flat
        }
        return out
    }
}
