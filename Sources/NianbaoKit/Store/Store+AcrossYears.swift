import GRDB

/// What the cross-year step (`AcrossYears`) reads and writes. The store only persists: the deciding is `CrossYear`'s.
extension Store {
    /// A stored report with rows left open: its cells as they stand and the open rows with their positions.
    public struct OpenReport: Sendable {
        public var reportID: Int64
        public var sourceID: Int64
        public var agencyID: Int64
        public var year: Int
        public var template: Template
        public var cells: [Cell]
        public var open: [(position: Int, row: OpenRow)]
    }

    /// The open rows as stored: keys `row|column` joined by `;`, readings joined by `;`, each the cells' values joined
    /// by `|` (empty for a blank).
    static func encode(_ row: OpenRow) -> (cells: String, readings: String) {
        (row.cells.map { $0.column.isEmpty ? $0.row : "\($0.row)|\($0.column)" }.joined(separator: ";"),
         row.readings.map { $0.map { $0.map(formatNumber) ?? "" }.joined(separator: "|") }.joined(separator: ";"))
    }

    static func decode(table: TableID, cells: String, readings: String, printed: String) -> OpenRow? {
        let keys = cells.split(separator: ";").map { key -> CellKey in
            let parts = key.split(separator: "|", omittingEmptySubsequences: false)
            return CellKey(table: table, row: String(parts[0]), column: parts.count > 1 ? String(parts[1]) : "")
        }
        var values: [[Double?]] = []
        for reading in readings.split(separator: ";", omittingEmptySubsequences: false) {
            let fields = reading.split(separator: "|", omittingEmptySubsequences: false)
            guard fields.count == keys.count else { return nil }
            var row: [Double?] = []
            for field in fields {
                if field.isEmpty { row.append(nil) } else if let v = Double(field) { row.append(v) } else { return nil }
            }
            values.append(row)
        }
        return keys.isEmpty ? nil : OpenRow(cells: keys, readings: values, printed: printed)
    }

    /// The reports with open rows whose agency and year are known (of `agencies` only, when given), each with its
    /// cells and open rows.
    public func openReports(agencies: Set<Int64>? = nil) throws -> [OpenReport] {
        let keys = try fieldKeys()
        return try openReportHeaders(agencies: agencies).map { try loadOpen($0, keys: keys) }
    }

    /// The same without their cells and open rows (`loadOpen` reads them): a corpus's open reports are then held
    /// one at a time, not all at once (10,000 of them with their cells are hundreds of MB).
    public func openReportHeaders(agencies: Set<Int64>? = nil) throws -> [OpenReport] {
        try read { db in
            try Row.fetchAll(db, sql: """
                SELECT r.id, r.source_id, r.agency_id, r.year, r.template FROM reports r
                WHERE r.agency_id IS NOT NULL AND r.year IS NOT NULL AND EXISTS (SELECT 1 FROM open_rows o WHERE o.report_id = r.id)
                ORDER BY r.id
                """).compactMap { row in
                let agencyID: Int64 = row["agency_id"]
                guard agencies?.contains(agencyID) ?? true, let template = Template(rawValue: row["template"]) else { return nil }
                return OpenReport(reportID: row["id"], sourceID: row["source_id"], agencyID: agencyID, year: row["year"],
                                  template: template, cells: [], open: [])
            }
        }
    }

    /// The cells' keys by their integer field (`cell_data.field`).
    public func fieldKeys() throws -> [Int64: CellKey] {
        try read { db in Dictionary(uniqueKeysWithValues: try Self.cellFields(db).map { ($1, $0) }) }
    }

