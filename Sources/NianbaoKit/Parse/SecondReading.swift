extension ReportParser {
    /// The report from `document`; where a form table is left with cells the reading could not settle (`missing`,
    /// `ambiguous`) and the file can be read another way (`second`: a PDF's ruled tables by its words' positions), that
    /// table — its cells, its doubts and its open rows — is taken from the other reading when that settles more of its
    /// cells. Each reading is exact or flagged on its own; the choice only keeps the one that leaves less open.
    ///
    ///     let report = try ReportParser.parse(document) { try reader.secondReading(bytes: bytes, path: path) }
    public static func parse(_ document: Document, second: () throws -> Document?) throws -> ParsedReport {
        var report = try parse(document)
        func unsettled(_ cell: Cell) -> Bool { cell.status == .missing || cell.status == .ambiguous }
        let open = Set(report.cells.filter(unsettled).map(\.table))
        guard !open.isEmpty, report.template == .t2019 || report.template == .t2021, !document.recognised,
              let other = try? second(), let again = try? parse(other), again.template == report.template else { return report }
        func settled(_ r: ParsedReport, _ table: TableID) -> Int { r.cells.count { $0.table == table && !unsettled($0) } }
        let taken = open.filter { settled(again, $0) > settled(report, $0) }
        guard !taken.isEmpty else { return report }
        var cells: [Cell] = []
        var done = Set<TableID>()
        for cell in report.cells {
            guard taken.contains(cell.table) else { cells.append(cell); continue }
            if done.insert(cell.table).inserted { cells += again.cells.filter { $0.table == cell.table } }
        }
        report.cells = cells
        let names = Set(taken.map(\.rawValue))
        report.parseFindings = report.parseFindings.filter { !names.contains($0.table) } + again.parseFindings.filter { names.contains($0.table) }
        report.openRows = report.openRows.filter { !taken.contains($0.cells.first?.table ?? .old) }
            + again.openRows.filter { taken.contains($0.cells.first?.table ?? .old) }
        return report
    }
}
