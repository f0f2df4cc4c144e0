/// Reads one table of the form out of its section's text: segments (`TableText.segments`), aligned to the form's
/// rows by their labels (`Alignment`), each row's values placed in its cells in order or by position (`Placement`),
/// digits run together split (`DigitSolver`), and what stays open settled by the form's identities (`Solver`).
/// A cell is exact, or it is `missing`/`ambiguous` with a finding that says why. Pure.
///
///     let read = TableReader.read(TableText(lines: lines), .t3, template: .t2021)
///     read.cells.count  // 175
enum TableReader {
    struct Output {
        var cells: [Cell] = []
        var findings: [Finding] = []
        /// A 2021 表三 printing （六） as one row.
        var otherAsOneRow = false
        /// Rows whose values were found.
        var rowsRead = 0
        /// Rows left open, with their readings.
        var open: [OpenRow] = []
        /// 表三 printed as digits run together with a number in every cell (nil: not known).
        var everyCellPrinted: Bool?
    }

    /// `everyCellPrinted`: what the report's 表三 showed (`Output.everyCellPrinted`), for 表二's digits run together.
    static func read(_ text: TableText, _ id: TableID, template: Template, everyCellPrinted: Bool? = nil) -> Output {
        let width = id == .t4 ? 15 : id == .t3 ? 7 : 3
        let joined = text.joiningWrappedNumbers(width: width)
        let segments = joined.segments()
        let byWidth = TableText.alignsByDisplayWidth(joined.lines)
        switch id {
        case .t2: return readRows(segments, table: Form.table(.t2, template: template), identities: [], everyCellPrinted: everyCellPrinted,
                                  alignment: Alignment.align(segments, table: Form.table(.t2, template: template), byWidth: byWidth))
        case .t3:
            let three = Form.table(.t3, template: template)
            var tables = [three]
            // （六） as one row is tried only where its sub-rows' labels are not printed.
            if template != .t2019 {
                let subRows = three.rows.filter { $0.key == "other.no_correction" || $0.key == "other.no_fee" }
                let printsSubRows = segments.contains { s in s.pieces.contains { p in subRows.contains { $0.match(p[...]) >= 0.9 } } }
                if !printsSubRows { tables.append(Form.table(.t3, template: .t2021, otherAsOneRow: true)) }
            }
            let alignments = tables.map { Alignment.align(segments, table: $0, byWidth: byWidth) }
            var chosen = 0
            // Values read on （六） as one row: only then is the agency told its form departs from the template.
            var oneRowRead = false
            if alignments.count == 2 {
                // Its label printed (and the sub-rows' not): the row is there, whether or not its values were read.
                let one = tables[1].rows.first { $0.key == "other" }
                let printsOneRow = one.map { row in segments.contains { s in s.pieces.contains { row.match($0[...]) >= 0.9 } } } ?? false
                if alignments[1].score > alignments[0].score + 1e-9 { chosen = 1; oneRowRead = true }
                else if printsOneRow && alignments[1].score >= alignments[0].score - 1e-9 { chosen = 1 }
            }
            let table = tables[chosen]
            var output = readRows(segments, table: table, identities: Identity.all(template: template, t3Rows: table.rows.map(\.key)),
                                  alignment: alignments[chosen])
            if chosen == 1 {
                output.otherAsOneRow = true
                // The three sub-rows are absent: kept as missing cells without a doubt of the parser.
                output.cells += Fields.t3Rows2021.filter { $0.hasPrefix("other.") }.flatMap { row in
                    Fields.t3Columns.map { Cell(table: .t3, row: row, column: $0, value: nil, status: .missing) }
                }
                if oneRowRead { output.findings.append(Finding(
                    rule: .templateOtherSingleRow, severity: .warning, table: "t3", row: "other",
                    message: "表三（六）其他处理按单行填报，未分列三个子项（2021年版格式要求分列）")) }
            }
            return output
        case .t4: return readT4(segments, text: text)
        case .old: return Output()   // read by `OldEra`
        }
    }

    // MARK: 表二 and 表三

