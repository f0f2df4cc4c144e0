import Foundation
import GRDB

extension Store {
    public func exportMedia() throws -> RowSet { try rowSet(.media) }

    public func exportFacts() throws -> RowSet { try rowSet(.facts) }

    /// 政务新媒体 by platform (and any of year, province, city, county, level): accounts, the reports naming
    /// them, and the followers and posts stated (sums over the accounts that state them, with their counts).
    public func mediaSummary(by groups: [GroupKey]) throws -> RowSet {
        let keys = groups.filter { $0 != .agency && $0 != .template }
        let select = keys.map { "r.\($0.rawValue)" } + ["a.platform"]
        return try rowSet("""
            SELECT \(select.joined(separator: ", ")), COUNT(*), COUNT(DISTINCT a.report_id),
                   COUNT(a.followers), SUM(a.followers), COUNT(a.posts), SUM(a.posts)
            FROM media_accounts a JOIN reports r ON r.id = a.report_id
            GROUP BY \(select.joined(separator: ", "))
            ORDER BY \(select.dropLast().map { $0 + ", " }.joined())COUNT(*) DESC
            """, columns: keys.map(\.rawValue) + ["platform", "accounts", "reports", "accounts_with_followers", "followers",
                                                   "accounts_with_posts", "posts"])
    }

    public func exportProblems() throws -> RowSet { try rowSet(.problems) }

    /// Problems by category (and any of year, province, city, county, level): problems, reports naming
    /// the category, and their share of the group's reports. This year's problems only.
    public func problemSummary(by groups: [GroupKey]) throws -> RowSet {
        let keys = groups.filter { $0 != .agency && $0 != .template }
        let select = keys.map { "r.\($0.rawValue)" }
        let reportsInGroup = keys.isEmpty ? "(SELECT COUNT(*) FROM reports)"
            : "(SELECT COUNT(*) FROM reports x WHERE " + keys.map { "x.\($0.rawValue) IS r.\($0.rawValue)" }.joined(separator: " AND ") + ")"
        return try rowSet("""
            SELECT \((select + ["p.category"]).joined(separator: ", ")), COUNT(*), COUNT(DISTINCT p.report_id),
                   COUNT(DISTINCT p.report_id) * 1.0 / \(reportsInGroup)
            FROM problems p JOIN reports r ON r.id = p.report_id
            WHERE p.previous_year = 0
            GROUP BY \((select + ["p.category"]).joined(separator: ", "))
            ORDER BY \(select.map { $0 + ", " }.joined())COUNT(DISTINCT p.report_id) DESC
            """, columns: keys.map(\.rawValue) + ["category", "problems", "reports", "share"])
    }

    /// `phrase,year,reports,share`: recurring phrases of this year's problems (`Phrases.mine`).
    public func exportPhrases(minReports: Int = 2, limit: Int = 200) throws -> RowSet {
        // Streamed twice from SQLite, one report at a time: memory is bounded by the sample, not the corpus.
        let rows = try read { db -> [Phrases.Row] in
            var perYear: [Int: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT year, COUNT(*) FROM reports WHERE year IS NOT NULL GROUP BY year") {
                perYear[row[0]] = row[1]
            }
            return try Phrases.mine(reportsPerYear: perYear, minReports: minReports, limit: limit) { visit in
                let cursor = try Row.fetchCursor(db, sql: """
                    SELECT p.report_id, r.year, p.text FROM problems p JOIN reports r ON r.id = p.report_id
                    WHERE p.previous_year = 0 AND r.year IS NOT NULL ORDER BY p.report_id, p.position
                    """)
                var current: (id: Int64, year: Int, texts: [String])?
                while let row = try cursor.next() {
                    let id: Int64 = row[0]
                    if let c = current, c.id != id { visit(c.year, c.texts); current = nil }
                    if current == nil { current = (id, row[1], []) }
                    current!.texts.append(row[2])
                }
                if let c = current { visit(c.year, c.texts) }
            }
        }
        return RowSet(columns: ["phrase", "year", "reports", "share"],
                      rows: rows.map { [.text($0.phrase), .number(Double($0.year)), .number(Double($0.reports)), .number($0.share)] })
    }

    /// `source_a,source_b,section,similarity`: near-duplicate sections 一 (`overview`) and 五 (`problems`)
    /// between one agency's consecutive years, and between agencies in the same year.
    public func exportDuplicates(threshold: Double = 0.8) throws -> RowSet {
        struct Entry { var path: String; var agency: Int64?; var year: Int?; var signature: [UInt32] }
        let sections: [String: [Entry]] = try read { db in
            var out: [String: [Entry]] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT g.section, s.path, r.agency_id, r.year, g.signature FROM section_signatures g
                JOIN reports r ON r.id = g.report_id JOIN sources s ON s.id = r.source_id ORDER BY s.path
                """)
            while let row = try rows.next() {
                let data: Data = row[4]
                let signature = data.withUnsafeBytes { Array($0.bindMemory(to: UInt32.self)) }
                out[row[0], default: []].append(Entry(path: row[1], agency: row[2], year: row[3], signature: signature))
            }
            return out
        }
        var rows: [[FieldValue]] = []
        for (section, entries) in sections.sorted(by: { $0.key < $1.key }) {
            for (i, j, similarity) in Similarity.similarPairs(entries.map(\.signature), threshold: threshold) {
                let a = entries[i], b = entries[j]
                guard let ya = a.year, let yb = b.year else { continue }
                let consecutive = a.agency != nil && a.agency == b.agency && abs(ya - yb) == 1
                let sameYear = ya == yb && a.agency != b.agency
                guard consecutive || sameYear else { continue }
                rows.append([.text(a.path), .text(b.path), .text(section), .number((similarity * 1000).rounded() / 1000)])
            }
        }
        return RowSet(columns: ["source_a", "source_b", "section", "similarity"], rows: rows)
    }
}

extension RowSource {
    /// `source,platform,name,followers,posts,sentence`: one row per 政务新媒体 account.
    public static let media = RowSource(columns: ["source", "platform", "name", "followers", "posts", "sentence"], sql: """
        SELECT s.path, m.platform, m.name, m.followers, m.posts, m.sentence
        FROM media_accounts m JOIN reports r ON r.id = m.report_id JOIN sources s ON s.id = r.source_id
        ORDER BY s.path, m.position
        """)

    /// `source,fact,value,approximate,sentence,result`: one row per fact stated in the prose; `result`
    /// holds the words of a result (考核 合格), whose `value` is empty.
    public static let facts = RowSource(columns: ["source", "fact", "value", "approximate", "sentence", "result"], sql: """
        SELECT s.path, f.fact, f.value, f.approximate, f.sentence, f.result
        FROM prose_facts f JOIN reports r ON r.id = f.report_id JOIN sources s ON s.id = r.source_id
        ORDER BY s.path, f.fact
        """)

    /// `source,index,text,category,previous_year`: one row per problem of section 五.
    public static let problems = RowSource(columns: ["source", "index", "text", "category", "previous_year"], sql: """
        SELECT s.path, p.position, p.text, p.category, p.previous_year
        FROM problems p JOIN reports r ON r.id = p.report_id JOIN sources s ON s.id = r.source_id
        ORDER BY s.path, p.position
        """)
}
