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
    public func summary(by groups: [GroupKey], measures names: [String] = [], years: ClosedRange<Int>? = nil,
                        sort: String? = nil, limit: Int? = nil) throws -> RowSet {
        let aggregates = try Self.aggregates(names)
        if let sort, !aggregates.contains(where: { $0.name == sort }) { throw AnalysisError.unknownMeasure(sort) }
        // Groups of years, regions, levels and templates add up the rollup's rows; agencies (and distinct
        // agencies across years) need the per-report table, whose grouping columns spare a join.
        let oneYear = years.map { $0.count == 1 } ?? false
        let fresh = try rollupIsFresh()
        // All years of each agency: one row per agency, summed at ingest.
        let useAgencyRollup = fresh && groups == [.agency] && years == nil
        // Distinct agencies over all years of groups without years come from `agency_groups`.
        let distinctApart = fresh && years == nil && !groups.contains(.agency) && !groups.contains(.year)
            && aggregates.contains { $0.needsYear }
        let useRollup = useAgencyRollup || distinctApart
            || fresh && !groups.contains(.agency) && !aggregates.contains { $0.needsYear && !groups.contains(.year) && !oneYear }
        let alias = useRollup ? "u" : "m"
        let groupColumns = groups.map { $0 == .agency ? "agency_id" : $0.rawValue }
        var inner = "SELECT " + (zip(groups, groupColumns).map { "\(alias).\($1) AS \($1)" }
            + aggregates.map { "\(distinctApart && $0.needsYear ? "NULL" : useRollup ? $0.combine : $0.sql) AS \($0.name)" })
            .joined(separator: ", ")
            + (useAgencyRollup ? " FROM agency_rollup u" : useRollup ? " FROM measure_rollup u" : " FROM report_measures m")
        var arguments: StatementArguments = []
        var conditions = useRollup ? [] : ["m.duplicate_of IS NULL"]
        if let years {
            conditions.append("\(alias).year BETWEEN ? AND ?")
            arguments = [years.lowerBound, years.upperBound]
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
        try writer.write { db in
            try Self.linkByPhone(db)
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
                       (SELECT COUNT(*) FROM cells c WHERE c.report_id = r.id AND (c.status = 'missing' OR c.status = 'ambiguous')) AS open,
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
            try db.execute(sql: "UPDATE report_measures SET duplicate_of = ? WHERE report_id = ?", arguments: [first.id, id])
            try db.execute(sql: """
                INSERT INTO findings (source_id, rule, severity, expected, message) VALUES (?, ?, 'warning', ?, ?)
                """, arguments: [row["source_id"] as Int64, RuleID.metaDuplicateReport.rawValue, first.path,
                                   "与“\(first.path)”为同一机关\(year)年度的报告，汇总只计后者"])
        }
    }

    /// A report whose name resolves to no single place (`鸡场镇人民政府`, in two counties) is linked to the agency of
    /// another report that prints the same landline number, when that agency's place is the one the name gives
    /// (its township or county named in it, the same kind of institution) and no second agency fits. Recomputed
    /// from scratch each time, so the result does not depend on the order reports came in.
    static func linkByPhone(_ db: Database) throws {
        try db.execute(sql: """
            UPDATE reports SET agency_id = (SELECT a.id FROM agencies a WHERE a.key = reports.agency_key), linked_by = NULL
            WHERE linked_by IS NOT NULL
            """)
        try db.execute(sql: """
            UPDATE report_measures SET agency_id = (SELECT r.agency_id FROM reports r WHERE r.id = report_measures.report_id)
            WHERE agency_id IS NOT (SELECT r.agency_id FROM reports r WHERE r.id = report_measures.report_id)
            """)
        try db.execute(sql: "DELETE FROM findings WHERE rule = ?", arguments: [RuleID.metaIdentityLinked.rawValue])
        let rows = try Row.fetchAll(db, sql: """
            SELECT u.id, u.source_id, u.agency_key AS own, p.phone, r.agency_id, a.key, a.name, s.path
            FROM reports u JOIN report_phones p ON p.report_id = u.id
            JOIN report_phones q ON q.phone = p.phone AND q.report_id <> u.id
            JOIN reports r ON r.id = q.report_id AND r.agency_key NOT LIKE '?%'
            JOIN agencies a ON a.id = r.agency_id JOIN sources s ON s.id = r.source_id
            WHERE u.agency_key LIKE '?%' AND u.agency NOT IN (SELECT name FROM agency_aliases)
            ORDER BY u.id, s.path
            """)
        var byReport: [Int64: [Row]] = [:]
        for row in rows { byReport[row["id"], default: []].append(row) }
        for (id, evidence) in byReport.sorted(by: { $0.key < $1.key }) {
            let own: String = evidence[0]["own"]
            let fitting = evidence.filter { AgencyIdentity.sameAgency(unresolved: own, resolved: $0["key"]) }
            guard let first = fitting.first, Set(fitting.map { $0["agency_id"] as Int64 }).count == 1 else { continue }
            let agency: Int64 = first["agency_id"], phone: String = first["phone"]
            try db.execute(sql: "UPDATE reports SET agency_id = ?, linked_by = ? WHERE id = ?", arguments: [agency, phone, id])
            try db.execute(sql: "UPDATE report_measures SET agency_id = ? WHERE report_id = ?", arguments: [agency, id])
            try db.execute(sql: """
                INSERT INTO findings (source_id, rule, severity, expected, message) VALUES (?, ?, 'uncertain', ?, ?)
                """, arguments: [evidence[0]["source_id"] as Int64, RuleID.metaIdentityLinked.rawValue, first["path"] as String,
                                   "名称未能确定所在地，与“\(first["path"] as String)”（\(first["name"] as String)）所留电话 \(phone) 相同，视为同一机关"])
        }
    }

    static func markRollupStale(_ db: Database) throws {
        try db.execute(sql: "INSERT OR REPLACE INTO store_state (key, value) VALUES ('rollup', 'stale')")
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

    /// Year over year: `group,measure,from_value,to_value,change,pct_change,flag`. Groups present in
    /// one year only come last, flagged `only_from` / `only_to`; a change of at least `jump` (as a
    /// fraction) and of at least 10 in absolute value is flagged `jump`. Rates change in points.
    public func compare(from: Int, to: Int, by group: GroupKey?, measures names: [String] = [], jump: Double = 0.5) throws -> RowSet {
        let aggregates = try Self.aggregates(names)
        // Both years come ordered by their group (an agency by id, else the group's text in SQLite's binary
        // order, which is UTF-8 byte order), and are merged in one pass.
        let width = group == .agency ? 2 : (group == nil ? 0 : 1)
        let a = try summary(by: group.map { [$0] } ?? [], measures: aggregates.map(\.name), years: from...from).rows
        let b = try summary(by: group.map { [$0] } ?? [], measures: aggregates.map(\.name), years: to...to).rows
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
                let row: [FieldValue] = [.text(name), .text(aggregate.name), u ?? .null, v ?? .null, change, pct, .text(flag)]
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
        return RowSet(columns: ["group", "measure", "from_value", "to_value", "change", "pct_change", "flag"], rows: both + apart)
    }

    /// Every agency: id, identity key, the names its reports print, their years and count, and why reports were linked
    /// to it: `key` (their names resolve to its key) and, for reports whose name left the place open, the landline
    /// they share with it (`phone 0431-8221234`).
    public func agencies() throws -> RowSet {
        let columns = ["agency_id", "agency", "key", "names", "years", "reports", "linked_by"]
        let linked = "(SELECT 'key' || COALESCE(GROUP_CONCAT(DISTINCT '; phone ' || x.linked_by), '') FROM reports x WHERE x.agency_id = a.id)"
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