    /// A report of `openReportHeaders` with its cells and open rows. `keys`: `fieldKeys()`, read once for many reports.
    public func loadOpen(_ header: OpenReport, keys: [Int64: CellKey]? = nil) throws -> OpenReport {
        let keys = try keys ?? fieldKeys()
        return try read { db in
            var report = header
            report.cells = try Self.cells(db, header.reportID, keys: keys)
            report.open = []
            for o in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT position, table_name, cells, readings, printed FROM open_rows WHERE report_id = ? ORDER BY position
                """), arguments: [header.reportID]) {
                guard let table = TableID(rawValue: o["table_name"]),
                      let open = Self.decode(table: table, cells: o["cells"], readings: o["readings"], printed: o["printed"]) else { continue }
                report.open.append((o["position"], open))
            }
            return report
        }
    }

    static func cells(_ db: Database, _ reportID: Int64) throws -> [Cell] {
        try cells(db, reportID, keys: Dictionary(uniqueKeysWithValues: try cellFields(db).map { ($1, $0) }))
    }

    /// A report's cells in their order (the `cells` view's, read on the integer fields and codes: its texts cost more
    /// to decode than the rest of settling a report).
    static func cells(_ db: Database, _ reportID: Int64, keys: [Int64: CellKey]) throws -> [Cell] {
        var out: [Cell] = []
        let rows = try Row.fetchCursor(db.cachedStatement(sql: """
            SELECT field, value, status, via FROM cell_data WHERE report_id = ? ORDER BY field
            """), arguments: [reportID])
        while let c = try rows.next() {
            // By index: a lookup by name folds the name's case on every call.
            guard let key = keys[c[0]], let code = c[2] as Int?, statusCodes.indices.contains(code) else { continue }
            let via = (c[3] as Int?).flatMap { viaCodes.indices.contains($0) ? viaCodes[$0] : nil } ?? .printed
            out.append(Cell(table: key.table, row: key.row, column: key.column, value: c[1], status: statusCodes[code], via: via))
        }
        return out
    }

    /// The cells with values of the agency's report for `year` (the first stored, if it has several), of those a
    /// neighbour gives evidence by (`CrossYear.neighbourKeys`).
    public func neighbour(agency: Int64, year: Int) throws -> CrossYear.Neighbour? {
        try read { db in
            guard let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM reports WHERE agency_id = ? AND year = ? ORDER BY id LIMIT 1"),
                                              arguments: [agency, year]) else { return nil }
            var cells: [CellKey: Double] = [:]
            for row in try Row.fetchAll(db.cachedStatement(sql: Self.neighbourCellsSQL), arguments: [id]) {
                guard let table = TableID(rawValue: row[0]), let value = row[3] as Double? else { continue }
                cells[CellKey(table: table, row: row[1], column: row[2])] = value
            }
            return CrossYear.Neighbour(year: year, cells: cells)
        }
    }

    static let neighbourCellsSQL = """
        SELECT k.table_name, k.row_key, k.column_key, d.value FROM cell_keys k JOIN cell_data d ON d.report_id = ? AND d.field = k.id
        WHERE (k.table_name, k.row_key, k.column_key) IN (VALUES \(CrossYear.neighbourKeys.map { key in
            "(" + [key.table.rawValue, key.row, key.column].map { "'" + $0.replacingOccurrences(of: "'", with: "''") + "'" }.joined(separator: ", ") + ")"
        }.joined(separator: ", ")))
        """

    /// Stores what the neighbouring years settled in one report, in one transaction: the cells decided, the open rows
    /// they close, the parser's doubts they answer, the findings that say so, the table checks on the cells as they
    /// now stand, and the report's measures.
    public func saveSettlement(_ report: OpenReport, cells: [Cell], closing positions: [Int], findings: [Finding], checks: [Finding],
                               measures: [Double?]) throws {
        try write { db in
            try Self.markRollupStale(db)
            for cell in cells {
                try db.cachedStatement(sql: """
                    UPDATE cell_data SET value = ?, status = ?, via = ?
                    WHERE report_id = ? AND field = (SELECT id FROM cell_keys WHERE table_name = ? AND row_key = ? AND column_key = ?)
                    """).execute(arguments: [cell.value, Self.statusCode[cell.status], Self.viaCode[cell.via], report.reportID,
                                             cell.table.rawValue, cell.row, cell.column])
                try db.cachedStatement(sql: """
                    DELETE FROM findings WHERE source_id = ? AND +rule = 'parse.ambiguous' AND table_name = ? AND row_key = ? AND column_key = ?
                    """).execute(arguments: [report.sourceID, cell.table.rawValue, cell.row, cell.column])
            }
            for position in positions {
                try db.cachedStatement(sql: "DELETE FROM open_rows WHERE report_id = ? AND position = ?").execute(arguments: [report.reportID, position])
            }
            try db.cachedStatement(sql: "DELETE FROM findings WHERE source_id = ? AND (rule LIKE 't2.%' OR rule LIKE 't3.%' OR rule LIKE 't4.%')")
                .execute(arguments: [report.sourceID])
            for f in findings + checks { try Self.insert(f, source: report.sourceID, db) }
            try db.cachedStatement(sql: Self.updateMeasuresSQL).execute(arguments: StatementArguments(measures + [report.reportID]))
            try db.cachedStatement(sql: """
                UPDATE report_measures SET errors = (SELECT COUNT(*) FROM findings WHERE source_id = ? AND severity = 'error')
                WHERE report_id = ?
                """).execute(arguments: [report.sourceID, report.reportID])
        }
    }

    static let updateMeasuresSQL = "UPDATE report_measures SET \(Measures.columns.map { "\($0.name) = ?" }.joined(separator: ", ")) WHERE report_id = ?"

    static func insert(_ f: Finding, source: Int64, _ db: Database) throws {
        try db.cachedStatement(sql: """
            INSERT INTO findings (source_id, rule, severity, table_name, row_key, column_key, expected, actual, message)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [source, f.rule.rawValue, f.severity.rawValue, f.table, f.row, f.column, f.expected, f.actual, f.message])
    }

