import GRDB

/// What reports can be grouped by.
public enum GroupKey: String, Sendable, CaseIterable {
    case year, province, city, county, level, template, agency

    var sql: String { self == .agency ? "m.agency_id" : "m.\(rawValue)" }
}

public enum AnalysisError: Error, CustomStringConvertible, Equatable {
    case unknownMeasure(String)
    public var description: String {
        switch self {
        case .unknownMeasure(let name):
            return "unknown measure \(name); known: \(Measures.aggregates.map(\.name).joined(separator: ", "))"
        }
    }
}

extension Store {
    static func aggregates(_ names: [String]) throws -> [Measures.Aggregate] {
        try (names.isEmpty ? Measures.defaultNames : names).map { name in
            guard let aggregate = Measures.aggregate(named: name) else { throw AnalysisError.unknownMeasure(name) }
            return aggregate
        }
    }

    /// One row per group, one column per measure, straight from SQL over `report_measures`.
    /// `sort` orders by a measure (largest first), else by the groups; `limit` keeps the first rows.
    /// `coverage`: after the measures, for each rate its numerator, denominator and the reports it counts
    /// (`<rate>_num`, `<rate>_den`, `<rate>_reports`).
    /// `panel`: only the agencies with a report in both years (a balanced panel, for year over year).
    public func summary(by groups: [GroupKey], measures names: [String] = [], years: ClosedRange<Int>? = nil,
                        sort: String? = nil, limit: Int? = nil, coverage: Bool = false, panel: (from: Int, to: Int)? = nil) throws -> RowSet {
        let aggregates = try Self.aggregates(names)
        if let sort, !aggregates.contains(where: { $0.name == sort }) { throw AnalysisError.unknownMeasure(sort) }
        // Groups of years, regions, levels and templates add up the rollup's rows; agencies (and distinct
        // agencies across years) need the per-report table, whose grouping columns spare a join.
        let oneYear = years.map { $0.count == 1 } ?? false
        // A panel needs each report's agency: the per-report table.
        let fresh = try rollupIsFresh() && panel == nil
        // All years of each agency: one row per agency, summed at ingest.
        let useAgencyRollup = fresh && groups == [.agency] && years == nil
        // Distinct agencies over all years of groups without years come from `agency_groups`.
        let distinctApart = fresh && years == nil && !groups.contains(.agency) && !groups.contains(.year)
            && aggregates.contains { $0.needsYear }
        let useRollup = useAgencyRollup || distinctApart
            || fresh && !groups.contains(.agency) && !aggregates.contains { $0.needsYear && !groups.contains(.year) && !oneYear }
        let alias = useRollup ? "u" : "m"
        let covered = coverage ? aggregates.flatMap(\.coverage) : []
        let groupColumns = groups.map { $0 == .agency ? "agency_id" : $0.rawValue }
        var inner = "SELECT " + (zip(groups, groupColumns).map { "\(alias).\($1) AS \($1)" }
            + aggregates.map { "\(distinctApart && $0.needsYear ? "NULL" : useRollup ? $0.combine : $0.sql) AS \($0.name)" }
            + covered.map { "\(useRollup ? $0.combine : $0.sql) AS \($0.column)" })
            .joined(separator: ", ")
            + (useAgencyRollup ? " FROM agency_rollup u" : useRollup ? " FROM measure_rollup u" : " FROM report_measures m")
        var arguments: StatementArguments = []
        var conditions = useRollup ? [] : ["m.duplicate_of IS NULL"]
        if let years {
            conditions.append("\(alias).year BETWEEN ? AND ?")
            arguments = [years.lowerBound, years.upperBound]
        }
        if let panel {
            let present = "SELECT agency_id FROM report_measures WHERE year = ? AND duplicate_of IS NULL AND agency_id IS NOT NULL"
            conditions.append("m.agency_id IN (\(present) INTERSECT \(present))")
            arguments += [panel.from, panel.to]
        }
        if !conditions.isEmpty { inner += " WHERE " + conditions.joined(separator: " AND ") }
        if !groups.isEmpty { inner += " GROUP BY " + groupColumns.map { "\(alias).\($0)" }.joined(separator: ", ") }
        var outer: [String] = []
        var columns: [String] = []
        for (group, column) in zip(groups, groupColumns) {
            outer.append("g.\(column)")
            columns.append(column)
            if group == .agency {
                outer.append("a.name")
                columns.append("agency")
            }
        }
        outer += aggregates.map { distinctApart && $0.needsYear ? "COALESCE(d.\($0.name), 0)" : "g.\($0.name)" }
        columns += aggregates.map(\.name)
        outer += covered.map { "g.\($0.column)" }
        columns += covered.map(\.column)
        var sql = "SELECT \(outer.joined(separator: ", ")) FROM (\(inner)) g"
        if groups.contains(.agency) { sql += " LEFT JOIN agencies a ON a.id = g.agency_id" }
        if distinctApart {
            let keys = groupColumns.map { "d0.\($0) AS \($0)" }
            sql += " LEFT JOIN (SELECT " + (keys + ["COUNT(DISTINCT d0.agency_id) AS agencies"]).joined(separator: ", ")
                + " FROM agency_groups d0" + (groupColumns.isEmpty ? "" : " GROUP BY " + groupColumns.map { "d0.\($0)" }.joined(separator: ", "))
                + ") d ON " + (groupColumns.isEmpty ? "1" : groupColumns.map { "d.\($0) IS g.\($0)" }.joined(separator: " AND "))
        }
        if let sort {
            sql += " ORDER BY g.\(sort) IS NULL, g.\(sort) DESC"
        } else if !groups.isEmpty {
            sql += " ORDER BY " + groupColumns.map { "g.\($0)" }.joined(separator: ", ")
        }
        if let limit { sql += " LIMIT \(max(0, limit))" }
        return try rowSet(sql, columns: columns, arguments: arguments)
    }

