import Foundation
import GRDB
import Testing
@testable import NianbaoKit

/// A hand-made corpus of three agencies over three years; every expected number is worked out here.
@Suite struct AnalysisTests {
    struct Numbers {
        var agency: String
        var year: Int
        var new = 0, carried = 0, granted = 0, partial = 0, notHeld = 0, forward = 0
        var upheld = 0, corrected = 0, pending = 0
        var issued = 0, repealed = 0, inForce = 0
    }

    /// A 2021-template report in `|` rows. 表三 uses the natural-person column only (totals equal it).
    static func text(_ n: Numbers, overview: String = "正文。", problems: String = "无。") -> String {
        let handled = n.granted + n.partial + n.notHeld
        var t3 = Array(repeating: ["0", "0", "0", "0", "0", "0", "0"], count: 25)
        func row(_ i: Int, _ v: Int) { t3[i] = ["\(v)", "0", "0", "0", "0", "0", "\(v)"] }
        row(0, n.new); row(1, n.carried); row(2, n.granted); row(3, n.partial); row(12, n.notHeld)
        row(23, handled); row(24, n.forward)
        var lines = [
            "\(n.agency)\(n.year)年政府信息公开工作年度报告", "一、总体情况", overview, "二、主动公开政府信息情况",
            "信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |",
            "规章 | 0 | 0 | 0 |", "行政规范性文件 | \(n.issued) | \(n.repealed) | \(n.inForce) |",
            "行政许可 | 1 |", "行政处罚 | 1 |", "行政强制 | 0 |",
            "信息内容 | 本年收费金额(单位:万元) |", "行政事业性收费 | 0 |",
            "三、收到和处理政府信息公开申请情况",
            "申请人情况 | 自然人 | 商业企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | 总计 |",
        ]
        for (label, cells) in zip(ExtractionTests.labels2021, t3) { lines.append(([label] + cells).joined(separator: " | ") + " |") }
        let review = [n.upheld, n.corrected, 0, n.pending, n.upheld + n.corrected + n.pending]
        lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议 | 行政诉讼 |",
                  (review + Array(repeating: 0, count: 10)).map(String.init).joined(separator: " | ") + " |",
                  "五、存在的主要问题及改进情况", problems, "六、其他需要报告的事项", "无。"]
        return lines.joined(separator: "\n")
    }

    /// Three agencies, 2021–2023. Consistent except where noted.
    static let corpus: [Numbers] = [
        // 洪泽区 (county): its name changes form in 2022, it stays one agency.
        Numbers(agency: "洪泽区人民政府", year: 2021, new: 10, carried: 0, granted: 6, partial: 2, notHeld: 1, forward: 1,
                upheld: 2, corrected: 1, pending: 1, issued: 2, repealed: 0, inForce: 10),
        Numbers(agency: "淮安市洪泽区人民政府", year: 2022, new: 20, carried: 1, granted: 12, partial: 3, notHeld: 6, forward: 0,
                upheld: 1, corrected: 1, pending: 0, issued: 3, repealed: 1, inForce: 12),
        // 2023: 上年结转 2, but 2022 carried 0 forward → a cross-year warning; in force 15 ≠ 12 + 4 − 0 → another.
        Numbers(agency: "洪泽区人民政府", year: 2023, new: 40, carried: 2, granted: 30, partial: 2, notHeld: 8, forward: 2,
                upheld: 0, corrected: 0, pending: 0, issued: 4, repealed: 0, inForce: 15),
        // 淮安市 (city).
        Numbers(agency: "淮安市人民政府", year: 2021, new: 100, carried: 0, granted: 50, partial: 10, notHeld: 40, forward: 0,
                upheld: 5, corrected: 2, pending: 3, issued: 5, repealed: 0, inForce: 50),
        Numbers(agency: "淮安市人民政府", year: 2022, new: 80, carried: 0, granted: 40, partial: 0, notHeld: 40, forward: 0,
                upheld: 4, corrected: 0, pending: 0, issued: 5, repealed: 5, inForce: 50),
        // 清镇市 (贵州, county): only 2021 and 2023.
        Numbers(agency: "清镇市人民政府办公室", year: 2021, new: 5, carried: 0, granted: 5, partial: 0, notHeld: 0, forward: 0),
        Numbers(agency: "清镇市政府办公室", year: 2023, new: 7, carried: 0, granted: 3, partial: 3, notHeld: 1, forward: 0),
    ]

    static func store() throws -> (Store, URL) {
        let dir = try Repo.temporaryDirectory()
        for (i, n) in corpus.enumerated() {
            try Data(text(n).utf8).write(to: dir.appendingPathComponent("\(i).txt"))
        }
        let store = try Store(inMemory: nil)
        let summary = try Ingester(store: store).ingest([dir.path])
        #expect(summary.ingested == corpus.count)
        return (store, dir)
    }

    func value(_ set: RowSet, _ row: Int, _ column: String) -> FieldValue {
        set.rows[row][set.columns.firstIndex(of: column)!]
    }

    @Test func aggregatesAndRatesByYear() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let byYear = try store.summary(by: [.year], measures: ["reports", "agencies", "applications", "handled",
                                                               "disclosure_rate", "review_total", "review_correction_rate"])
        #expect(byYear.rows.map { $0[0] } == [.number(2021), .number(2022), .number(2023)])
        // 2021: applications 10 + 100 + 5 = 115; handled 9 + 100 + 5 = 114; disclosed (6+2) + (50+10) + 5 = 73.
        #expect(value(byYear, 0, "reports") == .number(3))
        #expect(value(byYear, 0, "applications") == .number(115))
        #expect(value(byYear, 0, "handled") == .number(114))
        #expect(value(byYear, 0, "disclosure_rate") == .number(73.0 / 114.0))
        // 复议 2021: totals 4 + 10 + 0 = 14; corrected 1 + 2 = 3; pending 1 + 3 = 4 → 3 / (14 − 4) = 0.3.
        #expect(value(byYear, 0, "review_total") == .number(14))
        #expect(value(byYear, 0, "review_correction_rate") == .number(0.3))
        // 2023: 复议 all 0 (洪泽区) and 0 (清镇市): total − pending = 0 → no rate, not 0.
        #expect(value(byYear, 2, "review_correction_rate") == .null)
        #expect(value(byYear, 2, "agencies") == .number(2))
    }

    @Test func groupsByRegionAndLevelAndRanks() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let byLevel = try store.summary(by: [.province, .level], measures: ["reports", "agencies", "applications"])
        // 江苏省 city: 淮安市 100 + 80; 江苏省 county: 洪泽区 10 + 20 + 40; 贵州省 county: 5 + 7.
        let rows = byLevel.rows.map { [$0[0].text, $0[1].text, $0[2].text, $0[3].text, $0[4].text] }
        #expect(rows == [["江苏省", "city", "2", "1", "180"], ["江苏省", "county", "3", "1", "70"], ["贵州省", "county", "2", "1", "12"]])
        let ranking = try store.summary(by: [.agency], measures: ["applications"], sort: "applications", limit: 2)
        #expect(ranking.rows.map { $0[1].text } == ["淮安市人民政府", "洪泽区人民政府"])
    }

    @Test func yearOverYearByAgency() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let compare = try store.compare(from: 2022, to: 2023, by: .agency, measures: ["applications"])
        let rows = compare.rows.map { row in (row[0].text, row[2], row[3], row[4], row[5], row[6].text) }
        // 洪泽区: 20 → 40, +20, +100% → a jump. 淮安市 only in 2022; 清镇市 only in 2023: listed last.
        #expect(rows.count == 3)
        #expect(rows[0].0.hasSuffix("洪泽区人民政府") && rows[0].1 == .number(20) && rows[0].2 == .number(40))
        #expect(rows[0].3 == .number(20) && rows[0].4 == .number(1.0) && rows[0].5 == "jump")
        #expect(Set(rows[1...].map(\.5)) == ["only_from", "only_to"])
        #expect(rows[1...].contains { $0.0.hasSuffix("淮安市人民政府") && $0.5 == "only_from" })
        #expect(rows[1...].contains { $0.0.hasSuffix("清镇市人民政府办公室") && $0.5 == "only_to" })
        // The whole corpus: 2022 applications 20 + 80 = 100 → 2023 40 + 7 = 47.
        let whole = try store.compare(from: 2022, to: 2023, by: nil, measures: ["applications"])
        #expect(whole.rows.map { [$0[2], $0[3], $0[4]] } == [[.number(100), .number(47), .number(-53)]])
        // On the balanced panel (洪泽区 alone reported in both years): 20 → 40.
        #expect(whole.columns[7...9] == ["panel_from_value", "panel_to_value", "panel_change"])
        #expect(whole.rows.map { [$0[7], $0[8], $0[9]] } == [[.number(20), .number(40), .number(20)]])
        let agencies = try store.compare(from: 2022, to: 2023, by: nil, measures: ["agencies"])
        #expect(agencies.rows.map { [$0[2], $0[3], $0[7], $0[8]] } == [[.number(2), .number(2), .number(1), .number(1)]])
    }

    @Test func crossYearWarnings() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let warnings = try store.exportFindings(severities: [.warning]).rows.filter { $0[1].text.hasPrefix("cross_year.") }
        let found = warnings.map { "\(URL(fileURLWithPath: $0[0].text).lastPathComponent) \($0[1].text) \($0[6].text) \($0[7].text)" }.sorted()
        // 洪泽区 2023 (file 2): 上年结转 2 vs 2022's 结转下年度 0; 现行有效 15 vs 12 + 4 − 0 = 16.
        // 淮安市 2022 (file 4): 50 + 5 − 5 = 50 holds; 洪泽区 2022 (file 1): 10 + 3 − 1 = 12 holds, 上年结转 1 = 1.
        #expect(found == ["2.txt cross_year.carried_over 0 2", "2.txt cross_year.in_force 16 15"])
    }

    @Test func agencyIdentityAndAliases() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        var agencies = try store.agencies()
        #expect(agencies.rows.count == 3)
        let hongze = try #require(agencies.rows.first { $0[2].text.hasSuffix("洪泽区|政府") })
        #expect(hongze[3].text.split(separator: ",").sorted() == ["洪泽区人民政府", "淮安市洪泽区人民政府"])
        // A user who keeps 清镇市's two names apart splits it into two agencies.
        try store.setAliases(["清镇市政府办公室": "清镇市政府办公室（新）"])
        agencies = try store.agencies()
        #expect(agencies.rows.count == 4)
    }

    /// A name that leaves its place open (大岭镇 is in two counties of 长春市: the area code cannot tell) is linked to
    /// the agency of another year that prints the same landline, when that agency is the place and kind the name
    /// gives and no other fits; never otherwise.
    @Test func anUnresolvedNameIsLinkedByTheLandlineItShares() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func numbers(_ agency: String, _ year: Int) -> Numbers {
            Numbers(agency: agency, year: year, new: 1, carried: 0, granted: 1, partial: 0, notHeld: 0, forward: 0)
        }
        let reports: [(String, Int, String)] = [
            ("公主岭市大岭镇人民政府", 2021, "联系电话：0431-8221234。"),
            ("大岭镇人民政府", 2022, "如有疑问，请联系（电话：0431-8221234）。"),   // the same number: linked
            ("大岭镇人民政府", 2023, "电话：0431-7770001。"),                     // another number: left apart
            ("公主岭市人民政府", 2022, "电话：0431-8220000。"),
            ("大岭镇教育办公室", 2022, "电话：0431-8220000。"),                  // the county's number: not the county
        ]
        for (i, r) in reports.enumerated() {
            try Data(Self.text(numbers(r.0, r.1), overview: r.2).utf8).write(to: dir.appendingPathComponent("\(i).txt"))
        }
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        let ids = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT s.path, r.agency_id, r.linked_by FROM reports r JOIN sources s ON s.id = r.source_id ORDER BY s.path")
                .map { ($0[1] as Int64, $0[2] as String?) }
        }
        #expect(ids[1].0 == ids[0].0 && ids[1].1 == "phone 0431-8221234")
        #expect(ids[2].0 != ids[0].0 && ids[2].1 == nil)
        #expect(ids[4].0 != ids[3].0 && ids[4].1 == nil)
        let findings = try store.exportFindings().rows.filter { $0[1].text == "meta.identity_linked" }
        #expect(findings.count == 1 && findings[0][0].text.hasSuffix("/1.txt") && findings[0][8].text.contains("0431-8221234"))
        // `nianbao agencies` says why: the key, and the number for the linked report.
        let daling = try store.agencies().rows.first { $0[2].text.hasSuffix("公主岭市/大岭镇|政府") }
        #expect(daling?[6].text == "key; phone 0431-8221234")
        // Recomputed from scratch: again, the same.
        try store.rebuildRollup()
        #expect(try store.exportFindings().rows.filter { $0[1].text == "meta.identity_linked" }.count == 1)
    }

    /// A bare department name (`自然资源局`, in every county) is linked to the one agency of that kind whose reports
    /// name the same new-media account, and takes its region; reports of one bare name sharing an account with no
    /// resolved agency are one agency among themselves; two agencies that fit, another kind, or an account printed by
    /// the reports of more than two agencies link nothing.
    @Test func aBareNameIsLinkedByTheAccountItSharesWithOneAgencyOfItsKind() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func numbers(_ agency: String, _ year: Int) -> Numbers {
            Numbers(agency: agency, year: year, new: 1, carried: 0, granted: 1, partial: 0, notHeld: 0, forward: 0)
        }
        func account(_ name: String) -> String { "“\(name)”微信公众号关注量1200人，全年发布信息300条。" }
        let reports: [(String, Int, String)] = [
            ("安庆市望江县自然资源局", 2021, account("望江发布")),
            ("自然资源局", 2022, account("望江发布") + account("江淮发布")),   // 1: linked, placed in 望江县
            ("自然资源局", 2023, account("太湖发布")),          // 2: no agency names 太湖发布
            ("财政局", 2022, account("望江发布")),              // 3: another kind
            ("淮安市洪泽区教育局", 2021, account("城区发布")),
            ("淮安市清江浦区教育局", 2021, account("城区发布")),
            ("教育局", 2022, account("城区发布")),              // 6: two agencies fit
            ("卫生健康委员会", 2021, account("宿松卫健")),
            ("卫生健康委员会", 2022, account("宿松卫健")),      // 8: one agency with 7
            ("自然资源局", 2024, account("江淮发布")),          // 9: shares only a wide account with 1: not through it
            ("安庆市宿松县自然资源局", 2021, account("安徽发布")),
            ("安庆市太湖县财政局", 2021, account("安徽发布")),
            ("安庆市岳西县教育局", 2021, account("安徽发布")),
            ("自然资源局", 2025, account("安徽发布")),          // 13: the province's account, printed by three agencies: no clue
        ]
        for (i, r) in reports.enumerated() {
            try Data(Self.text(numbers(r.0, r.1), overview: r.2).utf8).write(to: dir.appendingPathComponent(String(format: "%02d.txt", i)))
        }
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        func rows() throws -> [(id: Int64, by: String?, county: String?)] {
            try store.writer.read { db in
                try Row.fetchAll(db, sql: """
                    SELECT r.agency_id, r.linked_by, r.county FROM reports r JOIN sources s ON s.id = r.source_id ORDER BY s.path
                    """).map { ($0[0], $0[1], $0[2]) }
            }
        }
        var ids = try rows()
        #expect(ids[1].id == ids[0].id && ids[1].by == "account 望江发布" && ids[1].county == "望江县")
        #expect(ids[2].id != ids[0].id && ids[2].by == nil && ids[2].county == nil)
        #expect(ids[3].id != ids[0].id && ids[3].by == nil && ids[3].county == nil)
        #expect(![ids[4].id, ids[5].id].contains(ids[6].id) && ids[6].by == nil)
        #expect(ids[8].id == ids[7].id && ids[8].by == "account 宿松卫健" && ids[8].county == nil)
        #expect(ids[9].id != ids[0].id && ids[9].by == nil && ids[9].county == nil)
        #expect(ids[13].id != ids[10].id && ids[13].by == nil && ids[13].county == nil)
        let measures = try store.writer.read { db in
            try Row.fetchAll(db, sql: "SELECT agency_id, county FROM report_measures ORDER BY report_id").map { ($0[0] as Int64?, $0[1] as String?) }
        }
        #expect(measures.map(\.0) == ids.map(\.id) && measures.map(\.1) == ids.map(\.county))
        let findings = try store.exportFindings().rows.filter { $0[1].text == "meta.identity_linked" }
        #expect(findings.count == 2 && findings.contains { $0[0].text.hasSuffix("/01.txt") && $0[8].text.contains("望江发布") && $0[8].text.contains("所在地") })
        // The agency's report removed: the bare one is unlinked and its own (unknown) region restored.
        try FileManager.default.removeItem(at: dir.appendingPathComponent("00.txt"))
        _ = try Ingester(store: store).ingest([dir.path], prune: true)
        ids = try rows()
        #expect(ids.count == reports.count - 1 && ids[0].by == nil && ids[0].county == nil)
    }

    /// An official narrows the exports and the findings to the agencies, years and rules they oversee.
    @Test func exportsAndFindingsNarrowedByYearRegionAgencyAndRule() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        func agencies(_ filter: ReportFilter) throws -> [String] {
            try store.rowSet(RowSource.reports.filtered(filter)).rows.map { "\($0[1].text) \($0[2].text)" }.sorted()
        }
        #expect(try agencies(ReportFilter(years: 2022...2022)) == ["淮安市人民政府 2022", "淮安市洪泽区人民政府 2022"])
        #expect(try agencies(ReportFilter(province: "贵州")) == ["清镇市人民政府办公室 2021", "清镇市政府办公室 2023"])
        #expect(try agencies(ReportFilter(years: 2023...2023, county: "洪泽区")) == ["洪泽区人民政府 2023"])
        #expect(try agencies(ReportFilter(agency: "洪泽")).count == 3)
        #expect(try agencies(ReportFilter(agency: "100%_")).isEmpty)   // LIKE's wildcards are plain characters
        let cells = try store.rowSet(RowSource.cells.filtered(ReportFilter(years: 2021...2021, province: "江苏")))
        #expect(Set(cells.rows.map { $0[1].text }) == ["洪泽区人民政府", "淮安市人民政府"])
        // Findings by rule: a key, or every rule of a table.
        let all = try store.rowSet(RowSource.findings())
        let crossYear = try store.rowSet(RowSource.findings().filtered(ReportFilter(rules: ["cross_year."])))
        #expect(!crossYear.rows.isEmpty && crossYear.rows.allSatisfy { $0[1].text.hasPrefix("cross_year.") })
        #expect(crossYear.rows.count == all.rows.filter { $0[1].text.hasPrefix("cross_year.") }.count)
        let one = try store.rowSet(RowSource.findings().filtered(ReportFilter(rules: ["cross_year.carried_over"])))
        #expect(one.rows.allSatisfy { $0[1].text == "cross_year.carried_over" } && !one.rows.isEmpty)
    }

    @Test func theRollupAndTheReportTableAgree() throws {
        let (store, dir) = try Self.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let all = Measures.aggregates.map(\.name)
        #expect(try store.rollupIsFresh())
        let fromRollup = try store.summary(by: [.year, .province, .level], measures: all)
        try store.writer.write { try Store.markRollupStale($0) }
        let fromReports = try store.summary(by: [.year, .province, .level], measures: all)
        #expect(fromRollup == fromReports)
        try store.rebuildRollup()
        let byAgencyFromRollup = try store.summary(by: [.agency], measures: all)
        try store.writer.write { try Store.markRollupStale($0) }
        #expect(byAgencyFromRollup == (try store.summary(by: [.agency], measures: all)))
        // 2021: 江苏 county, 江苏 city, 贵州 county; 2022: 江苏 county, 江苏 city; 2023: 江苏 county, 贵州 county.
        #expect(fromRollup.rows.count == 7)
        // Groups without years: distinct agencies over all years (from `agency_groups`) agree as well.
        for groups in [[GroupKey](), [.province], [.level], [.province, .county]] {
            try store.rebuildRollup()
            let fresh = try store.summary(by: groups, measures: all)
            try store.writer.write { try Store.markRollupStale($0) }
            #expect(fresh == (try store.summary(by: groups, measures: all)), "\(groups)")
        }
        // The agency listing, from `agency_names` and from the reports.
        try store.rebuildRollup()
        let listed = try store.agencies()
        try store.writer.write { try Store.markRollupStale($0) }
        #expect(listed == (try store.agencies()))
        // 江苏省 has 洪泽区 (three reports) and 淮安市 (two): two agencies; 贵州省 one.
        try store.rebuildRollup()
        let provinces = try store.summary(by: [.province], measures: ["agencies", "reports"]).rows.map { $0.map(\.text) }
        #expect(provinces == [["江苏省", "2", "5"], ["贵州省", "1", "2"]])
    }

    @Test func aReportWithAZeroDenominatorDoesNotCountInARate() throws {
        // Report A prints 1 结果纠正 under a 行政复议 总计 of 0 (its own error); report B 1 of 2.
        // The pooled rate is B's 1/2, not (1 + 1)/(0 + 2).
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let zeros = Array(repeating: "0", count: 15)
        var a = zeros; a[1] = "1"
        var b = zeros; b[0] = "1"; b[1] = "1"; b[4] = "2"
        let t3 = ExtractionTests.consistentT3
        try Data(ExtractionTests.report(year: 2023, t3: t3, t4: a).utf8).write(to: dir.appendingPathComponent("a.txt"))
        try Data(ExtractionTests.report(year: 2023, t3: t3, t4: b).replacingOccurrences(of: "测试县", with: "清镇市").utf8)
            .write(to: dir.appendingPathComponent("b.txt"))
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        let rate = try store.summary(by: [], measures: ["review_total", "review_corrected", "review_correction_rate", "reports_with_errors"])
        #expect(rate.rows == [[.number(2), .number(2), .number(0.5), .number(1)]])
    }
}
