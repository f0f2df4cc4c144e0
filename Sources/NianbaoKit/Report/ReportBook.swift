import Foundation

/// Everything `nianbao report` writes, gathered from the database: the tables (each a CSV file and a
/// sheet of `nianbao.xlsx`), the headline figures, and what the charts draw.
///
///     let book = try ReportBook.build(from: store)
///     let files = try book.write(to: "Reports", headers: .en)
public struct ReportBook: Sendable {
    public struct Table: Sendable {
        /// The file stem and sheet name (`applications_by_year`).
        public var name: String
        /// What the table holds, for summary.md and the HTML page, in Chinese; `titleEN` in English.
        public var title: String
        public var titleEN = ""
        public func title(_ language: Language) -> String { language == .en && !titleEN.isEmpty ? titleEN : title }
        /// The rows; for a table streamed from the database at `write` (`source`), its columns only.
        public var rows: RowSet
        /// The query of a table that grows with the corpus (cells, findings, …): its rows are streamed when written,
        /// never held.
        public var source: RowSource?
        /// The near-duplicate pairs, held compactly and made into rows as they are written.
        var duplicates: DuplicateSections?
        /// A sheet of the workbook only, no CSV file (one agency's sheet).
        var sheetOnly = false
    }

    /// The whole corpus in numbers.
    public struct Headline: Sendable, Equatable {
        public var files = 0
        public var reports = 0
        public var agencies = 0
        public var years: [Int] = []
        public var applications: Double?
        public var handled: Double?
        public var disclosureRate: Double?
        public var reviewTotal: Double?
        public var reviewCorrectionRate: Double?
        public var suitTotal: Double?
        /// What the two rates rest on: numerator, denominator, reports counted.
        public var disclosureCoverage: Coverage?
        public var reviewCoverage: Coverage?
        public var reportsWithErrors = 0
        public var errors = 0
        public var warnings = 0
        public var uncertain = 0
        public var failed = 0
    }

    /// A pooled rate's numerator, denominator and the reports that give both.
    public struct Coverage: Sendable, Equatable {
        public var numerator: Double
        public var denominator: Double
        public var reports: Int

        /// `990 / 1,533，10 份报告` (`990 / 1,533, 10 reports`).
        public func text(_ language: Language) -> String {
            "\(formatGrouped(numerator)) / \(formatGrouped(denominator))" + (language == .zh ? "，\(reports) 份报告" : ", \(reports) reports")
        }
    }

    public var tables: [Table]
    /// Where the streamed tables' rows come from.
    let store: Store?
    public var headline: Headline
    /// The series the charts draw.
    public var charts: Charts

    public struct Charts: Sendable {
        public var applicationsByYear: [(String, Double)] = []
        /// Per year, the share of （七）总计 in each outcome group.
        public var outcomesByYear: [(String, [Double])] = []
        public static let outcomeNames = ["予以公开", "部分公开", "不予公开", "无法提供", "不予处理", "其他处理"]
        /// Per year, the reports each share rests on.
        public var outcomesCoverage: [Int] = []
        public var correctionByYear: [(String, [Double?])] = []
        /// Per year and rate, what it rests on.
        public var correctionCoverage: [[Coverage?]] = []
        public static let correctionNames = ["行政复议纠错率", "行政诉讼纠错率"]
        public var topProblems: [(String, Double)] = []
        public var agenciesByFindings: [(String, Double)] = []
        public var followersByPlatform: [(String, Double)] = []
    }

