/// A row label and the value cells printed after it, up to the next label or row break.
struct LabeledRun: Equatable {
    var label: String
    /// Cell texts: numbers, dashes, or "" for an empty cell.
    var values: [String]
    /// True when the values are digits run together (`CellToken.glued`), to be split by `DigitSolver`.
    var glued = false

    /// The run's digits for the solver, boundaries where the text kept them.
    var gluedRun: GluedRun { GluedRun(values.filter { !$0.isEmpty }.joined(separator: " ")) }
}

/// The reading of one printed row against the number of cells the template expects.
enum RowReading: Equatable {
    /// One reading per expected cell (`.blank` where the report left the cell empty).
    case complete([CellReading])
    /// Fewer printed values than cells, at positions the text does not tell.
    case short([CellReading])
}

/// Reads 表二, 表三 and 表四 out of their sections' cell streams into canonical cells.
enum TableExtractor {
    // MARK: Runs

    /// Normalises a label for matching: no spaces, no leading numbering such as `（一）`, `1.`, `3、`.
    static func key(_ label: String) -> String {
        String(label.filter { !$0.isWhitespace })
    }

    static func isValueCell(_ text: String) -> Bool {
        text.isEmpty || NumberParser.parse(text) != nil
    }

    /// Splits a cell stream into labelled runs.
    static func runs(_ tokens: [CellToken]) -> [LabeledRun] {
        var runs: [LabeledRun] = []
        var open = false
        for token in tokens {
            switch token {
            case .rowBreak:
                open = false
            case .glued(let text):
                if open {
                    runs[runs.count - 1].values.append(text)
                    runs[runs.count - 1].glued = true
                }
            case .cell(let text):
                if isValueCell(text) {
                    if open { runs[runs.count - 1].values.append(text) }
                } else {
                    runs.append(LabeledRun(label: text, values: []))
                    open = true
                }
            }
        }
        return runs
    }

    /// Reads `expected` cells from a run's value texts. Printed values (numbers and dashes) are
    /// taken in order; empty cells count as blanks only when they sit among the first `expected`
    /// cells together with every printed value.
    static func read(_ values: [String], expected: Int) -> (RowReading, extra: Bool) {
        let filled = values.indices.filter { !values[$0].isEmpty }
        let readings = values.map { NumberParser.parse($0) ?? .blank }
        if filled.count >= expected {
            return (.complete(filled.prefix(expected).map { readings[$0] }), filled.count > expected)
        }
        if values.count >= expected, filled.allSatisfy({ $0 < expected }) {
            return (.complete(Array(readings.prefix(expected))), false)
        }
        return (.short(filled.map { readings[$0] }), false)
    }

    /// The value of a reading in the cell's canonical unit (amounts in 万元).
    static func value(_ reading: CellReading, printed: String?, amount: Bool, headerUnit: AmountUnit?) -> Double? {
        guard case .number(let number, let unit) = reading else { return nil }
        guard amount else { return number }
        let effective = unit ?? headerUnit
        if effective == .yuan, let printed {
            let digits = printed.filter { $0.isNumber || $0 == "." || $0 == "-" }
            return NumberParser.toWanYuan(digits, unit: .yuan)
        }
        return number
    }

    // MARK: Template

    /// Which template the tables follow, from 表二's headers and 表三's rows.
    static func detectTemplate(t2: [CellToken], t3: [CellToken]) -> Template {
        let t2Text = t2.compactMap { if case .cell(let t) = $0 { return key(t) } else { return nil } }
        if t2Text.contains(where: { $0.has("本年制发") || $0.has("本年废止") || $0.has("现行有效") }) { return .t2021 }
        if t2Text.contains(where: { $0.has("新制作") || $0.has("上一年项目") || $0.has("集中采购") }) { return .t2019 }
        let t3Runs = runs(t3)
        if t3Runs.contains(where: { $0.label.has("不补正") || $0.label.has("缴纳费用") }) { return .t2021 }
        if t3Runs.contains(where: { key($0.label).has("其他处理") && $0.values.contains { !$0.isEmpty } }) {
            return .t2019
        }
        return .other
    }

    // MARK: 表二

