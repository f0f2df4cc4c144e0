/// Which segments print which row of a form table.
///
/// The rows come in the form's order, each named by a label that may sit on its values' line, wrap over the lines
/// above or below them, or share a line with a group label. The alignment assigns runs of value segments to rows,
/// in order, so that the labels near them name those rows as well as possible: a dynamic programme over (segment,
/// row). A value segment is given to a row only on the evidence of a label; values no label names stay unread.
///
///     let assignment = Alignment.align(segments, table: Form.table(.t3, template: .t2021))
///     assignment.rows[0]  // the segments of 本年新收
struct Alignment {
    /// Per form row, the indices (into the segments) of the value segments that print it.
    var rows: [[Int]]
    var score: Double

    /// The label evidence for a row near one value segment: on its own line, in the labels just above, just below.
    struct Evidence {
        var own: [Double]
        var above: [Double]
        var below: [Double]
    }

    static let threshold = 0.5

    static func align(_ segments: [Segment], table: Form.Table) -> Alignment {
        let values = segments.indices.filter { segments[$0].hasValues }
        let rows = table.rows
        guard !values.isEmpty, !rows.isEmpty, !rows[0].label.isEmpty else {
            return Alignment(rows: Array(repeating: [], count: rows.count), score: 0)
        }
        let evidence = values.indices.map { p in Self.evidence(p, values: values, segments: segments, rows: rows) }
        return solve(values: values, evidence: evidence, segments: segments, rows: rows)
    }

    /// A label text to match: its pieces and, when there are several, the pieces run together (a label wrapped over
    /// lines, or printed beside its group's label).
    struct Label {
        var pieces: [[Unicode.Scalar]]
        var joined: [Unicode.Scalar]?

        init(_ pieces: [[Unicode.Scalar]]) {
            self.pieces = pieces
            joined = pieces.count > 1 ? Array(pieces.joined()) : nil
        }

        func score(_ row: Form.Row) -> Double {
            var best = 0.0
            for piece in pieces { best = max(best, row.match(piece[...])); if best == 1 { return 1 } }
            if !row.whole, let joined { best = max(best, row.match(joined[...])) }
            return best
        }
    }

    static func evidence(_ p: Int, values: [Int], segments: [Segment], rows: [Form.Row]) -> Evidence {
        let index = values[p]
        let lower = p > 0 ? values[p - 1] + 1 : 0
        let upper = p + 1 < values.count ? values[p + 1] : segments.count
        let own = segments[index].pieces
        let above = segments[lower..<index].flatMap(\.pieces)
        let below = segments[(index + 1)..<upper].flatMap(\.pieces)
        let ownLabel = Label(own)
        let aboveLabels = above.isEmpty ? [] : [Label(above), Label(above + own)]
        let belowLabels = below.isEmpty ? [] : [Label(below), Label(own + below)]
        return Evidence(
            own: own.isEmpty ? Array(repeating: 0, count: rows.count) : rows.map { ownLabel.score($0) },
            above: rows.map { row in aboveLabels.reduce(0) { max($0, $1.score(row)) } },
            below: rows.map { row in belowLabels.reduce(0) { max($0, $1.score(row)) } })
    }

    /// The evidence that segments `from..<to` (positions among the value segments) print row `j`.
    static func groupScore(_ from: Int, _ to: Int, _ j: Int, evidence: [Evidence]) -> Double {
        var best = 0.0
        for p in from..<to {
            best = max(best, evidence[p].own[j])
            if p == from { best = max(best, evidence[p].above[j] * 0.85) } else { best = max(best, evidence[p].above[j] * 0.9) }
            if p == to - 1 { best = max(best, evidence[p].below[j] * 0.7) }
        }
        return best
    }

    static func solve(values: [Int], evidence: [Evidence], segments: [Segment], rows: [Form.Row]) -> Alignment {
        let m = values.count, n = rows.count
        let none = -Double.infinity
        var best = Array(repeating: Array(repeating: none, count: n + 1), count: m + 1)
        // Back pointers: (previous p, previous j, group size; 0 = a skip).
        var back = Array(repeating: Array(repeating: (p: -1, j: -1, take: 0), count: n + 1), count: m + 1)
        best[0][0] = 0
        for p in 0...m {
            for j in 0...n {
                let here = best[p][j]
                guard here > none else { continue }
                if p < m, here - 0.02 > best[p + 1][j] {
                    best[p + 1][j] = here - 0.02
                    back[p + 1][j] = (p, j, 0)
                }
                if j < n, here > best[p][j + 1] {
                    best[p][j + 1] = here
                    back[p][j + 1] = (p, j, 0)
                }
                guard p < m, j < n else { continue }
                var numbers = 0, slots = 0
                for t in 1...3 where p + t <= m {
                    let segment = segments[values[p + t - 1]]
                    // A row printed one cell per line is one run; runs are never joined (they are columns of
                    // rows printed column by column, in pdftotext's default output).
                    if t > 1 && (segment.glued != nil || segments[values[p]].glued != nil || segment.shape == .vertical
                                 || segments[values[p]].shape == .vertical) { break }
                    numbers += segment.numbers
                    slots += segment.slots.count
                    if numbers > rows[j].width { break }
                    let s = groupScore(p, p + t, j, evidence: evidence)
                    guard s >= threshold else { continue }
                    var fit = 0.0
                    if segment.glued != nil || slots == rows[j].width || numbers == rows[j].width { fit = 0.3 }
                    let total = here + s + fit - 0.15 * Double(t - 1)
                    if total > best[p + t][j + 1] {
                        best[p + t][j + 1] = total
                        back[p + t][j + 1] = (p, j, t)
                    }
                }
            }
        }
        var assigned = Array(repeating: [Int](), count: n)
        var p = m, j = n
        while p > 0 || j > 0 {
            let step = back[p][j]
            if step.p < 0 { break }
            if step.take > 0 {
                assigned[step.j] = (step.p..<(step.p + step.take)).map { values[$0] }
            }
            (p, j) = (step.p, step.j)
        }
        return Alignment(rows: assigned, score: best[m][n])
    }
}
