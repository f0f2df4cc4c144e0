import Foundation

/// The State Council's forms as data: the rows and columns of 表二, 表三 and 表四 of each template, the words that
/// name them (the labels of `spec/fields.tsv` and the variants of `labels.tsv`, both in Resources), and the
/// identities their numbers obey (`Identity`). The table reader, the checks and the solvers all read the forms
/// from here.
///
///     let t3 = Form.table(.t3, template: .t2021)
///     t3.rows.count      // 25
///     t3.columns.count   // 7
public enum Form {
    /// One printed row of a table: where its cells go, and the words that name it. (A class: the reader passes rows
    /// around constantly, and a reference costs one count where a struct of arrays costs one per array.)
    public final class Row: Sendable {
        /// The row's key: the 表三 row key, the 表二 row name (`regulations`), or `t4` for 表四's one row.
        public let key: String
        /// The canonical keys of its cells, in printed order (表三: the row key for each of the 7 columns).
        public let cells: [String]
        /// The 表三 column of each cell (empty for 表二 and 表四).
        public let columns: [String]
        /// The label as the form prints it, without numbering (`属于国家秘密`).
        public let label: [Unicode.Scalar]
        /// Shorter words that name the row in the wild (`国家秘密`, `法律行政`), matched as parts of a label.
        public let words: [[Unicode.Scalar]]
        /// The row is named only by a whole label equal to one of its words (`总计`, `其他`).
        public let whole: Bool
        /// The characters common to its label and every word, as bits (`TableText.bloom`): a text lacking any of
        /// them holds none of its words.
        let bloom: UInt64
        /// The characters of the label, as bits: a text with others is no part of it.
        let labelBloom: UInt64
        public let width: Int

        init(key: String, cells: [String], columns: [String], label: [Unicode.Scalar], words: [[Unicode.Scalar]], whole: Bool) {
            self.key = key
            self.cells = cells
            self.columns = columns
            self.label = label
            self.words = words
            self.whole = whole
            bloom = ([label] + words).filter { !$0.isEmpty }.map { TableText.bloom($0[...]) }.reduce(~0) { $0 & $1 }
            labelBloom = TableText.bloom(label[...])
            width = cells.count
        }
    }

    public struct Table: Sendable {
        public var id: TableID
        public var template: Template
        public var rows: [Row]
    }

    // MARK: The spec files

    /// Rows of `fields.tsv`: (table, key, label, templates, unit, notes).
    struct SpecLine { var table: String, key: String, label: String, templates: [String], unit: String, notes: String }

    static let spec: [SpecLine] = (resourceLines("fields") + resourceLines("fields-2008")).map {
        SpecLine(table: $0[0], key: $0[1], label: $0[2], templates: $0[3].split(separator: ",").map(String.init),
                 unit: $0[4], notes: $0.count > 5 ? $0[5] : "")
    }
    /// A row as the form prints it, for messages people read: `三（三）1.属于国家秘密`, `一、本年新收政府信息公开申请数量`;
    /// a 表四 group (`review`, `suit_direct`) as `行政复议`, `行政诉讼 未经复议直接起诉`. An unknown key stays as it is.
    public static func label(_ table: TableID, row: String) -> String {
        labels[table.rawValue + "|" + row] ?? row
    }

    /// A 表三 column as printed: `自然人`, `商业企业` … `总计`.
    public static func columnLabel(_ column: String) -> String {
        Measures.applicantLabels[column] ?? (column == "total" ? "总计" : column)
    }

    static let labels: [String: String] = {
        var map: [String: String] = [:]
        for line in spec {
            map[line.table + "|" + line.key] = line.label
            // 表四's groups: the label of their 总计 without the column.
            if line.table == "t4", line.key.hasSuffix(".total") {
                map["t4|" + line.key.dropLast(6)] = String(line.label.dropLast(2)).trimmingCharacters(in: .whitespaces)
            }
        }
        return map
    }()

    /// Rows of `labels.tsv`: (table, key, words, match).
    static let variants: [[String]] = resourceLines("labels")

