import Foundation
import Testing
@testable import NianbaoKit

/// The glued-digit solver on its own, and on whole reports whose tables lost every separator.
@Suite struct SolverTests {
    func rowReadings(_ text: String) -> DigitSolver.Result {
        DigitSolver.readings(GluedRun(text), cells: 7, check: DigitSolver.rowTotal)
    }

    @Test func aUniqueSplit() {
        // 64 + 0 + 0 + 2 + 0 + 4 = 70 is the only reading in which six cells sum to the seventh
        // without leading zeros.
        let result = rowReadings("640020470")
        #expect(result.readings == [["64", "0", "0", "2", "0", "4", "70"]])
        #expect(result.complete && result.checkHeld)
        #expect(rowReadings("1000001").readings == [["1", "0", "0", "0", "0", "0", "1"]])
    }

    @Test func anAmbiguousSplitListsEveryReading() {
        // Three cells with no arithmetic between them: 693665 has ten readings without leading zeros.
        let result = DigitSolver.readings(GluedRun("693665"), cells: 3)
        #expect(result.readings.count == 10)
        #expect(result.readings.contains(["69", "3", "665"]))
        #expect(result.readings.contains(["6", "93", "665"]))
        #expect(!result.readings.contains { $0.contains { $0.hasPrefix("0") && $0.count > 1 } })
    }

    @Test func partialSeparatorsAreBoundaries() {
        // "230 000023": the space is a cell boundary, so 23|0 cannot be 2|30.
        #expect(rowReadings("230 000023").readings == [["23", "0", "0", "0", "0", "0", "23"]])
        #expect(rowReadings("23 0 00 0 023").readings == [["23", "0", "0", "0", "0", "0", "23"]])
        #expect(GluedRun("23 0 00").boundaries == [2, 3])
    }

    @Test func negativesOnlyWhereTheTemplateAllowsThem() {
        // 2019 表二 行政许可: 上一年项目数量 | 本年增/减 | 处理决定数量; only the middle cell may be negative.
        let signed = DigitSolver.readings(GluedRun("12-330"), cells: 3, signed: { $0 == 1 })
        #expect(signed.readings.allSatisfy { $0[1].hasPrefix("-") })
        #expect(signed.readings.contains(["12", "-3", "30"]))
        #expect(DigitSolver.readings(GluedRun("12-330"), cells: 3).readings.isEmpty)
    }

    @Test func decimalsOnlyInAmountCells() {
        let result = DigitSolver.readings(GluedRun("1357.5"), cells: 2, decimal: { $0 == 1 })
        #expect(result.readings.allSatisfy { !$0[0].contains(".") && $0[1].contains(".") })
        #expect(GluedRun("75394432.52元").unit == .yuan)
    }

    @Test func aRowThatCannotAddUpIsReadWithoutTheCheck() {
        // 5+1 ≠ 7 in every reading: the agency's error; the split is still the only well-formed one.
        let result = rowReadings("5100007")
        #expect(!result.checkHeld)
        #expect(result.readings == [["5", "1", "0", "0", "0", "0", "7"]])
    }

    @Test func columnsSettleWhatRowsCannot() {
        // 本年度办理结果 “予以公开” read 10|0|…|10 or 1|0|…|1 (digits run together); （七）总计 says 1, so the
        // results-sum identity of each column settles it.
        let zero = Array(repeating: Reading.value(0), count: 7)
        var rows: [String: [[Reading]]] = [:]
        for key in Fields.t3Rows2021 { rows[key] = [zero] }
        var ten = zero; ten[0] = .value(10); ten[6] = .value(10)
        var one = zero; one[0] = .value(1); one[6] = .value(1)
        rows["granted"] = [ten, one]
        rows["total"] = [one]
        rows["new_received"] = [one]
        var keys: [String: [CellKey]] = [:]
        for key in Fields.t3Rows2021 { keys[key] = Fields.t3Columns.map { CellKey(table: .t3, row: key, column: $0) } }
        let solved = Solver.narrow(rows, keys: keys, identities: Identity.all(template: .t2021))
        #expect(solved.rows["granted"] == [one])
        #expect(solved.broken == 0 && solved.complete)
    }