    static func extractT2(_ tokens: [CellToken], template: Template, findings: inout [Finding]) -> [Cell] {
        let allRuns = runs(tokens)
        let labels = allRuns.map { key($0.label) }
        let headerUnit: AmountUnit? = labels.contains { $0.has("单位:元") || $0.has("(元)") } ? .yuan : nil
        var cells: [Cell] = []
        var used = Set<Int>()
        for row in Fields.t2Layout(for: template) {
            let index = allRuns.indices.first { i in
                !used.contains(i) && labels[i].hasSuffix(row.label)
                    && (labels[i].count <= row.label.count + 4 || allRuns[i].glued)
                    && allRuns[i].values.contains { !$0.isEmpty }
            }
            guard let index else {
                cells += row.keys.map { Cell(table: .t2, row: $0, value: nil, status: .missing) }
                findings.append(Finding(
                    rule: "parse.row_not_found", severity: .uncertain, table: "t2", row: row.keys[0],
                    message: "表二未找到“\(row.label)”行"))
                continue
            }
            used.insert(index)
            let values = allRuns[index].values
            if allRuns[index].glued {
                let run = allRuns[index].gluedRun
                let solved = DigitSolver.readings(
                    run, cells: row.keys.count,
                    signed: { Fields.signedKeys.contains(row.keys[$0]) },
                    decimal: { Fields.amountKeys.contains(row.keys[$0]) })
                let readings = solved.readings.map { reading in
                    reading.enumerated().map { i, text -> Double in
                        let unit = Fields.amountKeys.contains(row.keys[i]) ? (run.unit ?? headerUnit) : nil
                        return unit == .yuan ? NumberParser.toWanYuan(text, unit: .yuan) ?? .nan : Double(text) ?? .nan
                    }
                }
                cells += settle(readings, complete: solved.complete, table: .t2, keys: row.keys.map { ($0, "") },
                                printed: run.text, findings: &findings)
                continue
            }
            let (reading, extra) = read(values, expected: row.keys.count)
            if extra {
                findings.append(Finding(
                    rule: "parse.extra_values", severity: .uncertain, table: "t2", row: row.keys[0],
                    expected: "\(row.keys.count)", actual: "\(values.filter { !$0.isEmpty }.count)",
                    message: "表二“\(row.label)”行的数值多于栏目数，只取前\(row.keys.count)个"))
            }
            switch reading {
            case .complete(let readings):
                let printed = values.filter { !$0.isEmpty }
                for (i, key) in row.keys.enumerated() {
                    let amount = Fields.amountKeys.contains(key)
                    let text = i < printed.count ? printed[i] : nil
                    let v = value(readings[i], printed: text, amount: amount, headerUnit: headerUnit)
                    cells.append(Cell(table: .t2, row: key, value: v, status: v == nil ? .blank : .ok))
                }
            case .short(let readings):
                cells += row.keys.map { Cell(table: .t2, row: $0, value: nil, status: .missing) }
                findings.append(Finding(
                    rule: "parse.row_short", severity: .uncertain, table: "t2", row: row.keys[0],
                    expected: "\(row.keys.count)", actual: "\(readings.count)",
                    message: "表二“\(row.label)”行应有\(row.keys.count)个数值，只读到\(readings.count)个，无法确定位置"))
            }
        }
        return cells
    }

    // MARK: 表三

