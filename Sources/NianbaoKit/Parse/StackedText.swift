/// Tables as pdftotext prints them without `-layout`: every cell on a line of its own, labels in
/// blocks apart from the values, and the values of several rows listed column by column
/// (`1 0 0 0 0 1 1 0 10 3` is the 自然人 column of ten rows, followed by the next column's ten).
///
/// The values still come in the template's row order, so a table is read back from the sequence of
/// its value lines alone: 表二 and 表四 in order, 表三 as consecutive blocks of rows, each block
/// column by column, its boundaries found by the table's arithmetic (each row's six applicant cells
/// sum to its 总计, then the column identities). Pure: no I/O.
///
///     StackedText.values("规章\n0\n\n0\n\n0\n行政规范性文件\n0\n5\n5")  // six readings
enum StackedText {
    /// The lines of a section that hold a single value (a number, or a dash for an empty cell), in order.
    /// A bare number right before a page break is a page number, not a cell.
    static func values(_ body: Substring) -> [(text: String, reading: CellReading)] {
        valueRuns(body).values
    }

    /// The value lines, and where each run of them starts: a run is value lines that follow each other
    /// with no blank or label line between. pdftotext prints one column of a block as one run, so a run
    /// of two values or more lies within one column of one block.
    static func valueRuns(_ body: Substring) -> (values: [(text: String, reading: CellReading)], runs: [Range<Int>]) {
        var out: [(text: String, reading: CellReading)] = []
        var runs: [Range<Int>] = []
        var runStart: Int?
        let lines = body.utf8.split(separator: 0x0A, omittingEmptySubsequences: false).map { Substring($0) }
        func close() {
            if let start = runStart, out.count - start >= 2 { runs.append(start..<out.count) }
            runStart = nil
        }
        for (i, raw) in lines.enumerated() {
            let line = (raw.utf8.contains(0x0C) ? Substring(raw.filter { $0 != "\u{0C}" }) : raw).trimmingCharacters(in: " \t")
            guard !line.isEmpty, let reading = NumberParser.parse(line) else { close(); continue }
            if case .number = reading, i + 1 < lines.count, lines[i + 1].utf8.first == 0x0C, !line.utf8.contains(0x2E) {
                close()
                continue
            }
            if raw.utf8.first == 0x0C { close() }
            if runStart == nil { runStart = out.count }
            out.append((line, reading))
        }
        close()
        return (out, runs)
    }

    /// The number of distinct readings kept per position before the search gives up.
    static let readingBudget = 64

    /// The 表三 grids (rows × 7 cells) that `values` can be read as: consecutive blocks of rows, each
    /// listed column by column. Grids breaking the fewest row identities are kept, then, among those,
    /// the ones breaking the fewest column identities. `complete` is false when the search hit its budget.
    ///
    /// `runs` (see `valueRuns`) must each lie within one column of one block; cuts that split one are not tried.
    static func t3Grids(_ values: [Double], rows keys: [String], runs: [Range<Int>] = []) -> (grids: [[[Double]]], complete: Bool) {
        let rowCount = keys.count
        guard values.count == rowCount * 7, rowCount > 0 else { return ([], true) }
        // A block of `size` rows from row `start` keeps every run it touches inside one of its columns.
        func keepsRuns(_ start: Int, _ size: Int) -> Bool {
            let lower = start * 7, upper = (start + size) * 7
            for run in runs where run.lowerBound < upper && run.upperBound > lower {
                guard run.lowerBound >= lower, run.upperBound <= upper,
                      (run.lowerBound - lower) / size == (run.upperBound - 1 - lower) / size else { return false }
            }
            return true
        }
        var complete = true
        // best[r]: the fewest broken row identities from row r to the end, and the suffixes achieving it.
        var best: [(broken: Int, suffixes: [[[Double]]])?] = Array(repeating: nil, count: rowCount + 1)
        best[rowCount] = (0, [[]])
        for start in stride(from: rowCount - 1, through: 0, by: -1) {
            var fewest = Int.max
            var suffixes: [[[Double]]] = []
            var seen = Set<[[Double]]>()
            for size in 1...(rowCount - start) {
                guard let rest = best[start + size], keepsRuns(start, size) else { continue }
                let offset = start * 7
                var block: [[Double]] = []
                var broken = 0
                for i in 0..<size {
                    let row = (0..<7).map { values[offset + $0 * size + i] }
                    if abs(row.prefix(6).reduce(0) { $0 + zeroIfBlank($1) } - zeroIfBlank(row[6])) > 1e-9 { broken += 1 }
                    block.append(row)
                }
                let total = broken + rest.broken
                if total > fewest { continue }
                if total < fewest { fewest = total; suffixes = []; seen = [] }
                for suffix in rest.suffixes {
                    let grid = block + suffix
                    guard seen.insert(grid).inserted else { continue }
                    if suffixes.count == readingBudget { complete = false; break }
                    suffixes.append(grid)
                }
            }
            best[start] = fewest == Int.max ? nil : (fewest, suffixes)
        }
        guard let all = best[0]?.suffixes else { return ([], complete) }
        let scored = all.map { ($0, columnBreaks($0, keys: keys)) }
        let least = scored.map(\.1).min() ?? 0
        return (scored.filter { $0.1 == least }.map(\.0), complete)
    }