    @Test func theAgencyErrorCaseKeepsWhatTheOtherConstraintsSettle() throws {
        // Result rows sum to 27 while （七）总计 says 21 (natural persons): the glued rows still split
        // uniquely, the broken identity is reported as the agency's error, nothing is repaired.
        var t3 = Array(repeating: "0000000", count: 25)
        t3[0] = "210000021"    // 21 new
        t3[2] = "120000012"    // 12 granted
        t3[12] = "150000015"   // 15 not held → results 27
        t3[23] = "210000021"   // 总计 21
        let report = try ReportParser.parse(Document(blocks: [.text(GluedReport.text(t3: t3, t4: String(repeating: "0", count: 15)))]))
        #expect(report.cell(.t3, "granted", "natural_person")?.value == 12)
        #expect(report.cell(.t3, "granted", "natural_person")?.status == .split)
        #expect(report.cell(.t3, "unable.not_held", "total")?.value == 15)
        let errors = Checker.check(report).filter { $0.severity == .error }
        #expect(errors.contains { $0.rule.rawValue == "t3.results_sum" && $0.column == "natural_person" && $0.expected == "27" && $0.actual == "21" })
    }

    @Test func aPathologicalRunEndsAmbiguousNotHung() {
        // 60 digits into 7 cells with no arithmetic that holds: the search stops at its budget.
        let run = GluedRun(String(repeating: "123456789", count: 7))
        let result = DigitSolver.readings(run, cells: 7, check: DigitSolver.rowTotal)
        #expect(!result.complete || result.readings.isEmpty || !result.checkHeld)
        var findings: [Finding] = []
        var open: [OpenRow] = []
        let row = Form.table(.t3, template: .t2021).rows[2]
        let read = TableReader.glued(Array(run.text.unicodeScalars), row: row, table: .t3, headerUnit: nil, findings: &findings)
        let cells = read.readings.isEmpty ? TableReader.missing(row, .t3)
            : TableReader.cells(row, table: .t3, read: read, kept: read.readings, complete: read.complete, open: &open, findings: &findings)
        #expect(cells.allSatisfy { $0.status == .ambiguous || $0.status == .missing })
    }

    /// Random consistent tables, glued in several ways, solved: every cell is either recovered exactly
    /// or marked ambiguous (with the truth among its candidates) — never a wrong value.
    @Test func propertyNeverAWrongValue() throws {
        var rng = SplitMix64(seed: 20261122)
        var exact = 0, ambiguous = 0
        for _ in 0..<150 {
            let truth = GluedReport.randomTables(&rng)
            let style = Int(rng.next() % 3)
            let glue = { (cells: [Int]) -> String in
                cells.enumerated().map { i, v in
                    let keep = style == 2 || (style == 1 && rng.next() % 3 == 0)
                    return (i > 0 && keep ? " " : "") + String(v)
                }.joined()
            }
            let text = GluedReport.text(t3: truth.t3.map(glue), t4: glue(truth.t4))
            let report = try ReportParser.parse(Document(blocks: [.text(text)]))
            var expected: [(TableID, String, String, Int)] = []
            for (r, row) in Fields.t3Rows2021.enumerated() {
                for (c, column) in Fields.t3Columns.enumerated() { expected.append((.t3, row, column, truth.t3[r][c])) }
            }
            for (i, key) in Fields.t4.enumerated() { expected.append((.t4, key, "", truth.t4[i])) }
            for (table, row, column, value) in expected {
                let cell = try #require(report.cell(table, row, column))
                switch cell.status {
                case .ambiguous:
                    ambiguous += 1
                    let finding = report.parseFindings.first { $0.rule.rawValue == "parse.ambiguous" && $0.row == row && $0.column == column && $0.table == table.rawValue }
                    let candidates = finding?.expected.split(separator: "|").compactMap { Double($0) } ?? []
                    #expect(candidates.contains(Double(value)), "\(row) \(column): truth \(value) not in \(candidates); text \(text)")
                default:
                    #expect(cell.value == Double(value), "\(row) \(column) [\(cell.status)]: \(cell.value.map(formatNumber) ?? "nil") ≠ \(value)")
                    if cell.value == Double(value) { exact += 1 }
                }
            }
        }
        #expect(exact > ambiguous * 10, "the solver settles most cells (\(exact) exact, \(ambiguous) ambiguous)")
    }
}

