import Foundation
import GRDB
import Testing
@testable import NianbaoKit
@testable import NianbaoSynth
import NianbaoSynth

/// What real downloads and real machines do to an ingest: files that vanish, odd names, mutated bytes,
/// and a process killed with SIGKILL in the middle of a batch.
@Suite struct RobustnessTests {
    static func writeCorpus(_ corpus: SynthCorpus, to dir: URL) throws -> [String] {
        var paths: [String] = []
        for report in corpus.reports() {
            let url = dir.appendingPathComponent(report.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(report.bytes).write(to: url)
            paths.append(url.path)
        }
        return paths
    }

    /// Per file: its status and the number of cells and findings stored for it.
    /// A database holding every file of `corpus` as read, its batches stored and the last step (settling across
    /// years, the rollups) not run: what a run stopped right before that step leaves.
    static func storedAsRead(_ corpus: URL, at path: URL) throws -> Store {
        let store = try Store(path: path.path, readOnly: false)
        try store.setReaderVersion(Ingester.readerVersion)
        try store.save(Ingester(store: store).process(try Ingester.listFiles([corpus.path]), known: [:]).compactMap { $0 },
                       at: "2026-01-01T00:00:00Z")
        return store
    }

    static func contents(_ db: String) throws -> [String: String] {
        let queue = try DatabaseQueue(path: db)
        return try queue.read { db in
            #expect(try String.fetchOne(db, sql: "PRAGMA integrity_check") == "ok")
            var out: [String: String] = [:]
            // Killed before its schema was committed (a loaded machine can be that slow to start): nothing stored.
            guard try db.tableExists("sources") else { return out }
            for row in try Row.fetchAll(db, sql: """
                SELECT s.path, s.status, (SELECT COUNT(*) FROM cells c JOIN reports r ON r.id = c.report_id WHERE r.source_id = s.id),
                       (SELECT COUNT(*) FROM findings f WHERE f.source_id = s.id AND f.rule NOT LIKE 'cross_year.%')
                FROM sources s
                """) {
                out[row[0]] = "\(row[1] as String) \(row[2] as Int) \(row[3] as Int)"
            }
            return out
        }
    }

    /// A web table whose rows print fewer cells than the form has columns, with no header to place them by: the
    /// values are left open, and the reader does not trap (it once did, taking the whole batch with it).
    @Test func aTableRowWithFewerCellsThanTheFormIsLeftOpen() throws {
        let html = """
            <html><body><p>某县人民政府2022年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p><p>二、主动公开政府信息情况</p>
            <p>三、收到和处理政府信息公开申请情况</p><table><tr><td>一、本年新收政府信息公开申请数量</td><td>5</td><td>3</td></tr>
            <tr><td>二、上年结转政府信息公开申请数量</td><td>1</td><td></td><td>2</td></tr></table>
            <p>四、政府信息公开行政复议、行政诉讼情况</p><p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p>
            </body></html>
            """
        let report = try ReportParser.parse(try HTMLReader().read(bytes: Array(html.utf8), path: "x.html"))
        for column in ["natural_person", "commercial", "total"] {
            #expect(report.cell(.t3, "new_received", column)?.status != .ok)
        }
    }

    /// Ragged web tables (rows of any length, labels anywhere, empty and stray cells, headers or none): every one is
    /// read without trapping, and what it reads as `ok` in 表三 is only ever a value the table prints.
    @Test func raggedTablesAreReadWithoutTrapping() throws {
        var rng = SplitMix64(seed: 20261201)
        let labels = Render.t3Labels + Render.applicantHeader + ["", "合计", "三、本年度办理结果", "（三）不予公开"]
        for _ in 0..<300 {
            var printed = Set<Double>()
            var rows = ""
            for _ in 0..<Int.random(in: 1...30, using: &rng) {
                var cells: [String] = []
                for _ in 0..<Int.random(in: 0...10, using: &rng) {
                    if Bool.random(using: &rng) {
                        let n = Int.random(in: 0...999, using: &rng)
                        printed.insert(Double(n))
                        cells.append(String(n))
                    } else {
                        cells.append(labels.randomElement(using: &rng)!)
                    }
                }
                let span = Int.random(in: 0...4, using: &rng) == 0 ? " rowspan=\"\(Int.random(in: 0...3, using: &rng))\"" : ""
                rows += "<tr>" + cells.map { "<td\(span)>\($0)</td>" }.joined() + "</tr>"
            }
            let html = "<html><body><p>某县人民政府2022年政府信息公开工作年度报告</p><p>一、总体情况</p><p>正文。</p>"
                + "<p>三、收到和处理政府信息公开申请情况</p><table>\(rows)</table><p>四、政府信息公开行政复议、行政诉讼情况</p>"
                + "<p>五、存在的主要问题及改进情况</p><p>无。</p><p>六、其他需要报告的事项</p><p>无。</p></body></html>"
            let report = try ReportParser.parse(try HTMLReader().read(bytes: Array(html.utf8), path: "x.html"))
            for cell in report.cells where cell.table == .t3 && cell.status == .ok && cell.via == .printed {
                #expect(cell.value.map { printed.contains($0) } ?? true, "\(cell.row) \(cell.column) \(cell.value ?? -1)")
            }
        }
    }

    @Test func killedWithSIGKILLTheDatabaseStaysConsistentAndARerunCompletesIt() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("corpus")
        let paths = try Self.writeCorpus(SynthCorpus(seed: 99, agencies: 150, years: 2022...2023), to: corpus)
        // The reference: one uninterrupted run.
        let clean = try CLITests.run(["ingest", corpus.path, "--db", "clean.sqlite", "--quiet", "--batch-size", "16"], in: dir)
        #expect(clean.status == 0, "\(clean.stderr)")
        let expected = try Self.contents(dir.appendingPathComponent("clean.sqlite").path)
        #expect(expected.count == paths.count)
        // What a run stopped before its last step stores: every file as read, nothing settled across years yet (the
        // last step, settling and summing up, is one transaction: a run stopped in it stores none of it).
        _ = try Self.storedAsRead(corpus, at: dir.appendingPathComponent("before.sqlite"))
        let read = try Self.contents(dir.appendingPathComponent("before.sqlite").path)
        #expect(read.count == paths.count)
        // The last step changes some files' findings here, so the two states differ and the test says something.
        #expect(read != expected)

        var rng = SplitMix64(seed: 7)
        var killed = 0
        for _ in 0..<4 {
            let process = Process()
            process.executableURL = CLITests.binary
            process.arguments = ["ingest", corpus.path, "--db", "killed.sqlite", "--quiet", "--batch-size", "16"]
            process.currentDirectoryURL = dir
            process.standardError = FileHandle.nullDevice
            try process.run()
            usleep(UInt32(100_000 + rng.below(900_000)))
            if process.isRunning { kill(process.processIdentifier, SIGKILL); killed += 1 }
            process.waitUntilExit()
            // Whatever was committed is whole: every stored file has all its cells and findings as read, or as the
            // last step left them, or none was stored.
            let partial = try Self.contents(dir.appendingPathComponent("killed.sqlite").path)
            for (path, row) in partial {
                #expect(row == read[path] || row == expected[path],
                        "\(path): \(row) after a kill, \(read[path] ?? "-") as read, \(expected[path] ?? "-") clean")
            }
        }
        #expect(killed > 0, "no run was killed mid-ingest")
        let rerun = try CLITests.run(["ingest", corpus.path, "--db", "killed.sqlite", "--quiet", "--batch-size", "16"], in: dir)
        #expect(rerun.status == 0)
        #expect(try Self.contents(dir.appendingPathComponent("killed.sqlite").path) == expected)
    }

    /// Every batch stored but the run stopped before its cross-year step (a kill in the tail): the next ingest, with
    /// nothing new to read, finishes it, and the database equals one clean run's.
    @Test func aRunStoppedBeforeItsTailIsFinishedByTheNext() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("corpus")
        let paths = try Self.writeCorpus(SynthCorpus(seed: 5, agencies: 40, years: 2021...2023), to: corpus)
        let clean = try Store(path: dir.appendingPathComponent("clean.sqlite").path, readOnly: false)
        _ = try Ingester(store: clean).ingest([corpus.path])

        let stopped = try Self.storedAsRead(corpus, at: dir.appendingPathComponent("stopped.sqlite"))
        let ingester = Ingester(store: stopped)
        #expect(try stopped.derivedIsStale())
        let cells = { (store: Store) in try store.exportCells().rows.map { $0.map(\.text).joined(separator: "|") }.sorted() }
        let findings = { (store: Store) in try store.exportFindings().rows.map { $0.map(\.text).joined(separator: "|") }.sorted() }
        let settledBefore = try cells(stopped)

        let rerun = try ingester.ingest([corpus.path])
        #expect(rerun.ingested == 0 && rerun.unchanged == paths.count)
        #expect(try !stopped.derivedIsStale())
        #expect(try cells(stopped) == cells(clean))
        #expect(try findings(stopped) == findings(clean))
        // The tail did settle something here, so the comparison says something.
        #expect(try settledBefore != cells(clean))
        #expect(try stopped.summary(by: [.year]).rows == clean.summary(by: [.year]).rows)
    }

    /// A corpus ingested in two runs, in either order, gives the cells and findings of one run.
    @Test func theOrderOfRunsDoesNotMatter() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("corpus")
        _ = try Self.writeCorpus(SynthCorpus(seed: 11, agencies: 30, years: 2021...2023), to: corpus)
        let files = try Ingester.listFiles([corpus.path])
        // The halves cut across agencies and years: odd and even files.
        let odd = files.enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        let even = files.enumerated().filter { $0.offset % 2 == 0 }.map(\.element)
        func state(_ runs: [[String]], _ name: String) throws -> [[String]] {
            let store = try Store(path: dir.appendingPathComponent(name).path, readOnly: false)
            for run in runs { _ = try Ingester(store: store).ingest(run) }
            return [try store.exportCells().rows.map { $0.map(\.text).joined(separator: "|") }.sorted(),
                    try store.exportFindings().rows.map { $0.map(\.text).joined(separator: "|") }.sorted()]
        }
        let once = try state([files], "once.sqlite")
        #expect(try state([odd, even], "odd-even.sqlite") == once)
        #expect(try state([even, odd], "even-odd.sqlite") == once)
    }

    /// How SQLite answers a question about one field across reports: the plan's lines.
    static func fieldQueryPlan(_ path: String) throws -> [String] {
        try DatabaseQueue(path: path).read { db in
            try Row.fetchAll(db, sql: """
                EXPLAIN QUERY PLAN SELECT SUM(value) FROM cells WHERE table_name = 't3' AND row_key = 'granted' AND column_key = 'total'
                """).map { $0["detail"] as String }
        }
    }

    /// The cells have no by-field index: after an ingest, and in a database of the last schema that had one once
    /// brought up to date, a question about one field seeks each report's cell by the cells' key (a skip-scan)
    /// instead of reading every cell, and the answer is the same either way.
    @Test func oneFieldAcrossReportsIsReadWithoutScanningEveryCell() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = dir.appendingPathComponent("corpus")
        _ = try Self.writeCorpus(SynthCorpus(seed: 5, agencies: 12, years: 2022...2023), to: corpus)
        func seeks(_ plan: [String]) -> Bool {
            plan.contains { $0.contains("SEARCH d USING PRIMARY KEY (ANY(report_id) AND field=?)") } && !plan.contains { $0.hasPrefix("SCAN d") }
        }
        func indexes(_ path: String) throws -> [String] {
            try DatabaseQueue(path: path).read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'cell_data'")
            }
        }
        let freshPath = dir.appendingPathComponent("fresh.sqlite").path
        let fresh = try Store(path: freshPath)
        #expect(try Ingester(store: fresh, batchSize: 5).ingest([corpus.path]).ingested == 24)
        #expect(try indexes(freshPath).isEmpty)
        #expect(try seeks(Self.fieldQueryPlan(freshPath)))

        // A database of v14, with its index, brought up to date.
        let oldPath = dir.appendingPathComponent("v14.sqlite").path
        let old = try DatabaseQueue(path: oldPath)
        try Store.migrator.migrate(old, upTo: "v14: rules named in Chinese")
        try old.close()
        _ = try Ingester(store: Store(path: oldPath), batchSize: 5).ingest([corpus.path])
        #expect(try indexes(oldPath).isEmpty)
        #expect(try seeks(Self.fieldQueryPlan(oldPath)))
        let sum = "SELECT SUM(value) FROM cells WHERE table_name = 't3' AND row_key = 'granted' AND column_key = 'total'"
        let scanned = try DatabaseQueue(path: oldPath).read { db in
            try Double.fetchOne(db, sql: "SELECT SUM(d.value) FROM cell_data d NOT INDEXED JOIN cell_keys k ON k.id = d.field WHERE k.table_name = 't3' AND k.row_key = 'granted' AND k.column_key = 'total'")
        }
        #expect(try DatabaseQueue(path: oldPath).read { db in try Double.fetchOne(db, sql: sum) } == scanned)
        #expect(scanned != nil)
    }

    @Test func oddPathsAreStoredAsTheyAre() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = try Data(contentsOf: Repo.corpusFile("001_0f3a3c160bddc4d1.txt"))
        let names = ["with space.txt", "quote'\"and;semicolon.txt", "line\nbreak.txt", "报告 2023（终稿）.txt", "emoji 📄.txt", "-dash.txt"]
        for name in names { try bytes.write(to: dir.appendingPathComponent(name)) }
        let store = try Store(inMemory: nil)
        let summary = try Ingester(store: store).ingest([dir.path])
        #expect(summary.ingested == names.count, "\(summary.problems)")
        let stored = Set(try store.exportReports().rows.map { URL(fileURLWithPath: $0[0].text).lastPathComponent })
        #expect(stored == Set(names))
    }

    @Test func aFileThatVanishesMidIngestIsRecordedAndTheBatchGoesOn() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bytes = try Data(contentsOf: Repo.corpusFile("002_82da0c68b48e6d43.txt"))
        for i in 0..<6 { try bytes.write(to: dir.appendingPathComponent("r\(i).txt")) }
        let doomed = dir.appendingPathComponent("r5.txt").path
        let store = try Store(inMemory: nil)
        // Files are listed first; r5 is deleted once the first batch is written.
        let summary = try Ingester(store: store, batchSize: 2).ingest([dir.path]) { done, _ in
            if done == 2 { try? FileManager.default.removeItem(atPath: doomed) }
        }
        #expect(summary.ingested == 5 && summary.failed == 1)
        #expect(summary.problems == ["\(doomed): cannot read the file (vanished or not readable)"])
    }

    @Test func aFileOverTheSizeLimitIsRefusedBeforeReading() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.txt")
        try Data(repeating: 0x41, count: 3 << 20).write(to: big)
        let store = try Store(inMemory: nil)
        let summary = try Ingester(store: store, maxFileSize: 1 << 20).ingest([dir.path])
        #expect(summary.failed == 1 && summary.problems.first?.contains("file too large (3 MB; limit 1 MB)") == true)
    }

    /// A report built to be slow (a hundred thousand account sentences) fails with its reason once its budget is
    /// spent, and the batch goes on; the same budget leaves an ordinary report alone.
    @Test func aFileOverItsTimeBudgetFailsWithItsReasonAndTheBatchGoesOn() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        var slow = "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n"
        for i in 0..<100_000 { slow += "微信公众号“账号\(i)”粉丝\(i % 9973 + 1)人，发布信息\(i % 997 + 1)条。\n" }
        slow += "二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
        slow += "五、存在的主要问题及改进情况\n六、其他需要报告的事项\n"
        try Data(slow.utf8).write(to: dir.appendingPathComponent("a-slow.txt"))
        try Data(contentsOf: Repo.corpusFile("002_82da0c68b48e6d43.txt")).write(to: dir.appendingPathComponent("b-plain.txt"))
        // Parsed once first: the tables every parse shares (the gazetteer, the forms) are built on first use.
        let plain = try ReportParser.parse(normalizedText: String(decoding: try Data(contentsOf: Repo.corpusFile("002_82da0c68b48e6d43.txt")), as: UTF8.self))
        let store = try Store(inMemory: nil)
        let summary = try Ingester(store: store, fileBudget: 2).ingest([dir.path])
        #expect(summary.failed == 1 && summary.ingested == 1)
        #expect(summary.problems == [dir.appendingPathComponent("a-slow.txt").path + ": " + ParseBudget.Exceeded(seconds: 2).description])
        // No budget at all: every parse is over it, and says so.
        #expect(throws: ParseBudget.Exceeded(seconds: 0)) {
            try ParseBudget.within(seconds: 0) { try ReportParser.parse(normalizedText: slow) }
        }
        #expect(try ParseBudget.within(seconds: 60) { try ReportParser.parse(normalizedText: String(decoding: try Data(contentsOf: Repo.corpusFile("002_82da0c68b48e6d43.txt")), as: UTF8.self)) }.cells == plain.cells)
        #expect(!ParseBudget.exhausted)
    }

    /// A converter still running when nianbao is killed dies with it, and the next run removes the scratch files the
    /// killed one left.
    @Test(.enabled(if: ExternalTool.setpriv != nil, "setpriv (util-linux) is not installed"))
    func aConverterDiesWithAKilledIngestAndItsScratchFilesAreRemoved() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bin = dir.appendingPathComponent("bin"), corpus = dir.appendingPathComponent("corpus")
        for folder in [bin, corpus] { try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true) }
        let pidFile = dir.appendingPathComponent("converter.pid")
        let tool = bin.appendingPathComponent("pdftotext")
        try Data("#!/bin/sh\necho $$ > '\(pidFile.path)'\nexec sleep 120\n".utf8).write(to: tool)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        try Data("%PDF-1.4 slow".utf8).write(to: corpus.appendingPathComponent("a.pdf"))
        let process = Process()
        process.executableURL = CLITests.binary
        process.arguments = ["ingest", corpus.path, "--db", "db.sqlite", "--quiet"]
        process.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        process.standardError = FileHandle.nullDevice
        try process.run()
        var converter: Int32?
        for _ in 0..<1200 where converter == nil {   // up to a minute: a loaded machine starts slowly
            usleep(50_000)
            converter = (try? String(contentsOf: pidFile, encoding: .utf8)).flatMap { Int32($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        }
        let started = try #require(converter)
        let scratch = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())
            .filter { $0.hasPrefix("nianbao-\(process.processIdentifier)-") }
        #expect(!scratch.isEmpty)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Gone, or a zombie waiting for a parent that reaps it: not running.
        func running(_ pid: Int32) -> Bool {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8) else { return false }
            return !stat.contains(") Z ")
        }
        var alive = true
        for _ in 0..<400 where alive { usleep(50_000); alive = running(started) }
        if alive { kill(started, SIGKILL) }
        #expect(!alive, "the converter outlived nianbao")
        // Removed by this sweep, or by that of an ingest running beside this test (which sweeps as it starts).
        Scratch.sweep()
        let left = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { scratch.contains($0) }
        #expect(left.isEmpty)
        // Counted where no other run sweeps: the dead run's folder goes, a living run's stays.
        let own = dir.appendingPathComponent("sweep")
        for name in ["nianbao-\(process.processIdentifier)-dead", "nianbao-\(ProcessInfo.processInfo.processIdentifier)-alive"] {
            try FileManager.default.createDirectory(at: own.appendingPathComponent(name), withIntermediateDirectories: true)
        }
        #expect(Scratch.sweep(in: own) == 1)
        #expect(try FileManager.default.contentsOfDirectory(atPath: own.path) == ["nianbao-\(ProcessInfo.processInfo.processIdentifier)-alive"])
    }

    /// A database kept inside the folder it ingests is not read as a file of the corpus.
    @Test func theDatabaseIsNotIngestedFromItsOwnFolder() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data(contentsOf: Repo.corpusFile("002_82da0c68b48e6d43.txt")).write(to: dir.appendingPathComponent("r.txt"))
        let store = try Store(path: dir.appendingPathComponent("db.sqlite").path)
        let first = try Ingester(store: store).ingest([dir.path])
        let second = try Ingester(store: store).ingest([dir.path])
        #expect(first.files == 1 && first.ingested == 1 && first.skipped == 0)
        #expect(second.files == 1 && second.unchanged == 1 && second.skipped == 0)
    }

    /// Mutated and random bytes through every reader and the parser: each ends in a result or a one-line
    /// reason, never a crash or a hang (a bounded pass; more iterations with NIANBAO_FUZZ=N).
    @Test func fuzzEveryReader() throws {
        let iterations = Int(ProcessInfo.processInfo.environment["NIANBAO_FUZZ"] ?? "") ?? 60
        var seeds: [(String, [UInt8])] = []
        for name in ["001_0f3a3c160bddc4d1.txt", "pingtan-zone-2021.txt", "shanghai-office-2019.html"] {
            seeds.append((name, [UInt8](try Data(contentsOf: Repo.corpusFile(name)))))
        }
        seeds.append(("sample.docx", try SampleReport.standard().docx()))
        if PDFReader.findTool() != nil { seeds.append(("hzq2024.pdf", [UInt8](try Data(contentsOf: Repo.corpusFile("hzq2024.pdf"))))) }
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let ingester = Ingester(store: try Store(inMemory: nil))
        var rng = SplitMix64(seed: 0xF022)
        var outcomes: [SourceStatus: Int] = [:]
        for i in 0..<iterations {
            let (name, original) = seeds[i % seeds.count]
            // PDFs cost a pdftotext run each: fewer of them.
            if name.hasSuffix(".pdf") && i % (seeds.count * 4) >= seeds.count { continue }
            var bytes = original
            switch rng.below(6) {
            case 0: for _ in 0..<(1 + rng.below(20)) where !bytes.isEmpty { bytes[rng.below(bytes.count)] ^= UInt8(1 << rng.below(8)) }
            case 1: bytes = Array(bytes.prefix(rng.below(bytes.count + 1)))
            case 2: bytes.insert(contentsOf: (0..<rng.below(4096)).map { _ in UInt8(rng.below(256)) }, at: rng.below(bytes.count + 1))
            case 3: if !bytes.isEmpty { let a = rng.below(bytes.count), b = min(bytes.count, a + rng.below(5000)); bytes.insert(contentsOf: bytes[a..<b], at: rng.below(bytes.count)) }
            case 4: if !bytes.isEmpty { let a = rng.below(bytes.count); bytes.removeSubrange(a..<min(bytes.count, a + rng.below(3000))) }
            default: bytes = (0..<rng.below(20_000)).map { _ in UInt8(rng.below(256)) }
            }
            let url = dir.appendingPathComponent("\(i)-\(name)")
            try Data(bytes).write(to: url)
            let started = Date()
            let outcome = try #require(ingester.outcome(for: url.path, known: nil))
            #expect(Date().timeIntervalSince(started) < 30, "\(name) mutation \(i) took too long")
            if let reason = outcome.reason { #expect(!reason.isEmpty && !reason.contains("\n"), "\(name): \(reason)") }
            outcomes[outcome.status, default: 0] += 1
            try? FileManager.default.removeItem(at: url)
        }
        #expect(outcomes.values.reduce(0, +) > iterations / 2)
    }
}