    /// Rebuilds `measure_rollup` (one row per year × template × province × city × county × level) and
    /// `agency_rollup` (one row per agency, all years), with the parts of every measure, so that groups of
    /// those add up a few thousand rows instead of every report.
    public func rebuildRollup() throws {
        let keys = ["year", "template", "province", "city", "county", "level"]
        var parts: [String] = []
        var seen = Set<String>()
        for aggregate in Measures.aggregates {
            for part in aggregate.parts where seen.insert(part.column).inserted { parts.append("\(part.sql) AS \(part.column)") }
        }
        try write { db in
            try Self.linkByClues(db)
            try Self.markDuplicates(db)
            try db.execute(sql: "DROP TABLE IF EXISTS measure_rollup")
            try db.execute(sql: """
                CREATE TABLE measure_rollup AS
                SELECT \(keys.map { "m.\($0) AS \($0)" }.joined(separator: ", ")), \(parts.joined(separator: ", "))
                FROM report_measures m WHERE m.duplicate_of IS NULL GROUP BY \(keys.map { "m.\($0)" }.joined(separator: ", "))
                """)
            try db.execute(sql: "DROP TABLE IF EXISTS agency_rollup")
            try db.execute(sql: """
                CREATE TABLE agency_rollup AS
                SELECT m.agency_id AS agency_id, \(parts.joined(separator: ", "))
                FROM report_measures m WHERE m.duplicate_of IS NULL GROUP BY m.agency_id
                """)
            // Each agency once per template × region × level it reported under: distinct agencies of any group of
            // those (all years) are counted over this instead of every report.
            try db.execute(sql: "DROP TABLE IF EXISTS agency_groups")
            try db.execute(sql: """
                CREATE TABLE agency_groups AS
                SELECT DISTINCT m.agency_id AS agency_id, \(keys.dropFirst().map { "m.\($0) AS \($0)" }.joined(separator: ", "))
                FROM report_measures m WHERE m.agency_id IS NOT NULL AND m.duplicate_of IS NULL
                """)
            // The names and years of each agency, for `nianbao agencies`.
            try db.execute(sql: "DROP TABLE IF EXISTS agency_names")
            try db.execute(sql: """
                CREATE TABLE agency_names AS
                SELECT r.agency_id AS agency_id, GROUP_CONCAT(DISTINCT r.agency) AS names, GROUP_CONCAT(DISTINCT r.year) AS years,
                       COUNT(r.id) AS reports
                FROM reports r WHERE r.agency_id IS NOT NULL GROUP BY r.agency_id
                """)
            try db.execute(sql: "INSERT OR REPLACE INTO store_state (key, value) VALUES ('rollup', 'fresh')")
        }
    }

