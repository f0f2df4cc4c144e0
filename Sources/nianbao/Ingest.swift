import ArgumentParser
import Foundation
import NianbaoKit

extension Nianbao {
    struct Ingest: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read report files and directories into the database.",
            discussion: """
                Directories are walked recursively in a stable order; a zip archive is read as a folder of its \
                files (bundle.zip/乡镇/a.docx), each bounded like a file. A file is known by its canonical path \
                (absolute, symbolic links resolved), however it was typed. A file whose content is already stored is \
                skipped; a changed file replaces its old rows; the same bytes at a new path, their old path gone, \
                are a move. Stored files no longer on disk are counted, and removed with --prune. A file that \
                cannot be read is recorded with its reason and the batch goes on; it is tried again at the next \
                ingest. Files stored by another version of nianbao are read again (--reparse forces it).

                Example: nianbao ingest Corpus/ --db nianbao.sqlite
                """
        )

        @Argument(help: "Files or directories to ingest.")
        var paths: [String]

        @OptionGroup var database: DatabaseOptions

        @Flag(name: .long, help: "Print only the one-line summary.")
        var quiet = false

        @Option(name: .long, help: "Files per transaction (parsed in parallel, then written in one transaction).")
        var batchSize = 512

        @Flag(name: .long, help: "Remove stored files that are no longer on disk, with their reports.")
        var prune = false

        @Flag(name: .long, help: "Read every file again, even those stored unchanged by this version.")
        var reparse = false

        @Option(name: .long, help: "Seconds one file's reading may take; a file over it fails with its reason and the batch goes on.")
        var fileBudget = 20.0

        @Flag(name: .long, help: "Also print how long each step took (reading and storing the files, settling across years, the rollups).")
        var timings = false

        func validate() throws {
            guard batchSize > 0 else { throw ValidationError("--batch-size must be positive") }
            guard fileBudget > 0 else { throw ValidationError("--file-budget must be positive") }
        }

        func run() throws {
            // Before the database is created: a path that is not there leaves nothing behind.
            for path in paths where !FileManager.default.fileExists(atPath: path) {
                throw ValidationError("\(path): no such file or directory")
            }
            let store = try database.open(readOnly: false)
            printError(try ingestWithProgress(paths, into: store, quiet: quiet, batchSize: batchSize, prune: prune, reparse: reparse,
                                              fileBudget: fileBudget, timings: timings))
        }
    }
}

/// Ingests with progress on standard error (only on a terminal, not with `quiet`): files done of total,
/// rate and time left; each file's problem on a line of its own; returns the one-line summary.
func ingestWithProgress(_ paths: [String], into store: Store, quiet: Bool, batchSize: Int = 512, prune: Bool = false,
                        reparse: Bool = false, fileBudget: Double = 20, timings: Bool = false) throws -> String {
    let started = Date()
    var steps: [(name: String, start: Date)] = [("reading and storing the files", started)]
    let showProgress = !quiet && isatty(STDERR_FILENO) == 1
    let summary: IngestSummary
    do {
        summary = try Ingester(store: store, batchSize: batchSize, fileBudget: fileBudget).ingest(paths, prune: prune, reparse: reparse, progress: { done, total in
            guard showProgress else { return }
            let elapsed = max(Date().timeIntervalSince(started), 0.001)
            let rate = Double(done) / elapsed
            let left = rate > 0 ? Double(total - done) / rate : 0
            printError(String(format: "\u{1B}[2K\r%@/%@ files, %.0f/s, %.0f s left", grouped(done), grouped(total), rate, left),
                       newline: false)
        }, phase: { step in
            steps.append((step, Date()))
            if showProgress { printError("\u{1B}[2K\r\(step)…", newline: false) }
        })
    } catch let error as IngestError {
        throw ValidationError(error.description)
    }
    if showProgress { printError("\u{1B}[2K\r", newline: false) }
    if !quiet {
        // File names and reasons as text, never as terminal control sequences.
        for problem in summary.problems { printError(TableWriter.visible(problem)) }
    }
    let seconds = Date().timeIntervalSince(started)
    if timings {
        for (i, step) in steps.enumerated() {
            let end = i + 1 < steps.count ? steps[i + 1].start : Date()
            printError(String(format: "%@: %.2f s", step.name, end.timeIntervalSince(step.start)))
        }
    }
    var parts = ["\(grouped(summary.ingested)) reports ingested"]
    if summary.unchanged > 0 { parts.append("\(grouped(summary.unchanged)) unchanged") }
    if summary.failed > 0 { parts.append("\(grouped(summary.failed)) failed") }
    if summary.notReports > 0 { parts.append("\(grouped(summary.notReports)) not reports") }
    if summary.skipped > 0 { parts.append("\(grouped(summary.skipped)) skipped") }
    if summary.moved > 0 { parts.append("\(grouped(summary.moved)) moved") }
    if summary.pruned > 0 {
        parts.append("\(grouped(summary.pruned)) no longer on disk removed")
    } else if !summary.gone.isEmpty {
        parts.append("\(grouped(summary.gone.count)) stored no longer on disk (--prune removes them)")
    }
    if summary.settledAcrossYears > 0 { parts.append("\(summary.settledAcrossYears) cells settled by the year before") }
    return parts.joined(separator: ", ") + (summary.problems.isEmpty ? "" : " (see findings)") + String(format: ", %.2f s", seconds)
}

/// `2341` → `2,341`.
func grouped(_ n: Int) -> String {
    let digits = String(abs(n))
    var out = ""
    for (i, c) in digits.enumerated() {
        if i > 0 && (digits.count - i) % 3 == 0 { out += "," }
        out.append(c)
    }
    return (n < 0 ? "-" : "") + out
}

func printError(_ text: String, newline: Bool) {
    FileHandle.standardError.write(Data((text + (newline ? "\n" : "")).utf8))
}