    /// Broken column identities of a whole 表三 (`Identity`: per column, the result rows sum to （七）总计 and
    /// 本年新收 + 上年结转 = 总计 + 结转下年度).
    static func columnBreaks(_ grid: [[Double]], keys: [String]) -> Int {
        var index: [CellKey: Reading] = [:]
        for (r, key) in keys.enumerated() {
            for (c, column) in Fields.t3Columns.enumerated() { index[CellKey(table: .t3, row: key, column: column)] = grid[r][c] == blank ? .blank : .value(grid[r][c]) }
        }
        return Identity.all(template: .t2021, t3Rows: keys).count { $0.rule != .t3RowTotal && $0.evaluate({ index[$0] ?? .unknown })?.holds == false }
    }

    /// A blank cell (a dash on its own line) in the grids: never a printed value, summed as 0.
    static let blank = -1e18
    static func zeroIfBlank(_ v: Double) -> Double { v == blank ? 0 : v }

    /// 表三 read from a section in pdftotext's default output, or nil when its value lines do not
    /// number seven per row of the template (23 rows with （六） as one row, else 25).
    static func extractT3(_ body: Substring, template: Template, findings: inout [Finding]) -> [Cell]? {
        let (readings, runs) = valueRuns(body)
        let full = Fields.t3Rows(for: template)
        let keys: [String]
        if readings.count == full.count * 7 {
            keys = full
        } else if template != .t2019 && readings.count == Fields.t3Rows2019.count * 7 {
            keys = Fields.t3Rows2019
        } else {
            return nil
        }
        let numbers = readings.map { if case .number(let v, _) = $0.reading { return v } else { return blank } }
        // With the runs as cuts first; without them if the text's runs fit no reading (a run across two columns).
        var (grids, complete) = t3Grids(numbers, rows: keys, runs: runs)
        if grids.isEmpty { (grids, complete) = t3Grids(numbers, rows: keys) }
        guard !grids.isEmpty else { return nil }
        findings.append(Finding(
            rule: .parseStacked, severity: .warning, table: "t3", expected: "\(keys.count * 7)", actual: "\(readings.count)",
            message: "表三的数值逐格成行、按列排列（pdftotext默认输出），按行合计与列勾稽关系放回\(keys.count)行"
                + (grids.count > 1 ? "，有\(grids.count)种放法" : "")))
        var byRow: [String: [Cell]] = [:]
        for (r, row) in keys.enumerated() {
            byRow[row] = Fields.t3Columns.enumerated().map { c, column in
                let candidates = Set(grids.map { $0[r][c] })
                if complete, candidates.count == 1, let value = candidates.first {
                    return value == blank ? Cell(table: .t3, row: row, column: column, value: nil, status: .blank, via: .order)
                        : Cell(table: .t3, row: row, column: column, value: value, status: .split, via: .order)
                }
                let listed = candidates.sorted().prefix(20).map { $0 == blank ? "—" : formatNumber($0) }
                findings.append(Finding(
                    rule: .parseAmbiguous, severity: .uncertain, table: "t3", row: row, column: column,
                    expected: listed.joined(separator: "|"),
                    message: "表三数值按列排列，有\(grids.count)种放法合乎勾稽关系，此格无法确定"
                        + (complete ? "" : "（搜索达到上限，候选不全）") + "；候选：" + listed.joined(separator: "、")))
                return Cell(table: .t3, row: row, column: column, value: nil, status: .ambiguous)
            }
        }
        guard template != .t2019, keys.contains("other") else { return keys.flatMap { byRow[$0]! } }
        // A 2021 report printing （六） as one row: its three sub-rows are absent, the row is kept as `other`.
        findings.append(Finding(
            rule: .templateOtherSingleRow, severity: .warning, table: "t3", row: "other",
            message: "表三（六）其他处理按单行填报，未分列三个子项（2021年版格式要求分列）"))
        return Fields.t3Rows2021.flatMap { row in
            byRow[row] ?? Fields.t3Columns.map { Cell(table: .t3, row: row, column: $0, value: nil, status: .missing) }
        } + byRow["other"]!
    }

    /// 表二 or 表四 read from a section in pdftotext's default output: the value lines in the template's
    /// order, or nil when they do not number one per cell.
    static func extractInOrder(_ body: Substring, table: TableID, keys: [String], findings: inout [Finding]) -> [Cell]? {
        let readings = values(body)
        guard readings.count == keys.count else { return nil }
        findings.append(Finding(
            rule: .parseStacked, severity: .warning, table: table.rawValue, expected: "\(keys.count)", actual: "\(readings.count)",
            message: "\(table == .t2 ? "表二" : "表四")的数值逐格成行（pdftotext默认输出），按模板顺序放回\(keys.count)格"))
        return zip(keys, readings).map { key, value in
            var v: Double?
            if case .number(let n, let unit) = value.reading {
                v = unit == .yuan && Fields.amountKeys.contains(key) ? NumberParser.toWanYuan(value.text.filter { $0.isNumber || $0 == "." || $0 == "-" }, unit: .yuan) : n
            }
            return Cell(table: table, row: key, value: v, status: v == nil ? .blank : .split, via: .order)
        }
    }
}
