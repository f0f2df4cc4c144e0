import Foundation
import Synchronization
import GRDB
import ZIPFoundation
import Testing
@testable import NianbaoSynth
@testable import NianbaoKit

/// Ingest end to end on a copy of the sample corpus, with junk files mixed in.
@Suite struct IngestTests {
    /// A temporary folder holding the seed reports plus an empty file, random bytes and a .doc.
    static func corpusWithJunk() throws -> URL {
        let dir = try Repo.temporaryDirectory()
        for stem in GoldTests.seeds {
            let name = try Gold(stem).file
            try FileManager.default.copyItem(at: Repo.corpusFile(name), to: dir.appendingPathComponent(name))
        }
        try Data().write(to: dir.appendingPathComponent("empty.txt"))
        var generator = SystemRandomNumberGenerator()
        try Data((0..<3000).map { _ in UInt8.random(in: 0...255, using: &generator) }).write(to: dir.appendingPathComponent("random.txt"))
        try Data("x".utf8).write(to: dir.appendingPathComponent("old.doc"))
        return dir
    }

    /// Records every SQL statement that writes.
    final class WriteLog: Sendable {
        let statements = Mutex<[String]>([])
        func record(_ sql: String) {
            let verb = sql.trimmingCharacters(in: .whitespaces).prefix(6).uppercased()
            if ["INSERT", "UPDATE", "DELETE", "REPLAC"].contains(verb) { statements.withLock { $0.append(sql) } }
        }
        var count: Int { statements.withLock { $0.count } }
    }

    @Test func badFilesAreReportedAndTheRestIngest() throws {
        let dir = try Self.corpusWithJunk()
        let store = try Store(inMemory: nil)
        let summary = try Ingester(store: store).ingest([dir.path])
        #expect(summary.files == 8)
        #expect(summary.ingested == 5)
        #expect(summary.failed == 3)
        #expect(summary.skipped == 0)
        #expect(summary.problems.contains { $0.hasSuffix("empty.txt: empty file") })
        #expect(summary.problems.contains { $0.contains("random.txt: ") })
        #expect(summary.problems.contains { $0.hasSuffix("old.doc: not a Word 97–2003 document (no OLE header)") })
        let reports = try store.exportReports()
        #expect(reports.rows.count == 8)
        #expect(reports.rows.filter { $0[6] == .text("parsed") }.count == 5)
        // 5 reports × (10 or 22 表二 + 175 表三 + 15 表四) cells; two seeds use the 2019 template.
        #expect(try store.exportCells().rows.count == 3 * (10 + 175 + 15) + 2 * (22 + 161 + 15))
    }

    @Test func secondIngestWritesNothing() throws {
        let dir = try Self.corpusWithJunk()
        let log = WriteLog()
        let store = try Store(inMemory: { log.record($0) })
        _ = try Ingester(store: store).ingest([dir.path])
        let firstWrites = log.count
        #expect(firstWrites > 0)
        let second = try Ingester(store: store).ingest([dir.path])
        #expect(second.unchanged == 8)
        #expect(second.ingested == 0)
        #expect(log.count == firstWrites)
    }

