import Foundation

/// `summary.md`: the headline figures and the small tables, in Markdown (renders on any forge).
public enum SummaryMarkdown {
    public static func render(_ book: ReportBook) -> String {
        let h = book.headline
        var out = "# 政府信息公开工作年度报告：汇总\n\n"
        out += headlineRows(h).map { "- **\($0.0)**: \($0.1)" }.joined(separator: "\n") + "\n"
        for name in ["applications_by_year", "outcomes_by_year", "review_litigation_by_year", "year_over_year",
                     "agencies_by_findings", "media_by_platform", "problem_categories"] {
            guard let table = book.tables.first(where: { $0.name == name }) else { continue }
            out += "\n## \(table.title)\n\n"
            if table.rows.rows.isEmpty { out += "（无数据）\n"; continue }
            var writer = MarkdownWriter()
            out += writer.render(RowSet(columns: table.rows.columns, rows: Array(table.rows.rows.prefix(30)).map { $0.map(rounded) }))
            if table.rows.rows.count > 30 { out += "\n… \(table.rows.rows.count - 30) more rows in `\(name).csv`.\n" }
        }
        out += "\nEvery table in full: the CSV files beside this one, and `nianbao.xlsx`. Definitions: docs/measures.md.\n"
        return out
    }

    /// Rates to four decimals, so that tables stay readable.
    static func rounded(_ v: FieldValue) -> FieldValue {
        if case .number(let n) = v, n != n.rounded() { return .number((n * 10_000).rounded() / 10_000) }
        return v
    }

    static func headlineRows(_ h: ReportBook.Headline) -> [(String, String)] {
        func percent(_ v: Double?) -> String { v.map { String(format: "%.1f%%", $0 * 100) } ?? "—" }
        func count(_ v: Double?) -> String { v.map(formatNumber) ?? "—" }
        let years = h.years.isEmpty ? "—" : h.years.count == 1 ? "\(h.years[0])" : "\(h.years.first!)–\(h.years.last!)"
        return [
            ("报告 reports", "\(h.reports) (\(h.agencies) agencies, years \(years); \(h.files) files, \(h.failed) unreadable)"),
            ("本年新收申请 applications", count(h.applications)),
            ("办理总计 handled", count(h.handled)),
            ("公开率 disclosure rate", percent(h.disclosureRate)),
            ("行政复议 reviews", "\(count(h.reviewTotal)), 纠错率 \(percent(h.reviewCorrectionRate))"),
            ("行政诉讼 suits", count(h.suitTotal)),
            ("findings", "\(h.errors) agency errors in \(h.reportsWithErrors) reports, \(h.warnings) warnings, \(h.uncertain) parser doubts"),
        ]
    }
}

/// `report.html`: one self-contained page (no network, no script) with the headline figures and the
/// charts as inline SVG.
public enum HTMLReport {
    public static func render(_ book: ReportBook) -> String {
        let c = book.charts
        let charts = [
            SVGChart.bars(c.applicationsByYear, title: "本年新收政府信息公开申请（按年度）"),
            SVGChart.stacked(c.outcomesByYear, names: ReportBook.Charts.outcomeNames, title: "办理结果构成（占办理总计，按年度）"),
            SVGChart.grouped(c.correctionByYear, names: ReportBook.Charts.correctionNames, title: "行政复议、行政诉讼纠错率（按年度）"),
            SVGChart.ranking(c.topProblems, title: "存在问题：最常见的类别（占报告比例）", percent: true),
            SVGChart.ranking(c.agenciesByFindings, title: "错误与警告最多的机关"),
            SVGChart.ranking(c.followersByPlatform, title: "政务新媒体关注量（按平台）"),
        ]
        let figures = SummaryMarkdown.headlineRows(book.headline)
            .map { "<div class=\"figure\"><div class=\"label\">\(escape($0.0))</div><div class=\"value\">\(escape($0.1))</div></div>" }
            .joined(separator: "\n")
        var tables = ""
        for name in ["applications_by_year", "outcomes_by_year", "review_litigation_by_year", "agencies_by_findings"] {
            guard let table = book.tables.first(where: { $0.name == name }), !table.rows.rows.isEmpty else { continue }
            tables += "<h2>\(escape(table.title))</h2>\n" + html(table.rows, limit: 30)
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
            .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(300px, 1fr)); gap: 0.6em; }
            .figure { border: 1px solid #ddd; border-radius: 4px; padding: 0.6em 0.8em; }
            .label { color: #666; font-size: 0.85em; } .value { font-size: 1.1em; margin-top: 0.2em; }
            .charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(640px, 1fr)); gap: 1em; margin-top: 1.5em; }
            svg.chart { max-width: 100%; height: auto; border: 1px solid #eee; }
            table { border-collapse: collapse; font-size: 0.85em; } td, th { border: 1px solid #ddd; padding: 0.25em 0.5em; }
            .wide { overflow-x: auto; }
            td.n { text-align: right; font-variant-numeric: tabular-nums; } th { background: #f4f4f4; }
            </style>
            </head>
            <body>
            <h1>政府信息公开工作年度报告：汇总</h1>
            <div class="figures">
            \(figures)
            </div>
            <div class="charts">
            \(charts.joined(separator: "\n"))
            </div>
            \(tables)
            <p>Every table in full: the CSV files beside this page, and nianbao.xlsx.</p>
            </body>
            </html>

            """
    }

    static func html(_ set: RowSet, limit: Int) -> String {
        var out = "<div class=\"wide\"><table><tr>" + set.columns.map { "<th>\(escape($0))</th>" }.joined() + "</tr>\n"
        for row in set.rows.prefix(limit) {
            out += "<tr>" + row.map { value -> String in
                if case .number = value { return "<td class=\"n\">\(escape(SummaryMarkdown.rounded(value).text))</td>" }
                return "<td>\(escape(value.text))</td>"
            }.joined() + "</tr>\n"
        }
        return out + "</table></div>\n"
    }

    static func escape(_ s: String) -> String { XLSXWriter.escape(s) }
}
