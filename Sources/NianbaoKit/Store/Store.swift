import Foundation
import GRDB

/// What happened to one file in an ingest.
public enum SourceStatus: String, Sendable, Codable {
    /// Read and parsed into a report.
    case parsed
    /// Could not be read (empty, binary, undecodable, vanished).
    case failed
    /// A format nianbao does not read.
    case skipped
    /// Readable, but not an annual report.
    case notReport = "not_report"
}

/// One file's result, ready to store.
public struct IngestOutcome: Sendable {
    public var path: String
    public var sha256: String
    public var size: Int
    public var format: String
    public var status: SourceStatus
    public var reason: String?
    public var report: ParsedReport?
    /// Parser doubts and check results together; severities keep them apart.
    public var findings: [Finding]
    /// The same bytes stored under this path, a file no longer on disk: the file moved, and only its path changes.
    public var movedFrom: String? = nil
}

/// A value in an exported row.
public enum FieldValue: Sendable, Equatable {
    case text(String)
    case number(Double)
    case null

    public var text: String {
        switch self {
        case .text(let s): return s
        case .number(let n): return formatNumber(n)
        case .null: return ""
        }
    }
}

/// Which reports an export or a check covers: years, a region (its name or its start: `江苏` is 江苏省), an agency (any
/// part of its printed or canonical name), and for findings the rules (a key or its start: `t3.` is every 表三 rule).
public struct ReportFilter: Sendable, Equatable {
    public var years: ClosedRange<Int>?
    public var province: String?
    public var city: String?
    public var county: String?
    public var agency: String?
    public var rules: [String] = []

    public init(years: ClosedRange<Int>? = nil, province: String? = nil, city: String? = nil, county: String? = nil,
                agency: String? = nil, rules: [String] = []) {
        self.years = years
        self.province = province
        self.city = city
        self.county = county
        self.agency = agency
        self.rules = rules
    }

    public var isEmpty: Bool { self == ReportFilter() }

    /// SQL conditions on `r` (reports), `s` (sources) and, with findings, `f`; `?` placeholders and their values.
    func conditions(hasFindings: Bool) -> ([String], [String]) {
        var out: [String] = [], values: [String] = []
        if let years {
            out.append("r.year BETWEEN \(years.lowerBound) AND \(years.upperBound)")
        }
        for (column, value) in [("province", province), ("city", city), ("county", county)] {
            guard let value else { continue }
            out.append("r.\(column) LIKE ? ESCAPE '\\'")
            values.append(Self.escaped(value) + "%")
        }
        if let agency {
            out.append("(r.agency LIKE ? ESCAPE '\\' OR r.agency_id IN (SELECT id FROM agencies WHERE name LIKE ? ESCAPE '\\'))")
            values += ["%" + Self.escaped(agency) + "%", "%" + Self.escaped(agency) + "%"]
        }
        if hasFindings && !rules.isEmpty {
            out.append("(" + rules.map { _ in "f.rule LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")")
            values += rules.map { Self.escaped($0) + ($0.hasSuffix(".") ? "%" : "") }
        }
        return (out, values)
    }

    static func escaped(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "%", with: "\\%").replacingOccurrences(of: "_", with: "\\_")
    }
}

public enum StoreError: Error, CustomStringConvertible, Equatable {
    case newerSchema
    case olderSchema

    public var description: String {
        switch self {
        case .newerSchema: return "the database was written by a newer version of nianbao: use that version, or a new database"
        case .olderSchema: return "the database was written by an older version of nianbao: run `nianbao refresh` (or ingest) to bring it up to date"
        }
    }
}

/// A table of rows to print or export.
public struct RowSet: Sendable, Equatable {
    public var columns: [String]
    public var rows: [[FieldValue]]

    public init(columns: [String], rows: [[FieldValue]] = []) {
        self.columns = columns
        self.rows = rows
    }
}

/// The SQLite database: the only place that touches SQL.
///
///     let store = try Store(path: "nianbao.sqlite")
///     try store.save([outcome])
///     try store.exportCells().rows.count
public final class Store: Sendable {
    let writer: any DatabaseWriter
    /// The database file; nil in memory.
    public let path: String?

