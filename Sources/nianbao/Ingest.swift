import ArgumentParser
import Foundation
import NianbaoKit

extension Nianbao {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read report files and directories into the database.",
            discussion: """
                Directories are walked recursively in a stable order. A file whose content is already stored is
                skipped; a changed file replaces its old rows. A file that cannot be read is recorded with its
                reason and the batch goes on.

                Example: nianbao ingest Corpus/ --db nianbao.sqlite
                """
        )

        @Argument(help: "Files or directories to ingest.")
        var paths: [String]

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Print only the one-line summary.")
        var quiet = false

        func run() throws {
            let started = Date()
            let store = try database.open(readOnly: false)
            let showProgress = !quiet && isatty(STDERR_FILENO) == 1
            let summary: IngestSummary
            do {
                summary = try Ingester(store: store).ingest(paths) { done, total in
                    if showProgress {
                        let rate = Double(done) / max(Date().timeIntervalSince(started), 0.001)
                        printError(String(format: "\u{1B}[2K\r%d/%d files, %.0f/s", done, total, rate), newline: false)
                    }
                }
            } catch let error as IngestError {
                throw ValidationError(error.description)
            }
            if showProgress { printError("\u{1B}[2K\r", newline: false) }
            if !quiet {
                for problem in summary.problems { printError(problem) }
            }
            let seconds = Date().timeIntervalSince(started)
            var parts = ["\(summary.ingested) reports ingested"]
            if summary.unchanged > 0 { parts.append("\(summary.unchanged) unchanged") }
            if summary.failed > 0 { parts.append("\(summary.failed) failed") }
            if summary.notReports > 0 { parts.append("\(summary.notReports) not reports") }
            if summary.skipped > 0 { parts.append("\(summary.skipped) skipped") }
            if summary.settledAcrossYears > 0 { parts.append("\(summary.settledAcrossYears) cells settled by the year before") }
            printError(parts.joined(separator: ", ") + (summary.problems.isEmpty ? "" : " (see findings)")
                + String(format: ", %.2f s", seconds))
        }
    }
}

func printError(_ text: String, newline: Bool) {
    FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
}