    /// Two or more parsed files of one agency (`agency_id`) and year: one counts in every aggregate, the others
    /// point to it (`report_measures.duplicate_of`) and get a `meta.duplicate_report` warning naming it. The one that
    /// counts: the fewest cells left open (`missing`, `ambiguous`), then the fewest parser doubts, then the first path
    /// in sort order, so the choice does not depend on the order files arrived in.
    static func markDuplicates(_ db: Database) throws {
        try db.execute(sql: "UPDATE report_measures SET duplicate_of = NULL WHERE duplicate_of IS NOT NULL")
        try db.execute(sql: "DELETE FROM findings WHERE rule = ?", arguments: [RuleID.metaDuplicateReport.rawValue])
        let rows = try Row.fetchAll(db, sql: """
            WITH candidates AS (
                SELECT r.id, r.agency_id, r.year, s.id AS source_id, s.path,
                       (SELECT COUNT(*) FROM cell_data c WHERE c.report_id = r.id
                          AND (c.status = \(statusCode[.missing]!) OR c.status = \(statusCode[.ambiguous]!))) AS open,
                       (SELECT COUNT(*) FROM findings f WHERE f.source_id = s.id AND f.severity = 'uncertain') AS doubts
                FROM reports r JOIN sources s ON s.id = r.source_id
                WHERE r.agency_id IS NOT NULL AND r.year IS NOT NULL AND s.status = 'parsed'
                  AND (r.agency_id, r.year) IN (SELECT agency_id, year FROM reports WHERE agency_id IS NOT NULL AND year IS NOT NULL
                                                GROUP BY agency_id, year HAVING COUNT(*) > 1)
            )
            SELECT id, agency_id, year, source_id, path FROM candidates ORDER BY agency_id, year, open, doubts, path
            """)
        var kept: (agency: Int64, year: Int, id: Int64, path: String)?
        for row in rows {
            let agency: Int64 = row["agency_id"], year: Int = row["year"], id: Int64 = row["id"], path: String = row["path"]
            guard let first = kept, first.agency == agency, first.year == year else {
                kept = (agency, year, id, path)
                continue
            }
            try db.cachedStatement(sql: "UPDATE report_measures SET duplicate_of = ? WHERE report_id = ?").execute(arguments: [first.id, id])
            try db.cachedStatement(sql: """
                INSERT INTO findings (source_id, rule, severity, expected, message) VALUES (?, ?, 'warning', ?, ?)
                """).execute(arguments: [row["source_id"] as Int64, RuleID.metaDuplicateReport.rawValue, first.path,
                                   "与“\(first.path)”为同一机关\(year)年度的报告，汇总只计后者"])
        }
    }

