import Foundation
import Testing
@testable import NianbaoKit

/// Real reports as users receive them (`Zoo/`, a copy of the shared zoo): each report passed through the converters
/// people use (`<report>~<converter>.<ext>`), with the report's hand-verified gold in `Zoo/gold/`. Ingested as a user
/// would, every cell must come back exact or flagged (`missing`/`ambiguous`), never a wrong value with a settled
/// status; no error is reported on a report whose gold has no agency error, and the gold's table errors are reported.
@Suite struct ZooTests {
    static let zoo = Repo.root.appendingPathComponent("Zoo")

    /// Converters whose agency errors cannot be asked for: a scan's values are kept only where the form's arithmetic
    /// bears them out (`ReportParser.confirmedByArithmetic`), so a broken identity leaves its cells open, never an error.
    static let unread: Set<String> = ["scan"]
    /// The least share of cells exact per converter. LibreOffice's PDF of the Shanghai page cuts the table's
    /// right-hand columns off at the page edge: those values are not in the file at all. A scan's 表二 has no
    /// identity to confirm a recognised value: its cells are flagged.
    static let floors: [String: Double] = ["lo-pdf": 0.85, "lo-doc": 0.85, "scan": 0.90]
    static let floor = 0.97

    struct Tally { var cells = 0, exact = 0, flagged = 0 }

    @Test func everyCellIsExactOrFlaggedAndNoAgencyIsBlamedWrongly() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = try Store(path: dir.appendingPathComponent("zoo.sqlite").path)
        _ = try Ingester(store: store).ingest([Self.zoo.path])
        var cells: [String: [String: (value: Double?, status: String)]] = [:]
        for row in try store.exportCells().rows {
            let value: Double? = if case .number(let v) = row[7] { v } else { nil }
            cells[row[0].text, default: [:]]["\(row[4].text)|\(row[5].text)|\(row[6].text)"] = (value, row[8].text)
        }
        var statuses: [String: String] = [:]
        for row in try store.exportReports().rows { statuses[row[0].text] = row[6].text }
        let unreadStatuses: Set<String> = ["failed", "skipped", "not_report"]
        var errors: [String: [String]] = [:]
        for row in try store.exportFindings(severities: [.error]).rows { errors[row[0].text, default: []].append("\(row[3].text) \(row[4].text)") }

        var tallies: [String: Tally] = [:]
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.zoo.path).filter { $0 != "gold" }.sorted()
        #expect(files.count >= 20)
        for file in files {
            let stem = String(file.prefix { $0 != "~" && $0 != "." })
            let converter = file.contains("~") ? String(file.split(separator: "~")[1].prefix { $0 != "." }) : "original"
            let gold = try Gold(url: Self.zoo.appendingPathComponent("gold/\(stem).json"))
            let path = Self.zoo.appendingPathComponent(file).path
            let got = cells[path] ?? [:]
            var tally = tallies[converter] ?? Tally()
            // A file not read at all is reported with its reason: its cells count as flagged.
            let unreadFile = !unreadStatuses.isDisjoint(with: [statuses[path] ?? ""])
            for expected in gold.cells {
                tally.cells += 1
                guard let cell = got["\(expected.table.rawValue)|\(expected.row)|\(expected.column)"] else {
                    #expect(unreadFile, "\(file) \(expected.table.rawValue) \(expected.row) \(expected.column): no cell")
                    tally.flagged += 1
                    continue
                }
                // A gold null is a cell with no value (blank, or not printed): any cell without a value states it.
                if cell.value == expected.value {
                    tally.exact += 1
                } else if cell.status == "missing" || cell.status == "ambiguous" {
                    tally.flagged += 1
                } else {
                    Issue.record("\(file) \(expected.table.rawValue) \(expected.row) \(expected.column): \(cell.value.map(formatNumber) ?? "blank") [\(cell.status)], gold \(expected.value.map(formatNumber) ?? "blank")")
                }
            }
            tallies[converter] = tally
            let tableErrors = gold.agencyErrors.filter { $0.hasPrefix("t2 ") || $0.hasPrefix("t3 ") || $0.hasPrefix("t4 ") }
            let reported = errors[path] ?? []
            if tableErrors.isEmpty {
                #expect(reported.isEmpty, "\(file): errors on a report without agency errors: \(reported)")
            } else if !Self.unread.contains(converter) {
                for text in tableErrors {
                    let words = text.split(separator: " ")
                    #expect(reported.contains { $0.hasPrefix("\(words[0]) ") && words[1].hasPrefix($0.split(separator: " ").last ?? "-") },
                            "\(file): agency error not reported: \(text)")
                }
            }
        }
        for (converter, tally) in tallies.sorted(by: { $0.key < $1.key }) where converter != "scan" || OCR.tools() != nil {
            let share = Double(tally.exact) / Double(max(1, tally.cells))
            #expect(share >= Self.floors[converter] ?? Self.floor, "\(converter): \(tally.exact) of \(tally.cells) cells exact")
        }
    }

    /// A scanned report, recognised: its agency, year and region as the gold has them, its tables read cell by cell,
    /// every value kept confirmed by an identity, 表二's (no identity) all left open with their readings.
    @Test(.enabled(if: OCR.tools() != nil, "tesseract with its chi_sim model is not installed"))
    func aScanIsRecognisedForItsAgencyYearAndRegion() throws {
        let scan = try #require(try FileManager.default.contentsOfDirectory(atPath: Self.zoo.path).first { $0.contains("~scan.") })
        let gold = try Gold(url: Self.zoo.appendingPathComponent("gold/\(scan.prefix { $0 != "~" }).json"))
        let document = try PDFReader().read(bytes: Array(try Data(contentsOf: Self.zoo.appendingPathComponent(scan))), path: scan)
        #expect(document.recognised)
        let report = try ReportParser.parse(document)
        #expect(report.agency?.contains(gold.agencyCore) == true && report.year == gold.year)
        #expect(report.location?.status == .resolved && report.location?.region?.county == gold.region["county"] ?? nil)
        #expect(report.parseFindings.contains { $0.rule == .parseRecognised && $0.table.isEmpty })
        #expect(document.blocks.contains { if case .table = $0 { true } else { false } })
        let t2 = report.cells.filter { $0.table == .t2 }
        #expect(!t2.isEmpty && t2.allSatisfy { $0.status == .ambiguous || $0.status == .missing })
        #expect(report.parseFindings.contains { $0.rule == .parseAmbiguous && $0.table == "t2" && !$0.expected.isEmpty })
        #expect(report.cells.count { $0.table == .t3 && $0.status == .ok } >= 150)
    }
}
