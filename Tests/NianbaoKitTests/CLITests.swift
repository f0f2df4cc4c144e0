import Foundation
import Testing

/// The built `nianbao` binary, run as a user would.
@Suite struct CLITests {
    static let binary = Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("nianbao")

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    static func run(_ arguments: [String], in directory: URL) throws -> Result {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
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
        #expect(text.hasPrefix("source,agency,year,template,table,row,column,value,status\r\n"))
        // 清镇市 2023: 表二 行政事业性收费 6858.05 万元, as printed.
        #expect(text.contains(",清镇市人民政府办公室,2023,2021,t2,fees.amount,,6858.05,ok\r\n"))
        let stdout = try Self.run(["export", "reports", "--format", "json"], in: dir)
        #expect(stdout.stdout.hasPrefix("[\n{\"source\":"))
    }
}