    static func readRows(_ segments: [Segment], table: Form.Table, identities: [Identity], everyCellPrinted: Bool? = nil,
                         alignment: Alignment? = nil) -> Output {
        let alignment = alignment ?? Alignment.align(segments, table: table)
        let rows = table.rows
        let name = table.id == .t2 ? "表二" : "表三"
        // Where the columns stand matters only to a row that does not print exactly its cells on one line.
        let needsPositions = rows.indices.contains { i in
            let found = alignment.rows[i].map { segments[$0] }
            return !found.isEmpty && found[0].glued == nil && !(found.count == 1 && found[0].slots.count == rows[i].width)
        }
        let (anchors, blockAnchors) = needsPositions ? self.anchors(segments, table: table, alignment: alignment) : ([:], [:])
        // Cells left empty show only as gaps in spaced text: blank where the table leaves many cells so, else unknown.
        let spacedRows = rows.indices.filter { i in !alignment.rows[i].isEmpty && alignment.rows[i].allSatisfy { segments[$0].shape == .spaced && segments[$0].glued == nil } }
        let partial = spacedRows.count { i in alignment.rows[i].reduce(0) { $0 + segments[$1].numbers } < rows[i].width }
        let blanksAbsent = partial * 10 >= spacedRows.count * 3 && partial >= 2
        // 表二's amounts are in the unit its header names (`本年收费金额（单位：元）`), however the header wrapped.
        let headerUnit: AmountUnit? = table.id == .t2 ? Self.unit(Array(segments.flatMap { $0.pieces.joined() })) : nil
        // A table printing no mark for an empty cell anywhere: in digits run together, an empty cell leaves no trace.
        // (In 表二 a `-` may be a minus sign: only the other marks count there.)
        let blankMarks = (table.id == .t2 ? "—–―－─/" : "-—–―－─/").unicodeScalars
        let marksNoBlank = !segments.contains { s in
            s.slots.contains { $0.isBlank && !$0.weak } || (s.glued?.contains(where: blankMarks.contains) ?? false)
        }
        var output = Output()
        // A table that prints a number in every cell (`0000000`) leaves no empty cell to vanish: known in 表三 when most of
        // its glued rows add up as seven numbers, and taken for 表二 from the report's 表三 (`everyCellPrinted`).
        if table.id == .t3 && marksNoBlank {
            let runs = rows.indices.compactMap { i in alignment.rows[i].first.flatMap { segments[$0].glued } }
            if !runs.isEmpty {
                let solved = runs.map { DigitSolver.readings(GluedRun(String(scalars: $0)), cells: 7, check: DigitSolver.rowTotal) }
                // Most rows add up as seven numbers, and somewhere a 0 is printed whichever way its row is read.
                let whole = solved.count(where: \.checkHeld)
                let zeroPrinted = solved.contains { $0.checkHeld && $0.complete && $0.readings.allSatisfy { $0.contains("0") } }
                output.everyCellPrinted = whole * 2 > runs.count && zeroPrinted
            }
        }
        let blanksMayVanish = marksNoBlank && (table.id == .t3 ? output.everyCellPrinted != true : everyCellPrinted != true)
        var readings: [String: RowReadings] = [:]
        var gluedRows: Set<String> = []
        for (i, row) in rows.enumerated() {
            let found = alignment.rows[i].map { segments[$0] }
            if found.isEmpty {
                // A row printed with every cell empty, in a table whose empty cells show only as gaps: its label
                // stands on a line of its own, between the rows around it.
                if blanksAbsent, labelAlone(row, i, alignment: alignment, segments: segments) {
                    readings[row.key] = RowReadings(readings: [Array(repeating: .blank, count: row.width)], via: .position,
                                                    absent: Set(0..<row.width))
                    output.rowsRead += 1
                }
                continue
            }
            output.rowsRead += 1
            if let digits = found[0].glued {
                gluedRows.insert(row.key)
                readings[row.key] = glued(digits, row: row, table: table.id, headerUnit: headerUnit, blanksMayVanish: blanksMayVanish,
                                          findings: &output.findings)
                continue
            }
            let block = found[0].block
            var a = blockAnchors[block]?[row.width] ?? anchors[row.width]
            if table.id == .t2, row.width > 1, a == nil, let columns = Form.t2ColumnWords[table.template]?[row.key] {
                // 表二 is several small tables, each under its own header: the nearest header above the row.
                let above = segments[..<alignment.rows[i][0]].filter { !$0.hasValues }
                let header = above.last { s in s.pieces.contains { p in columns.contains { c in c.words.contains { find(p, $0, whole: false) != nil } } } }
                if let header { a = headerAnchors([header], columns: columns, values: found, minimum: row.width) }
            }
            var read = Placement.read(found, width: row.width, anchors: a, blanksAbsent: blanksAbsent, rowTotal: table.id == .t3)
            if table.id == .t2 { read.readings = read.readings.map { amounts($0, row: row, slots: found.flatMap(\.slots), headerUnit: headerUnit) } }
            readings[row.key] = read
        }
        // A 表三 printing no mark for an empty cell, one of whose glued rows adds up under no reading: its totals are not
        // all printed (or not all right), so a reading that adds up may be a coincidence of digits whose total was left
        // empty (`909` is 9+0=9, or 90 and 9 with the total blank). Its glued rows stay open.
        if table.id == .t3 && blanksMayVanish {
            let glued = rows.filter { gluedRows.contains($0.key) }
            if glued.contains(where: { readings[$0.key]!.readings.isEmpty && readings[$0.key]!.via == .none }) {
                for r in glued where !readings[r.key]!.readings.isEmpty {
                    readings[r.key] = RowReadings(readings: [], via: .none,
                                                  doubt: "粘连数字“\(readings[r.key]!.printed)”所在表中有行合计不成立，合计格也可能空白未留痕迹，无法确定",
                                                  source: readings[r.key]!.source)
                }
            }
        }
        // Empty cells shown only by spacing are trusted where the spacing adds up: every such row then has its width.
        let spacedOut = rows.indices.filter { i in alignment.rows[i].contains { segments[$0].slots.contains(where: \.weak) } }
        let addsUp = spacedOut.allSatisfy { i in alignment.rows[i].reduce(0) { $0 + segments[$1].slots.count } == rows[i].width }
        if !addsUp {
            for i in spacedOut where readings[rows[i].key]?.alternatives.isEmpty == false {
                readings[rows[i].key]!.readings = readings[rows[i].key]!.alternatives
                readings[rows[i].key]!.via = .arithmetic
            }
        }
        var keys: [String: [CellKey]] = [:]
        for row in rows { keys[row.key] = zip(row.cells, row.columns).map { CellKey(table: table.id, row: $0, column: $1) } }
        var solved = Solver.narrow(readings.filter { !$0.value.readings.isEmpty }.mapValues(\.readings), keys: keys, identities: identities)
        // Rows whose empty cells showed only as spacing: when their first reading breaks an identity, every placement
        // of their values is tried, and the table's arithmetic chooses.
        let expandable = readings.values.contains { !$0.alternatives.isEmpty }
        let single = expandable ? readings.filter { $0.value.readings.count == 1 }.mapValues { $0.readings[0] } : [:]
        let broken = expandable ? Solver.broken(single, keys: keys, identities: identities) : []
        if !broken.isEmpty {
            let involved = Set(broken.flatMap { ($0.left + $0.right).map(\.row) })
            var wider = readings
            for (key, read) in readings where !read.alternatives.isEmpty && (involved.contains(key) || read.readings.isEmpty == false && keys[key]?.contains { involved.contains($0.row) } == true) {
                wider[key]!.readings = read.alternatives
                wider[key]!.via = .arithmetic
            }
            let again = Solver.narrow(wider.filter { !$0.value.readings.isEmpty }.mapValues(\.readings), keys: keys, identities: identities)
            if again.complete && again.broken < broken.count {
                readings = wider
                solved = again
            }
        }
        // Cells read as blank only because nothing stood in their column are kept blank when the arithmetic bears
        // them out: some identity they take part in holds, and none fails. Else a value may have been lost in
        // conversion rather than left out by the agency, and the cell is not known.
        var doubtful: [String: Set<Int>] = [:]
        var finals: [CellKey: Reading] = [:]
        let anyAbsent = readings.values.contains { !$0.absent.isEmpty }
        for row in rows where anyAbsent {
            guard let kept = solved.rows[row.key] ?? readings[row.key]?.readings, kept.count == 1, let k = keys[row.key] else { continue }
            for (i, key) in k.enumerated() { finals[key] = kept[0][i] }
        }
        for row in rows {
            guard let read = readings[row.key], !read.absent.isEmpty, let k = keys[row.key] else { continue }
            for cell in read.absent {
                let verdicts = identities.filter { ($0.left + $0.right).contains(k[cell]) }.compactMap { $0.evaluate { finals[$0] ?? .unknown } }
                if verdicts.isEmpty || verdicts.contains(where: { !$0.holds }) { doubtful[row.key, default: []].insert(cell) }
            }
        }
        for (key, cellsInDoubt) in doubtful {
            let expand = { (reading: [Reading]) in reading.enumerated().map { cellsInDoubt.contains($0.offset) ? Reading.unknown : $0.element } }
            readings[key]!.readings = readings[key]!.readings.map(expand)
            if let kept = solved.rows[key] { solved.rows[key] = kept.map(expand) }
        }
        // A row whose empty cells showed only as spacing, which converters do not keep exactly, keeps that placement
        // only where an identity it takes part in holds; else every placement of its values is a reading.
        let weaklyPlaced = rows.filter { r in readings[r.key].map { !$0.alternatives.isEmpty && $0.readings.count == 1 } ?? false }
        // The rows read one way, as they stand.
        func settled() -> [String: [Reading]] {
            readings.compactMapValues { $0.readings.count == 1 ? $0.readings[0] : nil }
                .merging(solved.rows.compactMapValues { $0.count == 1 ? $0[0] : nil }) { $1 }
        }
        if !weaklyPlaced.isEmpty && !identities.isEmpty {
            let kept = settled()
            var value: [CellKey: Reading] = [:]
            for (row, reading) in kept { for (i, k) in (keys[row] ?? []).enumerated() where i < reading.count { value[k] = reading[i] } }
            for row in weaklyPlaced {
                guard let own = keys[row.key].map(Set.init) else { continue }
                let verdicts = identities.filter { ($0.left + $0.right).contains(where: own.contains) }
                    .compactMap { $0.evaluate { value[$0] ?? .unknown } }
                guard !verdicts.contains(where: { $0.holds }), let read = readings[row.key] else { continue }
                readings[row.key]!.readings = read.alternatives
                readings[row.key]!.via = .arithmetic
                solved.rows[row.key] = nil
            }
        }
        // A row adding up under no split keeps its reading only where the identities it breaks all pass through one
        // of its cells (the agency's error); else the split, not the agency, is in doubt.
        let selfBroken = rows.filter { readings[$0.key]?.ownTotalBroken == true }
        if !selfBroken.isEmpty {
            let kept = settled()
            let broken = Solver.broken(kept, keys: keys, identities: identities)
            for row in selfBroken {
                guard let own = keys[row.key].map(Set.init) else { continue }
                // An agency's error in one cell breaks every identity through that cell, and only those.
                let involving = broken.filter { ($0.left + $0.right).contains(where: own.contains) }
                let oneCell = own.contains { cell in involving.allSatisfy { ($0.left + $0.right).contains(cell) } }
                if kept[row.key] != nil && !oneCell {
                    let printed = readings[row.key]!.printed
                    readings[row.key] = RowReadings(readings: [], via: .none, doubt: "粘连数字“\(printed)”的各种拆法都不合本行合计，表内其他勾稽关系也不能确定", source: .text(printed))
                    solved.rows[row.key] = nil
                }
            }
        }
        for row in rows {
            guard let read = readings[row.key] else {
                output.cells += missing(row, table.id)
                output.findings.append(Finding(rule: .parseRowNotFound, severity: .uncertain, table: table.id.rawValue, row: row.cells[0],
                                               message: "\(name)未找到“\(String(scalars: row.label))”行"))
                continue
            }
            guard !read.readings.isEmpty else {
                output.cells += missing(row, table.id)
                output.findings.append(Finding(rule: .parseRowShort, severity: .uncertain, table: table.id.rawValue, row: row.cells[0],
                                               expected: "\(row.width)", actual: read.printed,
                                               message: "\(name)“\(String(scalars: row.label))”行\(read.doubt ?? "无法读取")"))
                continue
            }
            let kept = solved.rows[row.key] ?? read.readings
            output.cells += cells(row, table: table.id, read: read, kept: kept, complete: solved.complete && read.complete, open: &output.open,
                                  findings: &output.findings)
        }
        return output
    }

