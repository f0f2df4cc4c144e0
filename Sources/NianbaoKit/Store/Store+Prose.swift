import Foundation
import GRDB

extension Store {
    public func exportMedia() throws -> RowSet { try rowSet(.media) }

    public func exportFacts() throws -> RowSet { try rowSet(.facts) }

    /// 政务新媒体 by platform (and any of year, province, city, county, level): active accounts, the reports naming
    /// them, and the followers and posts stated (sums over the accounts that state them, with their counts). Accounts
    /// closed or merged, and totals stated without an account, are left out (`export media` has them). 微博 and
    /// 新浪微博 are one platform. Without `year` among the groups an account counts once, from the latest report of
    /// its agency that names it: followers summed over four years would count each account four times.
    public func mediaSummary(by groups: [GroupKey]) throws -> RowSet {
        let keys = groups.filter { $0 != .agency && $0 != .template }
        let platform = "CASE WHEN a.platform LIKE '%微博' THEN '微博' ELSE a.platform END"
        let select = keys.map { "r.\($0.rawValue)" } + [platform]
        let latest = keys.contains(.year) ? "" : """
             AND NOT EXISTS (SELECT 1 FROM media_accounts b JOIN reports rb ON rb.id = b.report_id
                            WHERE b.name = a.name AND b.status <> 'total' AND rb.agency_id = r.agency_id
                              AND (CASE WHEN b.platform LIKE '%微博' THEN '微博' ELSE b.platform END) = \(platform)
                              AND (rb.year > r.year OR rb.year = r.year AND rb.id > r.id))
            """
        return try rowSet("""
            SELECT \(select.joined(separator: ", ")), COUNT(*), COUNT(DISTINCT a.report_id),
                   COUNT(a.followers), SUM(a.followers), COUNT(a.posts), SUM(a.posts)
            FROM media_accounts a JOIN reports r ON r.id = a.report_id
            WHERE a.status = 'active'\(latest)
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
    /// between one agency's reports of different years, and between any two agencies' reports.
    public func exportDuplicates(threshold: Double = 0.8) throws -> RowSet {
        let found = try duplicateSections(threshold: threshold)
        var set = RowSet(columns: DuplicateSections.columns)
        found.forEach { set.rows.append($0) }
        return set
    }

    /// A sentence is boilerplate when at least this share of the sections print it, and at least this many (a share
    /// high enough that a county's townships copying one another are still reported, see `docs/prose.md`).
    static let boilerplateShare = 0.2
    static let boilerplateMinimum: Int32 = 10

    /// The same, held compactly (each path once, a pair as two indexes), for a corpus whose pairs run to millions.
    public func duplicateSections(threshold: Double = 0.8) throws -> DuplicateSections {
        struct Section {
            var flat: [UInt32] = []; var path: [Int32] = []; var agency: [Int64] = []; var year: [Int32] = []
            /// Each section's sentence hashes, laid end to end (`ends[i]` closes the i-th).
            var sentences: [UInt64] = []; var ends: [Int] = []
            func sentences(_ i: Int) -> ArraySlice<UInt64> { sentences[(i == 0 ? 0 : ends[i - 1])..<ends[i]] }
        }
        var paths: [String] = []
        var reports: [(agency: String, agencyID: Int64, year: Int32)] = []   // by path index
        let sections: [String: Section] = try read { db in
            var out: [String: Section] = [:]
            var pathIndex: [Int64: Int32] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT g.section, s.path, r.agency_id, r.year, g.signature, r.id, COALESCE(r.agency, ''), g.sentences FROM section_signatures g
                JOIN reports r ON r.id = g.report_id JOIN sources s ON s.id = r.source_id ORDER BY s.path
                """)
            while let row = try rows.next() {
                let data: Data = row[4]
                guard data.count == Similarity.hashes * 4 else { continue }
                let id: Int64 = row[5]
                let index = pathIndex[id] ?? {
                    paths.append(row[1])
                    reports.append((row[6], row[2] ?? -1, Int32((row[3] as Int?) ?? -1)))
                    pathIndex[id] = Int32(paths.count - 1)
                    return Int32(paths.count - 1)
                }()
                let section: String = row[0]
                var entry = out[section] ?? Section()
                out[section] = nil   // appended in place, not copied
                data.withUnsafeBytes { entry.flat.append(contentsOf: $0.bindMemory(to: UInt32.self)) }
                entry.path.append(index)
                entry.agency.append(row[2] ?? -1)
                entry.year.append(Int32((row[3] as Int?) ?? -1))
                if let sentences = row[7] as Data? {
                    sentences.withUnsafeBytes { entry.sentences.append(contentsOf: $0.bindMemory(to: UInt64.self)) }
                }
                entry.ends.append(entry.sentences.count)
                out[section] = entry
            }
            return out
        }
        var pairs: [DuplicateSections.Pair] = []
        let names = sections.keys.sorted()
        for (n, name) in names.enumerated() {
            let e = sections[name]!
            // Boilerplate, learnt from the corpus: the sentences that many of the reports' sections print (the
            // template's own wording); a pair alike only through them is no copy.
            var reportsWith: [UInt64: Int32] = [:]
            for hash in e.sentences { reportsWith[hash, default: 0] += 1 }
            let least = max(Self.boilerplateMinimum, Int32((Double(e.path.count) * Self.boilerplateShare).rounded(.up)))
            let boilerplate = Set(reportsWith.filter { $0.value >= least }.keys)
            // One agency's consecutive years, or two agencies' same year; a report without a year is compared with none.
            // One agency's reports of two different years (however far apart), or two agencies' reports of any
            // years, a year unknown included (a township reusing another's report of an earlier year is the
            // commonest copy). Not one agency's two files of one year: those are `meta.duplicate_report`.
            Similarity.similarPairs(flat: e.flat, threshold: threshold, candidate: { i, j in
                if e.agency[i] >= 0 && e.agency[i] == e.agency[j] {
                    return e.year[i] >= 0 && e.year[j] >= 0 && e.year[i] != e.year[j]
                }
                return true
            }) { i, j, similarity in
                if !boilerplate.isEmpty, Similarity.onlyBoilerplate(e.sentences(i), e.sentences(j), boilerplate: boilerplate) {
                    return
                }
                pairs.append(DuplicateSections.Pair(section: UInt8(n), a: e.path[min(i, j)], b: e.path[max(i, j)],
                                                    similarity: Float((similarity * 1000).rounded() / 1000)))
            }
        }
        pairs.sort { ($0.section, $0.a, $0.b) < ($1.section, $1.a, $1.b) }
        return DuplicateSections(paths: paths, reports: reports, sections: names, pairs: pairs)
    }
}

