import Foundation
import Testing
@testable import NianbaoKit
import NianbaoSynth

/// Random consistent tables of both templates (blanks, negatives, amounts in 元 and 万元, （六） as one row or three,
/// some with a planted agency error) rendered through every serialization users meet and read back: each cell
/// exact or flagged (missing, ambiguous), never wrong; each planted error reported as an error; no other error.
/// `NIANBAO_PROPERTY=N` runs N reports per serialization (default 12).
@Suite struct TableReaderPropertyTests {
    static let perShape = Int(ProcessInfo.processInfo.environment["NIANBAO_PROPERTY"] ?? "") ?? 12

    struct Tally {
        var cells = 0, exact = 0, flagged = 0
        var wrong: [String] = []
        var planted = 0, caught = 0
        var falseErrors: [String] = []
    }

    /// Reads one rendered report and holds it to its tables.
    static func check(_ tables: FormTables, text: String, label: String, into tally: inout Tally) throws {
        try check(tables, document: try TextReader().read(bytes: Array(text.utf8), path: "report.md"), label: label, into: &tally)
    }

    /// Reads one document and holds it to its tables.
    static func check(_ tables: FormTables, document: Document, label: String, into tally: inout Tally) throws {
        let report = try ReportParser.parse(document)
        var index: [CellKey: Cell] = [:]
        for cell in report.cells { index[CellKey(cell)] = cell }
        for truth in tables.cells {
            tally.cells += 1
            guard let cell = index[CellKey(table: truth.table, row: truth.row, column: truth.column)] else {
                tally.wrong.append("\(label) \(truth.table) \(truth.row) \(truth.column): absent")
                continue
            }
            switch cell.status {
            case .missing, .ambiguous: tally.flagged += 1
            case .blank where truth.value == nil: tally.exact += 1
            case .ok, .split, .inferred:
                // (A `where` clause would bind to the last pattern only: the value is compared for every status here.)
                if let v = cell.value, let t = truth.value, abs(v - t) < 1e-6 {
                    tally.exact += 1
                } else {
                    tally.wrong.append("\(label) \(truth.table.rawValue) \(truth.row) \(truth.column): \(cell.value.map(formatNumber) ?? "blank") [\(cell.status)], truth \(truth.value.map(formatNumber) ?? "blank")")
                }
            default:
                tally.wrong.append("\(label) \(truth.table.rawValue) \(truth.row) \(truth.column): \(cell.value.map(formatNumber) ?? "blank") [\(cell.status)], truth \(truth.value.map(formatNumber) ?? "blank")")
            }
        }
        let broken = Set(tables.brokenIdentities)
        let errors = Checker.check(report).filter { $0.severity == .error }
        for error in errors {
            let key = "\(error.rule.rawValue):\(error.rule == .t3RowTotal || error.rule == .t4GroupTotal ? error.row.replacingOccurrences(of: ".total", with: "") : error.column)"
            let expected = error.rule == .t4GroupTotal ? "t4.group_total:\(error.row.split(separator: ".")[0])" : key
            if !broken.contains(expected) { tally.falseErrors.append("\(label): \(error.message)") }
        }
        if !tables.plantedErrors.isEmpty && !broken.isEmpty {
            tally.planted += 1
            if !errors.isEmpty { tally.caught += 1 }
        }
    }

    @Test("every serialization reads back exact or flagged, never wrong", arguments: Serialization.allCases)
    func serialization(_ shape: Serialization) throws {
        var tally = Tally()
        for seed in 0..<UInt64(Self.perShape) {
            var rng = SplitMix64(seed: 0xA11CE + seed &* 7919 + UInt64(shape.rawValue.utf8.count))
            let tables = FormTables.random(&rng, errorRate: 0.3)
            let text = Serialization.render(tables, as: shape, quirks: .all, rng: &rng)
            let before = (tally.wrong.count, tally.falseErrors.count, tally.flagged)
            try Self.check(tables, text: text, label: "\(shape.rawValue)#\(seed)", into: &tally)
            // NIANBAO_PROPERTY_DUMP=DIR keeps the text of each report read wrong or flagged, to look at.
            if let dump = ProcessInfo.processInfo.environment["NIANBAO_PROPERTY_DUMP"],
               before != (tally.wrong.count, tally.falseErrors.count, tally.flagged) {
                try? Data(text.utf8).write(to: URL(fileURLWithPath: "\(dump)/\(shape.rawValue)-\(seed).txt"))
            }
        }
        let rate = Double(tally.exact) / Double(max(1, tally.cells))
        print("property \(shape.rawValue): \(tally.exact)/\(tally.cells) exact (\(String(format: "%.1f", rate * 100))%), \(tally.flagged) flagged, \(tally.wrong.count) wrong, errors caught \(tally.caught)/\(tally.planted), \(tally.falseErrors.count) false")
        #expect(tally.wrong.isEmpty, "\(tally.wrong.count) wrong cells: \(tally.wrong.prefix(6))")
        #expect(tally.falseErrors.isEmpty, "false agency errors: \(tally.falseErrors.prefix(4))")
    }
}
