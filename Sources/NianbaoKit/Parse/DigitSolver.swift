/// Recovers table cells from digits whose separators were lost in copying (`640020470` is
/// 64|0|0|2|0|4|70), by search over the possible splits constrained by the table's arithmetic.
///
/// Pure and bounded: a search that would exceed its node budget stops and says so, and the
/// caller marks the cells ambiguous rather than hanging a batch.
///
///     let run = GluedRun("640020470")
///     DigitSolver.readings(run, cells: 7, groupSize: 7, check: DigitSolver.rowTotal).readings
///     // [["64", "0", "0", "2", "0", "4", "70"], …]
public enum DigitSolver {
    /// The search budget of one run: nodes visited, readings kept.
    public static let nodeBudget = 100_000
    public static let readingBudget = 5_000

    /// Six applicant cells sum to the seventh (表三 rows); four parts sum to the fifth (表四 groups).
    public static let rowTotal: @Sendable ([Double]) -> Bool = { cells in
        abs(cells.dropLast().reduce(0, +) - cells[cells.count - 1]) < 1e-9
    }

    public struct Result: Equatable, Sendable {
        /// Every admissible reading, as cell texts.
        public var readings: [[String]]
        /// False when the budget ran out: `readings` is then incomplete and must not settle anything.
        public var complete: Bool
        /// False when no reading satisfied the arithmetic check, so the readings ignore it
        /// (the agency's own numbers do not add up).
        public var checkHeld: Bool
    }

    /// Every split of `run` into `cells` cells, each a well-formed number: `-` only at the start of a
    /// cell that may be negative, `.` only inside a cell that may hold a decimal, no cell across a
    /// boundary the text kept (a space). `check` is applied to each consecutive group of `groupSize`
    /// cells; when no split passes it, the splits are returned without it and `checkHeld` is false.
    /// Readings without leading zeros (`05`) come first, adding up or not: the others are kept only if none is left.
    public static func readings(
        _ run: GluedRun, cells: Int, groupSize: Int? = nil,
        signed: (Int) -> Bool = { _ in false }, decimal: (Int) -> Bool = { _ in false },
        check: (([Double]) -> Bool)? = nil
    ) -> Result {
        let size = groupSize ?? cells
        // Constraints in order of strength: no leading zeros (tables do not print `05`: `00109` is 0|0|109, a row that
        // does not add up, before it is a number with leading zeros); then the arithmetic, if any reading lets it hold.
        var attempts: [(check: Bool, strictZeros: Bool)] = [(true, true), (false, true), (true, false), (false, false)]
        if check == nil { attempts = [(false, true), (false, false)] }
        var last = (readings: [[String]](), complete: true)
        for attempt in attempts {
            last = search(run, cells: cells, groupSize: size, signed: signed, decimal: decimal,
                          check: attempt.check ? check : nil, strictZeros: attempt.strictZeros)
            if !last.readings.isEmpty || !last.complete {
                return Result(readings: last.readings, complete: last.complete, checkHeld: attempt.check || check == nil)
            }
        }
        return Result(readings: [], complete: last.complete, checkHeld: check == nil)
    }

    static func hasLeadingZero(_ cell: String) -> Bool {
        let digits = cell.hasPrefix("-") ? cell.dropFirst() : Substring(cell)
        let integer = digits.prefix { $0 != "." }
        return integer.count > 1 && integer.hasPrefix("0")
    }

    private static let minus: UInt8 = 10, dot: UInt8 = 11, blank: UInt8 = 12
    /// The longest cell a split considers: a sign, 15 digits and a decimal point.
    static let longestCell = 17

