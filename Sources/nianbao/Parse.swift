import ArgumentParser
import Foundation
import NianbaoKit

extension Nianbao {
    struct Parse: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Read one report without a database: its cells with their status, and its findings.",
            discussion: """
                Shows exactly what ingest would store for FILE. --text prints the text the table reader \
                sees instead (after HTML/DOCX/PDF reading and normalisation), and --segments how it cut \
                each table into labels and values and which row of the form each was read as, to see why \
                a cell was missed. --second reads the file the other way only (a PDF's ruled tables \
                read by its words' positions); ingest puts the two readings together cell by cell, a cell \
                they read differently left ambiguous.

                Example: nianbao parse Corpus/hzq2023.pdf --format csv
                """
        )

        @Argument(help: "A report file (txt, html, docx, doc, pdf, …), or a file in a zip archive (bundle.zip/a.docx).")
        var file: String

        @Flag(name: .long, help: "Print the normalised text the table reader sees.")
        var text = false

        @Flag(name: .long, help: "Print how the table reader segmented each table and which row each segment was read as.")
        var segments = false

        @Flag(name: .long, help: "Read the file the second way only (a PDF's ruled tables by its words' positions).")
        var second = false

        @OptionGroup var output: OutputOptions

        func run() throws {
            let url = URL(fileURLWithPath: file)
            guard let reader = ReaderRegistry().reader(forExtension: url.pathExtension) else {
                throw Failure("\(file): \(UnsupportedFormatError(fileExtension: url.pathExtension.lowercased()))")
            }
            let bytes: [UInt8]
            do { bytes = try Ingester.contents(of: file) } catch {
                throw ValidationError("\(file): cannot read the file\(error is CocoaError ? "" : " (\(error))")")
            }
            var document: Document
            let report: ParsedReport
            do {
                document = try reader.read(bytes: bytes, path: file)
                if second {
                    guard let other = try reader.secondReading(bytes: bytes, path: file) else {
                        throw Failure("\(file): no second reading (not a PDF, no ruled table found, or pdftoppm not installed)")
                    }
                    document = other
                }
                if text {
                    print(document.normalizedText().text)
                    return
                }
                if segments {
                    print(ReportParser.explainTables(document))
                    return
                }
                report = try second ? ReportParser.parse(document) : ReportParser.parse(document) { try reader.secondReading(bytes: bytes, path: file) }
            } catch {
                throw Failure("\(file): \(error)")
            }
            printError("\(report.agency ?? "?") · \(report.year.map(String.init) ?? "?") · template \(report.template.rawValue)")
            var rows: [[FieldValue]] = report.cells.map { cell in
                [.text(cell.table.rawValue), .text(cell.row), .text(cell.column),
                 cell.value.map(FieldValue.number) ?? .null, .text(cell.status.rawValue)]
            }
            for account in report.media {
                rows.append([.text("media"), .text(account.platform), .text(account.name),
                             account.followers.map(FieldValue.number) ?? .null,
                             .text((account.posts.map(formatNumber) ?? "") + (account.status == "active" ? "" : " " + account.status))])
            }
            for fact in report.facts {
                rows.append([.text("fact"), .text(fact.fact), .text(fact.result ?? (fact.approximate ? "approximate" : "")), fact.value.map(FieldValue.number) ?? .null,
                             .text(String(fact.sentence.prefix(60)))])
            }
            for problem in report.problems {
                rows.append([.text("problem"), .text(problem.category), .text(problem.previousYear ? "previous_year" : ""),
                             .number(Double(problem.index)), .text(String(problem.text.prefix(60)))])
            }
            for finding in report.parseFindings + Checker.check(report) {
                rows.append([.text("finding"), .text(finding.rule.rawValue), .text(finding.severity.rawValue), .null,
                             .text(finding.message)])
            }
            try output.emit(RowSet(columns: ["table", "row", "column", "value", "status"], rows: rows), defaultFormat: .table)
        }
    }
}
