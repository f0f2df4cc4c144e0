extension ReportParser {
    /// The report from `document`, checked against the file's other reading where it has one (`second`: a PDF's ruled
    /// tables by its words' positions) and the first leaves a form table's cells open (`missing`, `ambiguous`) or
    /// placed them by position under columns it guessed from the text's spacing (`position`).
    ///
    /// Cell by cell: a cell one reading settles and the other leaves open is taken from the one that settles it; a
    /// cell both settle the same stays; a cell they settle differently is `ambiguous`, both readings its candidates
    /// (`parse.ambiguous`) — neither is kept, and no check rests on it. The doubts of a cell or row that is settled in
    /// the end are dropped. Each reading is exact or flagged on its own; together they leave less open and catch a
    /// column the spacing put a value under wrongly.
    ///
    ///     let report = try ReportParser.parse(document) { try reader.secondReading(bytes: bytes, path: path) }
    public static func parse(_ document: Document, second: () throws -> Document?) throws -> ParsedReport {
        var report = try parse(document)
        let forms: Set<TableID> = [.t2, .t3, .t4]
        func unsettled(_ cell: Cell) -> Bool { cell.status == .missing || cell.status == .ambiguous }
        let asked = report.cells.contains { forms.contains($0.table) && (unsettled($0) || $0.via == .position) }
        guard asked, report.template == .t2019 || report.template == .t2021, !document.recognised else { return report }
        // The other reading's own failure leaves the first as it is; a parse out of its time budget stops the file.
        let other: Document?, again: ParsedReport
        do { other = try second() } catch let stop as ParseBudget.Exceeded { throw stop } catch { other = nil }
        guard let other else { return report }
        do { again = try parse(other) } catch let stop as ParseBudget.Exceeded { throw stop } catch { return report }
        guard again.template == report.template else { return report }
        var theirs: [CellKey: Cell] = [:]
        for cell in again.cells where forms.contains(cell.table) { theirs[CellKey(cell)] = cell }
        var disagree: [Finding] = []
        report.cells = report.cells.map { cell in
            guard forms.contains(cell.table), let that = theirs[CellKey(cell)], !unsettled(that) else { return cell }
            if unsettled(cell) { return that }
            guard cell.value != that.value else { return cell }
            let readings = [cell, that].map { $0.value.map(formatNumber) ?? "" }
            disagree.append(Finding(rule: .parseAmbiguous, severity: .uncertain, table: cell.table.rawValue, row: cell.row, column: cell.column,
                                    expected: readings.joined(separator: "|"), actual: "",
                                    message: "按版面文字读为“\(readings[0].isEmpty ? "空白" : readings[0])”，按表格线与文字位置读为“\(readings[1].isEmpty ? "空白" : readings[1])”，两种读法不一致，此格未采用"))
            return Cell(table: cell.table, row: cell.row, column: cell.column, value: nil, status: .ambiguous, via: .none)
        }
        // The doubts that still stand: those of a cell, or of a row, left open.
        let open = report.cells.filter(unsettled)
        let openCells = Set(open.map { "\($0.table.rawValue)|\($0.row)|\($0.column)" })
        let openRows = Set(open.map { "\($0.table.rawValue)|\($0.row)" }), openTables = Set(open.map(\.table.rawValue))
        func stands(_ f: Finding) -> Bool {
            guard let table = TableID(rawValue: f.table), forms.contains(table), f.rule.rawValue.hasPrefix("parse.") else { return true }
            if !f.column.isEmpty { return openCells.contains("\(f.table)|\(f.row)|\(f.column)") }
            if !f.row.isEmpty { return openRows.contains("\(f.table)|\(f.row)") }
            return openTables.contains(f.table)
        }
        let mine = report.parseFindings.filter(stands)
        let known = Set(mine.map { "\($0.rule.rawValue)|\($0.table)|\($0.row)|\($0.column)" })
        report.parseFindings = mine.filter { f in !disagree.contains { $0.table == f.table && $0.row == f.row && $0.column == f.column && $0.rule == f.rule } }
            + disagree
            + again.parseFindings.filter { stands($0) && !known.contains("\($0.rule.rawValue)|\($0.table)|\($0.row)|\($0.column)") && $0.rule.rawValue.hasPrefix("parse.") }
        report.openRows = report.openRows.filter { row in row.cells.contains { openCells.contains("\($0.table.rawValue)|\($0.row)|\($0.column)") } }
        return report
    }
}