    /// Opens (and migrates) a database file; `readOnly` for query commands.
    public init(path: String, readOnly: Bool = false, trace: (@Sendable (String) -> Void)? = nil) throws {
        self.path = path
        var config = Configuration()
        config.readonly = readOnly
        config.busyMode = .timeout(10)
        if let trace {
            config.prepareDatabase { db in db.trace { trace($0.expandedDescription) } }
        }
        if readOnly {
            // Queries scan whole tables: map the file and give the page cache room.
            config.prepareDatabase { db in try db.execute(sql: "PRAGMA mmap_size = 0; PRAGMA cache_size = -65536") }
            writer = try DatabaseQueue(path: path, configuration: config)
        } else {
            writer = try DatabasePool(path: path, configuration: config)
        }
        // A database of a newer nianbao is never written to (nor read, its tables may mean other things); one of an
        // older nianbao is brought up to date by the commands that write, and refused by those that only read.
        try writer.read { db in
            if try Self.migrator.hasBeenSuperseded(db) { throw StoreError.newerSchema }
            if readOnly, try !Self.migrator.hasCompletedMigrations(db) { throw StoreError.olderSchema }
        }
        if !readOnly {
            let before = try writer.read { db in try Self.migrator.appliedIdentifiers(db) }
            try Self.migrator.migrate(writer)
            // The cells made lean leave most of an older file's pages free: they are given back once. Where that
            // cannot run (another process reading the file), the pages stay free for SQLite to reuse.
            if !before.isEmpty, !before.contains(Self.leanCellsMigration) {
                try? writer.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
            }
        }
    }

    /// An in-memory database, for tests.
    public init(inMemory trace: (@Sendable (String) -> Void)? = nil) throws {
        path = nil
        var config = Configuration()
        if let trace {
            config.prepareDatabase { db in db.trace { trace($0.expandedDescription) } }
        }
        writer = try DatabaseQueue(configuration: config)
        try Self.migrator.migrate(writer)
    }

    // MARK: Ingest

    /// The number of reports stored.
    public func reportCount() throws -> Int {
        try read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM reports") ?? 0 }
    }

    /// Refreshes what SQLite's planner knows of the cells (`ANALYZE` of `cell_data` and `cell_keys`, sampled: a few
    /// milliseconds at any size). Without a by-field index, a query for one field across reports is answered by
    /// a skip-scan of the cells' key (`report_id`, `field`), which the planner chooses only when it knows that a
    /// report has many cells; it would otherwise scan every cell.
    public func analyseCells() throws {
        try write { db in try Self.analyseCells(db) }
    }

    static func analyseCells(_ db: Database) throws {
        try db.execute(sql: "PRAGMA analysis_limit = 1000; ANALYZE cell_data; ANALYZE cell_keys; PRAGMA analysis_limit = 0")
    }

    /// The integer field of every cell key (`cell_keys`).
    static func cellFields(_ db: Database) throws -> [CellKey: Int64] {
        var fields: [CellKey: Int64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT id, table_name, row_key, column_key FROM cell_keys") {
            guard let table = TableID(rawValue: row[1]) else { continue }
            fields[CellKey(table: table, row: row[2], column: row[3])] = row[0]
        }
        return fields
    }

    /// The integer field of a cell key, added to `cell_keys` on first sight (the canonical keys are there already).
    static func cellField(_ db: Database, _ key: CellKey, _ fields: inout [CellKey: Int64]) throws -> Int64 {
        if let id = fields[key] { return id }
        try db.execute(sql: "INSERT INTO cell_keys (table_name, row_key, column_key) VALUES (?, ?, ?)",
                       arguments: [key.table.rawValue, key.row, key.column])
        fields[key] = db.lastInsertedRowID
        return db.lastInsertedRowID
    }

    /// The cells one INSERT statement stores (`save`).
    static let cellsPerInsert = 32

    static let statusCode = Dictionary(uniqueKeysWithValues: statusCodes.enumerated().map { ($1, Int64($0)) })
    static let viaCode = Dictionary(uniqueKeysWithValues: viaCodes.enumerated().map { ($1, Int64($0)) })

    /// The id of the agency with this identity key, created on first sight.
    static func agencyID(_ db: Database, key: String, name: String) throws -> Int64 {
        if let id = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM agencies WHERE key = ?"), arguments: [key]) { return id }
        try db.cachedStatement(sql: "INSERT INTO agencies (key, name) VALUES (?, ?)").execute(arguments: [key, name])
        return db.lastInsertedRowID
    }