/// Near-duplicate sections: pairs of reports, sorted by section and path.
public struct DuplicateSections: Sendable {
    public static let columns = ["source_a", "source_b", "section", "similarity", "agency_a", "year_a", "agency_b", "year_b", "same_agency",
                                 "passage", "passage_chars"]
    struct Pair: Sendable {
        var section: UInt8
        var a: Int32
        var b: Int32
        var similarity: Float
    }
    let paths: [String]
    /// Per path: the agency as printed, its identity, its year (−1 unknown).
    let reports: [(agency: String, agencyID: Int64, year: Int32)]
    let sections: [String]
    let pairs: [Pair]
    /// The sections' text by path, once read again from the files (`withPassages`): each pair's longest shared
    /// passage is found as its row is made, so memory grows with the reports, not with the pairs.
    var texts: [String: [String: String]]?

    public var count: Int { pairs.count }

    /// The paths of the reports in a pair, for reading their sections again.
    public var pathsInPairs: [String] {
        var used = Set<Int32>()
        for pair in pairs { used.insert(pair.a); used.insert(pair.b) }
        return used.sorted().map { paths[Int($0)] }
    }

    /// The same with each pair's longest shared passage, from the sections' text by path (`sections(path)`:
    /// section name → text; nil for a file that can no longer be read, whose pairs get no passage).
    public func withPassages(_ sections: [String: [String: String]]) -> DuplicateSections {
        var out = self
        out.texts = sections
        return out
    }

    /// A passage as written out: its first 300 characters, then `…`.
    static func shown(_ passage: String) -> String {
        let flat = passage.split(whereSeparator: \.isNewline).joined(separator: " ")
        return flat.count <= 300 ? flat : String(flat.prefix(300)) + "…"
    }

