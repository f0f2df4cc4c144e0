import Foundation
import NianbaoKit

/// The three tables of one report as an agency prints them, in either template, drawn at random but consistent:
/// each 表三 row's applicant cells sum to its 总计, the result rows to （七）总计, 本年新收 + 上年结转 = 总计 + 结转下年度
/// per column, and each 表四 group's parts to its 总计 — except where an agency error is planted on purpose.
/// Blank cells (`nil`) count as 0 in that arithmetic, as the checks count them.
///
///     var rng = SplitMix64(seed: 7)
///     let tables = FormTables.random(&rng)
///     tables.t3Rows.count  // 25, or 23 with （六） as one row
public struct FormTables: Sendable, Equatable {
    /// How a cell the agency left empty is printed.
    public enum BlankStyle: String, Sendable, Codable, CaseIterable {
        case empty, dash, slash
        public var text: String {
            switch self {
            case .empty: return ""
            case .dash: return "—"
            case .slash: return "/"
            }
        }
    }

    public var template: Template
    /// 表三 rows as printed, in order: the template's rows, or the 2021 rows with （六） as the single row `other`.
    public var t3Rows: [String]
    /// 表二 by canonical key (`Fields.t2(for: template)`); nil is a blank cell. Amounts in 万元.
    public var t2: [String: Double?]
    /// The unit 表二's amounts are printed in (the header says which): 万元, or 元 (the value × 10,000).
    public var amountUnit: AmountUnit
    /// `t3Rows.count` rows × the 7 columns of `Fields.t3Columns`; nil is a blank cell.
    public var t3: [[Double?]]
    /// 表四 in the order of `Fields.t4`; nil is a blank cell.
    public var t4: [Double?]
    public var blankStyle: BlankStyle
    /// The cells changed on purpose so that the agency's arithmetic fails (`t3 total.natural_person`, `t4 review.total`).
    public var plantedErrors: [String]

    /// 表二's rows as printed: the label and the keys of its cells.
    public var t2Layout: [(label: String, keys: [String])] { Fields.t2Layout(for: template) }

    /// （六） is printed as one row.
    public var otherAsOneRow: Bool { t3Rows.contains("other") }

    // MARK: Printed text

    /// A number as agencies print it: integers plain, amounts with their decimals.
    public static func text(_ value: Double) -> String {
        if value == value.rounded() { return String(Int64(value)) }
        var s = String(format: "%.4f", value)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }

    /// The printed text of a 表二 cell (amounts in the printed unit).
    public func t2Text(_ key: String) -> String {
        guard let value = t2[key] ?? nil else { return blankStyle.text }
        if Fields.amountKeys.contains(key) && amountUnit == .yuan {
            // 元 with two decimals at most: the 万元 value has at most six decimals by construction.
            let yuan = (value * 10_000 * 100).rounded() / 100
            return Self.text(yuan)
        }
        return Self.text(value)
    }

    public func t3Text(_ row: Int, _ column: Int) -> String {
        t3[row][column].map(Self.text) ?? blankStyle.text
    }

    public func t4Text(_ index: Int) -> String {
        t4[index].map(Self.text) ?? blankStyle.text
    }

    // MARK: Truth

    /// Every cell the tables state, by canonical key: (table, row, column) → value (nil for a blank cell).
    /// A 2021 report printing （六） as one row has no `other.*` cells and an `other` row.
    public var cells: [(table: TableID, row: String, column: String, value: Double?)] {
        var out: [(TableID, String, String, Double?)] = []
        for key in Fields.t2(for: template) { out.append((.t2, key, "", t2[key] ?? nil)) }
        for (r, row) in t3Rows.enumerated() {
            for (c, column) in Fields.t3Columns.enumerated() { out.append((.t3, row, column, t3[r][c])) }
        }
        for (i, key) in Fields.t4.enumerated() { out.append((.t4, key, "", t4[i])) }
        return out
    }

    /// The identities the printed numbers break, as `rule:row` or `rule:column` (`t3.row_total:granted`,
    /// `t3.results_sum:total`, `t3.balance:natural_person`, `t4.group_total:review`): computed here, apart from
    /// the checker, with blanks as 0, and skipped as the checks skip them (a blank result, or every part blank).
    public var brokenIdentities: [String] {
        var broken: [String] = []
        func fails(_ result: Double?, _ parts: [Double?]) -> Bool {
            guard let result, parts.contains(where: { $0 != nil }) else { return false }
            return abs(parts.reduce(0) { $0 + ($1 ?? 0) } - result) > 1e-6
        }
        for (r, row) in t3Rows.enumerated() where fails(t3[r][6], Array(t3[r].prefix(6))) {
            broken.append("t3.row_total:\(row)")
        }
        let index = Dictionary(uniqueKeysWithValues: t3Rows.enumerated().map { ($1, $0) })
        let results = Fields.t3ResultRows(in: t3Rows).map { index[$0]! }
        for (c, column) in Fields.t3Columns.enumerated() {
            let cell = { (row: String) in self.t3[index[row]!][c] }
            let balance = [cell("new_received"), cell("carried_over"), cell("total"), cell("carried_forward")]
            if balance.allSatisfy({ $0 != nil }),
               abs(balance[0]! + balance[1]! - balance[2]! - balance[3]!) > 1e-6 {
                broken.append("t3.balance:\(column)")
            }
            if fails(cell("total"), results.map { t3[$0][c] }) { broken.append("t3.results_sum:\(column)") }
        }
        for (g, group) in Fields.t4Groups.enumerated() where fails(t4[g * 5 + 4], Array(t4[(g * 5)..<(g * 5 + 4)])) {
            broken.append("t4.group_total:\(group)")
        }
        return broken
    }

