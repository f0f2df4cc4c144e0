import Foundation
import Testing
@testable import NianbaoKit

/// Each report in `Corpus/` reproduces its hand-verified gold: metadata and every table cell.
@Suite struct GoldTests {
    static let seeds = Gold.stems().filter { $0.hasPrefix("00") }

    func parse(_ gold: Gold) throws -> ParsedReport {
        let url = Repo.corpusFile(gold.file)
        let document = try TextReader().read(bytes: [UInt8](Data(contentsOf: url)), path: url.path)
        return try ReportParser.parse(document)
    }

    func expectMatches(_ gold: Gold) throws {
        let report = try parse(gold)
        #expect(report.template.rawValue == gold.template, "\(gold.stem) template")
        #expect(report.year == gold.year, "\(gold.stem) year")
        #expect(report.agency?.contains(gold.agencyCore) == true, "\(gold.stem) agency \(report.agency ?? "nil") lacks \(gold.agencyCore)")
        for expected in gold.cells {
            let cell = report.cell(expected.table, expected.row, expected.column)
            #expect(cell?.value == expected.value,
                    "\(gold.stem) \(expected.table.rawValue) \(expected.row) \(expected.column): expected \(expected.value.map(formatNumber) ?? "null"), got \(cell?.value.map(formatNumber) ?? "null") [\(cell?.status.rawValue ?? "absent")]")
        }
    }

    @Test("the five seed reports match their golds", arguments: seeds)
    func seed(_ stem: String) throws {
        try expectMatches(Gold(stem))
    }

    @Test func fiveSeedsArePresent() {
        #expect(Self.seeds.count == 5)
    }

    @Test("Pingtan crawls match their golds", .disabled("concatenated-digit solver: issue #3"),
          arguments: Gold.stems().filter { $0.hasPrefix("pingtan") })
    func pingtan(_ stem: String) throws {
        try expectMatches(Gold(stem))
    }
}