    /// However a folder is spelt, moved or linked, each file is stored once; a file gone from disk is counted, and
    /// removed with `prune`.
    @Test func filesAreKnownByContentAndCanonicalPath() throws {
        let base = try Repo.temporaryDirectory()
        let dir = base.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for stem in GoldTests.seeds.prefix(3) {
            let name = try Gold(stem).file
            try FileManager.default.copyItem(at: Repo.corpusFile(name), to: dir.appendingPathComponent(name))
        }
        let store = try Store(inMemory: nil)
        let ingester = Ingester(store: store)
        #expect(try ingester.ingest([dir.path]).ingested == 3)
        // The folder relative to the working directory (not changed here: tests run side by side).
        let here = FileManager.default.currentDirectoryPath.split(separator: "/")
        let relative = Array(repeating: "..", count: here.count).joined(separator: "/") + dir.path
        for spelling in [relative, "./" + relative + "/", dir.path + "//", dir.path + "/./", base.path + "/corpus/../corpus", dir.path] {
            let summary = try ingester.ingest([spelling])
            #expect(summary.ingested == 0 && summary.unchanged == 3, "\(spelling)")
        }
        // The same file named twice, and through a symbolic link.
        try FileManager.default.createSymbolicLink(atPath: base.appendingPathComponent("link").path, withDestinationPath: dir.path)
        #expect(try ingester.ingest([relative, base.appendingPathComponent("link").path, dir.path]).unchanged == 3)
        #expect(try store.exportReports().rows.count == 3)

        // Moved: only the path changes, nothing is read again.
        let moved = base.appendingPathComponent("moved")
        try FileManager.default.removeItem(at: base.appendingPathComponent("link"))
        try FileManager.default.moveItem(at: dir, to: moved)
        let afterMove = try ingester.ingest([moved.path])
        #expect(afterMove.moved == 3 && afterMove.ingested == 0 && afterMove.gone.isEmpty)
        let paths = try store.exportReports().rows.map { $0[0].text }
        #expect(paths.count == 3 && paths.allSatisfy { $0.hasPrefix(moved.path + "/") })

        // Gone: counted, kept; removed with prune, its cells with it.
        let first = try FileManager.default.contentsOfDirectory(atPath: moved.path).sorted()[0]
        try FileManager.default.removeItem(at: moved.appendingPathComponent(first))
        let gone = try ingester.ingest([moved.path])
        #expect(gone.gone == [moved.appendingPathComponent(first).path] && gone.pruned == 0)
        #expect(try store.exportReports().rows.count == 3)
        let pruned = try ingester.ingest([moved.path], prune: true)
        #expect(pruned.pruned == 1)
        #expect(try store.exportReports().rows.count == 2)
        #expect(try store.exportCells().rows.allSatisfy { !$0[0].text.hasSuffix("/" + first) })
    }

    /// A second file of one agency and year (a copy under another name) is reported and counted once; when the
    /// file that counted goes, the other counts.
    @Test func twoFilesOfOneAgencyAndYearCountOnce() throws {
        let dir = try Repo.temporaryDirectory()
        for stem in GoldTests.seeds {
            let name = try Gold(stem).file
            try FileManager.default.copyItem(at: Repo.corpusFile(name), to: dir.appendingPathComponent(name))
        }
        let alone = try Store(inMemory: nil)
        _ = try Ingester(store: alone).ingest([dir.path])
        let expected = try alone.summary(by: [.year]).rows

        let name = try Gold(GoldTests.seeds[0]).file
        let copy = dir.appendingPathComponent("zz-copy-" + name)
        try FileManager.default.copyItem(at: dir.appendingPathComponent(name), to: copy)
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        #expect(try store.summary(by: [.year]).rows == expected)
        let warnings = try store.exportFindings().rows.filter { $0[1] == .text("meta.duplicate_report") }
        // The copy sorts after the original: it is the one that points to the other.
        #expect(warnings.count == 1 && warnings.first?[0] == .text(copy.path) && warnings.first?[6] == .text(dir.appendingPathComponent(name).path))

        try FileManager.default.removeItem(at: dir.appendingPathComponent(name))
        _ = try Ingester(store: store).ingest([dir.path], prune: true)
        #expect(try store.summary(by: [.year]).rows == expected)
        #expect(try store.exportFindings().rows.allSatisfy { $0[1] != .text("meta.duplicate_report") })
    }

    /// A file that failed is tried again (its cause may be gone); files stored by another version of the reader are
    /// read again, and `reparse` reads everything again.
    @Test func failuresAndOtherReaderVersionsAreReadAgain() throws {
        let dir = try Self.corpusWithJunk()
        let store = try Store(inMemory: nil)
        #expect(try Ingester(store: store).ingest([dir.path]).failed == 3)
        // The random bytes become a report: read now, not kept as a failure.
        let name = try Gold(GoldTests.seeds[0]).file
        try FileManager.default.removeItem(at: dir.appendingPathComponent("random.txt"))
        try FileManager.default.copyItem(at: Repo.corpusFile(name), to: dir.appendingPathComponent("random.txt"))
        let again = try Ingester(store: store).ingest([dir.path])
        #expect(again.ingested == 1 && again.failed == 0 && again.unchanged == 7)
        #expect(try store.readerVersion() == Ingester.readerVersion)

        try store.setReaderVersion("an older reader")
        let newer = try Ingester(store: store).ingest([dir.path])
        #expect(newer.unchanged == 2 && newer.ingested == 6)   // the empty file and the false .doc fail as before: unchanged
        #expect(try store.readerVersion() == Ingester.readerVersion)
        #expect(try Ingester(store: store).ingest([dir.path]).unchanged == 8)
        #expect(try Ingester(store: store).ingest([dir.path], reparse: true).ingested == 6)
    }

