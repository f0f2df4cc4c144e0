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

    /// One error contract for every command: a failure is one line `nianbao: error: …` on standard error and exit
    /// status 1, a usage error the same line with status 64; help and version print as usual.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success { exit(withError: error) }
            // Already said on its own line (`nianbao: error: …` or the file's reason).
            if let done = error as? ExitCode { Foundation.exit(done.rawValue) }
            let lines = message(for: error).split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty && !$0.hasPrefix("Usage:") && !$0.hasPrefix("See '") }
            var text = lines.joined(separator: " ")
            if text.hasPrefix("Error: ") { text.removeFirst(7) }
            printError("nianbao: error: \(TableWriter.visible(text))" + (code == .validationFailure ? " (see nianbao help)" : ""))
            Foundation.exit(code.rawValue)
        }
    }
}

/// A failure of a command, said in one line.
struct Failure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// `--db FILE`, shared by every command, and the one rule for where the database is: `--db`, else the environment's
/// `NIANBAO_DB`, else `nianbao.sqlite` here; a command that only reads, finding none here, takes the one `nianbao
/// report` made in its default output folder (`Reports/nianbao.sqlite`).
struct DatabaseOptions: ParsableArguments {
    @Option(name: .long, help: "The SQLite database file (default: $NIANBAO_DB, else nianbao.sqlite, else Reports/nianbao.sqlite when reading).")
    var db: String?

    static let reportDefault = "Reports/nianbao.sqlite"

    /// The database a command uses.
    static func location(_ given: String?, readOnly: Bool) -> String {
        if let given { return given }
        if let environment = ProcessInfo.processInfo.environment["NIANBAO_DB"], !environment.isEmpty { return environment }
        let here = "nianbao.sqlite"
        if readOnly && !FileManager.default.fileExists(atPath: here) && FileManager.default.fileExists(atPath: reportDefault) {
            return reportDefault
        }
        return here
    }

    func open(readOnly: Bool) throws -> Store {
        let db = Self.location(self.db, readOnly: readOnly)
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

/// `--year`, `--province`, `--city`, `--county`, `--agency`, `--rule`: which reports (and findings) a command covers.
struct FilterOptions: ParsableArguments {
    @Option(name: .long, help: "Only reports of this year, or of these years (2021-2023).")
    var year: String?

    @Option(name: .long, help: "Only agencies of this province (its name or its start: 江苏).")
    var province: String?

    @Option(name: .long, help: "Only agencies of this city (its name or its start).")
    var city: String?

    @Option(name: .long, help: "Only agencies of this county (its name or its start).")
    var county: String?

    @Option(name: .long, help: "Only agencies whose printed or canonical name contains this.")
    var agency: String?

    @Option(name: .long, help: "Only findings of this rule (repeatable; a key, or its start ending in a dot: t3.).")
    var rule: [String] = []

    func validate() throws { _ = try filter() }

    func filter() throws -> ReportFilter {
        var years: ClosedRange<Int>?
        if let year {
            let parts = year.split(separator: "-", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
            guard (1...2).contains(parts.count), parts.allSatisfy({ $0 != nil }), let from = parts.first!, let to = parts.last!, from <= to else {
                throw ValidationError("--year: expected a year (2023) or a range (2021-2023), got \(year)")
            }
            years = from...to
        }
        return ReportFilter(years: years, province: province, city: city, county: county, agency: agency, rules: rule)
    }
}

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

    /// Streams a query's rows from the database to the output as they come (a file appears whole at the end).
    func emit(_ source: RowSource, from store: Store, defaultFormat: OutputFormat) throws {
        try emit(columns: source.columns, defaultFormat: defaultFormat) { each in try store.stream(source, each) }
    }

    /// Streams the rows `rows` gives to the output as they come.
    func emit(columns: [String], defaultFormat: OutputFormat, rows: ((([FieldValue]) throws -> Void)) throws -> Void) throws {
        var writer = (format ?? defaultFormat).writer(bom: output != nil || bom)
        if let output {
            let file = try AtomicFile(path: output)
            try writer.stream(columns: columns, write: file.write, rows: rows)
            try file.commit()
        } else {
            try writer.stream(columns: columns, write: { FileHandle.standardOutput.write(Data($0.utf8)) }, rows: rows)
        }
    }
}

func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
