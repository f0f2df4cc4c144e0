/// How a cell's value was placed: the evidence behind it, stored with the cell.
public enum CellVia: String, Sendable, Codable, CaseIterable {
    /// In the order the text prints it, its cells separated explicitly or all printed.
    case printed
    /// By its position under the table's columns (layout text, a header, a grid).
    case position
    /// By the table's arithmetic: digits run together split, a lost or unplaced cell settled by an identity.
    case arithmetic
    /// By the form's order, values printed one per line apart from their labels (pdftotext's default output).
    case order
    /// By the same agency's report for a neighbouring year.
    case crossYear = "cross_year"
    /// Not placed (missing or ambiguous).
    case none
}

/// One cell of a reading: a value, a printed blank, or not known.
public enum Reading: Equatable, Hashable, Sendable {
    case value(Double)
    case blank
    case unknown

    var number: Double? { if case .value(let v) = self { return v } else { return nil } }
}

/// The readings a printed row admits, one per way its values can be placed in its cells.
struct RowReadings {
    var readings: [[Reading]]
    var via: CellVia
    /// False when a search ran out of budget: the readings are then incomplete and settle nothing.
    var complete = true
    /// Why the row could not be read, for the finding.
    var doubt: String?
    /// What was printed, for findings: the slots (spelt out only when a finding needs them), or a text.
    enum Printed {
        case slots([Slot])
        case text(String)
    }
    var source: Printed = .text("")

    var printed: String {
        switch source {
        case .text(let text): return text
        case .slots(let slots): return slots.map { $0.isBlank ? "_" : String(scalars: $0.text) }.joined(separator: " ")
        }
    }
    /// Other placements the text allows (values printed one per line with their empty cells shown only by spacing),
    /// tried when the first reading breaks the table's identities.
    var alternatives: [[Reading]] = []
    /// Cells read as blank because nothing stands in their column (spaced text): kept only if the arithmetic agrees.
    var absent: Set<Int> = []
    /// Digits run together that add up under no split: a reading is kept only where the table's other identities
    /// bear it out (the row's own total is then the agency's error, or the text's).
    var ownTotalBroken = false
}

/// Where a table's columns stand: one coordinate (a cell index, or a character or display column) and the centre
/// of each column on it, learnt from the rows that print every cell or from the header's words.
struct Anchors {
    enum Coordinate: CaseIterable {
        case cell, cellFromEnd, charStart, charEnd, charCenter, widthStart, widthEnd, widthCenter
    }
    var coordinate: Coordinate
    var centers: [Double]
    /// How far a value may stand from its column's centre: the observed spread, at least half a column.
    var spread: [Double]
    /// Learnt from a header's words, not from values: a value must stand plainly under one.
    var fromHeader = false

    static func position(_ s: Span, _ c: Coordinate, cells: Int) -> Double {
        switch c {
        case .cell: return Double(s.cell)
        case .cellFromEnd: return Double(s.cell - cells)
        case .charStart: return Double(s.start)
        case .charEnd: return Double(s.end)
        case .charCenter: return Double(s.start + s.end) / 2
        case .widthStart: return Double(s.wstart)
        case .widthEnd: return Double(s.wend)
        case .widthCenter: return Double(s.wstart + s.wend) / 2
        }
    }

    static func position(_ s: Slot, _ c: Coordinate) -> Double {
        position(Span(start: s.start, end: s.end, wstart: s.wstart, wend: s.wend, cell: s.cell), c, cells: s.cells)
    }

    /// Anchors from rows that print a number in each of their `width` cells: for each coordinate, the median position of each column,
    /// kept when the columns stand apart by more than their spread; the coordinate that separates them best wins.
    static func learn(from rows: [[Slot]], width: Int, delimited: Bool) -> Anchors? {
        // Rows printing a number in every cell (empty cells around them are other columns).
        let full = rows.map { $0.filter { !$0.isBlank } }.filter { $0.count == width }
        guard !full.isEmpty, width > 1 else { return nil }
        let coordinates: [Coordinate] = delimited ? [.cell, .cellFromEnd, .widthStart, .widthEnd, .widthCenter]
            : [.charStart, .charEnd, .charCenter, .widthStart, .widthEnd, .widthCenter]
        var best: (anchors: Anchors, quality: Double)?
        for c in coordinates {
            var centers: [Double] = [], spread: [Double] = []
            for column in 0..<width {
                let xs = full.map { position($0[column], c) }.sorted()
                let median = xs[xs.count / 2]
                centers.append(median)
                spread.append(xs.map { abs($0 - median) }.max() ?? 0)
            }
            guard zip(centers, centers.dropFirst()).allSatisfy({ $0 < $1 }) else { continue }
            // Every value of those rows must stand nearer its own column's centre than any other: the margin, over
            // the column gap, measures how plainly.
            var quality = Double.infinity
            for row in full {
                for (column, slot) in row.enumerated() {
                    let x = position(slot, c)
                    let own = abs(x - centers[column])
                    let other = centers.indices.filter { $0 != column }.map { abs(x - centers[$0]) }.min() ?? .infinity
                    let gap = column + 1 < width ? centers[column + 1] - centers[column] : centers[column] - centers[column - 1]
                    quality = min(quality, (other - own) / max(gap, 1e-9))
                }
            }
            guard quality > 0.1 else { continue }
            if best == nil || quality > best!.quality + 1e-9 {
                best = (Anchors(coordinate: c, centers: centers, spread: spread), quality)
            }
        }
        return best?.anchors
    }

