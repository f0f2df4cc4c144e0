import GRDB
import GRDBSQLite

/// A prepared INSERT whose values are bound straight to SQLite, for the ingest's hundreds of rows per
/// report: GRDB's `execute(arguments:)` boxes every value into a `DatabaseValue` array first, which
/// cost more than SQLite's own work. Only used inside a `Store` write transaction.
///
///     let insert = try BulkInsert(db, sql: "INSERT INTO t (a, b) VALUES (?, ?)")
///     try insert.run { $0.bind(1); $0.bind("x") }
struct BulkInsert {
    let statement: Statement
    let connection: OpaquePointer

    init(_ db: Database, sql: String) throws {
        statement = try db.cachedStatement(sql: sql)
        connection = db.sqliteConnection!
    }

    /// Binds the values in order (`Values.bind` from the first parameter on) and runs the statement.
    func run(_ bind: (inout Values) -> Void) throws {
        let handle = statement.sqliteStatement
        var values = Values(handle: handle)
        bind(&values)
        let code = sqlite3_step(handle)
        sqlite3_reset(handle)
        guard code == SQLITE_DONE else {
            throw DatabaseError(resultCode: ResultCode(rawValue: code), message: String(cString: sqlite3_errmsg(connection)),
                                sql: statement.sql)
        }
    }

    struct Values {
        let handle: OpaquePointer
        var index: Int32 = 1
        /// SQLite copies the text before the call returns.
        static let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

        mutating func bind(_ value: Int64?) {
            if let value { sqlite3_bind_int64(handle, index, value) } else { sqlite3_bind_null(handle, index) }
            index += 1
        }

        mutating func bind(_ value: Int?) { bind(value.map(Int64.init)) }

        mutating func bind(_ value: Bool) { bind(Int64(value ? 1 : 0)) }

        mutating func bind(_ value: Double?) {
            if let value { sqlite3_bind_double(handle, index, value) } else { sqlite3_bind_null(handle, index) }
            index += 1
        }

        mutating func bind(_ value: String?) {
            if var value {
                value.withUTF8 { bytes in
                    if bytes.isEmpty {
                        _ = sqlite3_bind_text(handle, index, "", 0, Self.transient)
                    } else {
                        _ = bytes.withMemoryRebound(to: CChar.self) { sqlite3_bind_text(handle, index, $0.baseAddress, Int32($0.count), Self.transient) }
                    }
                }
            } else {
                sqlite3_bind_null(handle, index)
            }
            index += 1
        }
    }
}