    /// Where the columns stand, per row width (表二 mixes rows of 1, 2 and 3 cells) and per page of the table: learnt
    /// from the rows the alignment found that print every cell, else (表三) from the header's words.
    static func anchors(_ segments: [Segment], table: Form.Table, alignment: Alignment) -> (global: [Int: Anchors], blocks: [Int: [Int: Anchors]]) {
        let rows = table.rows
        var anchors: [Int: Anchors] = [:]
        var blockAnchors: [Int: [Int: Anchors]] = [:]
        for width in Set(rows.map(\.width)) {
            let full = rows.indices.filter { rows[$0].width == width && alignment.rows[$0].count == 1 }
                .map { segments[alignment.rows[$0][0]] }.filter { $0.glued == nil }
            let delimited = full.filter { $0.shape != .spaced }.count * 2 > full.count
            let sample = full.filter { ($0.shape != .spaced) == delimited }
            anchors[width] = Anchors.learn(from: sample.map(\.slots), width: width, delimited: delimited)
            for block in Set(sample.map(\.block)) {
                let inBlock = sample.filter { $0.block == block }
                if inBlock.count >= 2, let a = Anchors.learn(from: inBlock.map(\.slots), width: width, delimited: delimited) {
                    blockAnchors[block, default: [:]][width] = a
                }
            }
            if anchors[width] == nil, table.id == .t3, let first = alignment.rows.compactMap(\.first).min() {
                anchors[width] = headerAnchors(Array(segments[..<first]), columns: Form.t3ColumnWords,
                                               values: rows.indices.flatMap { alignment.rows[$0] }.map { segments[$0] }, minimum: 5)
            }
        }
        return (anchors, blockAnchors)
    }