    /// The columns a position may belong to: the nearest, and its neighbour too when the position stands about
    /// as close to it.
    func columns(for x: Double) -> [Int] {
        var order = centers.indices.sorted { abs(centers[$0] - x) < abs(centers[$1] - x) }
        guard let nearest = order.first else { return [] }
        let d1 = abs(centers[nearest] - x)
        // Cells counted by index stand exactly under their column; positions in a line within about a column.
        if coordinate == .cell || coordinate == .cellFromEnd { return d1 < 0.5 ? [nearest] : [] }
        let width = centers.count > 1 ? (centers[centers.count - 1] - centers[0]) / Double(centers.count - 1) : 1
        if d1 > max(width, spread[nearest] + 1) * 1.2 { return [] }
        order.removeFirst()
        guard let second = order.first else { return [nearest] }
        let d2 = abs(centers[second] - x)
        if fromHeader {
            // Headers wrap and shift in conversion: a value well within its column and plainly nearer to it.
            let local = abs(centers[second] - centers[nearest])
            return d1 <= max(1, local * 0.45) && d2 - d1 >= max(0.75, local * 0.2) ? [nearest] : [nearest, second].sorted()
        }
        if d1 <= spread[nearest] + 0.01 && d2 > spread[second] + 0.5 { return [nearest] }
        if d2 - d1 < max(0.75, 0.2 * abs(centers[second] - centers[nearest])) { return [nearest, second].sorted() }
        return [nearest]
    }
}

enum Placement {
    /// The readings of one printed row of `width` cells from its segments.
    ///
    /// - exactly `width` slots (explicit blanks counted), or `width` numbers in text that shows no blanks: in order;
    /// - otherwise by position under `anchors`: each value to the column it stands under; a column left without a
    ///   value is blank where the table leaves cells blank (`blanksAbsent`), else not known;
    /// - a row with explicit separators that prints fewer cells than it has lost some: see `lostCells`.
    static func read(_ segments: [Segment], width: Int, anchors: Anchors?, blanksAbsent: Bool, rowTotal: Bool) -> RowReadings {
        let slots = segments.flatMap(\.slots)
        let printed = RowReadings.Printed.slots(slots)
        let numbers = slots.filter { !$0.isBlank }
        func inOrder(_ list: [Slot]) -> [Reading] { list.map(\.reading) }
        func byPosition(_ absent: Reading) -> RowReadings? {
            guard let anchors, anchors.centers.count == width, !slots.isEmpty else { return nil }
            let placed = Self.byPosition(slots, anchors: anchors, width: width, absent: .unknown)
            guard !placed.isEmpty else { return nil }
            // The columns no value or printed blank stands under, in every placement.
            let empty = Set((0..<width).filter { c in placed.allSatisfy { $0[c] == .unknown } })
            let readings = Array(Set(placed.map { $0.map { $0 == .unknown ? absent : $0 } })).sorted { $0.description < $1.description }
            var read = RowReadings(readings: readings, via: .position, source: printed)
            if absent == .blank && segments.contains(where: { $0.shape == .spaced }) { read.absent = empty }
            return read
        }
        let doubt = slots.count < width ? "应有\(width)个数值，只读到\(slots.count)个，无法确定位置"
            : "数值多于栏目数（\(slots.count)个，应有\(width)个），无法确定位置"
        if segments.allSatisfy({ $0.shape != .spaced }) {
            // Cells separated explicitly (or one per line): an empty cell is printed, so the count tells.
            if slots.count == width {
                var read = RowReadings(readings: [inOrder(slots)], via: .printed, source: printed)
                if slots.contains(where: \.weak) { read.alternatives = monotone(slots.filter { !$0.weak }.map(\.reading), width: width) }
                return read
            }
            if slots.count < width && !segments.allSatisfy(\.grid) {
                // Cells lost in copying a row whose cells the text separates: where they stood, it does not say.
                if rowTotal && segments.allSatisfy({ $0.shape == .delimited }) { return lostCells(slots, width: width, printed: printed) }
                return RowReadings(readings: [], via: .none, doubt: doubt, source: printed)
            }
            if let read = byPosition(.blank) { return read }
            if anchors == nil && numbers.count == width && (numbers.allSatisfy { $0.cell < 0 } || Set(numbers.map(\.cell)).count == width) {
                // Every cell holds a number: the empty cells between them are spacing columns. (Two numbers in one
                // cell of a grid are no row of this table printed whole: which of the cells they belong to, it does
                // not say.)
                return RowReadings(readings: [inOrder(numbers)], via: .printed, source: printed)
            }
            if anchors == nil && slots.count > width && slots.prefix(slots.count - width).allSatisfy(\.isBlank) && slots.suffix(width).allSatisfy({ !$0.isBlank }) {
                // Empty cells between the label and the values: label columns (the values fill every cell after them).
                return RowReadings(readings: [inOrder(Array(slots.suffix(width)))], via: .printed, source: printed)
            }
            return RowReadings(readings: [], via: .none, doubt: doubt, source: printed)
        }
        // Values separated by spaces: an empty cell shows only as a gap.
        if segments.count == 1 && slots.count == width {
            return RowReadings(readings: [inOrder(slots)], via: .printed, source: printed)
        }
        if let read = byPosition(blanksAbsent ? .blank : .unknown) { return read }
        if segments.count > 1 && slots.count == width {
            // A row printed over lines: its values in the order they stand across the line, if none stand above another.
            let ordered = slots.sorted { $0.start < $1.start }
            if zip(ordered, ordered.dropFirst()).allSatisfy({ $0.end <= $1.start }) {
                // Where the order across the line is not the order of reading (text that keeps no columns, as
                // pdftotext's `-raw`), either may be the row's: the identities choose, else the row stays open.
                let readings = Array(Set([inOrder(ordered), inOrder(slots)])).sorted { $0.description < $1.description }
                return RowReadings(readings: readings, via: readings.count > 1 ? .arithmetic : .position, source: printed)
            }
        }
        return RowReadings(readings: [], via: .none, doubt: doubt, source: printed)
    }