    /// A report whose name resolves to no single place (`鸡场镇人民政府`, in two counties; `自然资源局`, in every county)
    /// is linked to the agency of another report that prints the same landline number or names the same new-media
    /// account, when that agency is the place and kind the name gives (its township or county named in it, the same
    /// kind of institution) and no second agency fits. Reports of one unresolved name that share such a clue and fit
    /// no resolved agency become one agency among themselves. Recomputed from scratch each time, so the result does
    /// not depend on the order reports came in.
    static func linkByClues(_ db: Database) throws {
        let region = ["province", "city", "county", "township", "level", "region_status"]
        try db.execute(sql: """
            UPDATE reports SET agency_id = (SELECT a.id FROM agencies a WHERE a.key = reports.agency_key), linked_by = NULL
            WHERE linked_by IS NOT NULL
            """)
        try db.execute(sql: """
            UPDATE reports SET \(region.map { "\($0) = json_extract(own_region, '$.\($0)')" }.joined(separator: ", ")), own_region = NULL
            WHERE own_region IS NOT NULL
            """)
        try db.execute(sql: """
            UPDATE report_measures SET (agency_id, province, city, county, level) =
                (SELECT r.agency_id, r.province, r.city, r.county, r.level FROM reports r WHERE r.id = report_measures.report_id)
            WHERE (agency_id, province, city, county, level) IS NOT
                (SELECT r.agency_id, r.province, r.city, r.county, r.level FROM reports r WHERE r.id = report_measures.report_id)
            """)
        try db.execute(sql: "DELETE FROM findings WHERE rule = ?", arguments: [RuleID.metaIdentityLinked.rawValue])
        // Every clue of every unresolved report with the reports sharing it (a landline, or an account name of at
        // least three characters: `望江发布`, not `政务`).
        let rows = try Row.fetchAll(db, sql: """
            WITH clues(report_id, clue) AS (
                SELECT report_id, 'phone ' || phone FROM report_phones
                UNION SELECT report_id, 'account ' || name FROM media_accounts WHERE length(name) >= 3
            ),
            unresolved AS (
                SELECT u.id, u.agency_key AS own FROM reports u
                WHERE u.agency_key LIKE '?%' AND u.agency NOT IN (SELECT name FROM agency_aliases)
            )
            SELECT u.id, u.own, c.clue, r.id AS other, r.agency_id, r.agency_key AS key, a.name, s.path
            FROM unresolved u
            JOIN clues c ON c.report_id = u.id
            JOIN clues d ON d.clue = c.clue AND d.report_id <> u.id
            JOIN reports r ON r.id = d.report_id
            JOIN agencies a ON a.id = r.agency_id JOIN sources s ON s.id = r.source_id
            WHERE r.agency_key NOT LIKE '?%' OR r.agency_key IN (SELECT own FROM unresolved)
            ORDER BY u.id, c.clue LIKE 'account %', s.path
            """)
        // A clue printed by the reports of more than two agencies (a province's account every township lists, a
        // county hotline) says nothing about which agency a report is: it is not used. Agencies are told apart by
        // resolved identity, and an unresolved name counts apart only when it fits none of the clue's resolved agencies.
        var resolvedBy: [String: Set<Int64>] = [:], keysBy: [String: Set<String>] = [:], namesBy: [String: Set<String>] = [:]
        for row in rows {
            let clue: String = row["clue"], key: String = row["key"]
            namesBy[clue, default: []].insert(row["own"])
            if key.hasPrefix("?") { namesBy[clue, default: []].insert(key) } else {
                resolvedBy[clue, default: []].insert(row["agency_id"])
                keysBy[clue, default: []].insert(key)
            }
        }
        var wide = Set<String>()
        for (clue, names) in namesBy {
            let resolvedKeys = keysBy[clue] ?? []
            let apart = Set(names.filter { name in !resolvedKeys.contains { AgencyIdentity.sameAgency(unresolved: name, resolved: $0) } }
                .map(AgencyIdentity.unresolvedName))
            if (resolvedBy[clue]?.count ?? 0) + apart.count > 2 { wide.insert(clue) }
        }
        var byReport: [Int64: [Row]] = [:]
        for row in rows where !wide.contains(row["clue"]) { byReport[row["id"], default: []].append(row) }
        // A report linked to a resolved agency takes that agency's region (its own is kept in `own_region`).
        func link(_ id: Int64, to agency: Int64, by clue: String, other path: String, message: String) throws {
            try db.execute(sql: "UPDATE reports SET agency_id = ?, linked_by = ? WHERE id = ?", arguments: [agency, clue, id])
            try db.execute(sql: """
                UPDATE reports SET own_region = json_object(\(region.map { "'\($0)', \($0)" }.joined(separator: ", "))),
                    (\(region.joined(separator: ", "))) = (SELECT \(region.map { "o.\($0)" }.joined(separator: ", ")) FROM reports o
                        WHERE o.agency_id = ? AND o.region_status = 'resolved' AND o.linked_by IS NULL ORDER BY o.id LIMIT 1)
                WHERE id = ? AND region_status IS NOT 'resolved'
                  AND EXISTS (SELECT 1 FROM reports o WHERE o.agency_id = ? AND o.region_status = 'resolved' AND o.linked_by IS NULL)
                """, arguments: [agency, id, agency])
            let placed = db.changesCount > 0 ? "，所在地按该机关认定" : ""
            try db.execute(sql: """
                UPDATE report_measures SET (agency_id, province, city, county, level) =
                    (SELECT r.agency_id, r.province, r.city, r.county, r.level FROM reports r WHERE r.id = report_measures.report_id)
                WHERE report_id = ?
                """, arguments: [id])
            try db.execute(sql: """
                INSERT INTO findings (source_id, rule, severity, expected, message)
                SELECT source_id, ?, 'uncertain', ?, ? FROM reports WHERE id = ?
                """, arguments: [RuleID.metaIdentityLinked.rawValue, path, message + placed, id])
        }
        func said(_ clue: String) -> String {
            clue.hasPrefix("phone ") ? "所留电话 \(clue.dropFirst(6))" : "所列政务新媒体“\(clue.dropFirst(8))”"
        }
        // Per report: the resolved agencies that fit it, and the reports of the same unresolved name sharing a clue
        // (joined into groups: one name, a chain of shared clues).
        var fitting: [Int64: [Row]] = [:]
        var group = [Int64: Int64]()
        func root(_ id: Int64) -> Int64 {
            var x = id
            while let p = group[x], p != x { x = p }
            return x
        }
        var sameName: [Int64: Row] = [:]   // a report → its first evidence of a same-named report
        for (id, evidence) in byReport {
            let own: String = evidence[0]["own"]
            fitting[id] = evidence.filter { !($0["key"] as String).hasPrefix("?") && AgencyIdentity.sameAgency(unresolved: own, resolved: $0["key"]) }
            let name = AgencyIdentity.unresolvedName(own)
            for row in evidence where (row["key"] as String).hasPrefix("?") && row["key"] != own
                && AgencyIdentity.unresolvedName(row["key"]) == name {
                let other: Int64 = row["other"]
                group[id] = group[id] ?? id
                group[other] = group[other] ?? other
                let (a, b) = (root(id), root(other))
                if a != b { group[max(a, b)] = min(a, b) }
                if sameName[id] == nil { sameName[id] = row }
            }
        }
        var members: [Int64: [Int64]] = [:]
        for id in group.keys { members[root(id), default: []].append(id) }
        for id in byReport.keys where group[id] == nil { members[id] = [id] }
        for (first, ids) in members.sorted(by: { $0.key < $1.key }) {
            let ids = ids.sorted()
            let agencies = Set(ids.flatMap { fitting[$0] ?? [] }.map { $0["agency_id"] as Int64 })
            if !agencies.isEmpty {
                // A resolved agency fits: only a member whose own clues fit exactly one agency is linked (a clue
                // shared through a same-named report in another county proves nothing about this one).
                for id in ids {
                    guard let rows = fitting[id], let row = rows.first, Set(rows.map { $0["agency_id"] as Int64 }).count == 1 else { continue }
                    try link(id, to: row["agency_id"], by: row["clue"], other: row["path"],
                             message: "名称未能确定所在地，与“\(row["path"] as String)”（\(row["name"] as String)）\(said(row["clue"]))相同，视为同一机关")
                }
            } else if ids.count > 1 {
                // No resolved agency fits: one agency among themselves, the first report's.
                let agency = try Int64.fetchOne(db, sql: "SELECT agency_id FROM reports WHERE id = ?", arguments: [first]) ?? 0
                for id in ids where id != first {
                    guard let row = sameName[id] ?? byReport[id]?.first else { continue }
                    try link(id, to: agency, by: row["clue"], other: row["path"],
                             message: "名称未能确定所在地，与同名报告“\(row["path"] as String)”\(said(row["clue"]))相同，视为同一机关")
                }
            }
        }
    }