    static func resourceLines(_ name: String) -> [[String]] {
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").dropFirst().map {
            $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        }
    }

    /// A printed label without its numbering and spaces: `三（三）1.属于国家秘密` → `属于国家秘密`.
    static func bare(_ label: String) -> [Unicode.Scalar] {
        Array(TableText.stripNumbering(TableText.compact(Array(label.unicodeScalars))))
    }

    static func words(_ table: String, _ key: String) -> (words: [[Unicode.Scalar]], whole: Bool) {
        let lines = variants.filter { $0[0] == table && $0[1] == key }
        return (lines.map { Array($0[2].unicodeScalars) }, lines.contains { $0[3] == "whole" })
    }

    // MARK: Tables

    static let tables: [String: Table] = {
        var out: [String: Table] = [:]
        for template in [Template.t2019, .t2021] {
            for id in TableID.allCases { out["\(id.rawValue)|\(template.rawValue)"] = build(id, template) }
        }
        // A 2021 report printing （六） as one row: the 2019 rows.
        var oneRow = build(.t3, .t2019)
        oneRow.template = .t2021
        out["t3|2021-one-row"] = oneRow
        return out
    }()

    /// The table of a template; `otherAsOneRow` gives 表三 of the 2021 template with （六） printed as one row.
    public static func table(_ id: TableID, template: Template, otherAsOneRow: Bool = false) -> Table {
        let t: Template = template == .t2019 ? .t2019 : .t2021
        if id == .t3 && otherAsOneRow && t == .t2021 { return tables["t3|2021-one-row"]! }
        return tables["\(id.rawValue)|\(t.rawValue)"]!
    }

    static func build(_ id: TableID, _ template: Template) -> Table {
        let lines = spec.filter { $0.table == id.rawValue && $0.templates.contains(template.rawValue) }
        switch id {
        case .t3:
            let rows = Fields.t3Rows(for: template).map { key -> Row in
                let line = lines.first { $0.key == key }!
                let (w, whole) = words("t3", key)
                return Row(key: key, cells: Array(repeating: key, count: 7), columns: Fields.t3Columns,
                           label: bare(line.label), words: w, whole: whole)
            }
            return Table(id: .t3, template: template, rows: rows)
        case .t2:
            let rows = Fields.t2Layout(for: template).map { layout -> Row in
                let name = String(layout.keys[0].split(separator: ".")[0])
                let (w, whole) = words("t2", name)
                return Row(key: name, cells: layout.keys, columns: Array(repeating: "", count: layout.keys.count),
                           label: Array(layout.label.unicodeScalars), words: w, whole: whole)
            }
            return Table(id: .t2, template: template, rows: rows)
        case .t4:
            return Table(id: .t4, template: template, rows: [
                Row(key: "t4", cells: Fields.t4, columns: Array(repeating: "", count: 15), label: [], words: [], whole: false),
            ])
        case .old:
            // Read by `OldEra`, not by the table reader.
            return Table(id: .old, template: template, rows: [])
        }
    }

    /// 表二's columns of each row (by row name) with the words that name them in a header: the second part of the
    /// label in `fields.tsv` (`规章 本年制发件数` → `本年制发件数`).
    public static let t2ColumnWords: [Template: [String: [(column: String, words: [[Unicode.Scalar]], whole: Bool)]]] = {
        var out: [Template: [String: [(column: String, words: [[Unicode.Scalar]], whole: Bool)]]] = [:]
        for template in [Template.t2019, .t2021] {
            for layout in Fields.t2Layout(for: template) {
                let name = String(layout.keys[0].split(separator: ".")[0])
                out[template, default: [:]][name] = layout.keys.map { key in
                    let label = spec.first { $0.table == "t2" && $0.key == key }?.label ?? ""
                    let words = label.split(separator: " ").dropFirst().joined()
                    return (key, [Array(TableText.compact(Array(words.unicodeScalars)))], false)
                }
            }
        }
        return out
    }()

    /// The words of 表四's header (`结果维持 结果纠正 其他结果 尚未审结 总计`, `未经复议直接起诉`): printed among 表三's
    /// rows only when the text lost the heading between the two tables, and then no 表三 row's label.
    public static let t4HeaderWords: [[Unicode.Scalar]] = ["行政复议", "行政诉讼", "结果维持", "结果纠正", "其他结果", "尚未审结", "总计",
                                                           "未经复议直接起诉", "复议后起诉"].map { Array($0.unicodeScalars) }

    /// 表三's columns with the words that name them in a header.
    public static let t3ColumnWords: [(column: String, words: [[Unicode.Scalar]], whole: Bool)] = Fields.t3Columns.map { column in
        let (w, whole) = words("t3col", column)
        return (column, w, whole)
    }
}

extension Form.Row {
    /// How well a label names this row, from 0 (not at all) to 1 (its printed label).
    ///
    ///     row.match(Array("2.其他法律行政法规禁止公开".unicodeScalars))  // 1
    func match(_ compacted: ArraySlice<Unicode.Scalar>) -> Double {
        match(stripped: TableText.stripNumbering(compacted))
    }

    /// `match` of a text already without its numbering; `bloom`: the text's `TableText.bloom`, when known.
    func match(stripped text: ArraySlice<Unicode.Scalar>, bloom textBloom: UInt64? = nil) -> Double {
        if text.isEmpty { return 0 }
        if let textBloom, bloom & textBloom != bloom, text.count * 2 < label.count || text.count < 6 || textBloom & labelBloom != textBloom {
            return 0
        }
        if whole {
            return words.contains { $0.elementsEqual(text) } || label.elementsEqual(text) ? 1 : 0
        }
        if !label.isEmpty && TableText.contains(text, label) { return 1 }
        if words.contains(where: { TableText.contains(text, $0) }) { return 0.9 }
        // The rest of a label whose start was lost (cut at a page's edge, or wrapped away): a long part of it.
        if text.count >= 6, text.count * 2 >= label.count, TableText.contains(label[...], Array(text)) { return 0.6 }
        return 0
    }

    /// A looser match for a label the words did not find (characters lost or garbled in conversion): the longest
    /// common subsequence of the label and the text, over the label's length.
    func fuzzyMatch(_ compacted: ArraySlice<Unicode.Scalar>) -> Double {
        guard !whole, label.count >= 4 else { return 0 }
        let text = TableText.stripNumbering(compacted)
        guard text.count >= 3, text.count <= label.count * 3 else { return 0 }
        return Double(TableText.lcs(label, text)) / Double(label.count)
    }
}