    @Test func changedFileReplacesItsRows() throws {
        let dir = try Self.corpusWithJunk()
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        let name = try Gold("001_0f3a3c160bddc4d1").file
        let url = dir.appendingPathComponent(name)
        // The agency now prints 39909 licensing decisions instead of 39908.
        let edited = try String(contentsOf: url, encoding: .utf8).replacingOccurrences(of: "39908", with: "39909")
        try Data(edited.utf8).write(to: url)
        let cellsBefore = try store.exportCells().rows.count
        let summary = try Ingester(store: store).ingest([dir.path])
        #expect(summary.ingested == 1 && summary.unchanged == 7)
        let cells = try store.exportCells()
        #expect(cells.rows.count == cellsBefore)
        let licensing = cells.rows.filter { $0[0].text == url.path && $0[5] == .text("licensing.decisions") }
        #expect(licensing.map { $0[7] } == [.number(39909)])
    }

    @Test func findingsKeepSeveritiesApart() throws {
        // 003 prints six values in eleven 表三 rows (a cell lost in copying): reported as the parser's, not the agency's.
        let dir = try Self.corpusWithJunk()
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        let findings = try store.exportFindings()
        #expect(findings.rows.filter { $0[2] == .text("error") }.isEmpty)
        let short = findings.rows.filter { $0[0].text.hasSuffix("003_e495306e86c91049.txt") && $0[1] == .text("parse.lost_cell") }
        #expect(short.count == 11 && short.allSatisfy { $0[2] == .text("warning") })
    }

    @Test func missingPathIsAnError() throws {
        let store = try Store(inMemory: nil)
        #expect(throws: IngestError.self) { try Ingester(store: store).ingest(["/nonexistent/nianbao"]) }
    }

