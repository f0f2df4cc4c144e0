import Foundation
import GRDB

/// One page per agency (`nianbao report --per-agency`), for the office that oversees them: `agencies/index.html` lists
/// every agency by what needs action — the agency's own arithmetic errors first, then warnings, then the parser's
/// doubts (kept apart: a doubt is not the agency's fault) — and each agency's page (`agencies/<id>-<name>.html`, one
/// file that can be sent to it) holds its reports, its key figures year by year, every finding with its message, and
/// the problems its reports name, with the same as a workbook beside it (`agencies/<id>-<name>.xlsx`: sheets 报告,
/// 主要数字, 发现, 存在问题; rates as percentages). Pages are self-contained (no script, no network).
public enum AgencyPages {
    public struct Entry: Sendable, Equatable {
        public var id: Int64
        public var name: String
        public var region: String
        public var years: String
        public var reports: Int
        public var errors: Int
        public var warnings: Int
        public var uncertain: Int
        public var file: String
        /// The agency's workbook beside its page.
        public var workbook: String { String(file.dropLast(".html".count)) + ".xlsx" }
    }

    static let measures = ["applications", "handled", "disclosure_rate", "review_total", "review_corrected", "review_correction_rate",
                           "suit_total", "suit_corrected"]

    /// The agencies in the order the index lists them.
    public static func entries(_ store: Store) throws -> [Entry] {
        try store.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.id, a.name,
                       (SELECT COALESCE(r2.province, '') || '/' || COALESCE(r2.city, '') || '/' || COALESCE(r2.county, '') FROM reports r2
                        WHERE r2.agency_id = a.id AND r2.province IS NOT NULL ORDER BY r2.year DESC LIMIT 1),
                       GROUP_CONCAT(DISTINCT r.year), COUNT(DISTINCT r.id),
                       (SELECT COUNT(*) FROM findings f JOIN reports x ON x.source_id = f.source_id WHERE x.agency_id = a.id AND f.severity = 'error'),
                       (SELECT COUNT(*) FROM findings f JOIN reports x ON x.source_id = f.source_id WHERE x.agency_id = a.id AND f.severity = 'warning'),
                       (SELECT COUNT(*) FROM findings f JOIN reports x ON x.source_id = f.source_id WHERE x.agency_id = a.id AND f.severity = 'uncertain')
                FROM agencies a JOIN reports r ON r.agency_id = a.id
                GROUP BY a.id
                ORDER BY 6 DESC, 7 DESC, 8 DESC, a.name, a.id
                """).map { row in
                let id: Int64 = row[0], name: String = row[1]
                let years = (row[3] as String? ?? "").split(separator: ",").sorted().joined(separator: "、")
                // 上海市/上海市/黄浦区 → 上海市黄浦区.
                var region: [String] = []
                for part in (row[2] as String? ?? "").split(separator: "/").map(String.init) where region.last != part { region.append(part) }
                return Entry(id: id, name: name, region: region.joined(), years: years, reports: row[4], errors: row[5],
                             warnings: row[6], uncertain: row[7], file: fileName(id: id, name: name))
            }
        }
    }

    /// `12-淮安市洪泽区人民政府.html`: the id keeps two agencies of one name apart; characters a file system refuses
    /// are replaced.
    static func fileName(id: Int64, name: String) -> String {
        let safe = String(name.unicodeScalars.prefix(60).map { c -> Character in
            c == "/" || c == "\\" || c == ":" || c.value < 0x20 || "*?\"<>|".unicodeScalars.contains(c) ? "_" : Character(c)
        })
        return "\(id)-\(safe).html"
    }

    /// Writes the index and every agency's page into `directory` (created); returns the file names.
    public static func write(_ store: Store, to directory: String) throws -> [String] {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let entries = try entries(store)
        // Key figures of every agency and year in one query, then per agency.
        let figures = try store.summary(by: [.agency, .year], measures: measures, coverage: false)
        var byAgency: [Int64: [[FieldValue]]] = [:]
        let rates = Set(figures.columns.indices.filter { i in Measures.aggregate(named: figures.columns[i])?.isRate == true }.map { $0 - 2 })
        for row in figures.rows {
            guard case .number(let id) = row[0] else { continue }
            byAgency[Int64(id), default: []].append(Array(row.dropFirst(2)))
        }
        let figureColumns = Array(figures.columns.dropFirst(2)).map(Headers.zh.header)
        var written: [String] = []
        for entry in entries {
            let numbers = RowSet(columns: figureColumns, rows: byAgency[entry.id] ?? [])
            // On the page: rates as percentages, counts grouped.
            let shown = RowSet(columns: figureColumns, rows: numbers.rows.map { row in
                row.enumerated().map { i, value -> FieldValue in
                    guard case .number(let n) = value else { return value }
                    return i == 0 ? value : .text(rates.contains(i) ? String(format: "%.1f%%", n * 100) : formatGrouped(n))
                }
            })
            let (page, sheets) = try agencyPage(entry, store: store, figures: shown)
            try writeAtomically(page, to: directory + "/" + entry.file)
            written.append(entry.file)
            let book = try XLSXWriter(path: directory + "/" + entry.workbook)
            for (name, rows) in [("报告", sheets.reports), ("主要数字", numbers), ("发现", sheets.findings), ("存在问题", sheets.problems)] {
                let sheet = try book.sheet(name, columns: rows.columns, percent: name == "主要数字" ? rates : [])
                for row in rows.rows { try sheet.row(row) }
                try sheet.finish()
            }
            try book.commit()
            written.append(entry.workbook)
        }
        try writeAtomically(index(entries), to: directory + "/index.html")
        written.append("index.html")
        return written
    }

    static func index(_ entries: [Entry]) -> String {
        var rows = ""
        for (i, e) in entries.enumerated() {
            rows += "<tr><td class=\"n\">\(i + 1)</td><td><a href=\"\(escape(e.file))\">\(escape(e.name))</a></td><td>\(escape(e.region))</td>"
                + "<td>\(escape(e.years))</td><td class=\"n\">\(e.reports)</td><td class=\"n\(e.errors > 0 ? " bad" : "")\">\(e.errors)</td>"
                + "<td class=\"n\">\(e.warnings)</td><td class=\"n\">\(e.uncertain)</td></tr>\n"
        }
        return page(title: "各机关：需要处理的问题", body: """
            <p>按机关自身数字不符（表内差错）、警告、解析存疑的顺序排列。解析存疑是本程序未能确定的单元格，不是机关的差错。</p>
            <div class="wide"><table><tr><th>序号</th><th>机关</th><th>所在地</th><th>年度</th><th>报告数</th><th>数字不符</th><th>警告</th><th>解析存疑</th></tr>
            \(rows)</table></div>
            """)
    }

    /// The agency's reports, findings (errors, then warnings, then the parser's doubts) and problems.
    static func details(_ e: Entry, store: Store) throws -> (reports: [Row], findings: [Row], problems: [Row]) {
        try store.read { db in
            (try Row.fetchAll(db, sql: """
                SELECT r.year, s.path, r.agency, r.template FROM reports r JOIN sources s ON s.id = r.source_id
                WHERE r.agency_id = ? ORDER BY r.year, s.path
                """, arguments: [e.id]),
             try Row.fetchAll(db, sql: """
                SELECT f.severity, r.year, f.rule, f.message, s.path FROM findings f JOIN reports r ON r.source_id = f.source_id
                JOIN sources s ON s.id = r.source_id
                WHERE r.agency_id = ?
                ORDER BY CASE f.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, r.year, s.path, f.id
                """, arguments: [e.id]),
             try Row.fetchAll(db, sql: """
                SELECT r.year, p.category, p.text FROM problems p JOIN reports r ON r.id = p.report_id
                WHERE r.agency_id = ? ORDER BY r.year, p.position
                """, arguments: [e.id]))
        }
    }

    /// The most agencies given a sheet each in `nianbao.xlsx` (an office checking its subordinate agencies); a corpus
    /// of more has them in the files `--per-agency` writes.
    public static let sheetLimit = 300

    /// One sheet per agency for the main workbook, in the order of what needs action, or none for more than
    /// `sheetLimit` agencies. Each holds, one row per item: the agency's own arithmetic errors, warnings, the parser's
    /// doubts (kept apart), its key figures year by year (counts under 数值, rates under 比率), and its problems.
    public static func sheets(_ store: Store) throws -> [(name: String, rows: RowSet)] {
        let entries = try entries(store)
        guard entries.count <= sheetLimit else { return [] }
        let figures = try store.summary(by: [.agency, .year], measures: measures, coverage: false)
        var out: [(name: String, rows: RowSet)] = []
        for e in entries {
            let (_, findings, problems) = try details(e, store: store)
            var rows: [[FieldValue]] = []
            func year(_ row: Row, _ i: Int) -> FieldValue { (row[i] as Int?).map { .number(Double($0)) } ?? .null }
            func text(_ row: Row, _ i: Int) -> FieldValue { .text(row[i] as String? ?? "") }
            for f in findings {
                rows.append([.text(kinds[f[0] as String] ?? ""), year(f, 1), .text(RuleID(rawValue: f[2] as String? ?? "").label), .null, .null,
                             text(f, 3), text(f, 4)])
            }
            // Columns: the agency's id and name, the year, then the measures.
            for row in figures.rows {
                guard case .number(let id) = row[0], Int64(id) == e.id else { continue }
                for (i, name) in figures.columns.enumerated().dropFirst(3) {
                    guard case .number = row[i] else { continue }
                    let rate = Measures.aggregate(named: name)?.isRate == true
                    rows.append([.text("主要数字"), row[2], .text(Headers.zh.header(name)), rate ? .null : row[i], rate ? row[i] : .null, .null, .null])
                }
            }
            for p in problems { rows.append([.text("存在问题"), year(p, 0), text(p, 1), .null, .null, text(p, 2), .null]) }
            out.append((e.name, RowSet(columns: sheetColumns, rows: rows)))
        }
        return out
    }

    static let sheetColumns = ["部分", "年度", "项目", "数值", "比率", "说明", "文件"]
    static let kinds = ["error": "机关自身数字不符", "warning": "警告", "uncertain": "解析存疑（非机关差错）"]

    /// The agency's page, and the rows of its workbook's sheets other than the figures.
    static func agencyPage(_ e: Entry, store: Store, figures: RowSet) throws -> (String, (reports: RowSet, findings: RowSet, problems: RowSet)) {
        let (reports, findings, problems) = try details(e, store: store)
        var body = "<p>\(escape(e.region.isEmpty ? "所在地未确定" : e.region)) · 年度 \(escape(e.years)) · 报告 \(e.reports) 份 · "
            + "机关自身数字不符 \(e.errors) 处，警告 \(e.warnings) 条，解析存疑 \(e.uncertain) 处</p>\n"
        body += "<h2>报告</h2>\n<div class=\"wide\"><table><tr><th>年度</th><th>名称</th><th>模板</th><th>文件</th></tr>\n"
        for r in reports {
            body += "<tr><td>\((r[0] as Int?).map(String.init) ?? "—")</td><td>\(escape(r[2] ?? ""))</td><td>\(escape(r[3] ?? ""))</td>"
                + "<td>\(escape(r[1] ?? ""))</td></tr>\n"
        }
        body += "</table></div>\n<h2>主要数字（按年度）</h2>\n" + HTMLReport.html(figures, limit: 100)
        // Severity, the section's title on the page, the kind in the workbook.
        let groups = [("error", "机关自身数字不符（表内差错）", "机关自身数字不符"), ("warning", "警告", "警告"),
                      ("uncertain", "解析存疑（本程序未能确定，非机关差错）", "解析存疑")]
        for (severity, title, _) in groups {
            let rows = findings.filter { ($0[0] as String) == severity }
            body += "<h2>\(title)：\(rows.count)</h2>\n"
            guard !rows.isEmpty else { continue }
            body += "<div class=\"wide\"><table><tr><th>年度</th><th>规则</th><th>说明</th><th>文件</th></tr>\n"
            for f in rows {
                body += "<tr><td>\((f[1] as Int?).map(String.init) ?? "—")</td><td>\(escape(RuleID(rawValue: f[2] ?? "").label))</td><td>\(escape(f[3] ?? ""))</td>"
                    + "<td>\(escape(f[4] ?? ""))</td></tr>\n"
            }
            body += "</table></div>\n"
        }
        body += "<h2>存在的主要问题</h2>\n"
        if problems.isEmpty { body += "<p>（报告未列出）</p>\n" } else {
            body += "<div class=\"wide\"><table><tr><th>年度</th><th>类别</th><th>问题</th></tr>\n"
            for p in problems {
                body += "<tr><td>\((p[0] as Int?).map(String.init) ?? "—")</td><td>\(escape(p[1] ?? ""))</td><td>\(escape(p[2] ?? ""))</td></tr>\n"
            }
            body += "</table></div>\n"
        }
        func year(_ row: Row, _ i: Int) -> FieldValue { (row[i] as Int?).map { .number(Double($0)) } ?? .null }
        func text(_ row: Row, _ i: Int) -> FieldValue { .text(row[i] as String? ?? "") }
        let kinds = Dictionary(uniqueKeysWithValues: groups.map { ($0.0, $0.2) })
        let sheets = (
            reports: RowSet(columns: ["年度", "名称", "模板", "文件"], rows: reports.map { [year($0, 0), text($0, 2), text($0, 3), text($0, 1)] }),
            findings: RowSet(columns: ["类别", "年度", "规则", "说明", "文件"],
                             rows: findings.map { [.text(kinds[$0[0] as String] ?? ""), year($0, 1), .text(RuleID(rawValue: $0[2] as String? ?? "").label),
                                                   text($0, 3), text($0, 4)] }),
            problems: RowSet(columns: ["年度", "类别", "问题"], rows: problems.map { [year($0, 0), text($0, 1), text($0, 2)] }))
        let links = "<p><a href=\"index.html\">← 各机关</a> · <a href=\"\(escape(e.workbook))\">本机关工作簿（xlsx）</a></p>\n"
        return (page(title: e.name, body: links + body), sheets)
    }

    static func page(title: String, body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="zh-CN">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(escape(title))</title>
        <style>
        body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", sans-serif; margin: 2em auto; max-width: 1340px; color: #222; padding: 0 1em; }
        h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 1.4em; }
        table { border-collapse: collapse; font-size: 0.85em; } td, th { border: 1px solid #ddd; padding: 0.25em 0.5em; vertical-align: top; }
        th { background: #f4f4f4; } td.n { text-align: right; font-variant-numeric: tabular-nums; } td.bad { color: #b00; font-weight: bold; }
        .wide { overflow-x: auto; }
        </style>
        </head>
        <body>
        <h1>\(escape(title))</h1>
        \(body)
        </body>
        </html>

        """
    }

    static func escape(_ s: String) -> String { XLSXWriter.escape(s) }
}