    /// The row's label printed without values between the segments of the rows before and after it, and no values
    /// there that no row claimed.
    static func labelAlone(_ row: Form.Row, _ j: Int, alignment: Alignment, segments: [Segment]) -> Bool {
        let before = alignment.rows[..<j].compactMap(\.last).max() ?? -1
        let after = alignment.rows[(j + 1)...].compactMap(\.first).min() ?? segments.count
        guard before + 1 < after else { return false }
        // Values between the rows around it that no label claimed may be this row's, its label cut from them (by a
        // page break and the header the next page repeats): the row is not known to be empty.
        let placed = Set(alignment.rows.joined())
        if ((before + 1)..<after).contains(where: { segments[$0].numbers > 0 && !placed.contains($0) }) { return false }
        return segments[(before + 1)..<after].contains { s in
            !s.hasValues && s.shape == .spaced && s.pieces.contains { row.match($0[...]) >= 0.9 }
        }
    }

    static func missing(_ row: Form.Row, _ table: TableID) -> [Cell] {
        zip(row.cells, row.columns).map { Cell(table: table, row: $0, column: $1, value: nil, status: .missing) }
    }

    /// The cells of a row from the readings kept: a cell on which they all agree is settled, the others ambiguous.
    static func cells(_ row: Form.Row, table: TableID, read: RowReadings, kept: [[Reading]], complete: Bool,
                      open: inout [OpenRow], findings: inout [Finding]) -> [Cell] {
        let name = table == .t2 ? "表二" : table == .t3 ? "表三" : "表四"
        lazy var label = String(scalars: row.label)
        var out: [Cell] = []
        var unknown: [String] = []
        for (i, (key, column)) in zip(row.cells, row.columns).enumerated() {
            if complete, let only = kept.first?[i], kept.allSatisfy({ $0[i] == only }) {
                switch only {
                case .value(let v):
                    var status: CellStatus = read.via == .arithmetic || read.readings.count > 1 ? .split : .ok
                    if read.via == .arithmetic && read.doubt != nil { status = .inferred }
                    let via: CellVia = read.readings.count > 1 && read.via != .arithmetic ? .arithmetic : read.via
                    out.append(Cell(table: table, row: key, column: column, value: v, status: status, via: via))
                case .blank:
                    out.append(Cell(table: table, row: key, column: column, value: nil, status: .blank, via: read.via))
                case .unknown:
                    out.append(Cell(table: table, row: key, column: column, value: nil, status: .missing))
                    unknown.append(column.isEmpty ? key : column)
                }
                continue
            }
            let candidates = Set(kept.map { $0[i] })
            let listed = candidates.sorted { $0.description < $1.description }.prefix(20).map(\.description)
            findings.append(Finding(
                rule: .parseAmbiguous, severity: .uncertain, table: table.rawValue, row: key, column: column,
                expected: listed.joined(separator: "|"), actual: read.printed,
                message: "\(name)“\(label)”行“\(read.printed)”有\(kept.count)种读法合乎\(table == .t2 ? "格式" : "格式和表内勾稽关系")，此格无法确定"
                    + (complete ? "" : "（搜索达到上限，候选不全）") + "；候选：" + listed.joined(separator: "、")))
            out.append(Cell(table: table, row: key, column: column, value: nil, status: .ambiguous))
        }
        // A row left open with every reading known: kept with them, for evidence found later to settle.
        if complete, out.contains(where: { $0.status == .ambiguous }), !kept.contains(where: { $0.contains(.unknown) }) {
            var readings: [[Double?]] = []
            for reading in kept {
                let values = reading.map { r -> Double? in if case .value(let v) = r { return v } else { return nil } }
                if !readings.contains(values) { readings.append(values) }
            }
            open.append(OpenRow(cells: zip(row.cells, row.columns).map { CellKey(table: table, row: $0, column: $1) }, readings: readings,
                                printed: read.printed))
        }
        if !unknown.isEmpty {
            findings.append(Finding(
                rule: .parseBlankOrMissing, severity: .uncertain, table: table.rawValue, row: row.cells[0],
                expected: "\(row.width)", actual: read.printed,
                message: "\(name)“\(label)”行只在部分栏目下印有数值（\(unknown.joined(separator: "、"))无数值），此表其余各行数值齐全，无法确定是空白还是漏读"))
        }
        if read.via == .arithmetic, read.doubt != nil, kept.count == 1 || Set(kept).count == 1 {
            findings.append(Finding(rule: .parseLostCell, severity: .warning, table: table.rawValue, row: row.cells[0],
                                    expected: "\(row.width)", actual: read.printed,
                                    message: "\(name)“\(label)”行\(read.doubt!)，各种读法结果相同"))
        }
        return out
    }