    @Test func aDatabaseFromBeforeTheAnalysisTablesIsReadAgainAtTheNextIngest() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("old.sqlite").path
        let source = Repo.corpusFile("001_0f3a3c160bddc4d1.txt").path
        // A database as the first release left it: schema v1, one file stored with its hash.
        let old = try DatabaseQueue(path: path)
        try Store.migrator.migrate(old, upTo: "v1")
        try old.write { db in
            try db.execute(sql: "INSERT INTO sources (path, sha256, size, format, status, ingested_at) VALUES (?, 'abc', 1, 'txt', 'parsed', 'then')",
                           arguments: [source])
        }
        try old.close()
        let store = try Store(path: path)
        #expect(try store.knownHashes()[source] == "", "the migration clears stored hashes")
        let summary = try Ingester(store: store).ingest([source])
        #expect(summary.ingested == 1)
        #expect(try store.summary(by: [.year], measures: ["reports", "applications"]).rows == [[.number(2023), .number(1), .number(290)]])
    }

    @Test func theMigrationThatAllowsTemplate2008KeepsEveryStoredRow() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("v10.sqlite").path
        let old = try DatabaseQueue(path: path)
        try Store.migrator.migrate(old, upTo: "v10: a database to explore")
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO sources (id, path, sha256, size, format, status, ingested_at) VALUES (7, '/r/a.txt', 'abc', 1, 'txt', 'parsed', 'then');
                INSERT INTO reports (id, source_id, agency, year, template, sections) VALUES (3, 7, '某县人民政府', 2020, '2019', '[]');
                INSERT INTO cells (report_id, position, table_name, row_key, column_key, value, status) VALUES (3, 0, 't3', 'granted', 'total', 5, 'ok');
                INSERT INTO findings (source_id, rule, severity, message) VALUES (7, 't3.results_sum', 'error', 'x');
                """)
        }
        try old.close()
        let store = try Store(path: path)
        let counts = try store.writer.read { db in
            try ["sources", "reports", "cells", "findings"].map { try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \($0)") ?? -1 }
        }
        #expect(counts == [1, 1, 1, 1])
        try store.writer.write { db in
            try db.execute(sql: """
                INSERT INTO sources (id, path, sha256, size, format, status, ingested_at) VALUES (8, '/r/b.txt', 'abd', 1, 'txt', 'parsed', 'now');
                INSERT INTO reports (id, source_id, agency, year, template, sections) VALUES (4, 8, '某县人民政府', 2012, '2008', '[]');
                INSERT INTO cell_data (report_id, field, value, status, via)
                    SELECT 4, id, 12, 0, 0 FROM cell_keys WHERE table_name = 'old' AND row_key = 'applications_received';
                DELETE FROM sources WHERE id = 8;
                """)
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cells") == 1, "deleting a source still deletes its cells")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM fields WHERE table_name = 'old'") == Fields.old.count)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
    }
}

/// Cells keyed by integer fields under a view that reads as the table did; counts stored as integers.
@Suite struct LeanCellsTests {
    static let statuses: [CellStatus] = [.ok, .blank, .inferred, .split, .ambiguous, .missing]
    static let vias: [CellVia] = [.printed, .position, .arithmetic, .order, .crossYear, .none]

    /// A database of schema v12 with cells of every status and provenance, a fraction, a key outside the form, and
    /// measures, accounts and facts, brought up to date: every row reads back as it was written, whole numbers are
    /// stored as integers, and deleting a source still deletes its cells.
    @Test func theMigrationKeepsEveryCellAndStoresCountsAsIntegers() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("v12.sqlite").path
        let old = try DatabaseQueue(path: path)
        try Store.migrator.migrate(old, upTo: "v12: sections' sentences, to tell boilerplate from copying")
        let rows: [(String, String, String, Double?, String, String)] = [
            ("t2", "regulations.new_made", "", 3, "ok", "printed"),
            ("t3", "new_received", "natural_person", 120, "split", "arithmetic"),
            ("t3", "new_received", "total", nil, "blank", "position"),
            ("t3", "granted", "total", 7, "inferred", "cross_year"),
            ("t3", "partially_granted", "total", nil, "ambiguous", "none"),
            ("t3", "carried_forward", "total", nil, "missing", "none"),
            ("t4", "review.total", "", 2, "ok", "order"),
            ("t2", "fees.amount", "", 0.5, "ok", "printed"),
            ("t2", "a_key_of_no_form", "", 1, "ok", "printed"),
        ]
        try old.write { db in
            try db.execute(sql: """
                INSERT INTO sources (id, path, sha256, size, format, status, ingested_at) VALUES (7, '/r/a.txt', 'abc', 1, 'txt', 'parsed', 'then');
                INSERT INTO reports (id, source_id, agency, year, template, sections) VALUES (3, 7, '某县人民政府', 2023, '2021', '[]');
                INSERT INTO report_measures (report_id, errors, applications, fees_amount) VALUES (3, 0, 120.0, 0.5);
                INSERT INTO media_accounts (report_id, position, platform, name, followers, posts, sentence) VALUES (3, 0, '微信', '某县发布', 12000.0, 310.0, 's');
                INSERT INTO prose_facts (report_id, fact, value, approximate, sentence) VALUES (3, 'applications', 120.0, 0, 's');
                """)
            for (position, r) in rows.enumerated() {
                try db.execute(sql: """
                    INSERT INTO cells (report_id, position, table_name, row_key, column_key, value, status, via) VALUES (3, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [position, r.0, r.1, r.2, r.3, r.4, r.5])
            }
        }
        try old.close()
        let store = try Store(path: path)
        try store.writer.write { db in
            let back = try Row.fetchAll(db, sql: "SELECT table_name, row_key, column_key, value, status, via FROM cells WHERE report_id = 3")
            let read = Set(back.map { "\($0[0] as String)|\($0[1] as String)|\($0[2] as String)|\(($0[3] as Double?).map(formatNumber) ?? "")|\($0[4] as String)|\($0[5] as String)" })
            #expect(read == Set(rows.map { "\($0.0)|\($0.1)|\($0.2)|\($0.3.map(formatNumber) ?? "")|\($0.4)|\($0.5)" }))
            #expect(try String.fetchAll(db, sql: "SELECT typeof(value) FROM cells WHERE value IS NOT NULL ORDER BY value")
                == ["real", "integer", "integer", "integer", "integer", "integer"])
            #expect(try String.fetchAll(db, sql: "SELECT typeof(applications) || typeof(fees_amount) FROM report_measures") == ["integerreal"])
            #expect(try String.fetchAll(db, sql: "SELECT typeof(followers) || typeof(posts) FROM media_accounts") == ["integerinteger"])
            #expect(try String.fetchAll(db, sql: "SELECT typeof(value) FROM prose_facts") == ["integer"])
            // The form's cells sort in the form's order (表二 before 表三 before 表四).
            let order = try String.fetchAll(db, sql: "SELECT table_name FROM cells WHERE report_id = 3 AND row_key <> 'a_key_of_no_form' ORDER BY position")
            #expect(order == order.sorted())
            try db.execute(sql: "DELETE FROM sources WHERE id = 7")
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM cell_data") == 0)
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
        }
    }

    /// Cells of every status and provenance saved by an ingest read back as they were, in the report's order, and
    /// an update by the neighbouring years lands on its own cell only.
    @Test func everyStatusAndProvenanceIsStoredAndReadBack() throws {
        let store = try Store(inMemory: nil)
        var cells: [Cell] = []
        for (i, row) in Fields.t3Rows2021.prefix(12).enumerated() {
            let status = Self.statuses[i % Self.statuses.count]
            let value: Double? = status == .blank || status == .missing || status == .ambiguous ? nil : Double(i * 7) + (i == 5 ? 0.25 : 0)
            cells.append(Cell(table: .t3, row: row, column: "total", value: value, status: status, via: Self.vias[(i * 5) % Self.vias.count]))
        }
        let report = ParsedReport(agency: "某县人民政府", year: 2023, template: .t2021, cells: cells)
        try store.save([IngestOutcome(path: "/r/a.txt", sha256: "x", size: 1, format: "txt", status: .parsed, reason: nil, report: report,
                                      findings: [])], at: "now")
        let id = try store.writer.read { db in try Int64.fetchOne(db, sql: "SELECT id FROM reports") }!
        let back = try store.writer.read { db in try Store.cells(db, id) }
        #expect(back == cells)
        var settled = cells[4]
        settled.value = 9
        settled.status = .inferred
        settled.via = .crossYear
        let header = Store.OpenReport(reportID: id, sourceID: 1, agencyID: 1, year: 2023, template: .t2021, cells: [], open: [])
        try store.saveSettlement(header, cells: [settled], closing: [], findings: [], checks: [],
                                 measures: Array(repeating: nil, count: Measures.columns.count))
        var expected = cells
        expected[4] = settled
        #expect(try store.writer.read { db in try Store.cells(db, id) } == expected)
    }
}