    /// The tables' titles in English (`--lang en`).
    static let englishTitles = [
        "reports": "Reports: one row per file", "applications_by_year": "Applications by year (表三)",
        "applications_by_year_level": "Applications by year and level", "applications_by_province": "Applications by year and province",
        "outcomes_by_year": "Outcomes and their rates by year (表三 三、本年度办理结果)", "review_litigation_by_year": "行政复议 and 行政诉讼 by year (表四)",
        "year_over_year": "Year over year, whole corpus and by province", "agencies_by_findings": "Agencies with the most findings",
        "findings": "Findings: agency errors, warnings and the parser's doubts", "media_by_platform": "政务新媒体 by platform",
        "media_accounts": "政务新媒体 accounts", "problem_categories": "存在问题 by category",
        "problem_categories_by_year": "存在问题 by year and category", "problems": "存在问题, one row per problem",
        "phrases": "Recurring phrases in 存在问题", "duplicates": "Near-duplicate sections (内容雷同)",
        "facts": "Counts stated in the prose", "cells": "Every table cell",
        "copying_agencies": "Agencies whose sections another agency's report shares most",
    ]

    /// `sectionTexts`: sections 一 and 五 of the given files read again (`Ingester.sectionTexts`), for the passage each
    /// duplicate pair shares; nil leaves the passages out.
    public static func build(from store: Store, sectionTexts: (([String]) -> [String: [String: String]])? = nil) throws -> ReportBook {
        var tables: [Table] = []
        func add(_ name: String, _ title: String, _ rows: RowSet) { tables.append(Table(name: name, title: title, rows: rows)) }
        func add(_ name: String, _ title: String, _ source: RowSource) {
            tables.append(Table(name: name, title: title, rows: RowSet(columns: source.columns), source: source))
        }
        let years = try store.years()
        let applicants = Fields.t3ApplicantColumns.map { "applications_\($0)" }
        let applications = try store.summary(by: [.year], measures: ["reports", "agencies", "applications"] + applicants
                                                 + ["carried_over", "handled", "carried_forward"])
        let outcomes = try store.summary(by: [.year], measures: [
            "handled", "granted", "partially_granted", "denied", "unable", "not_processed", "other_handling",
            "disclosure_rate", "grant_rate", "partial_rate", "denial_rate", "unable_rate", "not_processed_rate", "other_handling_rate",
        ], coverage: true)
        let review = try store.summary(by: [.year], measures: [
            "review_total", "review_corrected", "review_correction_rate", "suit_total", "suit_corrected", "suit_correction_rate",
        ], coverage: true)
        add("reports", "报告（每个文件一行）", .reports)
        add("applications_by_year", "按年度的政府信息公开申请（表三）", applications)
        add("applications_by_year_level", "按年度和层级的申请",
            try store.summary(by: [.year, .level], measures: ["reports", "agencies", "applications", "handled", "disclosure_rate"]))
        add("applications_by_province", "按年度和省份的申请",
            try store.summary(by: [.year, .province], measures: ["reports", "agencies", "applications", "handled", "disclosure_rate"]))
        add("outcomes_by_year", "按年度的办理结果及其占比（表三“三、本年度办理结果”）", outcomes)
        add("review_litigation_by_year", "按年度的行政复议、行政诉讼（表四）", review)
        if years.count >= 2 {
            let from = years[years.count - 2], to = years[years.count - 1]
            let measures = ["reports", "applications", "handled", "disclosure_rate", "review_total", "review_correction_rate"]
            var both = try store.compare(from: from, to: to, by: nil, measures: measures)
            both.rows += try store.compare(from: from, to: to, by: .province, measures: measures).rows
            add("year_over_year", "\(from)年与\(to)年比较：全部及按省份", both)
        } else {
            add("year_over_year", "逐年比较（需有两个年度）",
                RowSet(columns: Store.compareColumns))
        }
        let byFindings = try store.findingsByAgency(limit: 50)
        add("agencies_by_findings", "发现问题最多的机关", byFindings)
        add("findings", "发现的问题：机关自身数字不符、警告、解析存疑", .findings())
        let media = try store.mediaSummary(by: [])
        add("media_by_platform", "按平台的政务新媒体", media)
        add("media_accounts", "政务新媒体账号", .media)
        let problems = try store.problemSummary(by: [])
        add("problem_categories", "按类别的存在问题", problems)
        add("problem_categories_by_year", "按年度和类别的存在问题", try store.problemSummary(by: [.year]))
        add("problems", "存在问题（每条一行）", .problems)
        add("phrases", "存在问题中反复出现的表述", try store.exportPhrases())
        var duplicates = try store.duplicateSections()
        if let sectionTexts { duplicates = duplicates.withPassages(sectionTexts(duplicates.pathsInPairs)) }
        tables.append(Table(name: "duplicates", title: "内容雷同的章节", rows: RowSet(columns: DuplicateSections.columns),
                            duplicates: duplicates))
        add("copying_agencies", "与其他机关报告内容雷同最多的机关", duplicates.byAgency())
        add("facts", "正文中的数字", .facts)
        add("cells", "全部表格数值", .cells)
        // One sheet per agency (up to `AgencyPages.sheetLimit`), by what needs action.
        for (name, rows) in try AgencyPages.sheets(store) {
            tables.append(Table(name: name, title: name, rows: rows, sheetOnly: true))
        }

        var headline = Headline()
        let whole = try store.summary(by: [], measures: ["reports", "agencies", "applications", "handled", "disclosure_rate",
                                                         "review_total", "review_correction_rate", "suit_total", "reports_with_errors"],
                                      coverage: true)
        if let row = whole.rows.first {
            func number(_ i: Int) -> Double? { if case .number(let n) = row[i] { return n } else { return nil } }
            headline.reports = Int(number(0) ?? 0)
            headline.agencies = Int(number(1) ?? 0)
            headline.applications = number(2)
            headline.handled = number(3)
            headline.disclosureRate = number(4)
            headline.reviewTotal = number(5)
            headline.reviewCorrectionRate = number(6)
            headline.suitTotal = number(7)
            headline.reportsWithErrors = Int(number(8) ?? 0)
            func coverage(_ rate: String) -> Coverage? {
                guard let i = whole.columns.firstIndex(of: rate + "_num"), let num = number(i), let den = number(i + 1) else { return nil }
                return Coverage(numerator: num, denominator: den, reports: Int(number(i + 2) ?? 0))
            }
            headline.disclosureCoverage = coverage("disclosure_rate")
            headline.reviewCoverage = coverage("review_correction_rate")
        }
        headline.years = years
        let counts = try store.counts()
        headline.files = counts.files.values.reduce(0, +)
        headline.failed = counts.files["failed"] ?? 0
        headline.errors = counts.findings["error"] ?? 0
        headline.warnings = counts.findings["warning"] ?? 0
        headline.uncertain = counts.findings["uncertain"] ?? 0

        var charts = Charts()
        func number(_ v: FieldValue) -> Double? { if case .number(let n) = v { return n } else { return nil } }
        charts.applicationsByYear = applications.rows.compactMap { row in number(row[3]).map { (row[0].text, $0) } }
        // The pooled rates (each over the reports that give both its parts), not sums over （七）总计: an
        // agency that leaves its result rows blank must not shrink the bar.
        func coverage(_ set: RowSet, _ row: [FieldValue], _ rate: String) -> Coverage? {
            guard let i = set.columns.firstIndex(of: rate + "_num"), let num = number(row[i]), let den = number(row[i + 1]) else { return nil }
            return Coverage(numerator: num, denominator: den, reports: Int(number(row[i + 2]) ?? 0))
        }
        for row in outcomes.rows {
            let rates = (9...14).map { number(row[$0]) }
            guard rates.contains(where: { $0 != nil }) else { continue }
            charts.outcomesByYear.append((row[0].text, rates.map { $0 ?? 0 }))
            charts.outcomesCoverage.append(coverage(outcomes, row, "grant_rate")?.reports ?? 0)
        }
        charts.correctionByYear = review.rows.map { ($0[0].text, [number($0[3]), number($0[6])]) }
        charts.correctionCoverage = review.rows.map { row in
            [coverage(review, row, "review_correction_rate"), coverage(review, row, "suit_correction_rate")]
        }
        charts.topProblems = problems.rows.compactMap { row in number(row[3]).map { (row[0].text, $0) } }.prefix(10).map { $0 }
        // The agencies' own arithmetic errors only: a parser's doubt or a warning is not the agency's error.
        charts.agenciesByFindings = byFindings.rows.compactMap { row in
            let errors = number(row[3]) ?? 0
            return errors > 0 ? (row[1].text, errors) : nil
        }.sorted { $0.1 > $1.1 }.prefix(10).map { $0 }
        charts.followersByPlatform = media.rows.compactMap { row in number(row[4]).map { (row[0].text, $0) } }
            .sorted { $0.1 > $1.1 }
        for i in tables.indices { tables[i].titleEN = englishTitles[tables[i].name] ?? tables[i].name }
        return ReportBook(tables: tables, store: store, headline: headline, charts: charts)
    }