/// A 2021-template report whose tables are copied with every separator lost, as crawled pages are.
enum GluedReport {
    static func text(t3: [String], t4: String, agency: String = "淮安市洪泽区人民政府", year: Int = 2023, normativeDocs: String = "123") -> String {
        var body = "\(agency)\(year)年政府信息公开工作年度报告 一、总体情况 正文。二、主动公开政府信息情况 "
            + "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数规章000行政规范性文件\(normativeDocs)"
            + "第二十条第（五）项信息内容本年处理决定数量行政许可5 第二十条第（六）项信息内容本年处理决定数量行政处罚7行政强制0"
            + "第二十条第（八）项信息内容本年收费金额（单位：万元）行政事业性收费0"
            + "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
            + "申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他"
        for (label, digits) in zip(ExtractionTests.labels2021, t3) {
            let label = label.replacingOccurrences(of: "(", with: "（").replacingOccurrences(of: ")", with: "）")
            body += (label.hasPrefix("（一）") ? "三、本年度办理结果" : "") + label + digits
        }
        body += " 四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼结果维持结果纠正其他结果尚未审结总计未经复议直接起诉复议后起诉"
            + "结果维持结果纠正其他结果尚未审结总计结果维持结果纠正其他结果尚未审结总计" + t4
            + "五、存在的主要问题及改进情况一是培训不足。六、其他需要报告的事项无。"
        return body
    }

    /// A consistent 表三 and 表四: six applicant cells sum to 总计 in every row, result rows to
    /// （七）总计 in every column, 本年新收 + 上年结转 = 总计 + 结转下年度, 表四 parts to their totals.
    static func randomTables(_ rng: inout SplitMix64) -> (t3: [[Int]], t4: [Int]) {
        func small(_ rng: inout SplitMix64) -> Int {
            switch rng.next() % 10 {
            case 0..<6: return 0
            case 6..<8: return Int(rng.next() % 10)
            default: return Int(rng.next() % 150)
            }
        }
        var rows = Array(repeating: Array(repeating: 0, count: 7), count: 25)
        for r in 2..<23 {
            for c in 0..<6 where rng.next() % 3 == 0 { rows[r][c] = small(&rng) }
        }
        for c in 0..<6 {
            rows[23][c] = (2..<23).reduce(0) { $0 + rows[$1][c] }
            rows[24][c] = rng.next() % 4 == 0 ? small(&rng) : 0
            let handled = rows[23][c] + rows[24][c]
            rows[1][c] = handled == 0 ? 0 : Int(rng.next() % UInt64(min(handled, 5) + 1))
            rows[0][c] = handled - rows[1][c]
        }
        for r in rows.indices { rows[r][6] = rows[r].prefix(6).reduce(0, +) }
        var t4: [Int] = []
        for _ in 0..<3 {
            let parts = (0..<4).map { _ in rng.next() % 2 == 0 ? 0 : small(&rng) }
            t4 += parts + [parts.reduce(0, +)]
        }
        return (rows, t4)
    }
}

/// Cells the text cannot settle, settled by the same agency's report for the year before.
@Suite struct CrossYearTests {
    static let zeros = Array(repeating: "0000000", count: 25)

    @Test func lastYearsDocumentsInForceDecideAGluedRow() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // 2023 prints 行政规范性文件693665: ten readings, none decided by the table itself.
        try Data(GluedReport.text(t3: Self.zeros, t4: String(repeating: "0", count: 15), year: 2023, normativeDocs: "693665").utf8)
            .write(to: dir.appendingPathComponent("2023.txt"))
        let store = try Store(inMemory: nil)
        var summary = try Ingester(store: store).ingest([dir.path])
        #expect(summary.settledAcrossYears == 0)
        #expect(try store.exportCells().rows.filter { $0[8] == .text("ambiguous") }.count == 3)
        // The open row is stored with its readings, 69|3|665 among them.
        let open = try store.openReports()
        #expect(open.count == 1 && open[0].open.count == 1)
        #expect(open.first?.open.first?.row.printed == "693665")
        #expect(open.first?.open.first?.row.readings.count == 10)
        #expect(open.first?.open.first?.row.readings.contains([69, 3, 665]) == true)

