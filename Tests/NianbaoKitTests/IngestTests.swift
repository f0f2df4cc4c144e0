import Foundation
import Synchronization
import GRDB
import Testing
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
}
