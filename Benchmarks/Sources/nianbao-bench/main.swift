import Foundation
import NianbaoKit

/// Times the glued-digit solver: whole 表三 tables with every separator lost, and runs built to be
/// as hard as possible. Prints one line per case: tables solved, mean and worst time.
func time(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
}

func report(_ name: String, _ times: [Double]) {
    let mean = times.reduce(0, +) / Double(times.count)
    print(String(format: "%@: %d runs, mean %.3f ms, worst %.3f ms", name, times.count, mean, times.max() ?? 0))
}

let root = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "Corpus")

// 1. The crawled reports in the corpus, parsed whole (reading, sections, solving, checks).
var parseTimes: [Double] = []
for name in ["pingtan-zone-2019.txt", "pingtan-zone-2021.txt", "pingtan-zone-2023.txt", "pingtan-zone-2025.txt"] {
    let bytes = [UInt8](try Data(contentsOf: root.appendingPathComponent(name)))
    for _ in 0..<200 {
        parseTimes.append(try time { _ = try ReportParser.parse(TextReader().read(bytes: bytes, path: name)) })
    }
}
report("whole glued report parse (4 Pingtan pages)", parseTimes)

// 2. One 表三 row, all seven cells glued, typical sizes.
var rowTimes: [Double] = []
for text in ["640020470", "220000325", "630020469", "270020130", "1200000012", "15432100000154321"] {
    for _ in 0..<1000 {
        rowTimes.append(time { _ = DigitSolver.readings(GluedRun(text), cells: 7, check: DigitSolver.rowTotal) })
    }
}
report("one glued 表三 row", rowTimes)

// 3. A whole 表三 (25 rows) with every row glued, rows solved then columns jointly.
var rng = SystemRandomNumberGenerator()
var tableTimes: [Double] = []
for _ in 0..<500 {
    var rows: [[Int]] = (0..<25).map { _ in (0..<6).map { _ in Bool.random(using: &rng) ? 0 : Int.random(in: 0...300, using: &rng) } }
    for r in rows.indices { rows[r].append(rows[r].reduce(0, +)) }
    let glued = rows.map { $0.map(String.init).joined() }
    tableTimes.append(time {
        var candidates: [String: [[Reading]]] = [:]
        var keys: [String: [CellKey]] = [:]
        for (key, text) in zip(Fields.t3Rows2021, glued) {
            candidates[key] = DigitSolver.readings(GluedRun(text), cells: 7, check: DigitSolver.rowTotal)
                .readings.map { $0.map { Reading.value(Double($0)!) } }
            keys[key] = Fields.t3Columns.map { CellKey(table: .t3, row: key, column: $0) }
        }
        _ = Solver.narrow(candidates, keys: keys, identities: Identity.all(template: .t2021))
    })
}
report("whole 表三, every row glued (random values up to 300)", tableTimes)

// 4. Pathological runs: long digit strings that no split makes add up; the budget stops them.
var worst: [Double] = []
for length in [20, 30, 45, 60] {
    let text = String(String(repeating: "123456789", count: 7).prefix(length))
    worst.append(time { _ = DigitSolver.readings(GluedRun(text), cells: 7, check: DigitSolver.rowTotal) })
    worst.append(time { _ = DigitSolver.readings(GluedRun(text), cells: 15, groupSize: 5, check: DigitSolver.rowTotal) })
}
report("pathological runs (20-60 digits, 7 or 15 cells)", worst)

// 5. pdftotext's default output (one value per line, rows column by column): whole report parse,
//    which places 表三 by a search over its row blocks.
if let tool = PDFReader.findTool() {
    var stackedTimes: [Double] = []
    for name in ["hzq2023.pdf", "hzq2024.pdf"] {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-bench-\(name).txt")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-enc", "UTF-8", root.appendingPathComponent(name).path, out.path]
        try process.run()
        process.waitUntilExit()
        let bytes = [UInt8](try Data(contentsOf: out))
        try? FileManager.default.removeItem(at: out)
        for _ in 0..<200 {
            stackedTimes.append(try time { _ = try ReportParser.parse(TextReader().read(bytes: bytes, path: name)) })
        }
    }
    report("whole report parse, pdftotext default output (2 PDFs)", stackedTimes)
}
