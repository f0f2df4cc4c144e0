import Foundation
import GRDB
import Testing
@testable import NianbaoKit

/// What `nianbao report` writes, on the hand-made corpus of `AnalysisTests` (numbers worked out there).
@Suite struct ReportTests {
    @Test func theBookHoldsTheCorpusNumbers() throws {
        let (store, dir) = try AnalysisTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = try ReportBook.build(from: store)
        // 2021: 洪泽区 10 + 淮安市 100 + 清镇市 5; 2022: 20 + 80; 2023: 40 + 7.
        #expect(book.charts.applicationsByYear.map(\.0) == ["2021", "2022", "2023"])
        #expect(book.charts.applicationsByYear.map(\.1) == [115, 100, 47])
        #expect(book.headline.reports == 7 && book.headline.agencies == 3 && book.headline.years == [2021, 2022, 2023])
        #expect(book.headline.applications == 262)
        // 2021 outcomes: granted 6 + 50 + 5 = 61 of 9 + 100 + 5 = 114 handled (洪泽区 carried 1 forward).
        let shares = try #require(book.charts.outcomesByYear.first { $0.0 == "2021" }?.1)
        #expect(abs(shares[0] - 61.0 / 114.0) < 1e-9)
        // Year over year: the last two years, the whole corpus first (applications 100 → 47).
        let yoy = try #require(book.table("year_over_year"))
        #expect(yoy.rows.contains { $0[0] == .text("") && $0[1] == .text("applications") && $0[2] == .number(100) && $0[3] == .number(47) })
        #expect(Set(book.tables.map(\.name)).isSuperset(of: ["cells", "reports", "findings", "applications_by_year", "outcomes_by_year",
                                                           "review_litigation_by_year", "year_over_year", "media_accounts",
                                                           "problems", "phrases", "duplicates"]))
    }

    @Test func everythingIsWrittenAndThePageIsSelfContained() throws {
        let (store, dir) = try AnalysisTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("Reports").path
        let book = try ReportBook.build(from: store)
        let files = try book.write(to: out, headers: .zh)
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: out)) == Set(files))   // no temporary file left
        #expect(files.filter { $0.hasSuffix(".csv") }.count == book.tables.filter { !$0.sheetOnly }.count)
        let csv = String(decoding: try Data(contentsOf: URL(fileURLWithPath: out + "/applications_by_year.csv")), as: UTF8.self)
        #expect(csv.hasPrefix("\u{FEFF}年度,报告数,机关数,本年新收申请,") && csv.contains("\r\n"))
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.components(separatedBy: "<svg ").count - 1 == 6)
        #expect(!html.contains("<script") && !html.contains("src=") && !html.contains("<link"))
        #expect(html.replacingOccurrences(of: "http://www.w3.org/2000/svg", with: "").range(of: "http") == nil)
        #expect(html.contains("本年新收政府信息公开申请（按年度）"))
        let summary = try String(contentsOfFile: out + "/summary.md", encoding: .utf8)
        // Chinese for people by default, with no English label mixed in; English on request.
        #expect(summary.contains("- **本年新收申请**: 262"))
        #expect(summary.contains("| 年度 | 报告数 | 机关数 |"))
        #expect(!summary.contains("applications") && !summary.contains("findings"))
        let english = SummaryMarkdown.render(try ReportBook.build(from: store), language: .en)
        #expect(english.contains("- **Applications received**: 262") && english.contains("| year | reports | agencies | applications |"))
    }

    @Test func chartsDrawWhatTheyAreGiven() {
        let bars = SVGChart.bars([("2023", 50), ("2024", 100)], title: "t")
        // The largest bar fills the plot (224 high), the other half of it.
        #expect(bars.contains("height=\"224.0\"") && bars.contains("height=\"112.0\""))
        // A missing rate is drawn as a dash, not as a zero-height bar.
        let grouped = SVGChart.grouped([("2023", [0.5, nil])], names: ["a", "b"], title: "t")
        #expect(grouped.contains(">–</text>") && grouped.components(separatedBy: "<rect").count - 1 == 3)  // one bar, two legend keys
        #expect(SVGChart.ranking([], title: "t").contains("（无数据）"))
        // Round ticks, not a quarter of the largest value; thousands grouped.
        let axis = SVGChart.bars([("2019", 882), ("2020", 70)], title: "t")
        for tick in [">0<", ">250<", ">500<", ">750<", ">1,000<"] { #expect(axis.contains(tick), "\(tick)") }
        #expect(!axis.contains(">220.5<"))
        #expect(SVGChart.niceMaximum(0.347, percent: true) == 0.5 && SVGChart.niceMaximum(37, percent: false) == 50)
        #expect(formatGrouped(1593) == "1,593" && formatGrouped(-1234567.5) == "-1,234,567.5" && formatGrouped(999) == "999")
        // A year is a name, not a quantity: not grouped in a table.
        let table = HTMLReport.html(RowSet(columns: ["年度", "本年新收申请"], rows: [[.number(2019), .number(1593)]]), limit: 5)
        #expect(table.contains(">2019<") && table.contains(">1,593<") && !table.contains("2,019"))
        // A long name is cut with an ellipsis.
        #expect(SVGChart.ranking([("淮安市洪泽区人民政府办公室信息公开科", 3)], title: "t").contains(">淮安市洪泽区人民政府办公室信息…<"))
    }

    /// One page per agency, listed by what needs action: the agency with an error of its own first, a cross-year
    /// warning next; each page holds its own findings and problems, no other agency's.
    /// The analysis corpus, where 淮安市 2022 prints a 行政复议 总计 of 9 for 4 + 0 + 0 + 0 (the agency's own error) and
    /// names one problem.
    static func storeWithAnAgencyError() throws -> (Store, URL) {
        let (store, dir) = try AnalysisTests.store()
        let broken = AnalysisTests.text(AnalysisTests.corpus[4], problems: "一是政策解读形式不够丰富。")
            .replacingOccurrences(of: "4 | 0 | 0 | 0 | 4 |", with: "4 | 0 | 0 | 0 | 9 |")
        try Data(broken.utf8).write(to: dir.appendingPathComponent("4.txt"))
        _ = try Ingester(store: store).ingest([dir.path])
        return (store, dir)
    }

    @Test func onePagePerAgencyByWhatNeedsAction() throws {
        let (store, dir) = try Self.storeWithAnAgencyError()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("agencies").path
        let files = try AgencyPages.write(store, to: out)
        let entries = try AgencyPages.entries(store)
        #expect(files.count == 2 * entries.count + 1 && entries.count == 3)
        #expect(entries.map(\.name) == ["淮安市人民政府", "洪泽区人民政府", "清镇市人民政府办公室"])
        #expect(entries[0].errors == 1 && entries[1].errors == 0 && entries[1].warnings > 0)
        let huaian = try String(contentsOfFile: out + "/" + entries[0].file, encoding: .utf8)
        #expect(huaian.contains("表四“行政复议”：结果维持、纠正、其他、尚未审结之和为4，总计填报9"))
        #expect(huaian.contains("政策解读形式不够丰富") && huaian.contains("江苏省淮安市"))
        let hongze = try String(contentsOfFile: out + "/" + entries[1].file, encoding: .utf8)
        #expect(!hongze.contains("总计填报9") && !hongze.contains("政策解读形式不够丰富"))
        let index = try String(contentsOfFile: out + "/index.html", encoding: .utf8)
        #expect(index.contains("href=\"\(entries[0].file)\"") && !index.contains("<script"))
        // The same in each agency's workbook: its findings (kind in words) and problems, no other agency's.
        #expect(huaian.contains("href=\"\(entries[0].workbook)\""))
        let book = try ExportTests.parts(of: out + "/" + entries[0].workbook)
        #expect(try book("xl/workbook.xml").contains("主要数字"))
        let findingsSheet = try book("xl/worksheets/sheet3.xml")
        #expect(findingsSheet.contains("总计填报9") && findingsSheet.contains("机关自身数字不符"))
        #expect(try book("xl/worksheets/sheet4.xml").contains("政策解读形式不够丰富"))
        let other = try ExportTests.parts(of: out + "/" + entries[1].workbook)
        #expect(try !other("xl/worksheets/sheet3.xml").contains("总计填报9") && !other("xl/worksheets/sheet4.xml").contains("政策解读形式不够丰富"))
    }

    /// The main workbook holds one sheet per agency, after the corpus's tables, in the order of what needs action:
    /// each with its own errors first (the rule named in Chinese), its figures (rates under 比率) and problems.
    @Test func oneSheetPerAgencyInTheMainWorkbook() throws {
        let (store, dir) = try Self.storeWithAnAgencyError()
        defer { try? FileManager.default.removeItem(at: dir) }
        let book = try ReportBook.build(from: store)
        let sheets = book.tables.filter(\.sheetOnly)
        #expect(sheets.map(\.name) == ["淮安市人民政府", "洪泽区人民政府", "清镇市人民政府办公室"])
        let huaian = sheets[0].rows
        #expect(huaian.columns == ["部分", "年度", "项目", "数值", "比率", "说明", "文件"])
        #expect(huaian.rows.first?[0] == .text("机关自身数字不符") && huaian.rows.first?[2] == .text("表四合计"))
        #expect(huaian.rows.contains { $0[0] == .text("存在问题") && $0[5] == .text("政策解读形式不够丰富") })
        let rate = try #require(huaian.rows.first { $0[0] == .text("主要数字") && $0[4] != .null })
        #expect(rate[3] == .null && rate[1] == .number(2021))
        // Each figure under its year, the measures named in Chinese (no year or name among the figures).
        let figures = huaian.rows.filter { $0[0] == .text("主要数字") }
        #expect(figures.allSatisfy { if case .number(let y) = $0[1] { return (2019...2025).contains(y) } else { return false } })
        #expect(figures.contains { $0[2] == .text("本年新收申请") } && !figures.contains { $0[2] == .text("年度") })
        #expect(!sheets[1].rows.rows.contains { $0[5] == .text("政策解读形式不够丰富") })
        let out = dir.appendingPathComponent("out").path
        _ = try book.write(to: out, headers: .zh)
        let parts = try ExportTests.parts(of: out + "/nianbao.xlsx")
        let workbook = try parts("xl/workbook.xml")
        let first = try #require(workbook.range(of: "name=\"淮安市人民政府\""))
        #expect(workbook.range(of: "name=\"reports\"").map { $0.lowerBound < first.lowerBound } == true)
        // The page says where each agency's sheet is.
        #expect(try String(contentsOfFile: out + "/report.html", encoding: .utf8).contains("每个机关一张工作表（3 个机关"))
        // No CSV file for an agency's sheet.
        #expect(!FileManager.default.fileExists(atPath: out + "/淮安市人民政府.csv"))
    }

    /// Every rate says what it rests on: its numerator, denominator and the reports that give both.
    @Test func ratesCarryTheirCoverage() throws {
        let (store, dir) = try AnalysisTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let set = try store.summary(by: [.year], measures: ["handled", "grant_rate"], coverage: true)
        #expect(set.columns == ["year", "handled", "grant_rate", "grant_rate_num", "grant_rate_den", "grant_rate_reports"])
        // 2021: granted 6 + 50 + 5 = 61 of 9 + 100 + 5 = 114 handled, three reports.
        let y2021 = try #require(set.rows.first { $0[0] == .number(2021) })
        #expect(Array(y2021[3...5]) == [.number(61), .number(114), .number(3)])
        // The same from the rollup.
        try store.rebuildRollup()
        #expect(try store.summary(by: [.year], measures: ["handled", "grant_rate"], coverage: true).rows == set.rows)
        let book = try ReportBook.build(from: store)
        let coverage = try #require(book.headline.disclosureCoverage)
        #expect(coverage.reports == 7 && SummaryMarkdown.render(book).contains("（\(coverage.text(.zh))）"))
        #expect(book.charts.outcomesCoverage.count == book.charts.outcomesByYear.count)
        #expect(Headers.zh.header("grant_rate_reports") == "予以公开率计入报告数")
    }
}

