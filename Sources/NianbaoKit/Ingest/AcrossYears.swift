/// The step after reports are stored: what the same agency's neighbouring years settle of the rows a report left
/// open, and what they contradict (`CrossYear`). Decided here, persisted by the store.
///
///     let settled = try AcrossYears.refresh(store)
public enum AcrossYears {
    /// Everything derived from the stored reports, brought up to date in one transaction: the cells the neighbouring
    /// years settle and the cross-year checks (`refresh`), the rollups, and the planner's statistics of the cells.
    /// A run stopped in it leaves the database as it was before it (marked stale, so the next run does it again).
    /// `phase`: told the name of each step as it starts. Returns the cells settled.
    @discardableResult
    public static func refreshAll(_ store: Store, phase: ((String) -> Void)? = nil) throws -> Int {
        try store.transaction {
            phase?("settling cells across years")
            let settled = try refresh(store)
            phase?("summing up by agency and region")
            try store.rebuildRollup()
            try store.analyseCells()
            return settled
        }
    }

    /// Settles open rows with the neighbouring years until a pass settles nothing (a year settled now is evidence
    /// for its neighbours; at most `passes` rounds), then checks every pair of consecutive years again.
    /// Returns the cells settled.
    @discardableResult
    public static func refresh(_ store: Store, passes: Int = 5) throws -> Int {
        var total = 0
        var agencies: Set<Int64>?
        for _ in 0..<passes {
            var settled = 0
            var touched = Set<Int64>()
            // One transaction a pass: a report settled in it is evidence for those after it, as it is read back.
            try store.transaction {
                let keys = try store.fieldKeys()
                for header in try store.openReportHeaders(agencies: agencies) {
                    let report = try store.loadOpen(header, keys: keys)
                    let previous = try store.neighbour(agency: report.agencyID, year: report.year - 1)
                    let next = try store.neighbour(agency: report.agencyID, year: report.year + 1)
                    guard previous != nil || next != nil else { continue }
                    let decision = CrossYear.settle(template: report.template, cells: report.cells, open: report.open.map(\.row),
                                                    previous: previous, next: next)
                    guard !decision.cells.isEmpty else { continue }
                    var byKey: [CellKey: Cell] = [:]
                    for cell in decision.cells { byKey[CellKey(cell)] = cell }
                    let cells = report.cells.map { byKey[CellKey($0)] ?? $0 }
                    let checks = Checker.checkTables(ParsedReport(year: report.year, template: report.template, cells: cells))
                    try store.saveSettlement(report, cells: decision.cells, closing: decision.settled.map { report.open[$0].position },
                                             findings: decision.findings, checks: checks, measures: Measures.values(of: cells))
                    settled += decision.cells.count
                    touched.insert(report.agencyID)
                }
            }
            total += settled
            if settled == 0 { break }
            agencies = touched
        }
        try check(store)
        return total
    }

    /// The cross-year warnings of every report against the year before, replacing those stored.
    static func check(_ store: Store) throws {
        var reports: [String: Store.YearCells] = [:]
        let all = try store.yearCells(CrossYear.checkedKeys)
        for r in all where reports["\(r.agencyID)|\(r.year)"] == nil { reports["\(r.agencyID)|\(r.year)"] = r }
        var findings: [(source: Int64, finding: Finding)] = []
        for report in all {
            guard let before = reports["\(report.agencyID)|\(report.year - 1)"] else { continue }
            let previous = CrossYear.Neighbour(year: before.year, cells: before.cells.compactMapValues { $0 })
            let cells = report.cells.mapValues { $0.map(Reading.value) ?? .blank }
            findings += CrossYear.check(template: report.template, cells: cells, previous: previous).map { (report.sourceID, $0) }
        }
        try store.replaceFindings([.crossYearCarriedOver, .crossYearInForce], with: findings)
    }
}
