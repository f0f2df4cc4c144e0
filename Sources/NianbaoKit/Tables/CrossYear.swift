/// The same agency's reports for the neighbouring years as evidence: numbers that carry from one year's tables to the
/// next, written once as identities whose far side is a constant taken from the neighbour.
/// - 表三: 上年结转 this year is last year's 结转下年度继续办理, column by column; 结转下年度 this year is next
///   year's 上年结转.
/// - 表二 (2021 template): 现行有效件数 is last year's plus 本年制发 minus 本年废止; next year's is this year's plus
///   next year's 本年制发 minus its 本年废止.
///
/// This is evidence, not an identity of the form (a document can also lapse, an application be withdrawn): the checks
/// report a disagreement as a warning (`cross_year.*`), and the settling decides an open row only when the evidence
/// and the form's identities leave exactly one of its readings, and that reading agrees with the evidence. Pure: the
/// pipeline supplies the reports.
///
///     let evidence = CrossYear.identities(template: .t2021, previous: CrossYear.Neighbour(year: 2022, cells: last))
public enum CrossYear {
    /// A neighbouring year's report: its year and its cells that hold values.
    public struct Neighbour: Sendable {
        public var year: Int
        public var cells: [CellKey: Double]
        public init(year: Int, cells: [CellKey: Double]) {
            self.year = year
            self.cells = cells
        }
    }

    /// An identity joining this year to a neighbour, with the words that name the neighbour's numbers.
    public struct Evidence: Sendable {
        public var identity: Identity
        public var year: Int
        /// The neighbour's numbers in words (`2022年报告的结转下年度继续办理`), for messages; `group` joins the columns of one row.
        var words: String
        var group: String
        var number: String
    }

    static let carriedRows = [("regulations", "规章"), ("normative_docs", "行政规范性文件")]

    /// The cells the checks read: 表三's carried totals and 表二's documents in force with their changes.
    static let checkedKeys: [CellKey] = [CellKey(table: .t3, row: "carried_over", column: "total"), CellKey(table: .t3, row: "carried_forward", column: "total")]
        + carriedRows.flatMap { prefix, _ in ["issued", "repealed", "in_force"].map { CellKey(table: .t2, row: "\(prefix).\($0)") } }

    /// The cells of a neighbouring year's report that `identities` reads.
    static let neighbourKeys: [CellKey] = ["carried_forward", "carried_over"].flatMap { row in Fields.t3Columns.map { CellKey(table: .t3, row: row, column: $0) } }
        + carriedRows.flatMap { prefix, _ in ["issued", "repealed", "in_force"].map { CellKey(table: .t2, row: "\(prefix).\($0)") } }

