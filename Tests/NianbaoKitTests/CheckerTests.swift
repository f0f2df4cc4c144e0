import Testing
@testable import NianbaoKit

/// Each rule with a passing and a failing case, on cells set by hand.
@Suite struct CheckerTests {
    /// A consistent 2021 report: 4 new + 1 carried over = 5 handled (3 granted + 2 not held) + 0 carried forward;
    /// every column likewise; 表四 review 1 upheld + 1 pending = 2.
    static func consistent() -> ParsedReport {
        var cells: [Cell] = []
        let rows: [String: [Double]] = [
            "new_received": [3, 1, 0, 0, 0, 0, 4], "carried_over": [1, 0, 0, 0, 0, 0, 1],
            "granted": [2, 1, 0, 0, 0, 0, 3], "unable.not_held": [2, 0, 0, 0, 0, 0, 2],
            "total": [4, 1, 0, 0, 0, 0, 5],
        ]
        for row in Fields.t3Rows2021 {
            let values = rows[row] ?? Array(repeating: 0, count: 7)
            for (i, column) in Fields.t3Columns.enumerated() {
                cells.append(Cell(table: .t3, row: row, column: column, value: values[i], status: .ok))
            }
        }
        let t4: [String: Double] = ["review.upheld": 1, "review.pending": 1, "review.total": 2]
        for key in Fields.t4 { cells.append(Cell(table: .t4, row: key, value: t4[key] ?? 0, status: .ok)) }
        return ParsedReport(agency: "测试", year: 2023, template: .t2021, cells: cells, sections: Array(repeating: true, count: 6))
    }

    static func setting(_ report: ParsedReport, _ table: TableID, _ row: String, _ column: String = "", to value: Double?, status: CellStatus = .ok) -> ParsedReport {
        var r = report
        let i = r.cells.firstIndex { $0.table == table && $0.row == row && $0.column == column }!
        r.cells[i].value = value
        r.cells[i].status = status
        return r
    }

    @Test func consistentReportHasNoFindings() {
        #expect(Checker.check(Self.consistent()).isEmpty)
    }

    @Test func rowTotal() {
        // 予以公开 总计 printed 4 while its applicants sum to 3.
        let findings = Checker.check(Self.setting(Self.consistent(), .t3, "granted", "total", to: 4))
        let rowTotal = findings.filter { $0.rule.rawValue == "t3.row_total" }
        #expect(rowTotal.count == 1)
        #expect(rowTotal.first?.row == "granted" && rowTotal.first?.expected == "3" && rowTotal.first?.actual == "4")
        #expect(rowTotal.first?.severity == .error)
        // In the form's own words, not the keys.
        #expect(rowTotal.first?.message == "表三“三（一）予以公开”行：各类申请人合计为3，总计栏填报4")
        // The same cell also breaks （七）总计 = the sum of the result rows in the 总计 column (6 ≠ 5).
        #expect(findings.contains { $0.rule.rawValue == "t3.results_sum" && $0.column == "total" && $0.expected == "6" && $0.actual == "5" })
    }

    @Test func balance() {
        // 自然人: 3 new + 1 carried = 4 handled + 0 forward; printing 1 carried forward breaks it (4 ≠ 5).
        let findings = Checker.check(Self.setting(Self.consistent(), .t3, "carried_forward", "natural_person", to: 1))
        #expect(findings.contains { $0.rule.rawValue == "t3.balance" && $0.column == "natural_person" && $0.expected == "4" && $0.actual == "5"
            && $0.message.hasPrefix("表三“自然人”列：") })
    }

    @Test func resultsSum() {
        // 1 more 部分公开 for 商业企业 (row total kept consistent) makes the results 2 in that column, not 1.
        var r = Self.setting(Self.consistent(), .t3, "partially_granted", "commercial", to: 1)
        r = Self.setting(r, .t3, "partially_granted", "total", to: 1)
        let findings = Checker.check(r)
        #expect(findings.contains { $0.rule.rawValue == "t3.results_sum" && $0.column == "commercial" && $0.expected == "2" && $0.actual == "1" })
        #expect(!findings.contains { $0.rule.rawValue == "t3.row_total" })
    }

    @Test func t4GroupTotal() {
        let findings = Checker.check(Self.setting(Self.consistent(), .t4, "review.total", to: 0))
        #expect(findings == [Finding(rule: RuleID(rawValue: "t4.group_total"), severity: .error, table: "t4", row: "review.total",
                                     expected: "2", actual: "0", message: "表四“行政复议”：结果维持、纠正、其他、尚未审结之和为2，总计填报0")])
    }

    @Test func blankTotalIsNotAnError() {
        // A blank 总计 cannot be checked; blank parts count as 0 when the total is printed.
        #expect(Checker.check(Self.setting(Self.consistent(), .t3, "granted", "total", to: nil, status: .blank))
            .filter { $0.rule.rawValue == "t3.row_total" }.isEmpty)
        let blankPart = Self.setting(Self.consistent(), .t3, "granted", "research", to: nil, status: .blank)
        #expect(Checker.check(blankPart).isEmpty)
    }

    @Test func parserDoubtIsNotAnAgencyError() {
        let r = Self.setting(Self.consistent(), .t3, "granted", "natural_person", to: nil, status: .ambiguous)
        #expect(Checker.check(r).filter { $0.severity == .error }.isEmpty)
    }

    @Test func templateYear() {
        var r = Self.consistent()
        #expect(Checker.check(r).isEmpty)
        r.year = 2020
        #expect(Checker.check(r).map(\.rule.rawValue) == ["template.year"])
        r.template = .t2019
        r.year = 2022
        #expect(Checker.check(r).contains { $0.rule.rawValue == "template.year" && $0.severity == .warning })
        r.year = 2020
        #expect(!Checker.check(r).contains { $0.rule.rawValue == "template.year" })
    }

    @Test func missingSections() {
        var r = Self.consistent()
        r.sections[4] = false
        let findings = Checker.check(r)
        #expect(findings.map(\.rule.rawValue) == ["sections.missing"])
        #expect(findings.first?.message.contains("存在的主要问题") == true)
    }
}