    static func markRollupStale(_ db: Database) throws {
        try db.cachedStatement(sql: "INSERT OR REPLACE INTO store_state (key, value) VALUES ('rollup', 'stale')").execute()
    }

    /// Something was stored after the last cross-year step and rollup finished (an ingest killed in its tail, or
    /// a database edited by other means): the next ingest or `refresh` finishes it.
    public func derivedIsStale() throws -> Bool {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM store_state WHERE key = 'rollup'") == "stale" }
    }

    func rollupIsFresh() throws -> Bool {
        try read { db in
            try String.fetchOne(db, sql: "SELECT value FROM store_state WHERE key = 'rollup'") == "fresh"
                && db.tableExists("measure_rollup") && db.tableExists("agency_rollup") && db.tableExists("agency_groups")
                && db.tableExists("agency_names")
        }
    }

    public static let compareColumns = ["group", "measure", "from_value", "to_value", "change", "pct_change", "flag",
                                        "panel_from_value", "panel_to_value", "panel_change"]

    /// Year over year: `group,measure,from_value,to_value,change,pct_change,flag`, then the same measure on the
    /// balanced panel (only the agencies with a report in both years): `panel_from_value,panel_to_value,panel_change`
    /// (and `caveat` when the two years lie in different eras: 2008–2018 and 2019 on). Groups present in
    /// one year only come last, flagged `only_from` / `only_to`; a change of at least `jump` (as a
    /// fraction) and of at least 10 in absolute value is flagged `jump`. Rates change in points.
    public func compare(from: Int, to: Int, by group: GroupKey?, measures names: [String] = [], jump: Double = 0.5) throws -> RowSet {
        // Two years in different eras (the 2007 条例's reports, the 2019/2021 forms): the comparable measures, each with
        // how its definition differs (`Measures.eraCaveats`).
        let acrossEras = min(from, to) <= 2018 && max(from, to) >= 2019
        let aggregates = try Self.aggregates(names.isEmpty && acrossEras ? Measures.acrossEraNames : names)
        // Both years come ordered by their group (an agency by id, else the group's text in SQLite's binary
        // order, which is UTF-8 byte order), and are merged in one pass.
        let width = group == .agency ? 2 : (group == nil ? 0 : 1)
        let a = try summary(by: group.map { [$0] } ?? [], measures: aggregates.map(\.name), years: from...from).rows
        let b = try summary(by: group.map { [$0] } ?? [], measures: aggregates.map(\.name), years: to...to).rows
        // The same on the balanced panel: the agencies that reported in both years.
        var panel: [String: (from: [FieldValue], to: [FieldValue])] = [:]
        let pa = try summary(by: group.map { [$0] } ?? [], measures: aggregates.map(\.name), years: from...from, panel: (from, to)).rows
        let pb = try summary(by: group.map { [$0] } ?? [], measures: aggregates.map(\.name), years: to...to, panel: (from, to)).rows
        func label(_ row: [FieldValue]) -> String {
            switch group {
            case nil: return ""
            case .agency?: return "\(row[0].text) \(row[1].text)"
            default: return row[0].text
            }
        }
        func order(_ x: [FieldValue], _ y: [FieldValue]) -> Int {
            guard group != nil else { return 0 }
            switch (x[0], y[0]) {
            case (.number(let u), .number(let v)): return u < v ? -1 : (u > v ? 1 : 0)
            case (.null, .null): return 0
            case (.null, _): return -1
            case (_, .null): return 1
            default:
                let u = x[0].text, v = y[0].text
                return u == v ? 0 : (u.utf8.lexicographicallyPrecedes(v.utf8) ? -1 : 1)
            }
        }
        for row in pa { panel[label(row), default: ([], [])].from = row }
        for row in pb { panel[label(row), default: ([], [])].to = row }
        var both: [[FieldValue]] = []
        var apart: [[FieldValue]] = []
        func emit(_ x: [FieldValue]?, _ y: [FieldValue]?) {
            let name = label(x ?? y!)
            for (i, aggregate) in aggregates.enumerated() {
                let u = x?[width + i], v = y?[width + i]
                var change: FieldValue = .null, pct: FieldValue = .null, flag = ""
                if case .number(let p)? = u, case .number(let q)? = v {
                    change = .number(q - p)
                    if p != 0 { pct = .number((q - p) / abs(p)) }
                    if !aggregate.isRate, p != 0, abs(q - p) / abs(p) >= jump, abs(q - p) >= 10 { flag = "jump" }
                    if !aggregate.isRate, p == 0, q >= 10 { flag = "jump" }
                }
                if x == nil { flag = "only_to" } else if y == nil { flag = "only_from" }
                var row: [FieldValue] = [.text(name), .text(aggregate.name), u ?? .null, v ?? .null, change, pct, .text(flag)]
                let p = panel[name].map { ($0.from.isEmpty ? nil : $0.from[width + i], $0.to.isEmpty ? nil : $0.to[width + i]) }
                var panelChange: FieldValue = .null
                if case .number(let x)? = p?.0, case .number(let y)? = p?.1 { panelChange = .number(y - x) }
                row += [p?.0 ?? .null, p?.1 ?? .null, panelChange]
                if acrossEras { row.append(.text(Measures.eraCaveats[aggregate.name] ?? "")) }
                if x == nil || y == nil { apart.append(row) } else { both.append(row) }
            }
        }
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count { emit(a[i], nil); i += 1; continue }
            if i == a.count { emit(nil, b[j]); j += 1; continue }
            let c = order(a[i], b[j])
            if c == 0 { emit(a[i], b[j]); i += 1; j += 1 } else if c < 0 { emit(a[i], nil); i += 1 } else { emit(nil, b[j]); j += 1 }
        }
        return RowSet(columns: Self.compareColumns + (acrossEras ? ["caveat"] : []),
                      rows: both + apart)
    }

    /// Every agency: id, identity key, the names its reports print, their years and count, and why reports were linked
    /// to it: `key` (their names resolve to its key) and, for reports whose name left the place open, the landline
    /// they share with it (`phone 0431-8221234`).
    public func agencies() throws -> RowSet {
        let columns = ["agency_id", "agency", "key", "names", "years", "reports", "linked_by"]
        let linked = "(SELECT 'key' || COALESCE(GROUP_CONCAT(DISTINCT '; ' || x.linked_by), '') FROM reports x WHERE x.agency_id = a.id)"
        if try rollupIsFresh() {
            return try rowSet("""
                SELECT a.id, a.name, a.key, n.names, n.years, n.reports, \(linked) FROM agencies a JOIN agency_names n ON n.agency_id = a.id
                ORDER BY a.key
                """, columns: columns)
        }
        return try rowSet("""
            SELECT a.id, a.name, a.key, GROUP_CONCAT(DISTINCT r.agency), GROUP_CONCAT(DISTINCT r.year), COUNT(r.id), \(linked)
            FROM agencies a JOIN reports r ON r.agency_id = a.id
            GROUP BY a.id ORDER BY a.key
            """, columns: columns)
    }

    /// Replaces the user's aliases (printed name → canonical name) and re-links every report.
    public func setAliases(_ aliases: [String: String]) throws {
        try writer.write { db in
            try db.execute(sql: "DELETE FROM agency_aliases")
            for (name, canonical) in aliases {
                try db.execute(sql: "INSERT INTO agency_aliases (name, canonical) VALUES (?, ?)", arguments: [name, canonical])
            }
            for row in try Row.fetchAll(db, sql: "SELECT id, agency, agency_key FROM reports WHERE agency IS NOT NULL") {
                let agency: String = row["agency"]
                let canonical = aliases[agency]
                guard let key = canonical.flatMap({ AgencyIdentity.key(canonical: $0) }) ?? row["agency_key"] else { continue }
                let id = try Self.agencyID(db, key: key, name: canonical ?? agency)
                try db.execute(sql: "UPDATE reports SET agency_id = ? WHERE id = ?", arguments: [id, row["id"] as Int64])
                try db.execute(sql: "UPDATE report_measures SET agency_id = ? WHERE report_id = ?", arguments: [id, row["id"] as Int64])
            }
            try db.execute(sql: "DELETE FROM agencies WHERE id NOT IN (SELECT agency_id FROM reports WHERE agency_id IS NOT NULL)")
            try Self.markRollupStale(db)
        }
    }
}