    /// The canonical 表三 row a label names, or nil for group labels and headers.
    /// `seen` holds the rows already read, for labels that only make sense in context (总计, 其他).
    static func t3Row(_ label: String, seen: Set<String>) -> String? {
        let k = key(label)
        let patterns: [(String, [String])] = [
            ("new_received", ["本年新收"]),
            ("carried_over", ["上年结转"]),
            ("carried_forward", ["结转下年度", "结转下一年度"]),
            ("partially_granted", ["部分公开"]),
            ("granted", ["予以公开"]),
            ("denied.state_secret", ["国家秘密"]),
            ("denied.prohibited_by_law", ["禁止公开", "法律行政"]),
            ("denied.security_stability", ["三安全", "一稳定"]),
            ("denied.third_party", ["第三方"]),
            ("denied.internal_affairs", ["内部事务"]),
            ("denied.process_info", ["过程性"]),
            ("denied.enforcement_file", ["执法案卷"]),
            ("denied.admin_query", ["行政查询"]),
            ("unable.not_held", ["不掌握"]),
            ("unable.needs_creation", ["另行制作"]),
            ("unable.unclear", ["仍不明确"]),
            ("not_processed.petition", ["信访"]),
            ("not_processed.duplicate", ["重复申请"]),
            ("not_processed.publication", ["出版物"]),
            ("not_processed.excessive", ["大量反复"]),
            ("not_processed.confirmation", ["重新出具", "确认或"]),
            ("other.no_correction", ["不补正"]),
            ("other.no_fee", ["缴纳费用", "收费通知"]),
            ("other", ["其他处理"]),
        ]
        for (row, needles) in patterns where needles.contains(where: { k.has($0) }) {
            return row
        }
        let bare = k.drop { $0.isNumber || "().、.()一二三四五六七八九十".contains($0) }
        if bare == "其他" && (seen.contains("other.no_fee") || seen.contains("other.no_correction")) { return "other.other" }
        if bare == "总计" && seen.contains(where: { $0 != "new_received" && $0 != "carried_over" }) { return "total" }
        return nil
    }

    static func extractT3(_ tokens: [CellToken], template: Template, findings: inout [Finding]) -> [Cell] {
        var rows: [String: [CellReading]] = [:]
        var shortRows: [String: [CellReading]] = [:]
        var gluedRows: [String: GluedRun] = [:]
        var seen = Set<String>()
        for run in runs(tokens) {
            guard let row = t3Row(run.label, seen: seen), !seen.contains(row) else { continue }
            // A group label (（六）其他处理 over its sub-rows) prints no cells of its own; a single
            // （六） row left entirely blank prints seven empty ones.
            if run.values.allSatisfy(\.isEmpty) && run.values.count < 7 && row == "other" { continue }
            seen.insert(row)
            if run.glued {
                gluedRows[row] = run.gluedRun
                continue
            }
            let (reading, extra) = read(run.values, expected: 7)
            if extra {
                findings.append(Finding(
                    rule: "parse.extra_values", severity: .uncertain, table: "t3", row: row,
                    expected: "7", actual: "\(run.values.filter { !$0.isEmpty }.count)",
                    message: "表三“\(row)”行的数值多于7个，只取前7个"))
            }
            switch reading {
            case .complete(let readings): rows[row] = readings
            case .short(let readings): shortRows[row] = readings
            }
        }
        var keys = Fields.t3Rows(for: template == .t2019 ? .t2019 : .t2021)
        if template != .t2019 && seen.contains("other") {
            keys.append("other")
            findings.append(Finding(
                rule: "template.other_single_row", severity: .warning, table: "t3", row: "other",
                message: "表三（六）其他处理按单行填报，未分列三个子项（2021年版格式要求分列）"))
        }
        let solved = solveT3(gluedRows, printed: rows, keys: keys, findings: &findings)
        var cells: [Cell] = []
        for row in keys {
            if let rowCells = solved[row] {
                cells += rowCells
            } else if let readings = rows[row] {
                for (i, column) in Fields.t3Columns.enumerated() {
                    let v = value(readings[i], printed: nil, amount: false, headerUnit: nil)
                    cells.append(Cell(table: .t3, row: row, column: column, value: v, status: v == nil ? .blank : .ok))
                }
            } else if let printed = shortRows[row] {
                cells += inferShortRow(row, printed: printed, findings: &findings)
            } else {
                cells += Fields.t3Columns.map { Cell(table: .t3, row: row, column: $0, value: nil, status: .missing) }
                if !(row.hasPrefix("other.") && seen.contains("other")) {
                    findings.append(Finding(
                        rule: "parse.row_not_found", severity: .uncertain, table: "t3", row: row,
                        message: "表三未找到“\(row)”行"))
                }
            }
        }
        return cells
    }