    // MARK: Random tables

    /// Random consistent tables. `errorRate` is the chance of one planted agency error; `blankRate` the chance that
    /// the report leaves its zero cells blank (as many do) instead of printing 0.
    public static func random(_ rng: inout SplitMix64, template: Template? = nil, errorRate: Double = 0.2,
                              blankRate: Double = 0.3) -> FormTables {
        let template = template ?? (rng.below(2) == 0 ? .t2019 : .t2021)
        let oneRow = template == .t2019 || rng.below(5) == 0
        let rows = oneRow ? Fields.t3Rows2019 : Fields.t3Rows2021
        let blanks = rng.unit() < blankRate
        let style = blanks ? BlankStyle.allCases[rng.below(3)] : .empty
        func count(_ scale: Int) -> Double {
            switch rng.below(10) {
            case 0..<5: return 0
            case 5..<8: return Double(rng.below(10))
            case 8: return Double(rng.below(scale))
            default: return Double(rng.below(scale * 20))
            }
        }

        // 表二
        var t2: [String: Double?] = [:]
        for key in Fields.t2(for: template) {
            if key.hasSuffix(".change") {
                t2[key] = Double(rng.below(21) - 10)
            } else if Fields.amountKeys.contains(key) {
                t2[key] = rng.below(4) == 0 ? 0 : Double(rng.below(10_000_000)) / Double([1, 100, 10_000][rng.below(3)])
            } else {
                t2[key] = count(300)
            }
        }

        // 表三: result rows drawn, then 总计, 上年结转, 结转下年度 and 本年新收 made to add up, column by column.
        let index = Dictionary(uniqueKeysWithValues: rows.enumerated().map { ($1, $0) })
        var t3 = Array(repeating: Array(repeating: 0.0, count: 7), count: rows.count)
        let results = Fields.t3ResultRows(in: rows).map { index[$0]! }
        for r in results where rng.below(3) == 0 {
            for c in 0..<6 where c == 0 || rng.below(4) == 0 { t3[r][c] = count(60) }
        }
        for c in 0..<6 {
            let handled = results.reduce(0) { $0 + t3[$1][c] }
            let carried = handled > 0 && rng.below(3) == 0 ? Double(rng.below(Int(handled) + 1)) : 0
            let forward = rng.below(4) == 0 ? Double(rng.below(8)) : 0
            t3[index["total"]!][c] = handled
            t3[index["carried_over"]!][c] = carried
            t3[index["carried_forward"]!][c] = forward
            t3[index["new_received"]!][c] = handled + forward - carried
        }
        for r in rows.indices { t3[r][6] = t3[r].prefix(6).reduce(0, +) }

        // 表四
        var t4: [Double] = []
        for _ in 0..<3 {
            let parts = (0..<4).map { _ in rng.below(3) == 0 ? Double(rng.below(12)) : 0 }
            t4 += parts + [parts.reduce(0, +)]
        }

        // One planted error: a printed 总计 that disagrees with its parts.
        var planted: [String] = []
        if rng.unit() < errorRate {
            let delta = Double(1 + rng.below(9))
            switch rng.below(3) {
            case 0:
                let r = results[rng.below(results.count)]
                t3[r][6] += delta
                planted.append("t3 \(rows[r]).total")
            case 1:
                let c = rng.below(6)
                t3[index["total"]!][c] += delta
                planted.append("t3 total.\(Fields.t3Columns[c])")
            default:
                let g = rng.below(3)
                t4[g * 5 + 4] += delta
                planted.append("t4 \(Fields.t4[g * 5 + 4])")
            }
        }

        // Blank cells: a zero left empty; some reports also leave the 总计 column of the result rows empty.
        var t3Printed = t3.map { $0.map { Optional($0) } }
        var t4Printed = t4.map { Optional($0) }
        var t2Printed = t2
        if blanks {
            for r in rows.indices { for c in 0..<7 where t3[r][c] == 0 { t3Printed[r][c] = nil } }
            for i in t4.indices where t4[i] == 0 { t4Printed[i] = nil }
            for (key, value) in t2 where value == 0 && rng.below(2) == 0 { t2Printed[key] = .some(nil) }
            if rng.below(3) == 0, planted.isEmpty {
                for r in results { t3Printed[r][6] = nil }
            }
        }
        return FormTables(template: template, t3Rows: rows, t2: t2Printed, amountUnit: rng.below(3) == 0 ? .yuan : .wanYuan,
                          t3: t3Printed, t4: t4Printed, blankStyle: style, plantedErrors: planted)
    }
}