    /// The rows `source_a,source_b,section,similarity,agency_a,year_a,agency_b,year_b,same_agency,passage,passage_chars`,
    /// made one at a time.
    public func forEach(_ each: ([FieldValue]) throws -> Void) rethrows {
        func year(_ y: Int32) -> FieldValue { y < 0 ? .null : .number(Double(y)) }
        // Pairs come sorted by section and first report: one finder per first report's section, for all its pairs.
        var finder: (pair: Pair, Similarity.PassageFinder?)?
        for pair in pairs {
            let a = reports[Int(pair.a)], b = reports[Int(pair.b)]
            let name = sections[Int(pair.section)]
            let passage = texts.flatMap { texts -> (String, Int)? in
                if finder == nil || finder!.pair.a != pair.a || finder!.pair.section != pair.section {
                    finder = (pair, texts[paths[Int(pair.a)]]?[name].map(Similarity.PassageFinder.init))
                }
                guard let found = finder?.1, let y = texts[paths[Int(pair.b)]]?[name] else { return nil }
                return found.shared(with: y)
            }
            try each([.text(paths[Int(pair.a)]), .text(paths[Int(pair.b)]), .text(sections[Int(pair.section)]),
                      .number((Double(pair.similarity) * 1000).rounded() / 1000),
                      .text(a.agency), year(a.year), .text(b.agency), year(b.year),
                      .number(a.agencyID >= 0 && a.agencyID == b.agencyID ? 1 : 0),
                      passage.map { .text(Self.shown($0.0)) } ?? .null, passage.map { .number(Double($0.1)) } ?? .null])
        }
    }

    /// Per agency, its sections that another agency's report shares (each pair counts for both): `agency`,
    /// `copied_sections`, `other_agencies`, most first.
    public func byAgency() -> RowSet {
        var sections: [Int64: Int] = [:], others: [Int64: Set<Int64>] = [:], names: [Int64: String] = [:]
        for pair in pairs {
            let a = reports[Int(pair.a)], b = reports[Int(pair.b)]
            guard a.agencyID >= 0, b.agencyID >= 0, a.agencyID != b.agencyID else { continue }
            for (x, y) in [(a, b), (b, a)] {
                sections[x.agencyID, default: 0] += 1
                others[x.agencyID, default: []].insert(y.agencyID)
                if names[x.agencyID] == nil { names[x.agencyID] = x.agency }
            }
        }
        let rows = sections.sorted { $0.value > $1.value || $0.value == $1.value && $0.key < $1.key }.map { id, count -> [FieldValue] in
            [.text(names[id] ?? ""), .number(Double(count)), .number(Double(others[id]?.count ?? 0))]
        }
        return RowSet(columns: ["agency", "copied_sections", "other_agencies"], rows: rows)
    }
}

extension RowSource {
    /// `source,platform,name,followers,posts,sentence,status`: one row per 政务新媒体 account (`status` `active`,
    /// `closed`, `merged`), and per total a report states for a platform without naming an account (`total`,
    /// `name` empty; platform `全部` for all its accounts).
    public static let media = RowSource(columns: ["source", "platform", "name", "followers", "posts", "sentence", "status"], sql: """
        SELECT s.path, m.platform, m.name, m.followers, m.posts, m.sentence, m.status
        FROM media_accounts m JOIN reports r ON r.id = m.report_id JOIN sources s ON s.id = r.source_id
        """, order: "s.path, m.position")

    /// `source,fact,value,approximate,sentence,result`: one row per fact stated in the prose; `result`
    /// holds the words of a result (考核 合格), whose `value` is empty.
    public static let facts = RowSource(columns: ["source", "fact", "value", "approximate", "sentence", "result"], sql: """
        SELECT s.path, f.fact, f.value, f.approximate, f.sentence, f.result
        FROM prose_facts f JOIN reports r ON r.id = f.report_id JOIN sources s ON s.id = r.source_id
        """, order: "s.path, f.fact")

    /// `source,index,text,category,previous_year`: one row per problem of section 五.
    public static let problems = RowSource(columns: ["source", "index", "text", "category", "previous_year"], sql: """
        SELECT s.path, p.position, p.text, p.category, p.previous_year
        FROM problems p JOIN reports r ON r.id = p.report_id JOIN sources s ON s.id = r.source_id
        """, order: "s.path, p.position")
}