        // 2022, ingested later, had 599 in force: 599 + 69 − 3 = 665 fits one reading only (69|3|665).
        try Data(GluedReport.text(t3: Self.zeros, t4: String(repeating: "0", count: 15), year: 2022, normativeDocs: "12 5 599").utf8)
            .write(to: dir.appendingPathComponent("2022.txt"))
        summary = try Ingester(store: store).ingest([dir.path])
        #expect(summary.settledAcrossYears == 3)
        let cells = try store.exportCells().rows.filter { $0[0] == .text(dir.appendingPathComponent("2023.txt").path) && $0[5].text.hasPrefix("normative_docs.") }
        #expect(cells.map { $0[7] } == [.number(69), .number(3), .number(665)])
        #expect(cells.allSatisfy { $0[8] == .text("inferred") && $0[9] == .text("cross_year") })
        #expect(try store.openReports().isEmpty)
        let findings = try store.exportFindings(severities: Severity.allCases).rows
        #expect(findings.contains { $0[1] == .text("parse.cross_year") && $0[6] == .text("69|3|665") })
        #expect(!findings.contains { $0[1] == .text("parse.ambiguous") && $0[0].text.hasSuffix("2023.txt") })
    }

    /// 2023 prints 本年新收 and 上年结转 both as "110000011": 11|0|0|0|0|0|11 or 1|10|0|0|0|0|11. The table
    /// cannot tell which is which (either way they add up to 总计 12|10|…|22).
    static func carriedText(year: Int) -> String {
        var rows = Array(repeating: "0 0 0 0 0 0 0", count: 25)
        if year == 2023 {
            rows[0] = "110000011"; rows[1] = "110000011"; rows[2] = "12 10 0 0 0 0 22"; rows[23] = "12 10 0 0 0 0 22"
        } else {
            rows[0] = "1 10 0 0 0 0 11"; rows[24] = "1 10 0 0 0 0 11"
        }
        return GluedReport.text(t3: rows, t4: String(repeating: "0", count: 15), year: year, normativeDocs: "0 0 0")
    }

    @Test func lastYearsCarriedForwardDecidesThisYearsCarriedOver() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(Self.carriedText(year: 2023).utf8).write(to: dir.appendingPathComponent("2023.txt"))
        let store = try Store(inMemory: nil)
        var summary = try Ingester(store: store).ingest([dir.path])
        #expect(summary.settledAcrossYears == 0)
        let t3 = { try store.exportCells().rows.filter { $0[0].text.hasSuffix("2023.txt") && $0[4] == .text("t3") } }
        #expect(try t3().filter { $0[8] == .text("ambiguous") }.count == 4)

        // 2022 carried 1|10|0|0|0|0|11 forward: 上年结转 is that reading, so 本年新收 is the other.
        try Data(Self.carriedText(year: 2022).utf8).write(to: dir.appendingPathComponent("2022.txt"))
        summary = try Ingester(store: store).ingest([dir.path])
        #expect(summary.settledAcrossYears == 14)
        let value = { (row: String, column: String) in try t3().first { $0[5] == .text(row) && $0[6] == .text(column) } }
        #expect(try value("carried_over", "natural_person")?[7] == .number(1))
        #expect(try value("carried_over", "commercial")?[7] == .number(10))
        #expect(try value("new_received", "natural_person")?[7] == .number(11))
        #expect(try value("new_received", "commercial")?[8] == .text("inferred"))
        #expect(try t3().allSatisfy { $0[8] != .text("ambiguous") })
        let findings = try store.exportFindings(severities: Severity.allCases).rows.filter { $0[0].text.hasSuffix("2023.txt") }
        #expect(findings.contains { $0[1] == .text("parse.cross_year") && $0[4] == .text("carried_over") && $0[6] == .text("1|10|0|0|0|0|11") })
        #expect(!findings.contains { $0[1] == .text("parse.ambiguous") })
    }

    @Test func nextYearsCarriedOverDecidesThisYearsCarriedForward() {
        // 结转下年度 printed "110000011", 上年结转 of the year after 11|0|0|0|0|0|11.
        let readings = DigitSolver.readings(GluedRun("110000011"), cells: 7, check: DigitSolver.rowTotal).readings.map { $0.map(Double.init) }
        #expect(readings.count > 1)
        let open = OpenRow(cells: Fields.t3Columns.map { CellKey(table: .t3, row: "carried_forward", column: $0) }, readings: readings,
                           printed: "110000011")
        var next: [CellKey: Double] = [:]
        for (c, v) in [11.0, 0, 0, 0, 0, 0, 11].enumerated() { next[CellKey(table: .t3, row: "carried_over", column: Fields.t3Columns[c])] = v }
        let decision = CrossYear.settle(template: .t2021, cells: [], open: [open], previous: nil, next: .init(year: 2024, cells: next))
        #expect(decision.cells.map(\.value) == [11, 0, 0, 0, 0, 0, 11])
        #expect(decision.cells.allSatisfy { $0.via == .crossYear && $0.status == .inferred })
        #expect(decision.settled == [0])
        #expect(decision.findings.first?.message.contains("2024年报告的上年结转") == true)
        // A reading the evidence does not match decides nothing.
        next[CellKey(table: .t3, row: "carried_over", column: "total")] = 12
        #expect(CrossYear.settle(template: .t2021, cells: [], open: [open], previous: nil, next: .init(year: 2024, cells: next)).cells.isEmpty)
    }

    @Test func evidenceThatFitsSeveralReadingsOrNoneDecidesNothing() {
        let keys = ["issued", "repealed", "in_force"].map { CellKey(table: .t2, row: "normative_docs.\($0)") }
        let open = OpenRow(cells: keys, readings: [[1, 1, 11], [1, 11, 1], [11, 1, 1]], printed: "1111")
        // 1111 reads 1|1|11, 1|11|1 or 11|1|1. With 11 in force the year before, both 11 + 1 − 1 = 11 and
        // 11 + 1 − 11 = 1 fit: two readings, nothing decided. With 5, none fits.
        for before in [11.0, 5.0] {
            let decision = CrossYear.settle(template: .t2021, cells: [], open: [open], previous: .init(year: 2022, cells: [keys[2]: before]), next: nil)
            #expect(decision.cells.isEmpty && decision.findings.isEmpty)
        }
        // Next year's report: 11 in force then, after 3 issued and 3 repealed, means 11 now: only 1|1|11 fits.
        let next = CrossYear.settle(template: .t2021, cells: [], open: [open], previous: nil,
                                    next: .init(year: 2024, cells: [keys[2]: 11, keys[0]: 3, keys[1]: 3]))
        #expect(next.cells.map(\.value) == [1, 1, 11])
        #expect(next.findings.first?.message.contains("2024年报告") == true)
        // The 2019 template has no 现行有效件数 to carry.
        #expect(CrossYear.settle(template: .t2019, cells: [], open: [open], previous: .init(year: 2019, cells: [keys[2]: 11]), next: nil).cells.isEmpty)
    }

    /// The checks and the settling read the same evidence: a report that agrees with last year earns no warning,
    /// one that does not earns one, and a cell not settled is not judged.
    @Test func theChecksUseTheSameEvidence() {
        let last = CrossYear.Neighbour(year: 2022, cells: [CellKey(table: .t3, row: "carried_forward", column: "total"): 4,
                                                           CellKey(table: .t2, row: "regulations.in_force"): 10])
        let key = { (row: String) in CellKey(table: .t2, row: "regulations.\(row)") }
        var cells: [CellKey: Reading] = [CellKey(table: .t3, row: "carried_over", column: "total"): .value(4),
                                         key("issued"): .value(2), key("repealed"): .value(1), key("in_force"): .value(11)]
        #expect(CrossYear.check(template: .t2021, cells: cells, previous: last).isEmpty)
        cells[key("in_force")] = .value(12)
        cells[CellKey(table: .t3, row: "carried_over", column: "total")] = .value(5)
        let warnings = CrossYear.check(template: .t2021, cells: cells, previous: last)
        #expect(warnings.map(\.rule) == [.crossYearCarriedOver, .crossYearInForce])
        #expect(warnings.map(\.expected) == ["4", "11"] && warnings.map(\.actual) == ["5", "12"])
        #expect(warnings.allSatisfy { $0.severity == .warning })
        cells[key("in_force")] = .unknown
        cells[CellKey(table: .t3, row: "carried_over", column: "total")] = .blank
        #expect(CrossYear.check(template: .t2021, cells: cells, previous: last).isEmpty)
    }
}