/// The database as a person explores it (Datasette, the sqlite3 shell): labelled fields, views with whole numbers,
/// the problems searchable by any three characters, kept in step when reports are replaced or removed.
@Suite struct ExplorationTests {
    @Test func viewsFieldsAndSearchStayInStep() throws {
        let (store, dir) = try AnalysisTests.store()
        defer { try? FileManager.default.removeItem(at: dir) }
        let problem = "一是政策解读形式不够丰富。"
        try Data(AnalysisTests.text(AnalysisTests.corpus[0], problems: problem).utf8).write(to: dir.appendingPathComponent("0.txt"))
        _ = try Ingester(store: store).ingest([dir.path])
        func search(_ words: String) throws -> [String] {
            try store.writer.read { db in try String.fetchAll(db, sql: "SELECT text FROM problems_fts WHERE problems_fts MATCH ?", arguments: [words]) }
        }
        #expect(try search("政策解读") == ["政策解读形式不够丰富"])
        try store.writer.read { db in
            // Labels in form order; whole numbers as integers.
            let label = try String.fetchOne(db, sql: "SELECT label_zh FROM fields WHERE table_name = 't3' AND row_key = 'denied.state_secret'")
            #expect(label == "三（三）1.属于国家秘密")
            let first = try Row.fetchOne(db, sql: """
                SELECT row_label, column_label, value, typeof(value) FROM cell_values
                WHERE table_name = 't3' AND agency = '淮安市人民政府' AND year = 2021 ORDER BY form_order, column_label LIMIT 1
                """)
            #expect(first?[0] as String? == "一、本年新收政府信息公开申请数量" && first?[3] as String? == "integer")
            let figures = try Row.fetchOne(db, sql: "SELECT applications, typeof(applications), disclosure_pct FROM report_figures WHERE agency = '淮安市人民政府' AND year = 2021")
            #expect(figures?[0] as Int? == 100 && figures?[1] as String? == "integer" && figures?[2] as Double? == 60.0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM finding_list WHERE kind = '警告'") ?? 0 > 0)
            // Every rule found is named in Chinese (a rule without a name would show its key, with its dot).
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM finding_list WHERE rule_label LIKE '%.%'") == 0)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM finding_list") ?? 0 > 0)
        }
        // Every rule the project has is named: the rules are the static RuleIDs.
        for rule in ["t3.row_total", "t3.balance", "t3.results_sum", "t4.group_total", "parse.ambiguous", "prose.results"] {
            #expect(!RuleID(rawValue: rule).label.contains("."), "\(rule)")
        }
        // The report replaced: its old problem leaves the index; removed: nothing of it is left.
        try Data(AnalysisTests.text(AnalysisTests.corpus[0], problems: "一是业务培训力度不够。").utf8).write(to: dir.appendingPathComponent("0.txt"))
        _ = try Ingester(store: store).ingest([dir.path])
        let after = (try search("政策解读"), try search("培训力度"))
        #expect(after.0.isEmpty && after.1 == ["业务培训力度不够"])
        try FileManager.default.removeItem(at: dir.appendingPathComponent("0.txt"))
        _ = try Ingester(store: store).ingest([dir.path], prune: true)
        #expect(try search("培训力度").isEmpty)
        let yaml = DatasetteMetadata.yaml(database: "nianbao")
        #expect(yaml.contains("  nianbao:\n    tables:\n      report_figures:"))
        #expect(yaml.contains("  nianbao:\n    tables:\n      report_figures:") && yaml.contains("      measure_rollup:\n        hidden: true"))
    }
}