    static func search(
        _ run: GluedRun, cells: Int, groupSize: Int, signed: (Int) -> Bool, decimal: (Int) -> Bool,
        check: (([Double]) -> Bool)?, strictZeros: Bool
    ) -> (readings: [[String]], complete: Bool) {
        // Atoms as small codes: 0-9 digits, then minus and dot. Anything else cannot be split.
        var codes: [UInt8] = []
        for (i, c) in run.atoms.enumerated() {
            if let d = c.wholeNumberValue, c.isASCII { codes.append(UInt8(d)) }
            else if c == "-" && i + 1 < run.atoms.count && run.atoms[i + 1].isASCII && run.atoms[i + 1].isNumber { codes.append(minus) }
            else if c == "." { codes.append(dot) }
            else if c == "-" || GluedText.blankMarks.contains(c) { codes.append(blank) }
            else { return ([], true) }
        }
        let n = codes.count
        guard cells > 0, n >= cells else { return ([], true) }
        // The next boundary the text kept, at or after each position: no cell may run past it.
        var nextBoundary = Array(repeating: n, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            nextBoundary[i] = run.boundaries.contains(i + 1) ? i + 1 : nextBoundary[i + 1]
        }
        // The value of the digits from i to the end, to bound a final 总计 cell from above.
        var suffixValue = Array(repeating: 0.0, count: n + 1)
        var place = 1.0
        for i in stride(from: n - 1, through: 0, by: -1) {
            suffixValue[i] = codes[i] < 10 ? suffixValue[i + 1] + Double(codes[i]) * place : .infinity
            if codes[i] == blank { place = 1; suffixValue[i] = .infinity; continue }
            place *= 10
        }
        let signedCells = (0..<cells).map(signed)
        let decimalCells = (0..<cells).map(decimal)
        var cuts: [Int] = []
        var values: [Double] = []
        var readings: [[String]] = []
        var nodes = 0
        var complete = true
        let lastGroupEndsRun = cells % groupSize == 0

        func visit(_ start: Int, groupSum: Double) {
            nodes += 1
            if nodes > nodeBudget || readings.count >= readingBudget { complete = false; return }
            let index = values.count
            if index == cells {
                if start == n {
                    var bounds = [0] + cuts
                    bounds.append(n)
                    readings.append((0..<cells).map { String(run.atoms[bounds[$0]..<bounds[$0 + 1]]) })
                }
                return
            }
            let remaining = cells - index
            // No printed number is longer than `longestCell` characters (15 significant digits are all a Double
            // holds exactly): the last cell must reach the end of the run within it, others stop there.
            if remaining == 1 && n - start > Self.longestCell { return }
            let latest = min(nextBoundary[start], n - (remaining - 1), start + Self.longestCell)
            guard start < latest else { return }
            let closesGroup = (index + 1) % groupSize == 0
            // A cell feeding the run's final 总计 cannot push the group past the largest 总计 left.
            let feedsFinalTotal = check != nil && lastGroupEndsRun && index >= cells - groupSize && !closesGroup
            var magnitude = 0.0, scale = 1.0, digits = 0
            var negative = false, sawDot = false
            if codes[start] == blank {
                // A printed dash: one empty cell, 0 in the arithmetic.
                if remaining == 1 && start + 1 != n { return }
                if closesGroup, let check {
                    values.append(0)
                    let ok = check(Array(values[(index + 1 - groupSize)...]))
                    values.removeLast()
                    guard ok else { return }
                }
                values.append(0)
                cuts.append(start + 1)
                visit(start + 1, groupSum: closesGroup ? 0 : groupSum)
                cuts.removeLast()
                values.removeLast()
                return
            }
            for end in (start + 1)...latest {
                let code = codes[end - 1]
                if code == blank { break }
                if code == minus {
                    guard end - 1 == start, signedCells[index] else { break }
                    negative = true
                    continue
                }
                if code == dot {
                    guard !sawDot, digits > 0, decimalCells[index] else { break }
                    sawDot = true
                    continue
                }
                if strictZeros, digits == 1, !sawDot, magnitude == 0 { break }   // "05": a leading zero
                digits += 1
                if sawDot { scale /= 10; magnitude += Double(code) * scale } else { magnitude = magnitude * 10 + Double(code) }
                if remaining == 1 && end != n { continue }
                let value = negative ? -magnitude : magnitude
                if feedsFinalTotal && !negative {
                    let reserve = remaining - 1   // cells still to place after this one, the last being 总计
                    if groupSum + value > suffixValue[min(n, end + reserve - 1)] { break }
                }
                if closesGroup, let check {
                    values.append(value)
                    let ok = check(Array(values[(index + 1 - groupSize)...]))
                    values.removeLast()
                    guard ok else { continue }
                }
                values.append(value)
                cuts.append(end)
                visit(end, groupSum: closesGroup ? 0 : groupSum + value)
                cuts.removeLast()
                values.removeLast()
                if !complete { return }
            }
        }
        visit(0, groupSum: 0)
        return (readings, complete)
    }
}

/// Digits as copied, separators lost: the characters of the numbers, and where the text kept a
/// boundary between two cells (a space between digits).
///
///     GluedRun("230 000023").boundaries  // [3]
public struct GluedRun: Equatable, Sendable {
    public var atoms: [Character]
    public var boundaries: Set<Int>
    public var unit: AmountUnit?

    public init(_ text: String) {
        var text = Substring(text)
        var unit: AmountUnit?
        if text.hasSuffix("万元") {
            unit = .wanYuan
            text = text.dropLast(2)
        } else if text.hasSuffix("元") {
            unit = .yuan
            text = text.dropLast()
        }
        var atoms: [Character] = []
        var boundaries = Set<Int>()
        var pendingBoundary = false
        for c in text {
            if c == " " || c == "\t" || c == "\u{3000}" {
                pendingBoundary = !atoms.isEmpty
                continue
            }
            if pendingBoundary { boundaries.insert(atoms.count) }
            pendingBoundary = false
            atoms.append(c)
        }
        self.atoms = atoms
        self.boundaries = boundaries
        self.unit = unit
    }

    public var text: String {
        var out = ""
        for (i, c) in atoms.enumerated() {
            if boundaries.contains(i) { out.append(" ") }
            out.append(c)
        }
        return out
    }
}