    static func finding(_ row: Row) -> Finding {
        Finding(rule: RuleID(rawValue: row["rule"]), severity: Severity(rawValue: row["severity"]) ?? .uncertain, table: row["table_name"],
                row: row["row_key"], column: row["column_key"], expected: row["expected"], actual: row["actual"],
                message: row["message"])
    }

    /// The version of the reader that wrote the stored rows (nil: before versions were recorded).
    public func readerVersion() throws -> String? {
        try read { db in try String.fetchOne(db, sql: "SELECT value FROM store_state WHERE key = 'reader'") }
    }

    public func setReaderVersion(_ version: String) throws {
        try writer.write { db in try db.execute(sql: "INSERT OR REPLACE INTO store_state (key, value) VALUES ('reader', ?)", arguments: [version]) }
    }

    /// The content hash of every stored file, by path (`excludingFailed`: not those that failed to be read).
    public func knownHashes(excludingFailed: Bool = false) throws -> [String: String] {
        try read { db in
            var map: [String: String] = [:]
            let rows = try Row.fetchCursor(db, sql: "SELECT path, sha256 FROM sources" + (excludingFailed ? " WHERE status <> 'failed'" : ""))
            while let row = try rows.next() { map[row["path"]] = row["sha256"] }
            return map
        }
    }

    /// Stored paths in one spelling (`spell`: absolute, symbolic links resolved), for databases written when a path
    /// was kept as typed: a relative path naming a file from here is respelt, or dropped where its canonical
    /// spelling is stored too (the same file stored twice). Returns how many reports were dropped.
    public func respell(_ spell: @Sendable (String) -> String) throws -> Int {
        try writer.write { db in
            let relative = try String.fetchAll(db, sql: "SELECT path FROM sources WHERE path NOT LIKE '/%'")
            guard !relative.isEmpty else { return 0 }
            var dropped = 0
            for path in relative where FileManager.default.fileExists(atPath: path) {
                let canonical = spell(path)
                if try Bool.fetchOne(db, sql: "SELECT 1 FROM sources WHERE path = ?", arguments: [canonical]) == true {
                    try db.execute(sql: "DELETE FROM sources WHERE path = ?", arguments: [path])
                    dropped += 1
                } else {
                    try db.execute(sql: "UPDATE sources SET path = ? WHERE path = ?", arguments: [canonical, path])
                }
            }
            if dropped > 0 { try Self.markRollupStale(db) }
            return dropped
        }
    }

    /// Removes stored files, with their reports, cells and findings, in one transaction.
    public func remove(paths: [String]) throws {
        guard !paths.isEmpty else { return }
        try writer.write { db in
            try Self.markRollupStale(db)
            let delete = try db.cachedStatement(sql: "DELETE FROM sources WHERE path = ?")
            for path in paths { try delete.execute(arguments: [path]) }
        }
    }