    /// The evidence the neighbours give for a report of `template`.
    public static func identities(template: Template, previous: Neighbour? = nil, next: Neighbour? = nil) -> [Evidence] {
        var out: [Evidence] = []
        let t3 = { (row: String, column: String) in CellKey(table: .t3, row: row, column: column) }
        let t2 = { (key: String) in CellKey(table: .t2, row: key) }
        if let previous {
            for column in Fields.t3Columns {
                guard let carried = previous.cells[t3("carried_forward", column)] else { continue }
                out.append(Evidence(
                    identity: Identity(rule: .crossYearCarriedOver, left: [t3("carried_over", column)], right: [], skipsOnAnyBlank: true,
                                       table: .t3, row: "carried_over", column: column, constant: carried),
                    year: previous.year, words: "\(previous.year)年报告的结转下年度继续办理", group: "t3.previous", number: formatNumber(carried)))
            }
            if template == .t2021 {
                for (prefix, label) in carriedRows {
                    guard let inForce = previous.cells[t2("\(prefix).in_force")] else { continue }
                    // in_force + repealed = issued + last year's in_force.
                    out.append(Evidence(
                        identity: Identity(rule: .crossYearInForce, left: [t2("\(prefix).in_force"), t2("\(prefix).repealed")],
                                           right: [t2("\(prefix).issued")], skipsOnAnyBlank: true,
                                           table: .t2, row: "\(prefix).in_force", column: "", constant: inForce),
                        year: previous.year, words: "\(previous.year)年报告的\(label)现行有效件数", group: "t2.previous.\(prefix)",
                        number: formatNumber(inForce)))
                }
            }
        }
        if let next {
            for column in Fields.t3Columns {
                guard let carried = next.cells[t3("carried_over", column)] else { continue }
                out.append(Evidence(
                    identity: Identity(rule: .crossYearCarriedOver, left: [t3("carried_forward", column)], right: [], skipsOnAnyBlank: true,
                                       table: .t3, row: "carried_forward", column: column, constant: carried),
                    year: next.year, words: "\(next.year)年报告的上年结转", group: "t3.next", number: formatNumber(carried)))
            }
            if template == .t2021 {
                for (prefix, label) in carriedRows {
                    guard let inForce = next.cells[t2("\(prefix).in_force")], let issued = next.cells[t2("\(prefix).issued")],
                          let repealed = next.cells[t2("\(prefix).repealed")] else { continue }
                    // Next year's in_force = this year's + next year's issued − its repealed.
                    out.append(Evidence(
                        identity: Identity(rule: .crossYearInForce, left: [t2("\(prefix).in_force")], right: [], skipsOnAnyBlank: true,
                                           table: .t2, row: "\(prefix).in_force", column: "", constant: inForce - issued + repealed),
                        year: next.year, words: "\(next.year)年报告的\(label)现行有效件数、本年制发、本年废止", group: "t2.next.\(prefix)",
                        number: [inForce, issued, repealed].map(formatNumber).joined(separator: "、")))
                }
            }
        }
        return out
    }

    /// The warnings a report earns against the year before: 上年结转总计 against last year's 结转下年度 总计, and
    /// 现行有效件数 against last year's plus 本年制发 − 本年废止. Cells not settled are not judged.
    static func check(template: Template, cells: [CellKey: Reading], previous: Neighbour) -> [Finding] {
        var findings: [Finding] = []
        for evidence in identities(template: template, previous: previous) {
            let identity = evidence.identity
            guard identity.table == .t2 || identity.column == "total",
                  let verdict = identity.evaluate({ cells[$0] ?? .unknown }), !verdict.holds else { continue }
            let constant = identity.constant ?? 0
            if identity.table == .t3 {
                let actual = formatNumber(verdict.left)
                findings.append(Finding(
                    rule: identity.rule, severity: .warning, table: "t3", row: "carried_over", column: "total",
                    expected: formatNumber(constant), actual: actual,
                    message: "表三上年结转总计\(actual)，与\(previous.year)年报告的结转下年度继续办理总计\(formatNumber(constant))不符"))
            } else {
                let prefix = String(identity.row.dropLast(".in_force".count))
                let label = carriedRows.first { $0.0 == prefix }?.1 ?? prefix
                let number = { (suffix: String) -> Double? in
                    if case .value(let v) = cells[CellKey(table: .t2, row: "\(prefix).\(suffix)")] ?? .unknown { return v }
                    return nil
                }
                let value = { (suffix: String) in number(suffix).map(formatNumber) ?? "" }
                let expected = formatNumber(constant + (number("issued") ?? 0) - (number("repealed") ?? 0))
                findings.append(Finding(
                    rule: identity.rule, severity: .warning, table: "t2", row: identity.row, column: "",
                    expected: expected, actual: value("in_force"),
                    message: "表二\(label)现行有效件数\(value("in_force"))，不等于\(previous.year)年报告的现行有效件数\(formatNumber(constant))"
                        + "加本年制发\(value("issued"))减本年废止\(value("repealed"))"))
            }
        }
        return findings
    }

