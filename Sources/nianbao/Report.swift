import ArgumentParser
import Foundation
import NianbaoKit

extension Headers: ExpressibleByArgument {}
extension Language: ExpressibleByArgument {}

extension Nianbao {
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The main job: ingest, check and analyse a corpus, then write every table, a workbook, a summary and a chart page.",
            discussion: """
                Writes into the output folder (each file atomically): one Excel-ready CSV per table (UTF-8 with BOM, \
                CRLF, text starting with = + - @, tab or CR neutralised), nianbao.xlsx with the same tables as sheets, \
                summary.md (headline figures and tables) and report.html (one self-contained page, charts as \
                inline SVG). The database defaults to nianbao.sqlite inside the output folder, so a second run on \
                a grown corpus only reads what changed.

                Example: nianbao report Corpus/ --out Reports/
                """
        )

        @Argument(help: "Files or directories to ingest (none: report on the database as it is).")
        var paths: [String] = []

        @Option(name: .long, help: "The output folder.")
        var out = "Reports"

        @Option(name: .long, help: "The SQLite database file (default: $NIANBAO_DB, else nianbao.sqlite in the output folder).")
        var db: String?

        @Option(name: .long, help: "Column headers of the CSV files and the workbook: en (canonical keys) or zh (Chinese).")
        var headers: Headers = .en

        @Option(name: .long, help: "Language of summary.md and report.html: zh (default) or en.")
        var lang: Language = .zh

        @Flag(name: .long, help: "Also write agencies/: an index of every agency by what needs action and one page and one workbook per agency (its reports, figures by year, findings, problems), to send to each.")
        var perAgency = false

        @Flag(help: "Do not read the files of the duplicate pairs again for the passage each pair shares (duplicates.csv's passage columns left empty).")
        var noPassages = false

        @Flag(name: .long, help: "Print only the one-line summaries.")
        var quiet = false

        func run() throws {
            // Before anything is created: a path that is not there leaves nothing behind.
            for path in paths where !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("\(path): no such file or directory")
            }
            try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
            let path = db ?? ProcessInfo.processInfo.environment["NIANBAO_DB"].flatMap { $0.isEmpty ? nil : $0 }
                ?? (out as NSString).appendingPathComponent("nianbao.sqlite")
            let store: Store
            do {
                store = try Store(path: path, readOnly: false)
            } catch {
                printError("nianbao: error: cannot open \(path): \(error)")
                throw ExitCode.failure
            }
            if !paths.isEmpty { printError(try ingestWithProgress(paths, into: store, quiet: quiet, prune: true)) }
            let started = Date()
            let showProgress = !quiet && isatty(STDERR_FILENO) == 1
            // One read transaction: every file describes the database at one moment, whatever an ingest beside
            // this one writes meanwhile.
            let files = try store.snapshot {
                if showProgress { printError("\u{1B}[2K\rgathering the tables…", newline: false) }
                let book = try ReportBook.build(from: store, sectionTexts: noPassages ? nil : { Ingester(store: store).sectionTexts(of: $0) })
                var files = try book.write(to: out, headers: headers, language: lang, agencyPages: perAgency) { file in
                    if showProgress { printError("\u{1B}[2K\rwriting \(file)…", newline: false) }
                }
                if perAgency {
                    if showProgress { printError("\u{1B}[2K\rwriting one page per agency…", newline: false) }
                    files += try AgencyPages.write(store, to: (out as NSString).appendingPathComponent("agencies")).map { "agencies/" + $0 }
                }
                return files
            }
            if showProgress { printError("\u{1B}[2K\r", newline: false) }
            let pages = files.count { $0.hasPrefix("agencies/") && $0.hasSuffix(".html") }
            let books = files.count { $0.hasPrefix("agencies/") && $0.hasSuffix(".xlsx") }
            printError("wrote \(files.count) files to \(out) (report.html, summary.md, nianbao.xlsx, metadata.yml, \(files.count - 4 - pages - books) CSV"
                + (pages > 0 ? ", \(pages - 1) agency pages, their index and \(books) agency workbooks in agencies/)" : ")")
                + String(format: ", %.2f s", Date().timeIntervalSince(started)))
            // The other commands find this database by the shared rule; say how when they would not.
            if !quiet && Ingester.canonical(DatabaseOptions.location(nil, readOnly: true)) != Ingester.canonical(path) {
                printError("the database is \(path): pass --db \(path) (or set NIANBAO_DB) to `nianbao check`, `summary` and the others")
            }
        }
    }
}
