import Foundation

/// `summary.md`: the headline figures and the small tables, in Markdown (renders on any forge).
/// The language of what people read: the page, the summary, the tables' titles (Chinese by default; the CSV and
/// JSON columns are the documented keys whatever the language).
public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

public enum SummaryMarkdown {
    public static func render(_ book: ReportBook, language: Language = .zh, agencyPages: Bool = false) -> String {
        let h = book.headline
        let zh = language == .zh
        var out = zh ? "# 政府信息公开工作年度报告：汇总\n\n" : "# Government information disclosure annual reports: summary\n\n"
        out += headlineRows(h, language: language).map { "- **\($0.0)**: \($0.1)" }.joined(separator: "\n") + "\n"
        for name in ["applications_by_year", "outcomes_by_year", "review_litigation_by_year", "year_over_year",
                     "agencies_by_findings", "media_by_platform", "problem_categories"] {
            guard let table = book.tables.first(where: { $0.name == name }) else { continue }
            out += "\n## \(table.title(language))\n\n"
            if table.rows.rows.isEmpty { out += zh ? "（无数据）\n" : "(no data)\n"; continue }
            var writer = MarkdownWriter()
            let shown = zh ? Self.chinese(table.rows) : table.rows
            out += writer.render(RowSet(columns: shown.columns, rows: Array(shown.rows.prefix(30)).map { $0.map(rounded) }))
            if table.rows.rows.count > 30 {
                out += zh ? "\n……另有 \(table.rows.rows.count - 30) 行，见 `\(name).csv`。\n" : "\n… \(table.rows.rows.count - 30) more rows in `\(name).csv`.\n"
            }
        }
        out += zh ? "\n各表全文见同一文件夹中的 CSV 文件和 `nianbao.xlsx`；指标定义见 docs/measures.md。\n"
            : "\nEvery table in full: the CSV files beside this one, and `nianbao.xlsx`. Definitions: docs/measures.md.\n"
        out += "\n" + agencySheets(book, language: language) + "\n"
        out += "\n" + provenance(book, language: language) + "\n"
        return out
    }

    /// Where one agency's findings, figures and problems are: its sheet in the workbook, or (beyond
    /// `AgencyPages.sheetLimit` agencies) the files `--per-agency` writes.
    static func agencySheets(_ book: ReportBook, language: Language) -> String {
        let sheets = book.tables.filter(\.sheetOnly).count
        if sheets > 0 {
            return language == .zh ? "nianbao.xlsx 中每个机关一张工作表（\(sheets) 个机关，按需处理的先后排列：机关自身数字不符、警告、解析存疑、主要数字、存在问题）。"
                : "nianbao.xlsx has one sheet per agency (\(sheets) agencies, in the order of what needs action)."
        }
        guard book.headline.agencies > AgencyPages.sheetLimit else { return "" }
        return language == .zh ? "机关超过 \(AgencyPages.sheetLimit) 个，工作簿不逐一分表；`nianbao report --per-agency` 为每个机关各写一页和一个工作簿。"
            : "More than \(AgencyPages.sheetLimit) agencies: no sheet per agency; `nianbao report --per-agency` writes a page and a workbook for each."
    }

    /// Where the figures come from: the reader's version, the day, the database and how many files it holds.
    static func provenance(_ book: ReportBook, language: Language) -> String {
        let day = ISO8601DateFormatter.string(from: Date(), timeZone: .current, formatOptions: [.withFullDate])
        let database = book.store?.path.map { ($0 as NSString).lastPathComponent } ?? "—"
        let h = book.headline
        return language == .zh
            ? "由 nianbao（读取器版本 \(Ingester.readerVersion)）于 \(day) 生成；数据库 \(database)，文件 \(h.files) 个，报告 \(h.reports) 份。"
            : "Made by nianbao (reader version \(Ingester.readerVersion)) on \(day) from \(database): \(h.files) files, \(h.reports) reports."
    }