@Suite struct MediaSummaryTests {
    /// An account named in four years counts once, with its latest figures; 新浪微博 and 微博 are one platform; a closed
    /// account and a platform total are not accounts.
    @Test func eachAccountOnceFromItsLatestReport() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, year) in (2021...2024).enumerated() {
            let platform = year == 2024 ? "新浪微博" : "微博"
            let overview = "“洪泽发布”微信公众号关注量\(1000 * (i + 1))人，全年发布信息\(100 + i)条。\(platform)“洪泽政务”粉丝\(500 + i)人。"
                + (year == 2023 ? "“洪泽旅游”抖音号粉丝100人。" : "")
                + (year == 2024 ? "关停“洪泽旅游”抖音号。抖音粉丝3000人。" : "")   // closed in its latest report: not counted
            let numbers = AnalysisTests.Numbers(agency: "淮安市洪泽区人民政府", year: year, new: 1, carried: 0, granted: 1, partial: 0,
                                                notHeld: 0, forward: 0)
            try Data(AnalysisTests.text(numbers, overview: overview).utf8).write(to: dir.appendingPathComponent("\(year).txt"))
        }
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        let all = try store.mediaSummary(by: [])
        let rows = Dictionary(uniqueKeysWithValues: all.rows.map { ($0[0].text, $0) })
        #expect(Set(rows.keys) == ["微信公众号", "微博"])
        #expect(rows["微信公众号"]?[1] == .number(1) && rows["微信公众号"]?[4] == .number(4000) && rows["微信公众号"]?[6] == .number(103))
        #expect(rows["微博"]?[1] == .number(1) && rows["微博"]?[4] == .number(503))
        // By year, each year's own figures.
        let byYear = try store.mediaSummary(by: [.year])
        #expect(byYear.rows.filter { $0[1] == .text("微信公众号") }.map { $0[5] } == [.number(1000), .number(2000), .number(3000), .number(4000)])
    }
}
