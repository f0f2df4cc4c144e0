/// Settles what the text leaves open with the form's identities: among the readings of the rows that admit several
/// (digits run together, a value between two columns, a lost cell), keeps those that appear in some assignment
/// breaking the fewest identities (a total left empty under values counted as broken). Bounded: past its budget the rows are returned unnarrowed and marked incomplete.
///
///     let settled = Solver.narrow(["granted": readings], keys: keys, identities: Identity.all(template: .t2021))
public enum Solver {
    static let budget = 200_000

    public struct Result: Sendable {
        /// Per row key, the readings kept.
        public var rows: [String: [[Reading]]]
        /// Identities broken by the best assignments.
        public var broken: Int
        public var complete: Bool
    }

    /// The identities that one reading per row breaks.
    static func broken(_ rows: [String: [Reading]], keys: [String: [CellKey]], identities: [Identity]) -> [Identity] {
        var value: [CellKey: Reading] = [:]
        for (row, reading) in rows { for (i, k) in (keys[row] ?? []).enumerated() where i < reading.count { value[k] = reading[i] } }
        return identities.filter { $0.evaluate({ value[$0] ?? .unknown })?.holds == false }
    }

    /// `keys[row]` gives the cell key of each of the row's cells; `fixed` holds cells known from elsewhere.
    public static func narrow(_ rows: [String: [[Reading]]], keys: [String: [CellKey]], identities: [Identity],
                              fixed: [CellKey: Reading] = [:]) -> Result {
        let open = rows.filter { $0.value.count > 1 }.keys.sorted { rows[$0]!.count < rows[$1]!.count }
        guard !open.isEmpty else { return Result(rows: rows, broken: 0, complete: true) }
        var location: [CellKey: (row: String, cell: Int)] = [:]
        for (row, cellKeys) in keys { for (i, k) in cellKeys.enumerated() { location[k] = (row, i) } }
        // Only the identities that touch an open row can tell its readings apart.
        let openSet = Set(open)
        let relevant = identities.filter { identity in
            (identity.left + identity.right).contains { location[$0].map { openSet.contains($0.row) } ?? false }
        }
        guard !relevant.isEmpty else { return Result(rows: rows, broken: 0, complete: true) }
        var picks: [String: [Reading]] = [:]
        for (row, readings) in rows where readings.count == 1 { picks[row] = readings[0] }
        func value(_ key: CellKey) -> Reading {
            if let at = location[key], let reading = picks[at.row] { return reading[at.cell] }
            return fixed[key] ?? .unknown
        }
        var used = Array(repeating: Set<Int>(), count: open.count)
        var chosen = Array(repeating: 0, count: open.count)
        var best = Int.max, nodes = 0
        var complete = true
        func visit(_ depth: Int) {
            nodes += 1
            if nodes > budget { complete = false; return }
            if depth == open.count {
                // A total left empty under values counts as an identity not shown to hold: a reading that empties it
                // ties with one that breaks it (an agency's error), never wins over it.
                let broken = relevant.count { $0.evaluate(value)?.holds == false || $0.leavesTotalBlank(value) }
                if broken < best { best = broken; used = Array(repeating: [], count: open.count) }
                if broken == best { for i in 0..<open.count { used[i].insert(chosen[i]) } }
                return
            }
            for (i, reading) in rows[open[depth]]!.enumerated() {
                chosen[depth] = i
                picks[open[depth]] = reading
                visit(depth + 1)
                if !complete { return }
            }
            picks[open[depth]] = nil
        }
        visit(0)
        guard complete else { return Result(rows: rows, broken: 0, complete: false) }
        var narrowed = rows
        for (i, row) in open.enumerated() { narrowed[row] = used[i].sorted().map { rows[row]![$0] } }
        return Result(rows: narrowed, broken: best, complete: true)
    }
}