    /// The readings of digits run together (`640020470`), each a split into the row's cells that forms numbers
    /// and (表三, 表四) adds up.
    /// `blanksMayVanish`: the table prints no mark for an empty cell, so a row's empty cells may have left nothing in
    /// its digits (`872601815965` is 872|60|·|·|18|15|965 as well as seven numbers): a 表三 row then also reads as fewer
    /// numbers, its parts placed in order among the applicant columns and the others blank, wherever the row total
    /// holds; the table's identities choose, and where they cannot, the cells stay open.
    static func glued(_ digits: [Unicode.Scalar], row: Form.Row, table: TableID, headerUnit: AmountUnit?, blanksMayVanish: Bool = false,
                      findings: inout [Finding]) -> RowReadings {
        let text = String(scalars: digits)
        let run = GluedRun(text)
        let solved: DigitSolver.Result
        switch table {
        case .t3: solved = DigitSolver.readings(run, cells: 7, check: DigitSolver.rowTotal)
        case .t4: solved = DigitSolver.readings(run, cells: 15, groupSize: 5, check: DigitSolver.rowTotal)
        case .t2, .old:
            solved = DigitSolver.readings(run, cells: row.width, signed: { Fields.signedKeys.contains(row.cells[$0]) },
                                          decimal: { Fields.amountKeys.contains(row.cells[$0]) })
        }
        func reading(_ texts: [String]) -> [Reading] {
            texts.enumerated().map { i, t -> Reading in
                if t == "-" || t.count == 1 && GluedText.blankMarks.contains(t.first!) { return .blank }
                let unit = table == .t2 && Fields.amountKeys.contains(row.cells[i]) ? (run.unit ?? headerUnit) : nil
                let value = unit == .yuan ? NumberParser.toWanYuan(t, unit: .yuan) : Double(t)
                return value.map(Reading.value) ?? .unknown
            }
        }
        if table == .t3 && blanksMayVanish {
            // Every reading that adds up, with seven numbers or fewer (the others blank).
            var holding = solved.checkHeld ? solved.readings.map(reading) : []
            var complete = solved.complete
            for count in 2..<7 {
                let fewer = DigitSolver.readings(run, cells: count, check: DigitSolver.rowTotal)
                guard fewer.checkHeld else { continue }
                complete = complete && fewer.complete
                for texts in fewer.readings {
                    let values = reading(texts)
                    for placed in Placement.monotone(Array(values.dropLast()), width: 6) { holding.append(placed + [values[values.count - 1]]) }
                }
            }
            // More placements than the table's arithmetic can search: the row stays open.
            if holding.count > 64 {
                return RowReadings(readings: [], via: .none, doubt: "粘连数字“\(run.text)”中空白格未留痕迹，读法过多，无法确定", source: .text(run.text))
            }
            if !holding.isEmpty { return RowReadings(readings: holding, via: .arithmetic, complete: complete, source: .text(run.text)) }
            // Nothing adds up, however many numbers the digits hold: no reading is the only one the text allows.
            findings.append(Finding(rule: .parseGluedRowTotal, severity: .uncertain, table: "t3", row: row.key,
                                    message: "表三“\(Form.label(.t3, row: row.key))”行的粘连数字“\(run.text)”无论如何拆分，各类申请人之和都不等于总计"))
            return RowReadings(readings: [], via: .none, doubt: "粘连数字“\(run.text)”的各种拆法都不合本行合计，无法确定", source: .text(run.text))
        }
        if table == .t2 && blanksMayVanish && row.width > 1 {
            // 表二 has no arithmetic: every split into fewer numbers, placed in order with the other cells blank, is as
            // good as one into every cell. A row is read only when the text leaves one reading.
            var all = solved.readings.map(reading)
            for count in 1..<row.width {
                let fewer = DigitSolver.readings(run, cells: count, signed: { _ in true }, decimal: { _ in true })
                for texts in fewer.readings {
                    let values = texts.map { t -> Reading in Double(t).map(Reading.value) ?? .unknown }
                    for placed in Placement.monotone(values, width: row.width) {
                        // A negative number only where a change is counted, a decimal only in an amount.
                        let fits = placed.enumerated().allSatisfy { i, r in
                            guard case .value(let v) = r else { return true }
                            return (v >= 0 || Fields.signedKeys.contains(row.cells[i])) && (v == v.rounded() || Fields.amountKeys.contains(row.cells[i]))
                        }
                        let unit = run.unit ?? headerUnit
                        if fits { all.append(placed.enumerated().map { i, r in
                            guard unit == .yuan, Fields.amountKeys.contains(row.cells[i]), case .value(let v) = r else { return r }
                            return NumberParser.toWanYuan(formatNumber(v), unit: .yuan).map(Reading.value) ?? .unknown
                        }) }
                    }
                }
                if all.count > 64 { break }
            }
            if all.count > 1 {
                return RowReadings(readings: all.count > 64 ? [] : all, via: .arithmetic, complete: all.count <= 64,
                                   doubt: "粘连数字“\(run.text)”中空白格未留痕迹，读法不止一种，无法确定", source: .text(run.text))
            }
        }
        if table == .t3 && !solved.checkHeld {
            findings.append(Finding(rule: .parseGluedRowTotal, severity: .uncertain, table: "t3", row: row.key,
                                    message: "表三“\(Form.label(.t3, row: row.key))”行的粘连数字“\(run.text)”无论如何拆分，各类申请人之和都不等于总计"))
        }
        guard !solved.readings.isEmpty else {
            findings.append(Finding(rule: .parseGluedUnreadable, severity: .uncertain, table: table.rawValue, row: row.cells[0],
                                    expected: "\(row.width)", actual: run.text, message: "粘连数字“\(run.text)”无法拆成\(row.width)个数值"))
            return RowReadings(readings: [], via: .none, complete: solved.complete, source: .text(run.text))
        }
        // No split adds up: the others' arithmetic chooses among them, the row's total is then the agency's.
        if table != .t2 && !solved.checkHeld {
            var read = RowReadings(readings: solved.readings.map(reading), via: .arithmetic, complete: solved.complete, source: .text(run.text))
            read.ownTotalBroken = true
            return read
        }
        return RowReadings(readings: solved.readings.map(reading), via: .arithmetic, complete: solved.complete, source: .text(run.text))
    }

