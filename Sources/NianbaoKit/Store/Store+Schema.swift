import GRDB

extension Store {
    /// The schema, as GRDB migrations. A schema change is a new migration, never an edit of an old one.
    /// Documented in `docs/schema.md`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(sql: """
                CREATE TABLE sources (
                    id INTEGER PRIMARY KEY,
                    path TEXT NOT NULL UNIQUE,
                    sha256 TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    format TEXT NOT NULL,
                    status TEXT NOT NULL CHECK (status IN ('parsed', 'failed', 'skipped', 'not_report')),
                    reason TEXT,
                    ingested_at TEXT NOT NULL
                );
                CREATE TABLE reports (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL UNIQUE REFERENCES sources(id) ON DELETE CASCADE,
                    agency TEXT,
                    year INTEGER,
                    template TEXT NOT NULL CHECK (template IN ('2019', '2021', 'other')),
                    published_on TEXT,
                    title TEXT,
                    sections TEXT NOT NULL
                );
                CREATE INDEX reports_year ON reports(year);
                CREATE INDEX reports_agency ON reports(agency);
                CREATE TABLE cells (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    table_name TEXT NOT NULL CHECK (table_name IN ('t2', 't3', 't4')),
                    row_key TEXT NOT NULL,
                    column_key TEXT NOT NULL DEFAULT '',
                    value REAL,
                    status TEXT NOT NULL CHECK (status IN ('ok', 'blank', 'inferred', 'split', 'ambiguous', 'missing')),
                    PRIMARY KEY (report_id, table_name, row_key, column_key)
                ) WITHOUT ROWID;
                CREATE INDEX cells_key ON cells(table_name, row_key, column_key);
                CREATE TABLE findings (
                    id INTEGER PRIMARY KEY,
                    source_id INTEGER NOT NULL REFERENCES sources(id) ON DELETE CASCADE,
                    rule TEXT NOT NULL,
                    severity TEXT NOT NULL CHECK (severity IN ('error', 'warning', 'uncertain')),
                    table_name TEXT NOT NULL DEFAULT '',
                    row_key TEXT NOT NULL DEFAULT '',
                    column_key TEXT NOT NULL DEFAULT '',
                    expected TEXT NOT NULL DEFAULT '',
                    actual TEXT NOT NULL DEFAULT '',
                    message TEXT NOT NULL
                );
                CREATE INDEX findings_source ON findings(source_id, severity);
                CREATE VIEW report_t3_totals AS
                SELECT report_id,
                    MAX(CASE WHEN row_key = 'new_received' THEN value END) AS new_received,
                    MAX(CASE WHEN row_key = 'carried_over' THEN value END) AS carried_over,
                    MAX(CASE WHEN row_key = 'granted' THEN value END) AS granted,
                    MAX(CASE WHEN row_key = 'partially_granted' THEN value END) AS partially_granted,
                    SUM(CASE WHEN row_key LIKE 'denied.%' THEN value END) AS denied,
                    SUM(CASE WHEN row_key LIKE 'unable.%' THEN value END) AS unable,
                    SUM(CASE WHEN row_key LIKE 'not_processed.%' THEN value END) AS not_processed,
                    SUM(CASE WHEN row_key = 'other' OR row_key LIKE 'other.%' THEN value END) AS other,
                    MAX(CASE WHEN row_key = 'total' THEN value END) AS handled,
                    MAX(CASE WHEN row_key = 'carried_forward' THEN value END) AS carried_forward
                FROM cells
                WHERE table_name = 't3' AND column_key = 'total'
                GROUP BY report_id;
                """)
        }
        migrator.registerMigration("v2: regions, agencies, measures") { db in
            try db.execute(sql: """
                ALTER TABLE reports ADD COLUMN province TEXT;
                ALTER TABLE reports ADD COLUMN city TEXT;
                ALTER TABLE reports ADD COLUMN county TEXT;
                ALTER TABLE reports ADD COLUMN township TEXT;
                ALTER TABLE reports ADD COLUMN level TEXT;
                ALTER TABLE reports ADD COLUMN region_status TEXT;
                ALTER TABLE reports ADD COLUMN agency_key TEXT;
                ALTER TABLE reports ADD COLUMN agency_id INTEGER REFERENCES agencies(id);
                CREATE TABLE agencies (
                    id INTEGER PRIMARY KEY,
                    key TEXT NOT NULL UNIQUE,
                    name TEXT NOT NULL
                );
                CREATE TABLE agency_aliases (
                    name TEXT PRIMARY KEY,
                    canonical TEXT NOT NULL
                );
                CREATE INDEX reports_agency_year ON reports(agency_id, year);
                CREATE INDEX reports_region ON reports(province, city, county);
                CREATE INDEX reports_level ON reports(level);
                CREATE TABLE report_measures (
                    report_id INTEGER PRIMARY KEY REFERENCES reports(id) ON DELETE CASCADE,
                    year INTEGER,
                    template TEXT,
                    province TEXT,
                    city TEXT,
                    county TEXT,
                    level TEXT,
                    agency_id INTEGER,
                    errors INTEGER NOT NULL DEFAULT 0,
                    \(Measures.columns.map { "\($0.name) REAL" }.joined(separator: ",\n                    "))
                );
                CREATE TABLE store_state (
                    key TEXT PRIMARY KEY,
                    value TEXT NOT NULL
                );
                CREATE INDEX report_measures_year ON report_measures(year);
                CREATE INDEX report_measures_agency ON report_measures(agency_id, year);
                """)
        }
        migrator.registerMigration("v3: prose") { db in
            // Reports stored before regions, measures and prose were read lack them: clearing the stored hashes
            // makes the next ingest read every file again (unchanged files included) and fill them in.
            try db.execute(sql: "UPDATE sources SET sha256 = ''")
            try db.execute(sql: """
                CREATE TABLE media_accounts (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    platform TEXT NOT NULL,
                    name TEXT NOT NULL,
                    followers REAL,
                    posts REAL,
                    sentence TEXT NOT NULL,
                    PRIMARY KEY (report_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX media_accounts_platform ON media_accounts(platform);
                CREATE TABLE prose_facts (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    fact TEXT NOT NULL,
                    value REAL NOT NULL,
                    approximate INTEGER NOT NULL,
                    sentence TEXT NOT NULL,
                    PRIMARY KEY (report_id, fact)
                ) WITHOUT ROWID;
                CREATE INDEX findings_rule ON findings(rule);
                CREATE TABLE problems (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    text TEXT NOT NULL,
                    category TEXT NOT NULL,
                    previous_year INTEGER NOT NULL,
                    PRIMARY KEY (report_id, position)
                ) WITHOUT ROWID;
                CREATE INDEX problems_category ON problems(category);
                CREATE TABLE section_signatures (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    section TEXT NOT NULL,
                    signature BLOB NOT NULL,
                    PRIMARY KEY (report_id, section)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v4: results in words") { db in
            // Facts stated in words (考核 合格) have no value: the column becomes nullable and gains `result`.
            // Files are read again on the next ingest so that every report gets them.
            try db.execute(sql: "UPDATE sources SET sha256 = ''")
            try db.execute(sql: """
                CREATE TABLE prose_facts_v4 (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    fact TEXT NOT NULL,
                    value REAL,
                    approximate INTEGER NOT NULL,
                    sentence TEXT NOT NULL,
                    result TEXT,
                    PRIMARY KEY (report_id, fact)
                ) WITHOUT ROWID;
                INSERT INTO prose_facts_v4 (report_id, fact, value, approximate, sentence)
                    SELECT report_id, fact, value, approximate, sentence FROM prose_facts;
                DROP TABLE prose_facts;
                ALTER TABLE prose_facts_v4 RENAME TO prose_facts;
                """)
        }
        migrator.registerMigration("v5: provenance and open rows") { db in
            // How each cell was placed, and the rows the text left open with their readings (for the neighbouring
            // years to settle). Files are read again on the next ingest so that every report gets them.
            try db.execute(sql: "UPDATE sources SET sha256 = ''")
            try db.execute(sql: """
                ALTER TABLE cells ADD COLUMN via TEXT NOT NULL DEFAULT 'printed'
                    CHECK (via IN ('printed', 'position', 'arithmetic', 'order', 'cross_year', 'none'));
                CREATE TABLE open_rows (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    table_name TEXT NOT NULL CHECK (table_name IN ('t2', 't3', 't4')),
                    row_key TEXT NOT NULL,
                    cells TEXT NOT NULL,
                    readings TEXT NOT NULL,
                    printed TEXT NOT NULL,
                    PRIMARY KEY (report_id, position)
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v6: cells checked without IN lists") { db in
            // SQLite evaluates a CHECK with an IN list by building a small temporary index for every row inserted;
            // the same constraints written with `=` and `OR` cost a twentieth as much, and the cells are most of
            // what an ingest writes. The views over the cells are set aside and made again as they were.
            let views = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'view'")
            for view in views { try db.execute(sql: "DROP VIEW \(view["name"] as String)") }
            try db.execute(sql: """
                CREATE TABLE cells_v6 (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    position INTEGER NOT NULL,
                    table_name TEXT NOT NULL CHECK (table_name = 't2' OR table_name = 't3' OR table_name = 't4'),
                    row_key TEXT NOT NULL,
                    column_key TEXT NOT NULL DEFAULT '',
                    value REAL,
                    status TEXT NOT NULL CHECK (status = 'ok' OR status = 'blank' OR status = 'inferred' OR status = 'split'
                                                OR status = 'ambiguous' OR status = 'missing'),
                    via TEXT NOT NULL DEFAULT 'printed' CHECK (via = 'printed' OR via = 'position' OR via = 'arithmetic'
                                                                OR via = 'order' OR via = 'cross_year' OR via = 'none'),
                    PRIMARY KEY (report_id, table_name, row_key, column_key)
                ) WITHOUT ROWID;
                INSERT INTO cells_v6 (report_id, position, table_name, row_key, column_key, value, status, via)
                    SELECT report_id, position, table_name, row_key, column_key, value, status, via FROM cells;
                DROP TABLE cells;
                ALTER TABLE cells_v6 RENAME TO cells;
                CREATE INDEX cells_key ON cells(table_name, row_key, column_key);
                """)
            for view in views { try db.execute(sql: view["sql"] as String) }
        }
        migrator.registerMigration("v7: one report per agency and year in the aggregates") { db in
            // The report another file of the same agency and year stands for (NULL: the report counts).
            try db.execute(sql: "ALTER TABLE report_measures ADD COLUMN duplicate_of INTEGER")
            try db.execute(sql: "INSERT OR REPLACE INTO store_state (key, value) VALUES ('rollup', 'stale')")
        }
        migrator.registerMigration("v8: landlines, and agencies linked by them") { db in
            // The landline numbers each report prints (reports read before this version have none until read again).
            try db.execute(sql: """
                CREATE TABLE report_phones (
                    report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                    phone TEXT NOT NULL,
                    PRIMARY KEY (report_id, phone)
                ) WITHOUT ROWID
                """)
            try db.execute(sql: "CREATE INDEX report_phones_phone ON report_phones(phone)")
            // The number that linked a report whose region is unresolved to an agency (NULL: linked by its own key).
            try db.execute(sql: "ALTER TABLE reports ADD COLUMN linked_by TEXT")
            try db.execute(sql: "INSERT OR REPLACE INTO store_state (key, value) VALUES ('rollup', 'stale')")
        }
        migrator.registerMigration("v9: accounts closed, merged or stated as totals; agencies linked by their accounts") { db in
            try db.execute(sql: "CREATE INDEX media_accounts_name ON media_accounts(name)")
            // `active`, `closed`, `merged`, or `total` (a platform's figures, no account named: `name` empty).
            try db.execute(sql: "ALTER TABLE media_accounts ADD COLUMN status TEXT NOT NULL DEFAULT 'active'")
            // A linked report takes its agency's region; what its own name gave is kept here (JSON) to be restored.
            try db.execute(sql: "ALTER TABLE reports ADD COLUMN own_region TEXT")
            try db.execute(sql: "INSERT OR REPLACE INTO store_state (key, value) VALUES ('rollup', 'stale')")
        }
        migrator.registerMigration("v10: a database to explore") { db in
            try exploration(db)
        }
        migrator.registerMigration("v11: reports of 2008–2018 (template 2008, table old)") { db in
            // SQLite cannot change a CHECK in place: the two tables are made again with the new values allowed
            // (SQLite's own procedure for other kinds of table schema change), their indexes and the views as they were.
            let views = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'view'")
            for view in views { try db.execute(sql: "DROP VIEW \(view["name"] as String)") }
            for (table, from, to) in [("reports", "'2021', 'other'", "'2021', '2008', 'other'"),
                                      ("cells", "table_name = 't4'", "table_name = 't4' OR table_name = 'old'")] {
                let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) ?? ""
                guard sql.contains(from) else { throw DatabaseError(message: "unexpected schema of \(table)") }
                let indexes = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                                  arguments: [table])
                try db.execute(sql: sql.replacingOccurrences(of: from, with: to)
                    .replacingOccurrences(of: "CREATE TABLE \(table)", with: "CREATE TABLE \(table)_v11")
                    .replacingOccurrences(of: "CREATE TABLE \"\(table)\"", with: "CREATE TABLE \(table)_v11"))
                try db.execute(sql: "INSERT INTO \(table)_v11 SELECT * FROM \(table); DROP TABLE \(table); ALTER TABLE \(table)_v11 RENAME TO \(table)")
                for index in indexes { try db.execute(sql: index) }
            }
            for view in views { try db.execute(sql: view["sql"] as String) }
            for (order, line) in Form.spec.enumerated() where line.table == "old" {
                try db.execute(sql: "INSERT OR IGNORE INTO fields VALUES (?, ?, ?, ?, ?, ?)",
                               arguments: [line.table, line.key, line.label, order, line.unit, line.templates.joined(separator: ",")])
            }
        }
        migrator.registerMigration("v12: sections' sentences, to tell boilerplate from copying") { db in
            try db.execute(sql: "ALTER TABLE section_signatures ADD COLUMN sentences BLOB")
        }
        migrator.registerMigration(leanCellsMigration) { db in
            try leanCells(db)
        }
        migrator.registerMigration("v14: rules named in Chinese") { db in
            try db.execute(sql: "CREATE TABLE rule_labels (rule TEXT PRIMARY KEY, label_zh TEXT NOT NULL)")
            for (rule, label) in RuleID.labels.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "INSERT INTO rule_labels VALUES (?, ?)", arguments: [rule, label])
            }
            try db.execute(sql: """
                DROP VIEW IF EXISTS finding_list;
                CREATE VIEW finding_list AS
                SELECT s.path AS source, r.agency, r.year,
                       CASE f.severity WHEN 'error' THEN '机关自身数字不符' WHEN 'warning' THEN '警告' ELSE '解析存疑' END AS kind,
                       COALESCE(l.label_zh, CASE WHEN f.rule LIKE 'file.%' THEN '文件未能读取' ELSE f.rule END) AS rule_label,
                       f.severity, f.rule, f.message, f.expected, f.actual, f.table_name, f.row_key, f.column_key
                FROM findings f JOIN sources s ON s.id = f.source_id LEFT JOIN reports r ON r.source_id = s.id
                LEFT JOIN rule_labels l ON l.rule = f.rule;
                """)
        }
        migrator.registerMigration("v15: cells read by field without an index") { db in
            // The by-field index was 2 KB a report, 40% of the cells; a skip-scan of the cells' key serves the same
            // queries as fast once the planner knows a report's cells (docs/schema.md).
            try db.execute(sql: "DROP INDEX IF EXISTS cells_key")
            try analyseCells(db)
        }
        return migrator
    }

    static let leanCellsMigration = "v13: lean cells keyed by integer fields; counts stored as integers"

    /// The codes `cell_data` stores for a cell's status and provenance (the position in the list; never reordered).
    static let statusCodes: [CellStatus] = [.ok, .blank, .inferred, .split, .ambiguous, .missing]
    static let viaCodes: [CellVia] = [.printed, .position, .arithmetic, .order, .crossYear, .none]

    /// The canonical cell keys in the form's order (表二, 表三 row by row under its seven columns, 表四, the old table).
    static var canonicalCellKeys: [CellKey] {
        Form.spec.flatMap { line -> [CellKey] in
            switch line.table {
            case "t3": return Fields.t3Columns.map { CellKey(table: .t3, row: line.key, column: $0) }
            default: return TableID(rawValue: line.table).map { [CellKey(table: $0, row: line.key)] } ?? []
            }
        }
    }

    /// Cells were one row each keyed by three texts, and with their by-field index most of the database (20 KB a
    /// report). They become `cell_data`, keyed by the report and an integer field (`cell_keys`, numbered in the
    /// form's order, so a report's cells sort in the form's order by it), with status and provenance as small codes,
    /// under a view `cells` that reads as the table did (its `position` is the field). Counts are stored as
    /// integers wherever they are whole (NUMERIC affinity), in the cells and in the measures, accounts and facts.
    static func leanCells(_ db: Database) throws {
        let views = try Row.fetchAll(db, sql: "SELECT name, sql FROM sqlite_master WHERE type = 'view'")
        for view in views { try db.execute(sql: "DROP VIEW \(view["name"] as String)") }
        try db.execute(sql: """
            CREATE TABLE cell_keys (
                id INTEGER PRIMARY KEY,
                table_name TEXT NOT NULL CHECK (table_name = 't2' OR table_name = 't3' OR table_name = 't4' OR table_name = 'old'),
                row_key TEXT NOT NULL,
                column_key TEXT NOT NULL DEFAULT '',
                UNIQUE (table_name, row_key, column_key)
            );
            """)
        for key in canonicalCellKeys {
            try db.execute(sql: "INSERT OR IGNORE INTO cell_keys (table_name, row_key, column_key) VALUES (?, ?, ?)",
                           arguments: [key.table.rawValue, key.row, key.column])
        }
        func code(_ column: String, _ names: [String]) -> String {
            "CASE \(column) " + names.enumerated().map { "WHEN '\($1)' THEN \($0)" }.joined(separator: " ") + " END"
        }
        func name(_ column: String, _ names: [String]) -> String {
            "CASE \(column) " + names.enumerated().map { "WHEN \($0) THEN '\($1)'" }.joined(separator: " ") + " END"
        }
        let statuses = statusCodes.map(\.rawValue), vias = viaCodes.map(\.rawValue)
        try db.execute(sql: """
            INSERT OR IGNORE INTO cell_keys (table_name, row_key, column_key) SELECT DISTINCT table_name, row_key, column_key FROM cells;
            CREATE TABLE cell_data (
                report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
                field INTEGER NOT NULL,
                value NUMERIC,
                status INTEGER NOT NULL CHECK (status >= 0 AND status <= \(statuses.count - 1)),
                via INTEGER NOT NULL CHECK (via >= 0 AND via <= \(vias.count - 1)),
                PRIMARY KEY (report_id, field)
            ) WITHOUT ROWID;
            INSERT INTO cell_data (report_id, field, value, status, via)
                SELECT c.report_id, k.id, c.value, \(code("c.status", statuses)), \(code("c.via", vias))
                FROM cells c JOIN cell_keys k ON k.table_name = c.table_name AND k.row_key = c.row_key AND k.column_key = c.column_key;
            DROP TABLE cells;
            CREATE INDEX cells_key ON cell_data(field);
            CREATE VIEW cells AS
            SELECT d.report_id, d.field AS position, k.table_name, k.row_key, k.column_key, d.value,
                   \(name("d.status", statuses)) AS status, \(name("d.via", vias)) AS via
            FROM cell_data d JOIN cell_keys k ON k.id = d.field;
            """)
        // The other counts: the same table made again with NUMERIC affinity (SQLite's procedure for a column type
        // change), its rows copied (a whole REAL becomes an INTEGER on the way in) and its indexes as they were.
        for table in ["report_measures", "media_accounts", "prose_facts"] {
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", arguments: [table]) ?? ""
            guard sql.contains(" REAL") else { throw DatabaseError(message: "unexpected schema of \(table)") }
            let indexes = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                              arguments: [table])
            try db.execute(sql: sql.replacingOccurrences(of: " REAL", with: " NUMERIC")
                .replacingOccurrences(of: "CREATE TABLE \(table)", with: "CREATE TABLE \(table)_v13")
                .replacingOccurrences(of: "CREATE TABLE \"\(table)\"", with: "CREATE TABLE \(table)_v13"))
            try db.execute(sql: "INSERT INTO \(table)_v13 SELECT * FROM \(table); DROP TABLE \(table); ALTER TABLE \(table)_v13 RENAME TO \(table)")
            for index in indexes { try db.execute(sql: index) }
        }
        for view in views { try db.execute(sql: view["sql"] as String) }
    }

    /// The fields with their Chinese labels and form order, views for the common questions with integer counts and
    /// Chinese labels, and a full-text index of the problems (trigram: any three characters or more).
    static func exploration(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE fields (
                table_name TEXT NOT NULL, row_key TEXT NOT NULL, label_zh TEXT NOT NULL, form_order INTEGER NOT NULL,
                unit TEXT NOT NULL, templates TEXT NOT NULL, PRIMARY KEY (table_name, row_key)
            ) WITHOUT ROWID;
            CREATE TABLE field_columns (column_key TEXT PRIMARY KEY, label_zh TEXT NOT NULL, form_order INTEGER NOT NULL) WITHOUT ROWID;
            """)
        for (order, line) in Form.spec.enumerated() where ["t2", "t3", "t4"].contains(line.table) {
            try db.execute(sql: "INSERT OR IGNORE INTO fields VALUES (?, ?, ?, ?, ?, ?)",
                           arguments: [line.table, line.key, line.label, order, line.unit, line.templates.joined(separator: ",")])
        }
        for (order, column) in (Fields.t3ApplicantColumns + ["total"]).enumerated() {
            try db.execute(sql: "INSERT INTO field_columns VALUES (?, ?, ?)", arguments: [column, Form.columnLabel(column), order])
        }
        // A whole number shown as one (SQLite keeps the cells' values as REAL).
        func whole(_ column: String) -> String {
            "CASE WHEN \(column) = CAST(\(column) AS INTEGER) THEN CAST(\(column) AS INTEGER) ELSE \(column) END"
        }
        let figures = ["applications", "handled", "granted", "partially_granted", "denied", "unable", "not_processed", "other_handling",
                       "carried_forward", "review_total", "review_corrected", "suit_total", "suit_corrected"]
        try db.execute(sql: """
            CREATE VIEW report_figures AS
            SELECT s.path AS source, r.agency, r.year, r.template, r.province, r.city, r.county, r.level, r.agency_id,
                   \(figures.map { "\(whole("m.\($0)")) AS \($0)" }.joined(separator: ", ")),
                   ROUND((m.granted + m.partially_granted) * 100.0 / NULLIF(m.handled, 0), 1) AS disclosure_pct,
                   (SELECT COUNT(*) FROM findings f WHERE f.source_id = s.id AND f.severity = 'error') AS errors,
                   (SELECT COUNT(*) FROM findings f WHERE f.source_id = s.id AND f.severity = 'warning') AS warnings,
                   (SELECT COUNT(*) FROM findings f WHERE f.source_id = s.id AND f.severity = 'uncertain') AS uncertain,
                   m.duplicate_of IS NOT NULL AS duplicate
            FROM reports r JOIN sources s ON s.id = r.source_id LEFT JOIN report_measures m ON m.report_id = r.id;

            CREATE VIEW cell_values AS
            SELECT s.path AS source, r.agency, r.year, c.table_name, COALESCE(f.form_order, 9999) AS form_order,
                   COALESCE(f.label_zh, c.row_key) AS row_label, COALESCE(k.label_zh, '') AS column_label,
                   \(whole("c.value")) AS value, c.status, c.via, c.row_key, c.column_key
            FROM cells c JOIN reports r ON r.id = c.report_id JOIN sources s ON s.id = r.source_id
            LEFT JOIN fields f ON f.table_name = c.table_name AND f.row_key = c.row_key
            LEFT JOIN field_columns k ON k.column_key = c.column_key;

            CREATE VIEW finding_list AS
            SELECT s.path AS source, r.agency, r.year,
                   CASE f.severity WHEN 'error' THEN '机关自身数字不符' WHEN 'warning' THEN '警告' ELSE '解析存疑' END AS kind,
                   f.severity, f.rule, f.message, f.expected, f.actual, f.table_name, f.row_key, f.column_key
            FROM findings f JOIN sources s ON s.id = f.source_id LEFT JOIN reports r ON r.source_id = s.id;

            CREATE VIRTUAL TABLE problems_fts USING fts5(text, category UNINDEXED, report_id UNINDEXED, tokenize = 'trigram');
            INSERT INTO problems_fts (rowid, text, category, report_id)
                SELECT report_id * 65536 + position, text, category, report_id FROM problems;
            CREATE TRIGGER problems_fts_insert AFTER INSERT ON problems BEGIN
                INSERT INTO problems_fts (rowid, text, category, report_id)
                VALUES (new.report_id * 65536 + new.position, new.text, new.category, new.report_id);
            END;
            CREATE TRIGGER problems_fts_delete AFTER DELETE ON problems BEGIN
                DELETE FROM problems_fts WHERE rowid = old.report_id * 65536 + old.position;
            END;
            """)
    }
}