    /// A 表三 row that printed six values for seven cells: every position of the lost cell is tried,
    /// its value taken from the row identity (six applicant columns sum to 总计). Cells on which every
    /// admissible reading agrees are `inferred`; the others are `ambiguous`, with the candidates listed.
    static func inferShortRow(_ row: String, printed: [CellReading], findings: inout [Finding]) -> [Cell] {
        let numbers = printed.compactMap { r -> Double? in if case .number(let v, _) = r { return v } else { return nil } }
        guard numbers.count == 6, printed.count == 6 else {
            findings.append(Finding(
                rule: "parse.row_short", severity: .uncertain, table: "t3", row: row,
                expected: "7", actual: "\(printed.count)",
                message: "表三“\(row)”行应有7个数值，只读到\(printed.count)个，无法确定"))
            return Fields.t3Columns.map { Cell(table: .t3, row: row, column: $0, value: nil, status: .missing) }
        }
        var readings: [[Double]] = []
        for lost in 0..<7 {
            var full = numbers
            if lost == 6 {
                full.append(numbers.reduce(0, +))
            } else {
                let applicants = numbers.prefix(5).reduce(0, +)
                full.insert(numbers[5] - applicants, at: lost)
            }
            if full.allSatisfy({ $0 >= 0 }) && !readings.contains(full) { readings.append(full) }
        }
        if readings.isEmpty {
            findings.append(Finding(
                rule: "parse.row_short", severity: .uncertain, table: "t3", row: row, expected: "7", actual: "6",
                message: "表三“\(row)”行只读到6个数值，按行合计补全的各种读法都不成立"))
            return Fields.t3Columns.map { Cell(table: .t3, row: row, column: $0, value: nil, status: .missing) }
        }
        var cells: [Cell] = []
        var open: [String] = []
        for (i, column) in Fields.t3Columns.enumerated() {
            let candidates = Set(readings.map { $0[i] })
            if candidates.count == 1 {
                cells.append(Cell(table: .t3, row: row, column: column, value: candidates.first, status: .inferred))
            } else {
                cells.append(Cell(table: .t3, row: row, column: column, value: nil, status: .ambiguous))
                open.append("\(column): " + candidates.sorted().map(formatNumber).joined(separator: "|"))
            }
        }
        if open.isEmpty {
            findings.append(Finding(
                rule: "parse.row_short", severity: .warning, table: "t3", row: row, expected: "7", actual: "6",
                message: "表三“\(row)”行只印出6个数值，缺失一格；按行合计补全，各种读法结果相同"))
        } else {
            findings.append(Finding(
                rule: "parse.ambiguous", severity: .uncertain, table: "t3", row: row, expected: "7", actual: "6",
                message: "表三“\(row)”行只印出6个数值，缺失一格的位置无法确定；候选：" + open.joined(separator: "；")))
        }
        return cells
    }

    /// Splits the glued 表三 rows: each row's readings under its own total, then the whole table's
    /// column identities together (with the rows printed with their separators).
    static func solveT3(_ glued: [String: GluedRun], printed: [String: [CellReading]], keys: [String],
                        findings: inout [Finding]) -> [String: [Cell]] {
        guard !glued.isEmpty else { return [:] }
        var candidates: [String: [[Double]]] = [:]
        for (row, readings) in printed {
            candidates[row] = [readings.map { if case .number(let v, _) = $0 { return v } else { return 0 } }]
        }
        // Rows whose own search ran out of budget (or found nothing) stay out of the joint search.
        var incomplete: [String: [[Double]]] = [:]
        for (row, run) in glued {
            let solved = DigitSolver.readings(run, cells: 7, check: DigitSolver.rowTotal)
            let values = solved.readings.map { $0.map { Double($0) ?? .nan } }
            if solved.complete && !values.isEmpty { candidates[row] = values } else { incomplete[row] = values }
            if !solved.checkHeld {
                findings.append(Finding(
                    rule: "parse.glued_row_total", severity: .uncertain, table: "t3", row: row,
                    message: "表三“\(row)”行的粘连数字“\(run.text)”无论如何拆分，各类申请人之和都不等于总计"))
            }
        }
        let joint = DigitSolver.joint(candidates, resultRows: Fields.t3ResultRows(in: keys))
        var out: [String: [Cell]] = [:]
        for (row, run) in glued.sorted(by: { $0.key < $1.key }) {
            let readings = incomplete[row] ?? joint.rows[row] ?? []
            out[row] = settle(readings, complete: incomplete[row] == nil, table: .t3,
                              keys: Fields.t3Columns.map { (row, $0) }, printed: run.text, findings: &findings)
        }
        return out
    }