    /// The unit a header names for amounts: 元 when `单位` is followed within a few characters by 元 (not 万元), or
    /// `(元)` is printed; else nil (万元, the form's unit).
    static func unit(_ text: [Unicode.Scalar]) -> AmountUnit? {
        if TableText.contains(text[...], Array("(元)".unicodeScalars)) || TableText.contains(text[...], Array("位:元".unicodeScalars)) { return .yuan }
        var i = 0
        while i + 1 < text.count {
            if text[i] == "单" && text[i + 1] == "位" {
                var k = i + 2
                while k < min(text.count, i + 14) {
                    if text[k] == "元" { if text[k - 1] != "万" { return .yuan } else { break } }
                    k += 1
                }
            }
            i += 1
        }
        return nil
    }

    /// 表二's amounts in 万元: a value printed in 元 (by its own unit or the header's) is converted exactly.
    static func amounts(_ reading: [Reading], row: Form.Row, slots: [Slot], headerUnit: AmountUnit?) -> [Reading] {
        guard let a = row.cells.firstIndex(where: { Fields.amountKeys.contains($0) }), case .value(let v) = reading[a] else { return reading }
        let unit = slots.first { $0.unit != nil }?.unit ?? headerUnit
        guard unit == .yuan, let converted = NumberParser.toWanYuan(formatNumber(v), unit: .yuan) else { return reading }
        var out = reading
        out[a] = .value(converted)
        return out
    }

    // MARK: Header

