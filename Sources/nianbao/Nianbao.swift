import ArgumentParser
import Foundation
import NianbaoKit

@main
struct Nianbao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao",
        abstract: "Analyse 政府信息公开工作年度报告: ingest reports into SQLite, check them, export their numbers.",
        discussion: """
            Typical use:
              nianbao report Corpus/ --out Reports/   everything at once: CSV, nianbao.xlsx, summary.md, report.html
              nianbao ingest Corpus/                  read every report under Corpus/ into nianbao.sqlite
              nianbao check                           list every inconsistency found
              nianbao summary --by year,level         measures by group (docs/measures.md)
              nianbao compare --from 2023 --to 2024   year over year
              nianbao export cells -o cells.csv       every table cell of every report

            Exit codes: 0 success, 1 failure, 64 usage error.
            """,
        version: "0.1.0",
        subcommands: [Report.self, Ingest.self, Check.self, Summary.self, Compare.self, Agencies.self, Media.self, ProblemsCommand.self, Refresh.self, Export.self, Parse.self]
    )
}

/// `--db FILE`, shared by every command.
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file.")
    var db = "nianbao.sqlite"

    func open(readOnly: Bool) throws -> Store {
        if readOnly && !FileManager.default.fileExists(atPath: db) {
            throw ValidationError("no database at \(db): run `nianbao ingest PATH` first, or pass --db FILE")
        }
        do {
            let store = try Store(path: db, readOnly: readOnly)
            if readOnly, (try? store.derivedIsStale()) == true {
                printError("nianbao: warning: \(db): the last ingest stopped before its cross-year step; run `nianbao refresh --db \(db)` (or ingest again) for final numbers")
            }
            return store
        } catch {
            printError("nianbao: error: cannot open \(db): \(error)")
            throw ExitCode.failure
        }
    }
}

extension OutputFormat: ExpressibleByArgument {}

/// `--format`, `-o FILE`, `--bom`, shared by every command that prints data.
struct OutputOptions: ParsableArguments {
    @Option(name: .long, help: "Output format: \(OutputFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
    var format: OutputFormat?

    @Option(name: .shortAndLong, help: "Write to FILE (atomically) instead of standard output.")
    var output: String?

    @Flag(name: .long, help: "Start CSV on standard output with a UTF-8 BOM (files always get one).")
    var bom = false

    func emit(_ set: RowSet, defaultFormat: OutputFormat) throws {
        let format = format ?? defaultFormat
        if let output {
            try writeAtomically(format.render(set, bom: true), to: output)
        } else {
            FileHandle.standardOutput.write(Data(format.render(set, bom: bom).utf8))
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