    /// A table for people who read Chinese: its headers, the measures it names and its flags in Chinese.
    static func chinese(_ set: RowSet) -> RowSet {
        let flags = ["jump": "大幅变化", "only_from": "仅起始年有", "only_to": "仅结束年有"]
        let measure = set.columns.firstIndex(of: "measure"), flag = set.columns.firstIndex(of: "flag")
        let rows = set.rows.map { row in
            row.enumerated().map { i, value -> FieldValue in
                guard case .text(let text) = value else { return value }
                if i == measure { return .text(Headers.zh.header(text)) }
                if i == flag { return .text(flags[text] ?? text) }
                return value
            }
        }
        return RowSet(columns: set.columns.map(Headers.zh.header), rows: rows)
    }

    /// Rates to four decimals, so that tables stay readable.
    static func rounded(_ v: FieldValue) -> FieldValue {
        if case .number(let n) = v, n != n.rounded() { return .number((n * 10_000).rounded() / 10_000) }
        return v
    }

    static func headlineRows(_ h: ReportBook.Headline, language: Language = .zh) -> [(String, String)] {
        func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        func count(_ v: Double?) -> String { v.map(formatGrouped) ?? "—" }
        let years = h.years.isEmpty ? "—" : h.years.count == 1 ? "\(h.years[0])" : "\(h.years.first!)–\(h.years.last!)"
        if language == .zh {
            return [
                ("报告", "\(h.reports) 份（\(h.agencies) 个机关，\(years) 年度；文件 \(h.files) 个，其中无法读取 \(h.failed) 个）"),
                ("本年新收申请", count(h.applications)),
                ("办理结果总计", count(h.handled)),
                ("公开率", percent(h.disclosureRate) + (h.disclosureCoverage.map { "（\($0.text(.zh))）" } ?? "")),
                ("行政复议", "\(count(h.reviewTotal)) 件，纠错率 \(percent(h.reviewCorrectionRate))" + (h.reviewCoverage.map { "（\($0.text(.zh))）" } ?? "")),
                ("行政诉讼", "\(count(h.suitTotal)) 件"),
                ("发现的问题", "机关自身数字不符 \(h.errors) 处（\(h.reportsWithErrors) 份报告），警告 \(h.warnings) 条，解析存疑 \(h.uncertain) 处"),
            ]
        }
        return [
            ("Reports", "\(h.reports) (\(h.agencies) agencies, years \(years); \(h.files) files, \(h.failed) unreadable)"),
            ("Applications received", count(h.applications)),
            ("Handled", count(h.handled)),
            ("Disclosure rate", percent(h.disclosureRate) + (h.disclosureCoverage.map { " (\($0.text(.en)))" } ?? "")),
            ("Administrative reviews", "\(count(h.reviewTotal)), corrected \(percent(h.reviewCorrectionRate))"
                + (h.reviewCoverage.map { " (\($0.text(.en)))" } ?? "")),
            ("Lawsuits", count(h.suitTotal)),
            ("Findings", "\(h.errors) agency errors in \(h.reportsWithErrors) reports, \(h.warnings) warnings, \(h.uncertain) parser doubts"),
        ]
    }
}

