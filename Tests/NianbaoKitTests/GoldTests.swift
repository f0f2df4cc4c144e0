import Foundation
import Testing
@testable import NianbaoKit

/// Each report in `Corpus/` reproduces its hand-verified gold: metadata, every table cell, and the
/// agency's own table errors (reported, never repaired).
@Suite struct GoldTests {
    static let seeds = Gold.stems().filter { $0.hasPrefix("00") }
    static let pdfs = Gold.stems().filter { Gold.fileName($0).hasSuffix(".pdf") }
    static let htmls = Gold.stems().filter { Gold.fileName($0).hasSuffix(".html") }

    func parse(_ gold: Gold) throws -> ParsedReport {
        let url = Repo.corpusFile(gold.file)
        let reader = try #require(ReaderRegistry().reader(forExtension: url.pathExtension))
        let document = try reader.read(bytes: [UInt8](Data(contentsOf: url)), path: url.path)
        return try ReportParser.parse(document)
    }

    /// Matches the gold cell for cell. A cell the text cannot settle (glued digits with no arithmetic to
    /// decide them) may instead be `ambiguous`, with the gold value among its finding's candidates.
    @discardableResult
    func expectMatches(_ gold: Gold, parsed: ParsedReport? = nil) throws -> ParsedReport {
        let report = try parsed ?? parse(gold)
        #expect(report.template.rawValue == gold.template, "\(gold.stem) template")
        #expect(report.year == gold.year, "\(gold.stem) year")
        #expect(report.agency?.contains(gold.agencyCore) == true, "\(gold.stem) agency \(report.agency ?? "nil") lacks \(gold.agencyCore)")
        let region = report.location?.region
        #expect(region?.province == gold.region["province"] && region?.city == gold.region["city"] && region?.county == gold.region["county"],
                "\(gold.stem) region \(region?.path ?? "nil"), gold \(gold.region)")
        #expect(report.location?.level?.rawValue == gold.level, "\(gold.stem) level \(report.location?.level?.rawValue ?? "nil")")
        for expected in gold.cells {
            let cell = report.cell(expected.table, expected.row, expected.column)
            if cell?.status == .ambiguous, let value = expected.value {
                let finding = report.parseFindings.first {
                    $0.rule.rawValue == "parse.ambiguous" && $0.table == expected.table.rawValue && $0.row == expected.row
                        && $0.column == expected.column
                }
                let candidates = finding?.expected.split(separator: "|").compactMap { Double($0) } ?? []
                #expect(candidates.contains(value),
                        "\(gold.stem) \(expected.table.rawValue) \(expected.row) \(expected.column): ambiguous, but the gold \(formatNumber(value)) is not among the candidates \(candidates)")
                continue
            }
            #expect(cell?.value == expected.value,
                    "\(gold.stem) \(expected.table.rawValue) \(expected.row) \(expected.column): expected \(expected.value.map(formatNumber) ?? "null"), got \(cell?.value.map(formatNumber) ?? "null") [\(cell?.status.rawValue ?? "absent")]")
        }
        // Table errors named in the gold (`t4 review.total printed 0 but …`) are reported on that cell;
        // a gold without table errors gets no error finding.
        let errors = Checker.check(report).filter { $0.severity == .error }
        let tableErrors = gold.agencyErrors.filter { $0.hasPrefix("t2 ") || $0.hasPrefix("t3 ") || $0.hasPrefix("t4 ") }
        for text in tableErrors {
            let words = text.split(separator: " ")
            let table = String(words[0]), key = String(words[1])
            let reported = errors.contains { (f: Finding) in f.table == table && key.hasPrefix(f.row) }
            #expect(reported, "\(gold.stem): agency error not reported: \(text)")
        }
        #expect(errors.count == tableErrors.count, "\(gold.stem): errors \(errors.map(\.message))")
        return report
    }

    @Test("the five seed reports match their golds", arguments: seeds)
    func seed(_ stem: String) throws {
        try expectMatches(Gold(stem))
    }

    @Test func fiveSeedsArePresent() {
        #expect(Self.seeds.count == 5)
        #expect(Self.pdfs.count == 2)
        #expect(Self.htmls.count == 1)
    }

    @Test("PDF reports match their golds", .enabled(if: PDFReader.findTool() != nil, "pdftotext (poppler-utils) is not installed"),
          arguments: pdfs)
    func pdf(_ stem: String) throws {
        try expectMatches(Gold(stem))
    }

    /// The same PDFs through pdftotext's default mode (no `-layout`), saved as a text file as a user
    /// would: cells one per line, labels apart from values, rows listed column by column.
    @Test("PDF reports read from pdftotext's default output match their golds",
          .enabled(if: PDFReader.findTool() != nil, "pdftotext (poppler-utils) is not installed"), arguments: pdfs)
    func pdfDefaultMode(_ stem: String) throws {
        let gold = try Gold(stem)
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-default-\(stem)-\(UUID().uuidString).txt")
        defer { try? FileManager.default.removeItem(at: text) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(PDFReader.findTool()))
        process.arguments = ["-enc", "UTF-8", Repo.corpusFile(gold.file).path, text.path]
        try process.run()
        process.waitUntilExit()
        try #require(process.terminationStatus == 0)
        let bytes = [UInt8](try Data(contentsOf: text))
        #expect(String(decoding: bytes, as: UTF8.self).contains("\n1.属于国家秘密\n"), "one label per line, apart from its values")
        let document = try #require(ReaderRegistry().reader(forExtension: "txt")).read(bytes: bytes, path: text.path)
        let report = try expectMatches(gold, parsed: ReportParser.parse(document))
        // 表三's rows come in blocks listed column by column: placed by the form's order and arithmetic.
        #expect(report.parseFindings.filter { $0.rule == .parseStacked }.map(\.table).contains("t3"))
        #expect(!report.cells.contains { $0.status == .ambiguous })
    }

    @Test("HTML reports match their golds", arguments: htmls)
    func html(_ stem: String) throws {
        try expectMatches(Gold(stem))
    }

    /// Crawled pages whose cells run together (`640020470`): 表三 and 表四 are settled by their
    /// arithmetic; only 表二, which has none, may keep ambiguous cells.
    @Test("Pingtan crawls match their golds", arguments: Gold.stems().filter { $0.hasPrefix("pingtan") })
    func pingtan(_ stem: String) throws {
        let report = try expectMatches(Gold(stem))
        let unsettled = report.cells.filter { $0.status == .ambiguous || $0.status == .missing }
        #expect(unsettled.allSatisfy { $0.table == .t2 }, "\(stem): unsettled \(unsettled.map { "\($0.table.rawValue) \($0.row) \($0.column)" })")
        #expect(report.cells.filter { $0.table != .t2 }.allSatisfy { $0.status == .split })
    }
}