    /// Stores a batch of outcomes in one transaction; a file seen before is replaced whole.
    public func save(_ outcomes: [IngestOutcome], at timestamp: String) throws {
        guard !outcomes.isEmpty else { return }
        try writer.write { db in
            try Self.markRollupStale(db)
            let deleteSource = try db.cachedStatement(sql: "DELETE FROM sources WHERE path = ?")
            let insertSource = try db.cachedStatement(sql: """
                INSERT INTO sources (path, sha256, size, format, status, reason, ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let insertReport = try db.cachedStatement(sql: """
                INSERT INTO reports (source_id, agency, year, template, published_on, title, sections,
                                     province, city, county, township, level, region_status, agency_key, agency_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertMeasures = try BulkInsert(db, sql: """
                INSERT INTO report_measures (report_id, year, template, province, city, county, level, agency_id, errors,
                                             \(Measures.columns.map(\.name).joined(separator: ", ")))
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, \(Measures.columns.map { _ in "?" }.joined(separator: ", ")))
                """)
            let insertPhone = try db.cachedStatement(sql: "INSERT OR IGNORE INTO report_phones (report_id, phone) VALUES (?, ?)")
            let insertMedia = try BulkInsert(db, sql: """
                INSERT INTO media_accounts (report_id, position, platform, name, followers, posts, sentence, status) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let insertFact = try BulkInsert(db, sql: """
                INSERT INTO prose_facts (report_id, fact, value, approximate, sentence, result) VALUES (?, ?, ?, ?, ?, ?)
                """)
            let insertProblem = try BulkInsert(db, sql: """
                INSERT INTO problems (report_id, position, text, category, previous_year) VALUES (?, ?, ?, ?, ?)
                """)
            let insertSignature = try db.cachedStatement(sql: """
                INSERT INTO section_signatures (report_id, section, signature, sentences) VALUES (?, ?, ?, ?)
                """)
            var aliases: [String: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT name, canonical FROM agency_aliases") { aliases[row["name"]] = row["canonical"] }
            let insertCell = try BulkInsert(db, sql: "INSERT INTO cell_data (report_id, field, value, status, via) VALUES (?, ?, ?, ?, ?)")
            // A report's cells go in by the statement of many rows (SQLite runs a statement's setup once for all of
            // them); the rest one at a time.
            let insertCells = try BulkInsert(db, sql: "INSERT INTO cell_data (report_id, field, value, status, via) VALUES "
                + Array(repeating: "(?, ?, ?, ?, ?)", count: Self.cellsPerInsert).joined(separator: ", "))
            var cellFields: [Int64] = []
            var fields = try Self.cellFields(db)
            let insertOpen = try db.cachedStatement(sql: """
                INSERT INTO open_rows (report_id, position, table_name, row_key, cells, readings, printed) VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
            let insertFinding = try BulkInsert(db, sql: """
                INSERT INTO findings (source_id, rule, severity, table_name, row_key, column_key, expected, actual, message)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let moveSource = try db.cachedStatement(sql: "UPDATE sources SET path = ? WHERE path = ?")
            for outcome in outcomes {
                if let old = outcome.movedFrom {
                    try moveSource.execute(arguments: [outcome.path, old])
                    continue
                }
                try deleteSource.execute(arguments: [outcome.path])
                try insertSource.execute(arguments: [
                    outcome.path, outcome.sha256, outcome.size, outcome.format, outcome.status.rawValue, outcome.reason, timestamp,
                ])
                let sourceID = db.lastInsertedRowID
                if let report = outcome.report {
                    let sections = report.sections.map { $0 ? "1" : "0" }.joined()
                    let region = report.location?.region
                    let key = report.agency.flatMap { aliases[$0] }.flatMap { AgencyIdentity.key(canonical: $0) }
                        ?? AgencyIdentity.key(agency: report.agency, location: report.location, source: outcome.path)
                    let agencyID = try key.map { try Self.agencyID(db, key: $0, name: report.agency.flatMap { aliases[$0] } ?? report.agency ?? $0) }
                    var reportArguments: [(any DatabaseValueConvertible)?] = [
                        sourceID, report.agency, report.year, report.template.rawValue, report.publishedOn, report.title, sections,
                    ]
                    reportArguments += [region?.province, region?.city, region?.county, region?.township, report.location?.level?.rawValue,
                                        report.location?.status.rawValue, key, agencyID]
                    try insertReport.execute(arguments: StatementArguments(reportArguments))
                    let reportID = db.lastInsertedRowID
                    let errors = outcome.findings.filter { $0.severity == .error }.count
                    try insertMeasures.run { v in
                        v.bind(reportID); v.bind(report.year); v.bind(report.template.rawValue)
                        v.bind(region?.province); v.bind(region?.city); v.bind(region?.county)
                        v.bind(report.location?.level?.rawValue); v.bind(agencyID); v.bind(errors)
                        for value in Measures.values(of: report.cells) { v.bind(value) }
                    }
                    for phone in report.phones {
                        try insertPhone.execute(arguments: [reportID, phone])
                    }
                    for (position, a) in report.media.enumerated() {
                        try insertMedia.run { v in
                            v.bind(reportID); v.bind(position); v.bind(a.platform); v.bind(a.name); v.bind(a.followers); v.bind(a.posts)
                            v.bind(a.sentence); v.bind(a.status)
                        }
                    }
                    for f in report.facts {
                        try insertFact.run { v in
                            v.bind(reportID); v.bind(f.fact); v.bind(f.value); v.bind(f.approximate); v.bind(f.sentence); v.bind(f.result)
                        }
                    }
                    for p in report.problems {
                        try insertProblem.run { v in
                            v.bind(reportID); v.bind(p.index); v.bind(p.text); v.bind(p.category); v.bind(p.previousYear)
                        }
                    }
                    for (section, signature) in report.signatures.sorted(by: { $0.key < $1.key }) {
                        let blob = signature.withUnsafeBufferPointer { Data(buffer: $0) }
                        let sentences = (report.sentenceHashes[section] ?? []).withUnsafeBufferPointer { Data(buffer: $0) }
                        try insertSignature.execute(arguments: [reportID, section, blob, sentences])
                    }
                    cellFields.removeAll(keepingCapacity: true)
                    for cell in report.cells { cellFields.append(try Self.cellField(db, CellKey(cell), &fields)) }
                    func bindCell(_ i: Int, _ v: inout BulkInsert.Values) {
                        let cell = report.cells[i]
                        v.bind(reportID); v.bind(cellFields[i]); v.bind(cell.value)
                        v.bind(Self.statusCode[cell.status]); v.bind(Self.viaCode[cell.via])
                    }
                    var next = 0
                    while report.cells.count - next >= Self.cellsPerInsert {
                        try insertCells.run { v in for i in next..<(next + Self.cellsPerInsert) { bindCell(i, &v) } }
                        next += Self.cellsPerInsert
                    }
                    for i in next..<report.cells.count {
                        try insertCell.run { v in bindCell(i, &v) }
                    }
                    for (position, row) in report.openRows.enumerated() {
                        let encoded = Self.encode(row)
                        try insertOpen.execute(arguments: [reportID, position, row.cells[0].table.rawValue, row.cells[0].row, encoded.cells,
                                                           encoded.readings, row.printed])
                    }
                }
                for f in outcome.findings {
                    try insertFinding.run { v in
                        v.bind(sourceID); v.bind(f.rule.rawValue); v.bind(f.severity.rawValue); v.bind(f.table); v.bind(f.row); v.bind(f.column)
                        v.bind(f.expected); v.bind(f.actual); v.bind(f.message)
                    }
                }
            }
        }
    }

    // MARK: Queries

    /// Set inside `snapshot`: the reads of its body join its transaction.
    @TaskLocal static var inSnapshot = false

    /// Set inside `transaction`: the reads and writes of its body join its write transaction.
    @TaskLocal static var inTransaction = false

    /// A read in its own transaction, or in the snapshot or write transaction it runs inside.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        if Self.inTransaction { return try writer.unsafeReentrantWrite(body) }
        return Self.inSnapshot ? try writer.unsafeReentrantRead(body) : try writer.read(body)
    }

    /// A write in its own transaction, or in the write transaction it runs inside.
    func write<T>(_ body: (Database) throws -> T) throws -> T {
        Self.inTransaction ? try writer.unsafeReentrantWrite(body) : try writer.write(body)
    }

    /// Runs `body` in one write transaction: its reads see its own writes, and all of it is stored or none.
    /// (A step of many small writes, such as settling open rows across years, is one commit instead of thousands.)
    /// Inside another transaction, `body` joins it.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        if Self.inTransaction { return try body() }
        return try writer.write { _ in try Self.$inTransaction.withValue(true) { try body() } }
    }

    /// Runs `body` in one read transaction: every query of the store inside it sees the database at one moment,
    /// whatever an ingest beside it writes meanwhile (`report`'s files all describe the same database).
    public func snapshot<T>(_ body: () throws -> T) throws -> T {
        try writer.read { _ in try Self.$inSnapshot.withValue(true) { try body() } }
    }

    /// Streams a query's rows one at a time from a cursor, in one read transaction: memory does not grow with
    /// the rows.
    public func stream(_ source: RowSource, _ each: ([FieldValue]) throws -> Void) throws {
        try read { db in
            let cursor = try Row.fetchCursor(db, sql: source.statement, arguments: source.arguments)
            var values: [FieldValue] = []
            while let row = try cursor.next() {
                values.removeAll(keepingCapacity: true)
                for value in row.databaseValues {
                    switch value.storage {
                    case .null, .blob: values.append(.null)
                    case .int64(let n): values.append(.number(Double(n)))
                    case .double(let d): values.append(.number(d))
                    case .string(let s): values.append(.text(s))
                    }
                }
                try each(values)
            }
        }
    }

    /// A query's rows, all in memory (for the small tables).
    func rowSet(_ sql: String, columns: [String], arguments: StatementArguments = []) throws -> RowSet {
        try rowSet(RowSource(columns: columns, sql: sql, arguments: arguments))
    }

    public func rowSet(_ source: RowSource) throws -> RowSet {
        var set = RowSet(columns: source.columns)
        try stream(source) { set.rows.append($0) }
        return set
    }

    public func exportCells() throws -> RowSet { try rowSet(.cells) }
    public func exportReports() throws -> RowSet { try rowSet(.reports) }
    public func exportFindings(severities: [Severity] = Severity.allCases) throws -> RowSet { try rowSet(.findings(severities)) }
}

/// A query whose rows are exported, in their order: the export tables that grow with the corpus, streamed
/// (`Store.stream`) rather than held. Each joins `reports r` and `sources s`, so `filtered` can narrow it.
public struct RowSource: Sendable {
    public var columns: [String]
    var sql: String
    var arguments: StatementArguments = []

    /// Conditions added to `sql`, and the order of the rows (kept apart so that a filter can add conditions).
    var conditions: [String] = []
    var order = ""
    /// Whether the rows are findings (`f`), which `--rule` narrows.
    var findingRows = false

    init(columns: [String], sql: String, arguments: StatementArguments = [], conditions: [String] = [], order: String = "",
         findingRows: Bool = false) {
        self.columns = columns
        self.sql = sql
        self.arguments = arguments
        self.conditions = conditions
        self.order = order
        self.findingRows = findingRows
    }

    /// The statement run.
    var statement: String {
        sql + (conditions.isEmpty ? "" : "\nWHERE " + conditions.joined(separator: " AND ")) + (order.isEmpty ? "" : "\nORDER BY " + order)
    }

    /// The same rows, only those of the reports (and findings) the filter keeps.
    public func filtered(_ filter: ReportFilter) -> RowSource {
        let (added, values) = filter.conditions(hasFindings: findingRows)
        var copy = self
        copy.conditions += added
        var arguments = self.arguments
        arguments += StatementArguments(values)
        copy.arguments = arguments
        return copy
    }

    /// `source,agency,year,template,table,row,column,value,status,via`: one row per cell.
    public static let cells = RowSource(columns: ["source", "agency", "year", "template", "table", "row", "column", "value", "status", "via"], sql: """
        SELECT s.path, r.agency, r.year, r.template, c.table_name, c.row_key, c.column_key, c.value, c.status, c.via
        FROM cells c JOIN reports r ON r.id = c.report_id JOIN sources s ON s.id = r.source_id
        """, order: "s.path, c.position")

    /// `source,agency,year,template,published_on,title,status,errors,warnings,uncertain,…`: one row per file.
    public static let reports = RowSource(columns: ["source", "agency", "year", "template", "published_on", "title", "status", "errors", "warnings",
                                                    "uncertain", "province", "city", "county", "level", "agency_id"], sql: """
        SELECT s.path, r.agency, r.year, r.template, r.published_on, r.title, s.status,
               (SELECT COUNT(*) FROM findings f WHERE f.source_id = s.id AND f.severity = 'error'),
               (SELECT COUNT(*) FROM findings f WHERE f.source_id = s.id AND f.severity = 'warning'),
               (SELECT COUNT(*) FROM findings f WHERE f.source_id = s.id AND f.severity = 'uncertain'),
               r.province, r.city, r.county, r.level, r.agency_id
        FROM sources s LEFT JOIN reports r ON r.source_id = s.id
        """, order: "s.path")

    /// `source,rule,severity,table,row,column,expected,actual,message`: one row per finding.
    public static func findings(_ severities: [Severity] = Severity.allCases) -> RowSource {
        RowSource(columns: ["source", "rule", "severity", "table", "row", "column", "expected", "actual", "message"], sql: """
            SELECT s.path, f.rule, f.severity, f.table_name, f.row_key, f.column_key, f.expected, f.actual, f.message
            FROM findings f JOIN sources s ON s.id = f.source_id LEFT JOIN reports r ON r.source_id = s.id
            """, arguments: StatementArguments(severities.map(\.rawValue)),
            conditions: ["f.severity IN (\(severities.map { _ in "?" }.joined(separator: ",")))"], order: "s.path, f.id", findingRows: true)
    }
}

extension Store {
    /// Files by ingest status.
    public func sourceCounts() throws -> [SourceStatus: Int] {
        try read { db in
            var counts: [SourceStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT status, COUNT(*) AS n FROM sources GROUP BY status") {
                if let status = SourceStatus(rawValue: row["status"]) { counts[status] = row["n"] }
            }
            return counts
        }
    }
}