    /// A table's column anchors from its header's words (表三: `自然人`, `商业企业` … `总计`, or their first characters
    /// where a header is split over lines; 表二: `本年制发件数` …), on the coordinate where the values stand closest
    /// to them: a cell index where the text separates its cells, else a character or display column.
    static func headerAnchors(_ header: [Segment], columns: [(column: String, words: [[Unicode.Scalar]], whole: Bool)],
                              values: [Segment], minimum: Int) -> Anchors? {
        let width = columns.count
        var spans: [[Span]] = Array(repeating: [], count: width)
        for segment in header {
            for (p, piece) in segment.pieces.enumerated() {
                let words = segment.pieceWords.indices.contains(p) ? segment.pieceWords[p] : []
                for (c, column) in columns.enumerated() {
                    for word in column.words {
                        if let offset = find(piece, word, whole: column.whole, words: words) {
                            spans[c].append(span(of: offset, length: word.count, in: piece, words: words, fallback: segment.pieceSpans[p]))
                        } else if !column.whole, word.count >= 4, piece.count >= 2, piece.count < word.count, word.starts(with: piece),
                                  !columns.enumerated().contains(where: { $0.offset != c && $0.element.words.contains { $0.starts(with: piece) } }) {
                            spans[c].append(segment.pieceSpans[p])
                        }
                    }
                }
            }
        }
        let delimited = values.allSatisfy { $0.shape != .spaced }
        let slots = values.flatMap(\.slots).filter { !$0.isBlank }
        guard spans.filter({ !$0.isEmpty }).count >= minimum, !slots.isEmpty else { return nil }
        var best: (Anchors, Double)?
        for coordinate in delimited ? [Anchors.Coordinate.widthCenter, .cell] : [.charCenter, .widthCenter] {
            var centers: [Double?] = spans.map { list in
                guard !list.isEmpty else { return nil }
                let xs = list.map { Anchors.position($0, coordinate, cells: 0) }.sorted()
                return xs[xs.count / 2]
            }
            // Columns the header did not name: between their neighbours.
            for c in 0..<width where centers[c] == nil {
                let before = (0..<c).last { centers[$0] != nil }, after = ((c + 1)..<width).first { centers[$0] != nil }
                if let b = before, let a = after { centers[c] = centers[b]! + (centers[a]! - centers[b]!) * Double(c - b) / Double(a - b) }
            }
            guard centers.allSatisfy({ $0 != nil }) else { continue }
            let xs = centers.map { $0! }
            guard zip(xs, xs.dropFirst()).allSatisfy({ $0 < $1 }) else { continue }
            if coordinate == .cell && xs.contains(where: { $0 != $0.rounded() }) { continue }
            let anchors = Anchors(coordinate: coordinate, centers: xs, spread: Array(repeating: 0, count: width), fromHeader: true)
            // The values' own columns (positions standing together across rows) must each fall plainly under a
            // different header word: a header squeezed or shifted in conversion is no guide.
            if coordinate != .cell {
                let positions = slots.map { Anchors.position($0, coordinate) }.sorted()
                var clusters: [[Double]] = []
                for x in positions {
                    if let last = clusters.last?.last, x - last < 2 { clusters[clusters.count - 1].append(x) } else { clusters.append([x]) }
                }
                let columns = clusters.map { anchors.columns(for: $0.reduce(0, +) / Double($0.count)) }
                guard columns.allSatisfy({ $0.count == 1 }), Set(columns.map { $0[0] }).count == columns.count else { continue }
            }
            let fit = slots.map { s in xs.map { abs($0 - Anchors.position(s, coordinate)) }.min()! }.reduce(0, +) / Double(slots.count)
            let unit = width > 1 ? (xs[width - 1] - xs[0]) / Double(width - 1) : 1
            if best == nil || fit / unit < best!.1 { best = (anchors, fit / unit) }
        }
        guard let (anchors, fit) = best else { return nil }
        return fit < 0.5 ? anchors : nil
    }

    static func find(_ piece: [Unicode.Scalar], _ word: [Unicode.Scalar], whole: Bool, words: [TableText.Word] = []) -> Int? {
        if whole {
            if TableText.stripNumbering(piece).elementsEqual(word) { return piece.count - word.count }
            // One of the words printed apart within the piece (`商业企业 … 其他 总计`).
            var offset = 0
            for w in words {
                if offset + w.length <= piece.count, piece[offset..<(offset + w.length)].elementsEqual(word) { return offset }
                offset += w.length
            }
            return nil
        }
        guard word.count <= piece.count else { return nil }
        for i in 0...(piece.count - word.count) where piece[i] == word[0] && piece[i..<(i + word.count)].elementsEqual(word) { return i }
        return nil
    }

    /// Where `length` characters at `offset` of a piece stood, from the piece's words.
    static func span(of offset: Int, length: Int, in piece: [Unicode.Scalar], words: [TableText.Word], fallback: Span) -> Span {
        var cumulative = 0
        for word in words {
            if offset < cumulative + word.length {
                let inWord = offset - cumulative
                let start = word.start + inWord
                var w = word.wstart
                for k in 0..<inWord { w += TableText.width(piece[cumulative + k]) }
                var wEnd = w
                for k in 0..<min(length, piece.count - offset) { wEnd += TableText.width(piece[offset + k]) }
                return Span(start: start, end: start + length, wstart: w, wend: wEnd, cell: fallback.cell)
            }
            cumulative += word.length
        }
        return fallback
    }

    // MARK: 表四

