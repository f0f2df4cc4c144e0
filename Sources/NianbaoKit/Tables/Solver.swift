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
        // Each cell of the relevant identities as a slot: a fixed reading (a row of one reading, or a cell known from
        // elsewhere), or a cell of an open row, read from the reading chosen for it. The leaves of the search then
        // evaluate the identities on arrays, without hashing a key.
        let openIndex = Dictionary(uniqueKeysWithValues: open.enumerated().map { ($1, $0) })
        let openReadings = open.map { rows[$0]! }
        var slotOf: [CellKey: Int] = [:]
        var current: [Reading] = []
        var dynamic: [(slot: Int, row: Int, cell: Int)] = []
        func slot(_ key: CellKey) -> Int {
            if let s = slotOf[key] { return s }
            let s = current.count
            slotOf[key] = s
            if let at = location[key], let o = openIndex[at.row] {
                current.append(.unknown)
                dynamic.append((s, o, at.cell))
            } else if let at = location[key], let only = rows[at.row], only.count == 1 {
                current.append(at.cell < only[0].count ? only[0][at.cell] : .unknown)
            } else {
                current.append(fixed[key] ?? .unknown)
            }
            return s
        }
        let slots = relevant.map { identity in (left: identity.left.map(slot), right: identity.right.map(slot)) }
        var used = Array(repeating: Set<Int>(), count: open.count)
        var chosen = Array(repeating: 0, count: open.count)
        var best = Int.max, nodes = 0
        var complete = true
        func visit(_ depth: Int) {
            nodes += 1
            if nodes > budget { complete = false; return }
            if depth == open.count {
                for d in dynamic {
                    let reading = openReadings[d.row][chosen[d.row]]
                    current[d.slot] = d.cell < reading.count ? reading[d.cell] : .unknown
                }
                // A total left empty under values counts as an identity not shown to hold: a reading that empties it
                // ties with one that breaks it (an agency's error), never wins over it.
                var broken = 0
                for (identity, at) in zip(relevant, slots) {
                    let l = { current[at.left[$0]] }, r = { current[at.right[$0]] }
                    if identity.evaluate(left: l, right: r)?.holds == false || identity.leavesTotalBlank(left: l, right: r) { broken += 1 }
                }
                if broken < best { best = broken; used = Array(repeating: [], count: open.count) }
                if broken == best { for i in 0..<open.count { used[i].insert(chosen[i]) } }
                return
            }
            for i in openReadings[depth].indices {
                chosen[depth] = i
                visit(depth + 1)
                if !complete { return }
            }
        }
        visit(0)
        guard complete else { return Result(rows: rows, broken: 0, complete: false) }
        var narrowed = rows
        for (i, row) in open.enumerated() { narrowed[row] = used[i].sorted().map { rows[row]![$0] } }
        return Result(rows: narrowed, broken: best, complete: true)
    }
}
