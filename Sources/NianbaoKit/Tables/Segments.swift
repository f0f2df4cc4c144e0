/// A value printed for a cell, or an explicit blank, with where it stood.
struct Slot {
    /// The number, or nil for an explicit blank (an empty cell between separators, a dash, a no-break-space line).
    var value: Double?
    var unit: AmountUnit?
    var text: [Unicode.Scalar]
    var start: Int, end: Int, wstart: Int, wend: Int
    /// The cell of a line with explicit separators, else -1.
    var cell: Int
    /// How many cells the slot's line has (for positions counted from the end).
    var cells: Int
    /// A blank read from spacing alone (a run of blank lines between cells), which converters do not keep exactly.
    var weak = false
    /// A grid cell among the values holding a mark that is neither a number nor a blank (a character a recogniser
    /// made of a digit): a value not known, never a blank.
    var unreadable = false

    var isBlank: Bool { value == nil && !unreadable }
    /// What the slot says of its cell.
    var reading: Reading { unreadable ? .unknown : value.map(Reading.value) ?? .blank }
}

/// Where a token or a piece of label stood in its line.
struct Span {
    var start: Int, end: Int, wstart: Int, wend: Int, cell: Int
}

/// A stretch of a table's text that may be one printed row: the label pieces before it, then its value slots
/// (or digits run together). A segment without slots is a label on its own (a wrapped label, a group label, a header).
struct Segment {
    enum Shape: UInt8 {
        /// Cells separated explicitly (`|`, tab, box bars, a grid): an empty cell is a printed blank.
        case delimited
        /// Values separated by spaces: an empty cell shows only as a gap.
        case spaced
        /// One cell per line: empty cells are lines of their own.
        case vertical
    }
    var pieces: [[Unicode.Scalar]] = []
    /// Where each piece stood, and where each of its words began.
    var pieceSpans: [Span] = []
    var pieceWords: [[TableText.Word]] = []
    var slots: [Slot] = []
    var glued: [Unicode.Scalar]?
    var shape: Shape = .spaced
    var grid = false
    var firstLine: Int
    var lastLine: Int
    /// Which page of the table (a page break starts a new block).
    var block: Int

    var hasValues: Bool { !slots.isEmpty || glued != nil }
    var numbers: Int { slots.count { !$0.isBlank } }
}

extension TableText {
    /// The segments of the text: label pieces and value slots in reading order.
    ///
    /// Text printed one cell per line (most value lines hold a single value and no label) is read as runs: the
    /// value lines and empty-cell lines between two labels are one segment. When such text leaves a blank line
    /// after every cell (as text browsers print tables), a run of n blank lines stands for n − 1 empty cells.
    func segments() -> [Segment] {
        var segments: [Segment] = []
        var block = 0
        for (index, line) in lines.enumerated() {
            if line.pageBreak { block += 1 }
            guard line.kind == .content else { continue }
            var current = Segment(firstLine: index, lastLine: index, block: block)
            current.shape = line.delimited ? .delimited : .spaced
            current.grid = line.grid
            func close() {
                if !current.pieces.isEmpty || current.hasValues { segments.append(current) }
                current = Segment(firstLine: index, lastLine: index, block: block)
                current.shape = line.delimited ? .delimited : .spaced
                current.grid = line.grid
            }
            for token in line.tokens {
                switch token.kind {
                case .text where line.grid && current.hasValues && token.text.count { !Self.isSpace($0) } <= 2
                    && !["其他", "合计", "总计", "小计", "备注"].contains(String(scalars: token.text.filter { !Self.isSpace($0) })):
                    // Among a grid row's values, a cell of one or two characters that are no number: not a label.
                    current.slots.append(Slot(value: nil, unit: nil, text: token.text, start: token.start, end: token.end,
                                              wstart: token.wstart, wend: token.wend, cell: token.cell, cells: line.cells, unreadable: true))
                case .text:
                    if current.hasValues { close() }
                    current.pieces.append(TableText.compact(token.text))
                    current.pieceSpans.append(Span(start: token.start, end: token.end, wstart: token.wstart, wend: token.wend, cell: token.cell))
                    current.pieceWords.append(token.words)
                case .glued:
                    if current.hasValues { close() }
                    current.glued = token.text
                case .number, .blank:
                    // In a delimited line, empty cells before and between labels are label columns, not values.
                    if token.kind == .blank && line.delimited && current.slots.isEmpty
                        && line.tokens.contains(where: { $0.kind == .text && $0.start > token.start }) { continue }
                    if current.glued != nil { close() }
                    var value: Double?
                    var unit: AmountUnit?
                    if case .number(let v, let u)? = token.reading { value = v; unit = u }
                    current.slots.append(Slot(value: value, unit: unit, text: token.text, start: token.start, end: token.end,
                                              wstart: token.wstart, wend: token.wend, cell: token.cell, cells: line.cells))
                }
            }
            close()
        }
        let at = positionsAcrossPages()
        segments = verticalRuns(segments)
        for i in segments.indices {
            segments[i].firstLine = at[segments[i].firstLine]
            segments[i].lastLine = at[max(0, segments[i].lastLine)]
        }
        return segments
    }