    /// Every placement of the values in order into `width` cells, the other cells blank.
    static func monotone(_ values: [Reading], width: Int) -> [[Reading]] {
        guard values.count <= width else { return [] }
        var out: [[Reading]] = []
        var current = Array(repeating: Reading.blank, count: width)
        func visit(_ i: Int, from: Int) {
            if i == values.count { out.append(current); return }
            guard from < width else { return }
            for c in from...(width - (values.count - i)) {
                current[c] = values[i]
                visit(i + 1, from: c + 1)
                current[c] = .blank
            }
        }
        visit(0, from: 0)
        return out
    }

    /// Every placement of the slots under the columns, in order, each under a column it may stand under.
    static func byPosition(_ slots: [Slot], anchors: Anchors, width: Int, absent: Reading) -> [[Reading]] {
        let choices = slots.map { anchors.columns(for: Anchors.position($0, anchors.coordinate)) }
        var out: [[Reading]] = []
        var current = Array(repeating: absent, count: width)
        func visit(_ i: Int, after: Int) {
            if out.count > 64 { return }
            if i == slots.count { out.append(current); return }
            let slot = slots[i]
            // A blank outside every column is no cell of this table.
            if choices[i].isEmpty {
                if slot.isBlank { visit(i + 1, after: after) }
                return
            }
            for c in choices[i] where c > after {
                let saved = current[c]
                current[c] = slot.reading
                visit(i + 1, after: c)
                current[c] = saved
            }
            // An empty cell may be a label column or padding rather than one of the row's cells; a printed mark
            // (`/`, `—`) is a cell.
            if slot.isBlank && slot.text.isEmpty { visit(i + 1, after: after) }
        }
        visit(0, after: -1)
        return Array(Set(out)).sorted { $0.description < $1.description }
    }

    /// A row printed with explicit separators but fewer cells than the form has lost cells in copying. A 表三 row
    /// short of one cell is completed by its row total, with the lost cell at each position in turn; every reading
    /// whose cells are not negative is kept.
    static func lostCells(_ slots: [Slot], width: Int, printed: RowReadings.Printed) -> RowReadings {
        let values = slots.map { $0.value }
        guard width == 7, values.count == 6, values.allSatisfy({ $0 != nil }) else {
            return RowReadings(readings: [], via: .none, doubt: "应有\(width)个数值，只读到\(slots.count)个，无法确定位置", source: printed)
        }
        let numbers = values.map { $0! }
        var readings: [[Reading]] = []
        for lost in 0..<7 {
            var full = numbers
            if lost == 6 {
                full.append(numbers.reduce(0, +))
            } else {
                full.insert(numbers[5] - numbers.prefix(5).reduce(0, +), at: lost)
            }
            let reading = full.map(Reading.value)
            if full.allSatisfy({ $0 >= 0 }) && !readings.contains(reading) { readings.append(reading) }
        }
        if readings.isEmpty {
            return RowReadings(readings: [], via: .none, doubt: "只读到6个数值，按行合计补全的各种读法都不成立", source: printed)
        }
        return RowReadings(readings: readings, via: .arithmetic, doubt: "只印出6个数值，缺失一格，按行合计补全", source: printed)
    }
}

extension Reading: CustomStringConvertible {
    public var description: String {
        switch self {
        case .value(let v): return formatNumber(v)
        case .blank: return "—"
        case .unknown: return "?"
        }
    }
}