    /// Cells from the readings of a glued run: `split` where every reading agrees (and the search was
    /// complete), else `ambiguous`, each with an `uncertain` finding listing its candidate values.
    static func settle(_ readings: [[Double]], complete: Bool, table: TableID, keys: [(row: String, column: String)],
                       printed: String, findings: inout [Finding]) -> [Cell] {
        guard !readings.isEmpty else {
            findings.append(Finding(
                rule: "parse.glued_unreadable", severity: .uncertain, table: table.rawValue, row: keys.first?.row ?? "",
                expected: "\(keys.count)", actual: printed,
                message: "粘连数字“\(printed)”无法拆成\(keys.count)个数值"))
            return keys.map { Cell(table: table, row: $0.row, column: $0.column, value: nil, status: .missing) }
        }
        return keys.enumerated().map { i, key in
            let candidates = Set(readings.map { $0[i] })
            if complete && candidates.count == 1, let value = candidates.first, !value.isNaN {
                return Cell(table: table, row: key.row, column: key.column, value: value, status: .split)
            }
            let listed = candidates.sorted().prefix(20).map(formatNumber)
            findings.append(Finding(
                rule: "parse.ambiguous", severity: .uncertain, table: table.rawValue, row: key.row, column: key.column,
                expected: listed.joined(separator: "|"), actual: printed,
                message: "粘连数字“\(printed)”有\(readings.count)种读法合乎格式\(table == .t2 ? "" : "和表内勾稽关系")，此格无法确定"
                    + (complete ? "" : "（搜索达到上限，候选不全）") + "；候选：" + listed.joined(separator: "、")))
            return Cell(table: table, row: key.row, column: key.column, value: nil, status: .ambiguous)
        }
    }

    // MARK: 表四

    static func extractT4(_ tokens: [CellToken], findings: inout [Finding]) -> [Cell] {
        // Digits run together: the longest stretch of glued digits, split under the group sums.
        var stretches: [String] = []
        var inStretch = false
        for token in tokens {
            if case .glued(let text) = token {
                if inStretch { stretches[stretches.count - 1] += " " + text } else { stretches.append(text) }
                inStretch = true
            } else if case .cell = token {
                inStretch = false
            }
        }
        if let longest = stretches.map(GluedRun.init).max(by: { $0.atoms.count < $1.atoms.count }), longest.atoms.count >= 15 {
            let solved = DigitSolver.readings(longest, cells: 15, groupSize: 5, check: DigitSolver.rowTotal)
            return settle(solved.readings.map { $0.map { Double($0) ?? .nan } }, complete: solved.complete, table: .t4,
                          keys: Fields.t4.map { ($0, "") }, printed: longest.text, findings: &findings)
        }
        // The value row: the longest stretch of value cells (row breaks ignored) in the section.
        var best: [String] = []
        var current: [String] = []
        for token in tokens {
            guard case .cell(let text) = token else { continue }
            if isValueCell(text) {
                current.append(text)
            } else {
                if current.filter({ !$0.isEmpty }).count > best.filter({ !$0.isEmpty }).count { best = current }
                current = []
            }
        }
        if current.filter({ !$0.isEmpty }).count > best.filter({ !$0.isEmpty }).count { best = current }
        let (reading, extra) = read(best, expected: 15)
        if extra {
            findings.append(Finding(
                rule: "parse.extra_values", severity: .uncertain, table: "t4", expected: "15",
                actual: "\(best.filter { !$0.isEmpty }.count)", message: "表四的数值多于15个，只取前15个"))
        }
        guard case .complete(let readings) = reading else {
            findings.append(Finding(
                rule: "parse.row_short", severity: .uncertain, table: "t4", expected: "15",
                actual: "\(best.filter { !$0.isEmpty }.count)", message: "表四应有15个数值，读到的数目不符，无法确定位置"))
            return Fields.t4.map { Cell(table: .t4, row: $0, value: nil, status: .missing) }
        }
        return zip(Fields.t4, readings).map { key, reading in
            let v = value(reading, printed: nil, amount: false, headerUnit: nil)
            return Cell(table: .t4, row: key, value: v, status: v == nil ? .blank : .ok)
        }
    }
}

/// Formats a value as a plain number: integers without a decimal point.
///
///     formatNumber(39908)    // "39908"
///     formatNumber(6858.05)  // "6858.05"
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}
