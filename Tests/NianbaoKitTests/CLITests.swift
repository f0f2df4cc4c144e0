import Foundation
import GRDB
import Testing

/// The built `nianbao` binary, run as a user would.
@Suite struct CLITests {
    static let binary = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("nianbao")

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs `nianbao` with `arguments`, or with `direct`, the program `arguments[0]` itself.
    static func run(_ arguments: [String], in directory: URL, direct: Bool = false, environment: [String: String] = [:]) throws -> Result {
        let process = Process()
        process.executableURL = direct ? URL(fileURLWithPath: arguments[0]) : binary
        process.arguments = direct ? Array(arguments.dropFirst()) : arguments
        process.currentDirectoryURL = directory
        if !environment.isEmpty { process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
    }

    @Test func noArgumentsPrintsAGuide() throws {
        let r = try Self.run([], in: try Repo.temporaryDirectory())
        #expect(r.status == 0)
        #expect(r.stdout.contains("nianbao ingest Corpus/"))
        #expect(r.stdout.contains("Exit codes"))
    }

    @Test func usageErrorsExit64() throws {
        let dir = try Repo.temporaryDirectory()
        #expect(try Self.run(["export", "nonsense"], in: dir).status == 64)
        let missing = try Self.run(["check"], in: dir)
        #expect(missing.status == 64)
        #expect(missing.stderr.contains("no database at nianbao.sqlite"))
        #expect(try Self.run(["ingest", "no-such-dir"], in: dir).status == 64)
    }

    /// Every failure: one line `nianbao: error: …` on standard error, nothing on standard output, exit 1 (64 for
    /// usage), and nothing created by a command whose arguments are wrong.
    @Test func oneErrorContract() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        func expectFailure(_ arguments: [String], _ status: Int32, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let r = try Self.run(arguments, in: dir)
            #expect(r.status == status, "\(arguments): \(r.stderr)", sourceLocation: sourceLocation)
            #expect(r.stdout.isEmpty, "\(arguments)", sourceLocation: sourceLocation)
            let lines = r.stderr.split(separator: "\n")
            #expect(lines.count == 1 && lines[0].hasPrefix("nianbao: error: ") && r.stderr.contains(text),
                    "\(arguments): \(r.stderr)", sourceLocation: sourceLocation)
        }
        try expectFailure(["ingest", "/nonexistent/corpus"], 64, "/nonexistent/corpus: no such file or directory")
        try expectFailure(["ingest", ".", "--batch-size", "0"], 64, "--batch-size must be positive")
        try expectFailure(["report", "/nonexistent/corpus", "--out", "R"], 64, "no such file or directory")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "a failed command left files")
        try expectFailure(["parse", "notes.xyz"], 1, "unsupported format")
        try Data("not a database at all, just text".utf8).write(to: dir.appendingPathComponent("bad.sqlite"))
        try expectFailure(["export", "cells", "--db", "bad.sqlite"], 1, "cannot open bad.sqlite")
        // A database of a newer nianbao: refused, not written to.
        let corpusFile = Repo.corpusFile("001_0f3a3c160bddc4d1.txt").path
        #expect(try Self.run(["ingest", corpusFile, "--db", "new.sqlite", "--quiet"], in: dir).status == 0)
        let queue = try DatabaseQueue(path: dir.appendingPathComponent("new.sqlite").path)
        try queue.write { try $0.execute(sql: "INSERT INTO grdb_migrations (identifier) VALUES ('v99-from-the-future')") }
        try queue.close()
        try expectFailure(["ingest", corpusFile, "--db", "new.sqlite"], 1, "written by a newer version of nianbao")
        try expectFailure(["summary", "--db", "new.sqlite"], 1, "written by a newer version of nianbao")
        // Years the database does not hold.
        #expect(try Self.run(["ingest", corpusFile, "--quiet"], in: dir).status == 0)
        try expectFailure(["compare", "--from", "2030", "--to", "2031"], 1, "no reports for 2030 and 2031")
    }

    /// One rule for where the database is: --db, then NIANBAO_DB, then nianbao.sqlite here, then the one `report`
    /// made in its default folder.
    @Test func oneDatabaseLocationRule() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = Repo.corpusFile("001_0f3a3c160bddc4d1.txt").path
        let report = try Self.run(["report", file, "--out", "Reports", "--quiet"], in: dir)
        #expect(report.status == 0, "\(report.stderr)")
        let check = try Self.run(["export", "reports", "--format", "jsonl"], in: dir)
        #expect(check.status == 0 && check.stdout.split(separator: "\n").count == 1, "\(check.stderr)")
        let elsewhere = try Self.run(["ingest", file, "--quiet"], in: dir, environment: ["NIANBAO_DB": "env.sqlite"])
        #expect(elsewhere.status == 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("env.sqlite").path))
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("nianbao.sqlite").path))
        let other = try Self.run(["report", "--out", "Other"], in: dir)
        #expect(other.stderr.contains("pass --db Other/nianbao.sqlite"), "\(other.stderr)")
    }

    @Test func ingestThenExportAFile() throws {
        let dir = try Repo.temporaryDirectory()
        let ingest = try Self.run(["ingest", Repo.corpusFile("001_0f3a3c160bddc4d1.txt").path], in: dir)
        #expect(ingest.status == 0)
        #expect(ingest.stdout.isEmpty)
        #expect(ingest.stderr.contains("1 reports ingested"))
        let export = try Self.run(["export", "cells", "-o", "cells.csv"], in: dir)
        #expect(export.status == 0)
        let bytes = try Data(contentsOf: dir.appendingPathComponent("cells.csv"))
        #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("source,agency,year,template,table,row,column,value,status,via\r\n"))
        // 清镇市 2023: 表二 行政事业性收费 6858.05 万元, as printed.
        #expect(text.contains(",清镇市人民政府办公室,2023,2021,t2,fees.amount,,6858.05,ok,printed\r\n"))
        let stdout = try Self.run(["export", "reports", "--format", "json"], in: dir)
        #expect(stdout.stdout.hasPrefix("[\n{\"source\":"))
    }

    @Test func reportWritesEverythingAndASecondRunReadsOnlyWhatChanged() throws {
        let dir = try Repo.temporaryDirectory()
        let corpus = dir.appendingPathComponent("corpus")
        try FileManager.default.createDirectory(at: corpus, withIntermediateDirectories: true)
        for name in ["001_0f3a3c160bddc4d1.txt", "002_82da0c68b48e6d43.txt"] {
            try FileManager.default.copyItem(at: Repo.corpusFile(name), to: corpus.appendingPathComponent(name))
        }
        let first = try Self.run(["report", "corpus", "--out", "Reports"], in: dir)
        #expect(first.status == 0 && first.stdout.isEmpty)
        #expect(first.stderr.contains("2 reports ingested") && first.stderr.contains("wrote 23 files to Reports"))
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("Reports").path))
        #expect(files.isSuperset(of: ["nianbao.sqlite", "nianbao.xlsx", "summary.md", "report.html", "cells.csv", "reports.csv",
                                      "findings.csv", "applications_by_year.csv", "year_over_year.csv", "phrases.csv"]))
        let second = try Self.run(["report", "corpus", "--out", "Reports", "--headers", "zh"], in: dir)
        #expect(second.stderr.contains("0 reports ingested, 2 unchanged"))
        let reports = String(decoding: try Data(contentsOf: dir.appendingPathComponent("Reports/reports.csv")), as: UTF8.self)
        #expect(reports.hasPrefix("\u{FEFF}文件,机关,年度,"))
    }

    @Test func aClosedPipeEndsQuietly() throws {
        let dir = try Repo.temporaryDirectory()
        _ = try Self.run(["ingest", Repo.corpusFile("001_0f3a3c160bddc4d1.txt").path], in: dir)
        let shell = try Self.run(["/bin/sh", "-c", "'\(Self.binary.path)' export cells | head -n 1"], in: dir, direct: true)
        #expect(shell.stdout == "source,agency,year,template,table,row,column,value,status,via\r\n")
        #expect(shell.stderr.isEmpty, "\(shell.stderr)")
    }

    /// The subcommands `nianbao --help` lists.
    static func subcommands() throws -> [String] {
        let help = try run(["--help"], in: try Repo.temporaryDirectory()).stdout
        var on = false
        var out: [String] = []
        for line in help.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("SUBCOMMANDS:") { on = true; continue }
            // `  name   abstract`: two spaces then a lower-case name (wrapped abstracts are indented further).
            if on, line.hasPrefix("  "), !line.hasPrefix("   "), let first = line.split(separator: " ").first,
               first.allSatisfy({ $0.isLowercase || $0 == "-" }) { out.append(String(first)) }
        }
        return out.filter { $0 != "help" }
    }

    @Test func everyCommandHasAnAbstractAndAnExample() throws {
        let commands = try Self.subcommands()
        #expect(commands.count >= 11)
        for command in commands {
            let help = try Self.run([command, "--help"], in: try Repo.temporaryDirectory())
            #expect(help.status == 0)
            let overview = help.stdout.split(separator: "\n").first { $0.hasPrefix("OVERVIEW: ") }
            #expect((overview?.count ?? 0) > 20, "\(command) has no abstract")
            #expect(help.stdout.contains("Example"), "\(command) has no example")
        }
    }

    /// docs/cli.md is what `scripts/cli-docs.sh` makes of the help text today.
    @Test func theCLIDocumentationMatchesTheHelp() throws {
        let generated = try Self.run(["/bin/bash", Repo.root.appendingPathComponent("scripts/cli-docs.sh").path, Self.binary.path],
                                     in: Repo.root, direct: true)
        #expect(generated.status == 0, "\(generated.stderr)")
        let committed = String(decoding: try Data(contentsOf: Repo.root.appendingPathComponent("docs/cli.md")), as: UTF8.self)
        #expect(generated.stdout == committed, "docs/cli.md is out of date: run scripts/cli-docs.sh > docs/cli.md")
    }
}