    /// 表四 has no row labels: its fifteen values are the one row of values under its header, printed in order
    /// (all fifteen, or with explicit blanks), placed under the header's words by position, or run together.
    static func readT4(_ segments: [Segment], text: TableText) -> Output {
        var output = Output()
        let row = Form.table(.t4, template: .t2021).rows[0]
        // The value row has no label of its own; headers' empty cells are no values.
        let unlabelled = segments.filter { $0.hasValues && $0.pieces.isEmpty && ($0.numbers > 0 || $0.glued != nil) }
        let values = unlabelled.isEmpty ? segments.filter { $0.hasValues && ($0.numbers > 0 || $0.glued != nil) } : unlabelled
        var read: RowReadings?
        if let run = values.last(where: { $0.glued.map { $0.count { TableText.isDigit($0) } >= 15 } ?? false }) {
            read = glued(run.glued!, row: row, table: .t4, headerUnit: nil, findings: &output.findings)
        } else if let full = values.filter({ $0.slots.count == 15 }).max(by: { $0.numbers < $1.numbers }) {
            read = Placement.read([full], width: 15, anchors: nil, blanksAbsent: true, rowTotal: false)
        } else {
            // Consecutive value segments that together print fifteen cells (a row wrapped over lines).
            var found: [Segment]?
            for start in values.indices {
                var total = 0
                for end in start..<min(values.count, start + 5) {
                    total += values[end].slots.count
                    if total == 15 { found = Array(values[start...end]) }
                    if total >= 15 { break }
                }
            }
            if let found, found.allSatisfy({ $0.shape != .spaced }) || found.allSatisfy({ $0.numbers == $0.slots.count }) {
                read = RowReadings(readings: [found.flatMap(\.slots).map(\.reading)], via: .printed)
            } else if let longest = values.max(by: { $0.numbers < $1.numbers }), longest.numbers > 0,
                      let anchors = t4HeaderAnchors(segments, values: longest) {
                read = Placement.read([longest], width: 15, anchors: anchors, blanksAbsent: true, rowTotal: false)
            } else if let longest = values.max(by: { ($0.numbers, $0.slots.count) < ($1.numbers, $1.slots.count) }) {
                read = Placement.read([longest], width: 15, anchors: nil, blanksAbsent: false, rowTotal: false)
            }
        }
        guard let read, !read.readings.isEmpty else {
            output.cells = missing(row, .t4)
            output.findings.append(Finding(rule: .parseRowShort, severity: .uncertain, table: "t4", expected: "15",
                                           actual: read?.printed ?? "", message: "表四应有15个数值，读到的数目不符，无法确定位置"))
            return output
        }
        output.rowsRead = 1
        let keys = ["t4": Fields.t4.map { CellKey(table: .t4, row: $0) }]
        let solved = Solver.narrow(["t4": read.readings], keys: keys, identities: Identity.all(template: .t2021).filter { $0.table == .t4 })
        output.cells = cells(row, table: .t4, read: read, kept: solved.rows["t4"] ?? read.readings, complete: solved.complete && read.complete,
                             open: &output.open,
                             findings: &output.findings)
        return output
    }

    /// 表四's fifteen columns from the header words above its values (结果维持 结果纠正 其他结果 尚未审结 总计, three times).
    static func t4HeaderAnchors(_ segments: [Segment], values: Segment) -> Anchors? {
        let parts: [[Unicode.Scalar]] = ["维持", "纠正", "其他", "尚未", "总计"].map { Array($0.unicodeScalars) }
        var found: [(part: Int, span: Span)] = []
        for segment in segments where segment.firstLine < values.firstLine && !segment.hasValues {
            for (p, piece) in segment.pieces.enumerated() {
                let words = segment.pieceWords.indices.contains(p) ? segment.pieceWords[p] : []
                var i = 0
                while i + 1 < piece.count {
                    if let k = parts.firstIndex(where: { piece[i..<min(piece.count, i + $0.count)].elementsEqual($0) }) {
                        // A header word printed alone (`结果维持`) stands for its column as a whole.
                        let whole = piece.count <= 4 && segment.pieces.count > 0
                        found.append((k, whole ? segment.pieceSpans[p] : span(of: i, length: 2, in: piece, words: words, fallback: segment.pieceSpans[p])))
                        i += 2
                    } else {
                        i += 1
                    }
                }
            }
        }
        var best: (anchors: Anchors, fit: Double)?
        for coordinate in [Anchors.Coordinate.charCenter, .widthCenter] {
            let sorted = found.sorted { Anchors.position($0.span, coordinate, cells: 0) < Anchors.position($1.span, coordinate, cells: 0) }
            guard sorted.count == 15, sorted.enumerated().allSatisfy({ $0.element.part == $0.offset % 5 }) else { continue }
            let centers = sorted.map { Anchors.position($0.span, coordinate, cells: 0) }
            let anchors = Anchors(coordinate: coordinate, centers: centers, spread: Array(repeating: 0, count: 15), fromHeader: true)
            guard values.slots.allSatisfy({ anchors.columns(for: Anchors.position($0, coordinate)).count == 1 }) else { continue }
            let fit = values.slots.map { s in centers.map { abs($0 - Anchors.position(s, coordinate)) }.min()! }.reduce(0, +)
                / Double(max(1, values.slots.count)) / ((centers[14] - centers[0]) / 14)
            if best == nil || fit < best!.fit { best = (anchors, fit) }
        }
        return best.flatMap { $0.fit < 0.4 ? $0.anchors : nil }
    }
}