/// A zip of reports, as attachment bundles are downloaded.
@Suite struct ZipBundleTests {
    typealias Numbers = AnalysisTests.Numbers

    /// A zip archive of stored (uncompressed) members, each name as raw bytes with or without the UTF-8 flag, and
    /// optionally a declared size that lies.
    static func zip(_ members: [(name: [UInt8], utf8Flag: Bool, data: [UInt8], declared: Int?)]) -> [UInt8] {
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { le16(v & 0xFFFF) + le16((v >> 16) & 0xFFFF) }
        var out: [UInt8] = [], central: [UInt8] = []
        for m in members {
            let crc = Int(Data(m.data).crc32(checksum: 0))
            let flags = m.utf8Flag ? 0x800 : 0
            let size = m.declared ?? m.data.count
            let offset = out.count
            out += le32(0x04034B50) + le16(20) + le16(flags) + le16(0) + le16(0) + le16(0) + le32(crc) + le32(size) + le32(size)
                + le16(m.name.count) + le16(0) + m.name + m.data
            central += le32(0x02014B50) + le16(20) + le16(20) + le16(flags) + le16(0) + le16(0) + le16(0) + le32(crc)
                + le32(size) + le32(size) + le16(m.name.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(offset) + m.name
        }
        let start = out.count
        out += central
        out += le32(0x06054B50) + le16(0) + le16(0) + le16(members.count) + le16(members.count) + le32(central.count) + le32(start) + le16(0)
        return out
    }

    static func report(_ agency: String, _ year: Int) -> [UInt8] {
        Array(AnalysisTests.text(Numbers(agency: agency, year: year, new: 2, carried: 0, granted: 2, partial: 0, notHeld: 0, forward: 0)).utf8)
    }

    @Test func everyMemberOfAZipIsReadAsAFileOfAFolderNamedAfterIt() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let gbkName = try #require(SynthCorpus.gb18030("乡镇/大岭镇2022.txt"))
        let members: [(name: [UInt8], utf8Flag: Bool, data: [UInt8], declared: Int?)] = [
            (Array("县/洪泽区2022.txt".utf8), true, Self.report("淮安市洪泽区人民政府", 2022), nil),
            (gbkName, false, Self.report("公主岭市大岭镇人民政府", 2022), nil),                  // Chinese Windows: GBK, no flag
            (Array("__MACOSX/._洪泽区2022.txt".utf8), true, [0, 1], nil),
            (Array("inner.zip".utf8), false, Array("PK".utf8), nil),
        ]
        let bundle = dir.appendingPathComponent("县2022.zip")
        try Data(Self.zip(members)).write(to: bundle)
        // A deflated member whose directory declares 100 bytes: inflating it is stopped there.
        let bomb = dir.appendingPathComponent("bomb.zip")
        let report = Data(Self.report("淮安市人民政府", 2022))
        let archive = try Archive(url: bomb, accessMode: .create)
        try archive.addEntry(with: "a.txt", type: .file, uncompressedSize: Int64(report.count), compressionMethod: .deflate) { position, size in
            report.subdata(in: Int(position)..<Int(position) + size)
        }
        var bytes = [UInt8](try Data(contentsOf: bomb))
        for i in 0..<(bytes.count - 4) where bytes[i..<(i + 4)] == [0x50, 0x4B, 0x01, 0x02] { bytes[i + 24] = 100; bytes[i + 25] = 0; bytes[i + 26] = 0; bytes[i + 27] = 0 }
        try Data(bytes).write(to: bomb)
        try Data("PK\u{3}\u{4} not really".utf8).write(to: dir.appendingPathComponent("broken.zip"))
        try Data(Self.report("淮安市清江浦区人民政府", 2022)).write(to: dir.appendingPathComponent("loose.txt"))
        let store = try Store(inMemory: nil)
        let summary = try Ingester(store: store).ingest([dir.path])
        let root = Ingester.canonical(dir.path)
        #expect(summary.ingested == 3, "\(summary.problems)")
        let problems = summary.problems.joined(separator: "\n")
        #expect(problems.contains("县2022.zip/inner.zip: a zip inside a zip archive is not read"))
        #expect(problems.contains("bomb.zip/a.txt: inflates beyond the size its zip archive declares"))
        #expect(problems.contains("broken.zip: not a readable zip archive"))
        #expect(!problems.contains("__MACOSX") && summary.problems.count == 3)
        func parsed() throws -> [String] {
            try store.writer.read { db in try String.fetchAll(db, sql: "SELECT path FROM sources WHERE status = 'parsed' ORDER BY path") }
        }
        let paths = try parsed()
        #expect(paths == [root + "/loose.txt", root + "/县2022.zip/乡镇/大岭镇2022.txt", root + "/县2022.zip/县/洪泽区2022.txt"].sorted())
        #expect(try Ingester.contents(of: root + "/县2022.zip/乡镇/大岭镇2022.txt") == Self.report("公主岭市大岭镇人民政府", 2022))

        // Unchanged: nothing read again; ingesting another folder alone does not count the members gone.
        let again = try Ingester(store: store).ingest([dir.path])
        #expect(again.ingested == 0 && again.gone.isEmpty)
        let other = dir.appendingPathComponent("other")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        #expect(try Ingester(store: store).ingest([other.path]).gone.isEmpty)

        // A member left out of the archive is gone, and pruned.
        try Data(Self.zip(Array(members.prefix(1)))).write(to: bundle)
        let pruned = try Ingester(store: store).ingest([dir.path], prune: true)
        #expect(pruned.gone == [root + "/县2022.zip/乡镇/大岭镇2022.txt"] && pruned.pruned == 1)
        #expect(try parsed().count == 2)

        // An archive that cannot be read for now (half written) has not lost its members: nothing is pruned.
        let whole = try Data(contentsOf: bundle)
        try Data("PK\u{3}\u{4} being written".utf8).write(to: bundle)
        let unreadable = try Ingester(store: store).ingest([dir.path], prune: true)
        #expect(unreadable.gone.isEmpty && unreadable.pruned == 0)
        #expect(try parsed().count == 2)
        try whole.write(to: bundle)
        // Readable again: its members as before, and no failed row left for the archive itself.
        _ = try Ingester(store: store).ingest([dir.path])
        let failed = try store.writer.read { db in try String.fetchAll(db, sql: "SELECT path FROM sources WHERE status = 'failed'") }
        #expect(!failed.contains(root + "/县2022.zip"), "\(failed)")
        #expect(try parsed().count == 2)

        // A member larger than the file limit once inflated fails with its reason; the rest of the batch goes on.
        let small = try Ingester(store: Store(inMemory: nil), maxFileSize: 1000).ingest([bundle.path, dir.appendingPathComponent("loose.txt").path])
        #expect(summaryLine(small).contains("file too large once inflated") && small.ingested == 0 && small.failed == 2)
    }

    func summaryLine(_ s: IngestSummary) -> String { s.problems.joined(separator: "\n") }
}