/// `report.html`: one self-contained page (no network, no script) with the headline figures and the
/// charts as inline SVG.
public enum HTMLReport {
    public static func render(_ book: ReportBook, language: Language = .zh, agencyPages: Bool = false) -> String {
        let c = book.charts
        let charts = [
            SVGChart.bars(c.applicationsByYear, title: "本年新收政府信息公开申请（按年度）"),
            SVGChart.stacked(c.outcomesByYear, names: ReportBook.Charts.outcomeNames, title: "办理结果构成（占办理总计，按年度）",
                             notes: c.outcomesCoverage.map { "\($0) 份报告" }),
            SVGChart.grouped(c.correctionByYear, names: ReportBook.Charts.correctionNames, title: "行政复议、行政诉讼纠错率（按年度）",
                             tips: c.correctionCoverage.map { $0.map { $0?.text(.zh) } },
                             counts: c.correctionCoverage.map { $0.map { $0.map { "\(formatGrouped($0.numerator))/\(formatGrouped($0.denominator))" } } },
                             notes: c.correctionCoverage.map { pair in pair.compactMap { $0?.reports }.max().map { language == .zh ? "\($0) 份报告" : "\($0) reports" } ?? "" }),
            SVGChart.ranking(c.topProblems, title: "存在问题：最常见的类别（占报告比例）", percent: true),
            SVGChart.ranking(c.agenciesByFindings, title: "机关自身数字不符（表内差错）最多的机关"),
            SVGChart.ranking(c.followersByPlatform, title: "政务新媒体关注量（按平台）"),
        ]
        let figures = SummaryMarkdown.headlineRows(book.headline, language: language)
            .map { "<div class=\"figure\"><div class=\"label\">\(escape($0.0))</div><div class=\"value\">\(escape($0.1))</div></div>" }
            .joined(separator: "\n")
        var tables = ""
        for name in ["applications_by_year", "outcomes_by_year", "review_litigation_by_year", "agencies_by_findings"] {
            guard let table = book.tables.first(where: { $0.name == name }), !table.rows.rows.isEmpty else { continue }
            let rows = language == .zh ? SummaryMarkdown.chinese(table.rows) : table.rows
            tables += "<h2>\(escape(table.title(language)))</h2>\n" + html(rows, limit: 30)
        }
        return """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>政府信息公开工作年度报告：汇总</title>
            <style>
            body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 2em auto; max-width: 1340px; color: #222; padding: 0 1em; }
            h1 { font-size: 1.6em; } h2 { font-size: 1.2em; margin-top: 1.6em; }
            .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(300px, 100%), 1fr)); gap: 0.6em; }
            .figure { border: 1px solid #ddd; border-radius: 4px; padding: 0.6em 0.8em; }
            .label { color: #666; font-size: 0.85em; } .value { font-size: 1.1em; margin-top: 0.2em; }
            .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(min(640px, 100%), 1fr)); gap: 1em; margin-top: 1.5em; }
            svg.chart { max-width: 100%; height: auto; border: 1px solid #eee; }
            table { border-collapse: collapse; font-size: 0.85em; } td, th { border: 1px solid #ddd; padding: 0.25em 0.5em; }
            th { min-width: 4.5em; font-weight: 600; }
            .wide { overflow-x: auto; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; } th { background: #f4f4f4; }
            </style>
            </head>
            <body>
            <h1>政府信息公开工作年度报告：汇总</h1>
            <div class="figures">
            \(figures)
            </div>
            \(agencyPages ? "<p><a href=\"agencies/index.html\">\(language == .zh ? "各机关：需要处理的问题（每个机关一页）" : "Each agency: what needs action (one page per agency)")</a></p>" : "")
            <div class="charts">
            \(charts.joined(separator: "\n"))
            </div>
            \(tables)
            <p>\(language == .zh ? "各表全文见同一文件夹中的 CSV 文件和 nianbao.xlsx。" : "Every table in full: the CSV files beside this page, and nianbao.xlsx.")
            \(escape(SummaryMarkdown.agencySheets(book, language: language).replacingOccurrences(of: "`", with: "")))</p>
            <p class="label">\(escape(SummaryMarkdown.provenance(book, language: language)))</p>
            </body>
            </html>

            """
    }

    /// A table as people read it: counts with thousands separators, a rate column (`…率`, `…rate`) in per cent.
    static func html(_ set: RowSet, limit: Int) -> String {
        var out = "<div class=\"wide\"><table><tr>" + set.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        let rates = set.columns.map { $0.hasSuffix("率") || $0.lowercased().hasSuffix("rate") }
        // Years and ids are names, not quantities: never grouped (2019, not 2,019).
        let names = set.columns.map { $0.hasPrefix("年度") || $0.hasPrefix("year") || $0 == "机关编号" || $0.hasSuffix("_id") }
        for row in set.rows.prefix(limit) {
            out += "<tr>" + row.enumerated().map { i, value -> String in
                if case .number(let n) = value {
                    let shown = i < names.count && names[i] && n == n.rounded() ? String(Int(n))
                        : i < rates.count && rates[i] ? String(format: "%.1f%%", n * 100)
                        : n == n.rounded() ? formatGrouped(n) : SummaryMarkdown.rounded(value).text
                    return "<td class=\"n\">\(escape(shown))</td>"
                }
                return "<td>\(escape(value.text))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</table></div>\n"
    }

    static func escape(_ s: String) -> String { XLSXWriter.escape(s) }
}