    /// Each line's position with the page furniture between two pages taken out: the empty lines and page markers
    /// (a page number, a browser's header and footer) around a page break count as no line, so a label or a row
    /// the break cut stands as near its rest as on one page. (One more entry, for the position after the last line.)
    func positionsAcrossPages() -> [Int] {
        var at = Array(repeating: 0, count: lines.count + 1)
        var position = 0, i = 0
        while i < lines.count {
            guard lines[i].kind == .empty || lines[i].kind == .page else {
                at[i] = position
                position += 1
                i += 1
                continue
            }
            var j = i, pageBreak = false
            while j < lines.count && (lines[j].kind == .empty || lines[j].kind == .page) {
                if lines[j].kind == .page || lines[j].pageBreak { pageBreak = true }
                j += 1
            }
            if j < lines.count && lines[j].pageBreak { pageBreak = true }
            for k in i..<j {
                at[k] = position
                if !pageBreak { position += 1 }
            }
            i = j
        }
        at[lines.count] = position
        return at
    }

    /// One-cell-per-line text: merges each run of single-value lines (and empty-cell lines) into one segment.
    func verticalRuns(_ segments: [Segment]) -> [Segment] {
        let valueLines = segments.count(where: \.hasValues)
        let single = segments.count { $0.hasValues && $0.pieces.isEmpty && $0.slots.count == 1 && $0.glued == nil }
        guard single >= 4, single * 3 >= valueLines * 2 else { return segments }
        // Double spacing, stretch by stretch (the lines between two labels): value lines never next to each other, a
        // blank line after every cell. A stretch of fewer than two values follows the table's majority.
        let valueLineSet = Set(segments.filter { $0.hasValues && $0.pieces.isEmpty && $0.slots.count == 1 }.map(\.firstLine))
        var stretchOf = Array(repeating: -1, count: lines.count)
        var stretches: [(values: Int, adjacent: Int)] = []
        var previousValue = false
        for (i, line) in lines.enumerated() {
            let isValue = valueLineSet.contains(i) || line.kind == .blankCell
            let isLabel = line.kind == .content && !isValue
            if isLabel || stretches.isEmpty { stretches.append((0, 0)); previousValue = false }
            if isLabel { continue }
            stretchOf[i] = stretches.count - 1
            if isValue {
                stretches[stretches.count - 1].values += 1
                if previousValue { stretches[stretches.count - 1].adjacent += 1 }
            }
            if line.kind != .page { previousValue = isValue }
        }
        let measured = stretches.filter { $0.values >= 2 }
        let majority = measured.count { $0.adjacent == 0 } * 2 > measured.count
        func doubleSpacedAt(_ i: Int) -> Bool {
            guard i >= 0, i < lines.count, stretchOf[i] >= 0 else { return false }
            let s = stretches[stretchOf[i]]
            return s.values >= 2 ? s.adjacent == 0 : majority
        }
        // Walk the lines again, now as runs.
        var out: [Segment] = []
        var run: Segment?
        var gap = 0
        var block = 0
        var byLine: [Int: [Segment]] = [:]
        for s in segments { byLine[s.firstLine, default: []].append(s) }
        func blank(at line: Int, weak: Bool = true) -> Slot {
            Slot(value: nil, unit: nil, text: [], start: 0, end: 0, wstart: 0, wend: 0, cell: -1, cells: 0, weak: weak)
        }
        func flushGapInto(_ r: inout Segment, line: Int) {
            if doubleSpacedAt(line) && gap >= 2 { for _ in 0..<(gap - 1) { r.slots.append(blank(at: line)) } }
            gap = 0
        }
        /// `atLabel`: the run ends at the next row's label, so the blank lines before it stand for empty cells
        /// (not at a page break or the end of the table).
        func closeRun(atLabel: Bool = false) {
            if var r = run {
                if atLabel && doubleSpacedAt(r.lastLine + 1) && gap >= 2 { for _ in 0..<(gap - 1) { r.slots.append(blank(at: r.lastLine)) } }
                r.shape = .vertical
                out.append(r)
            }
            run = nil
            gap = 0
        }
        var index = 0
        while index < lines.count {
            let line = lines[index]
            if line.pageBreak {
                block += 1
                if run != nil && run!.slots.isEmpty { closeRun() } else { gap = 0 }
            }
            switch line.kind {
            case .empty:
                // Without double spacing, an empty line ends the run (a row's cells follow each other).
                if doubleSpacedAt(index) { gap += 1 } else if run != nil { closeRun() }
            case .page, .rule, .prose:
                break
            case .blankCell:
                if run == nil { run = Segment(firstLine: index, lastLine: index, block: block); gap = 0 }
                flushGapInto(&run!, line: index)
                run!.slots.append(blank(at: index, weak: false))
                run!.lastLine = index
            case .content:
                // The segments of this line.
                let these = byLine[index] ?? []
                let isSingleValue = these.count == 1 && these[0].pieces.isEmpty && these[0].slots.count == 1 && these[0].glued == nil
                if isSingleValue {
                    if run == nil { run = Segment(firstLine: index, lastLine: index, block: block); gap = 0 }
                    flushGapInto(&run!, line: index)
                    run!.slots.append(these[0].slots[0])
                    run!.lastLine = index
                } else {
                    // A label line: it closes the run before it, and a run after it starts with its gap.
                    if let last = these.last, last.pieces.count > 0 && !last.hasValues || these.isEmpty {
                        closeRun(atLabel: true)
                        out += these
                        run = Segment(firstLine: index + 1, lastLine: index, block: block)
                        run!.shape = .vertical
                        gap = 0
                    } else {
                        closeRun()
                        out += these
                    }
                }
            }
            index += 1
        }
        closeRun()
        // Runs opened after a label but holding nothing are dropped.
        return out.filter { !($0.shape == .vertical && $0.slots.isEmpty && $0.pieces.isEmpty) }
    }
}