extension Store {
    /// Agencies by the findings on their reports: `agency_id,agency,reports,errors,warnings,uncertain`,
    /// the most errors (then warnings) first.
    public func findingsByAgency(limit: Int = 20) throws -> RowSet {
        try rowSet("""
            SELECT a.id, a.name, COUNT(DISTINCT r.id),
                   COALESCE(SUM(f.severity = 'error'), 0), COALESCE(SUM(f.severity = 'warning'), 0), COALESCE(SUM(f.severity = 'uncertain'), 0)
            FROM reports r JOIN agencies a ON a.id = r.agency_id LEFT JOIN findings f ON f.source_id = r.source_id
            GROUP BY a.id
            ORDER BY 4 DESC, 5 DESC, a.id
            LIMIT ?
            """, columns: ["agency_id", "agency", "reports", "errors", "warnings", "uncertain"], arguments: [limit])
    }

    /// The years with reports, in order.
    public func years() throws -> [Int] {
        try read { db in try Int.fetchAll(db, sql: "SELECT DISTINCT year FROM reports WHERE year IS NOT NULL ORDER BY year") }
    }
}

extension Store {
    /// Files by status (`parsed`, `failed`, …) and findings by severity, counted in SQL.
    public func counts() throws -> (files: [String: Int], findings: [String: Int]) {
        try read { db in
            var files: [String: Int] = [:], findings: [String: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) FROM sources GROUP BY status") { files[row[0]] = row[1] }
            for row in try Row.fetchAll(db, sql: "SELECT severity, COUNT(*) FROM findings GROUP BY severity") { findings[row[0]] = row[1] }
            return (files, findings)
        }
    }
}