    /// What the neighbours settle of a report's open rows: the cells decided (status `inferred`, placed
    /// `cross_year`), a `parse.cross_year` finding per row naming the numbers used, and the rows decided.
    /// `cells`: the report's cells as they stand.
    public static func settle(template: Template, cells: [Cell], open: [OpenRow], previous: Neighbour?, next: Neighbour?)
        -> (cells: [Cell], findings: [Finding], settled: [Int]) {
        let evidence = identities(template: template, previous: previous, next: next)
        let openKeys = Set(open.flatMap(\.cells))
        guard evidence.contains(where: { e in (e.identity.left + e.identity.right).contains(where: openKeys.contains) }) else { return ([], [], []) }
        var fixed: [CellKey: Reading] = [:]
        for cell in cells where !openKeys.contains(CellKey(cell)) {
            switch cell.status {
            case .missing, .ambiguous: continue
            case .blank: fixed[CellKey(cell)] = .blank
            default: if let v = cell.value { fixed[CellKey(cell)] = .value(v) }
            }
        }
        // The form's identities for the 表三 rows the report printed.
        var t3Rows: [String] = []
        for cell in cells where cell.table == .t3 && cell.status != .missing && t3Rows.last != cell.row && !t3Rows.contains(cell.row) {
            t3Rows.append(cell.row)
        }
        let form = Identity.all(template: template == .t2019 ? .t2019 : .t2021, t3Rows: t3Rows.isEmpty ? nil : t3Rows)
        var rows: [String: [[Reading]]] = [:], keys: [String: [CellKey]] = [:]
        for (i, row) in open.enumerated() {
            rows["\(i)"] = row.readings.map { $0.map { $0.map(Reading.value) ?? .blank } }
            keys["\(i)"] = row.cells
        }
        let with = Solver.narrow(rows, keys: keys, identities: form + evidence.map(\.identity), fixed: fixed)
        guard with.complete else { return ([], [], []) }
        let without = Solver.narrow(rows, keys: keys, identities: form, fixed: fixed)
        let decided = open.indices.filter { with.rows["\($0)"]?.count == 1 && rows["\($0)"]!.count > 1 }
        guard !decided.isEmpty else { return ([], [], []) }
        // The decision must agree with the evidence, not merely break the least of it.
        var value = fixed
        for i in decided { for (k, r) in zip(open[i].cells, with.rows["\(i)"]![0]) { value[k] = r } }
        let touched = Set(decided.flatMap { open[$0].cells })
        let used = evidence.filter { e in (e.identity.left + e.identity.right).contains(where: touched.contains) }
        guard used.allSatisfy({ $0.identity.evaluate({ value[$0] ?? .unknown })?.holds != false }) else { return ([], [], []) }

        var out: [Cell] = []
        var findings: [Finding] = []
        var words: [String: (words: String, numbers: [String])] = [:]
        var order: [String] = []
        for e in used {
            if words[e.group] == nil { order.append(e.group); words[e.group] = (e.words, []) }
            words[e.group]!.numbers.append(e.number)
        }
        let evidenceText = order.map { "\(words[$0]!.words)（\(words[$0]!.numbers.joined(separator: "、"))）" }.joined(separator: "、")
        for i in decided {
            let byEvidence = without.rows["\(i)"]?.count != 1
            let reading = with.rows["\(i)"]![0]
            for (key, r) in zip(open[i].cells, reading) {
                let v: Double? = if case .value(let x) = r { x } else { nil }
                out.append(Cell(table: key.table, row: key.row, column: key.column, value: v, status: v == nil ? .blank : byEvidence ? .inferred : .split,
                                via: byEvidence ? .crossYear : .arithmetic))
            }
            guard byEvidence else { continue }
            let first = open[i].cells[0]
            let name = first.table == .t2 ? "表二" : first.table == .t3 ? "表三" : "表四"
            let label = Form.table(first.table, template: template == .t2019 ? .t2019 : .t2021).rows.first { $0.cells.contains(first.row) }
                .map { String(scalars: $0.label) } ?? first.row
            findings.append(Finding(
                rule: .parseCrossYear, severity: .warning, table: first.table.rawValue, row: first.row,
                expected: reading.map { if case .value(let x) = $0 { formatNumber(x) } else { "" } }.joined(separator: "|"), actual: open[i].printed,
                message: "\(name)“\(label)”行“\(open[i].printed)”有\(open[i].readings.count)种读法；按\(evidenceText)与表内勾稽关系只剩一种，"
                    + "据此确定（跨年推定，非表内勾稽关系）"))
        }
        return (out, findings, decided)
    }
}