    /// A report of an agency with a report for the year before or after, with its cells under `keys`
    /// (a value, or nil for a printed blank; cells not settled left out).
    public struct YearCells: Sendable {
        public var sourceID: Int64
        public var agencyID: Int64
        public var year: Int
        public var template: Template
        public var cells: [CellKey: Double?]
    }

    /// Every report with a neighbouring year, with its cells under `keys`, in report order.
    public func yearCells(_ keys: [CellKey]) throws -> [YearCells] {
        guard !keys.isEmpty else { return [] }
        return try read { db in
            // By the cells' integer fields (the view's texts would be compared on every cell of the corpus).
            var byField: [Int64: CellKey] = [:]
            for (key, field) in try Self.cellFields(db) where keys.contains(key) { byField[field] = key }
            guard !byField.isEmpty else { return [] }
            let rows = try Row.fetchCursor(db, sql: """
                SELECT r.id, r.source_id, r.agency_id, r.year, r.template, c.field, c.value, c.status
                FROM reports r JOIN cell_data c ON c.report_id = r.id
                WHERE r.agency_id IS NOT NULL AND r.year IS NOT NULL
                  AND EXISTS (SELECT 1 FROM reports p WHERE p.agency_id = r.agency_id AND p.year IN (r.year - 1, r.year + 1))
                  AND c.field IN (\(byField.keys.sorted().map(String.init).joined(separator: ", ")))
                ORDER BY r.id
                """)
            var out: [YearCells] = []
            var current: Int64?
            while let row = try rows.next() {
                let id: Int64 = row[0]
                if id != current {
                    guard let template = Template(rawValue: row[4]) else { continue }
                    out.append(YearCells(sourceID: row[1], agencyID: row[2], year: row[3], template: template, cells: [:]))
                    current = id
                }
                guard let key = byField[row[5]], let code = row[7] as Int?, Self.statusCodes.indices.contains(code) else { continue }
                switch Self.statusCodes[code] {
                case .missing, .ambiguous: continue
                case .blank: out[out.count - 1].cells[key] = .some(nil)
                default: if let v = row[6] as Double? { out[out.count - 1].cells[key] = v }
                }
            }
            return out
        }
    }

    /// Replaces every finding of `rules` with `findings` (source id, finding), in one transaction.
    public func replaceFindings(_ rules: [RuleID], with findings: [(source: Int64, finding: Finding)]) throws {
        try write { db in
            try db.execute(sql: "DELETE FROM findings WHERE rule IN (\(rules.map { _ in "?" }.joined(separator: ", ")))",
                           arguments: StatementArguments(rules.map(\.rawValue)))
            for (source, finding) in findings { try Self.insert(finding, source: source, db) }
        }
    }
}