    /// Writes every table as an Excel-ready CSV (UTF-8 BOM, CRLF, formulas neutralised), all of them as
    /// the sheets of `nianbao.xlsx`, `summary.md` and `report.html`, each file atomically (a temporary
    /// file, then a rename). The large tables stream from the database, each read once for its CSV and its sheet:
    /// memory does not grow with the corpus. `progress` is told each file as it starts. Returns the file names
    /// written. Inside `Store.snapshot` with `build`, every file describes the same database.
    /// `agencyPages`: report.html links to `agencies/index.html` (written by `AgencyPages`).
    public func write(to directory: String, headers: Headers, language: Language = .zh, agencyPages: Bool = false,
                      progress: ((String) -> Void)? = nil) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var written: [String] = []
        let workbook = try XLSXWriter(path: directory + "/nianbao.xlsx")
        for table in tables where !table.sheetOnly {
            progress?("\(table.name).csv")
            let file = try AtomicFile(path: directory + "/\(table.name).csv")
            let columns = table.rows.columns.map(headers.header)
            let keys = table.rows.columns
            let percent = Set(keys.indices.filter { Measures.aggregate(named: keys[$0])?.isRate == true || keys[$0] == "share" })
            let dates = Set(keys.indices.filter { keys[$0] == "published_on" })
            let sheet = try workbook.sheet(table.name, columns: columns, percent: percent, dates: dates)
            var writer = CSVWriter(bom: true, neutralise: true)
            try writer.stream(columns: columns, write: file.write) { each in
                func both(_ row: [FieldValue]) throws {
                    try each(row)
                    try sheet.row(row)
                }
                if let source = table.source, let store {
                    try store.stream(source, both)
                } else if let duplicates = table.duplicates {
                    try duplicates.forEach(both)
                } else {
                    for row in table.rows.rows { try both(row) }
                }
            }
            try sheet.finish()
            try file.commit()
            written.append("\(table.name).csv")
        }
        for table in tables where table.sheetOnly {
            // An agency's sheet: in the workbook only, after the tables of the whole corpus.
            let keys = table.rows.columns
            let sheet = try workbook.sheet(table.name, columns: keys, percent: Set(keys.indices.filter { keys[$0] == "比率" }))
            for row in table.rows.rows { try sheet.row(row) }
            try sheet.finish()
        }
        progress?("nianbao.xlsx")
        try workbook.commit()
        written.append("nianbao.xlsx")
        try writeAtomically(SummaryMarkdown.render(self, language: language), to: directory + "/summary.md")
        written.append("summary.md")
        try writeAtomically(HTMLReport.render(self, language: language, agencyPages: agencyPages), to: directory + "/report.html")
        written.append("report.html")
        // Datasette names a database by its file's stem.
        let stem = store?.path.map { (($0 as NSString).lastPathComponent as NSString).deletingPathExtension } ?? "nianbao"
        try writeAtomically(DatasetteMetadata.yaml(database: stem), to: directory + "/metadata.yml")
        written.append("metadata.yml")
        return written
    }

    public func table(_ name: String) -> RowSet? { tables.first { $0.name == name }?.rows }
}
