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
    public static let nodeBudget = 300_000
    public static let readingBudget = 20_000

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
    /// Readings without leading zeros (`05`) are preferred: the others are kept only if none is left.
    public static func readings(
        _ run: GluedRun, cells: Int, groupSize: Int? = nil,
        signed: (Int) -> Bool = { _ in false }, decimal: (Int) -> Bool = { _ in false },
        check: (([Double]) -> Bool)? = nil
    ) -> Result {
        var result = search(run, cells: cells, groupSize: groupSize ?? cells, signed: signed, decimal: decimal, check: check)
        var held = true
        if check != nil && result.readings.isEmpty && result.complete {
            result = search(run, cells: cells, groupSize: groupSize ?? cells, signed: signed, decimal: decimal, check: nil)
            held = false
        }
        let clean = result.readings.filter { !$0.contains(where: hasLeadingZero) }
        return Result(readings: clean.isEmpty ? result.readings : clean, complete: result.complete, checkHeld: held)
    }

    static func hasLeadingZero(_ cell: String) -> Bool {
        let digits = cell.hasPrefix("-") ? cell.dropFirst() : Substring(cell)
        let integer = digits.prefix { $0 != "." }
        return integer.count > 1 && integer.hasPrefix("0")
    }

    static func search(
        _ run: GluedRun, cells: Int, groupSize: Int, signed: (Int) -> Bool, decimal: (Int) -> Bool,
        check: (([Double]) -> Bool)?
    ) -> (readings: [[String]], complete: Bool) {
        let atoms = run.atoms
        let n = atoms.count
        var readings: [[String]] = []
        var current: [String] = []
        var values: [Double] = []
        var nodes = 0
        var complete = true
        // The next forced boundary at or after each position (a cell starting at i must end by it).
        var nextBoundary = Array(repeating: n, count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            nextBoundary[i] = run.boundaries.contains(i + 1) ? i + 1 : nextBoundary[i + 1]
        }

        func visit(_ start: Int) {
            nodes += 1
            if nodes > nodeBudget || readings.count >= readingBudget { complete = false; return }
            let index = current.count
            if index == cells {
                if start == n { readings.append(current) }
                return
            }
            let remaining = cells - index
            guard n - start >= remaining else { return }
            let latest = min(nextBoundary[start], n - (remaining - 1))
            guard start < latest else { return }
            for end in (start + 1)...latest {
                let text = String(atoms[start..<end])
                guard let value = number(text, signed: signed(index), decimal: decimal(index)) else { continue }
                current.append(text)
                values.append(value)
                var ok = true
                if let check, (index + 1) % groupSize == 0 {
                    ok = check(Array(values[(index + 1 - groupSize)...index]))
                }
                if ok { visit(end) }
                current.removeLast()
                values.removeLast()
                if !complete { return }
            }
        }
        visit(0)
        return (readings, complete)
    }

    /// A cell's value if its text is a well-formed number under the cell's rules.
    static func number(_ text: String, signed: Bool, decimal: Bool) -> Double? {
        var body = Substring(text)
        if body.first == "-" {
            guard signed else { return nil }
            body = body.dropFirst()
        }
        guard let first = body.first, first.isASCII, first.isNumber, let last = body.last, last.isASCII, last.isNumber else { return nil }
        let dots = body.filter { $0 == "." }.count
        guard dots == 0 || (dots == 1 && decimal) else { return nil }
        guard body.allSatisfy({ $0 == "." || ($0.isASCII && $0.isNumber) }) else { return nil }
        return Double(text)
    }
}

extension DigitSolver {
    /// The node budget of the joint search over a whole 表三.
    public static let jointBudget = 1_000_000

    public struct JointResult: Equatable, Sendable {
        /// Per row, the readings used by some best assignment.
        public var rows: [String: [[Double]]]
        /// Column identities broken in the best assignments (0 when the table adds up).
        public var broken: Int
        public var complete: Bool
    }

    /// Chooses one reading per 表三 row so that the columns add up: per column, the result rows sum to
    /// （七）总计, and 本年新收 + 上年结转 = 总计 + 结转下年度. Every row's candidates are kept that appear
    /// in some assignment breaking the fewest of these identities; a row absent from `rows` leaves the
    /// identities it takes part in unchecked. When the budget runs out the rows are returned unnarrowed.
    public static func joint(_ rows: [String: [[Double]]], resultRows: [String]) -> JointResult {
        let columns = rows.values.first?.first?.count ?? 0
        let open = rows.filter { $0.value.count > 1 }.keys.sorted { rows[$0]!.count < rows[$1]!.count }
        guard !open.isEmpty, columns > 0 else { return JointResult(rows: rows, broken: 0, complete: true) }
        let results = resultRows.filter { rows[$0] != nil }
        let checkSum = results.count == resultRows.count && rows["total"] != nil
        let checkBalance = ["new_received", "carried_over", "total", "carried_forward"].allSatisfy { rows[$0] != nil }
        var chosen: [String: [Double]] = rows.compactMapValues { $0.count == 1 ? $0[0] : nil }
        var used: [String: Set<Int>] = [:]
        var best = Int.max
        var nodes = 0
        var complete = true

        func broken() -> Int {
            var count = 0
            for c in 0..<columns {
                if checkSum {
                    let sum = results.reduce(0.0) { $0 + chosen[$1]![c] }
                    if abs(sum - chosen["total"]![c]) > 1e-9 { count += 1 }
                }
                if checkBalance {
                    let left = chosen["new_received"]![c] + chosen["carried_over"]![c]
                    let right = chosen["total"]![c] + chosen["carried_forward"]![c]
                    if abs(left - right) > 1e-9 { count += 1 }
                }
            }
            return count
        }
        var picks: [String: Int] = [:]
        func visit(_ depth: Int) {
            nodes += 1
            if nodes > jointBudget { complete = false; return }
            if depth == open.count {
                let b = broken()
                if b < best { best = b; used = [:] }
                if b == best { for (row, i) in picks { used[row, default: []].insert(i) } }
                return
            }
            let row = open[depth]
            for (i, reading) in rows[row]!.enumerated() {
                chosen[row] = reading
                picks[row] = i
                visit(depth + 1)
                if !complete { return }
            }
        }
        visit(0)
        guard complete else { return JointResult(rows: rows, broken: 0, complete: false) }
        var narrowed = rows
        for row in open { narrowed[row] = used[row, default: []].sorted().map { rows[row]![$0] } }
        return JointResult(rows: narrowed, broken: best, complete: true)
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
