/// Which segments print which row of a form table.
///
/// The rows come in the form's order, each named by a label that may sit on its values' line, wrap over the lines
/// above or below them, or share a line with a group label. First each row's label is found as a window of lines:
/// a piece of text that names the row (alone, or run together with the next piece), extended down over the pieces
/// after it that name no row (its wrapped rest, its numbering). Then value segments are given to rows,
/// in the form's order, by how close they stand to the rows' labels (on them; a line or two below, as a label
/// printed above its values; a line or two above): a dynamic programme over (segment, row). A value segment is given
/// to a row only on the evidence of a label; values no label names stay unread.
///
///     let assignment = Alignment.align(segments, table: Form.table(.t3, template: .t2021))
///     assignment.rows[0]  // the segments of 本年新收
struct Alignment {
    /// Per form row, the indices (into the segments) of the value segments that print it.
    var rows: [[Int]]
    var score: Double

    /// Per value segment, how well each row's label stands by it, and whether it names the row on its own line.
    struct Evidence {
        var rows: [Double]
        var own: [Double]
    }

    /// Where a row's label stands: its lines, and how well it names the row.
    struct Window {
        var first: Int, last: Int
        var score: Double
        /// The segments whose pieces the window holds.
        var segments: ClosedRange<Int>
    }

    static let threshold = 0.5
    /// How far (in lines) a label may stand from its values, or run on over lines.
    static let reach = 3

    /// `byWidth`: the text lines its columns up by display column (else by character).
    static func align(_ segments: [Segment], table: Form.Table, byWidth: Bool = false) -> Alignment {
        let values = segments.indices.filter { segments[$0].hasValues }
        let rows = table.rows
        guard !values.isEmpty, !rows.isEmpty, !rows[0].label.isEmpty else {
            return Alignment(rows: Array(repeating: [], count: rows.count), score: 0)
        }
        let matcher = Matcher(rows: rows, segments: segments, header: table.id == .t3 ? Form.t3ColumnWords.flatMap(\.words) + Form.t4HeaderWords : [])
        let windows = labelWindows(segments, rows: rows, matcher: matcher)
        var valuesOnLine: [Int: Int] = [:]
        for v in values { valuesOnLine[segments[v].firstLine, default: 0] += 1 }
        let evidence = values.map { v in
            let segment = segments[v]
            let crowded = (valuesOnLine[segment.firstLine] ?? 0) > 1
            var e = Evidence(rows: rows.indices.map { j in windows[j].reduce(0) { max($0, $1.score * proximity($1, segment, index: v, crowded: crowded)) } },
                             own: matcher.scores(segment: v, segments))
            // Digits run on from a label text naming several rows (`…(六)其他处理(七)总计60710 77`): they are the
            // values of the row named last, right before them.
            if segments[v].glued != nil, let last = segments[v].pieces.last, let named = namedLast(last, rows: rows) {
                for j in rows.indices where !named.contains(j) && e.own[j] > 0 { e.own[j] = 0; e.rows[j] = 0 }
                for j in named { e.own[j] = max(e.own[j], 0.9); e.rows[j] = max(e.rows[j], 0.9) }
            }
            return e
        }
        let names = segments.indices.map { i -> [Bool] in
            segments[i].pieces.isEmpty ? Array(repeating: false, count: rows.count) : matcher.scores(segment: i, segments).map { $0 >= 0.9 }
        }
        return solve(values: values, evidence: evidence, segments: segments, rows: rows, byWidth: byWidth, names: names)
    }

    /// The rows a label text names at its very end, when it names more than one: those whose label (or a word of it)
    /// ends last in the text; nil when the text names one row or none.
    static func namedLast(_ piece: [Unicode.Scalar], rows: [Form.Row]) -> Set<Int>? {
        let text = piece[...]
        var ends: [(row: Int, end: Int)] = []
        for (j, row) in rows.enumerated() {
            var end: Int?
            if row.whole {
                // A label matched only whole (`总计`): at the end of the text, after its numbering (`(七)总计`).
                if ([row.label] + row.words).contains(where: { !$0.isEmpty && text.count >= $0.count && text.suffix($0.count).elementsEqual($0) }) {
                    end = text.endIndex
                }
            } else {
                for needle in [row.label] + row.words where !needle.isEmpty {
                    if let e = TableText.lastEnd(text, needle) { end = max(end ?? e, e) }
                }
            }
            if let end { ends.append((j, end)) }
        }
        guard Set(ends.map(\.row)).count > 1, let latest = ends.map(\.end).max() else { return nil }
        return Set(ends.filter { $0.end == latest }.map(\.row))
    }

    /// How well label texts name each row (`Form.Row.match`), each piece of each segment matched once.
    struct Matcher {
        var rows: [Form.Row]
        /// Per segment, per piece, per row.
        var pieces: [[[Double]]] = []

        /// `header`: the words of the table's column headers. A run of pieces that are each such a word, at most two
        /// lines apart, naming three columns or more, is the header (自然人 商业企业 … 总计, one per line in some
        /// text): its `总计` names the column, not the row （七）总计. (表四's header words count too: 表三's text runs on
        /// into 表四 where a converter lost the heading between them.)
        init(rows: [Form.Row], segments: [Segment] = [], header: [[Unicode.Scalar]] = []) {
            self.rows = rows
            pieces = segments.map { $0.pieces.map { scores($0) } }
            guard !header.isEmpty else { return }
            var run: [(segment: Int, piece: Int, word: Int)] = []
            var lastLine = 0
            func close() {
                if Set(run.map(\.word)).count >= 3 {
                    for r in run { pieces[r.segment][r.piece] = Array(repeating: 0, count: rows.count) }
                }
                run = []
            }
            for (i, segment) in segments.enumerated() {
                for (k, piece) in segment.pieces.enumerated() {
                    let text = TableText.stripNumbering(piece[...])
                    guard let word = header.firstIndex(where: { $0.elementsEqual(text) }) else { close(); continue }
                    if !run.isEmpty && segment.firstLine - lastLine > 2 { close() }
                    run.append((i, k, word))
                    lastLine = segment.firstLine
                }
            }
            close()
        }

        /// Per row, how well one text names it.
        func scores(_ text: [Unicode.Scalar]) -> [Double] {
            let stripped = TableText.stripNumbering(text[...])
            let bloom = TableText.bloom(stripped)
            return rows.map { $0.match(stripped: stripped, bloom: bloom) }
        }

        /// Per row, how well a segment's pieces name it: each piece, and (for a row not named by a whole label) the
        /// pieces run together.
        func scores(segment: Int, _ segments: [Segment]) -> [Double] {
            let own = pieces[segment]
            guard var best = own.first else { return Array(repeating: 0, count: rows.count) }
            for piece in own.dropFirst() { for (j, v) in piece.enumerated() where v > best[j] { best[j] = v } }
            if own.count > 1 {
                for (j, v) in scores(Array(segments[segment].pieces.joined())).enumerated() where !rows[j].whole && v > best[j] { best[j] = v }
            }
            return best
        }
    }

    /// How near a label window stands to a value segment: on its lines 1; a label above its values a little less for
    /// each line between; below them, less again.
    static func proximity(_ w: Window, _ s: Segment, index: Int, crowded: Bool) -> Double {
        if w.segments.contains(index) { return 1 }
        // A line holding several rows (a table run together on one line): only a row's own label names it.
        if crowded { return 0 }
        if w.first <= s.lastLine && s.firstLine <= w.last { return 1 }
        if w.last < s.firstLine {
            let d = s.firstLine - w.last
            return d <= reach ? 0.95 - 0.15 * Double(d) : 0
        }
        // Values printed one per line follow their label: a label below them is another row's.
        if s.shape == .vertical { return 0 }
        let d = w.first - s.lastLine
        return d <= reach ? 0.8 - 0.15 * Double(d) : 0
    }

    /// Every window where a row's label stands.
    static func labelWindows(_ segments: [Segment], rows: [Form.Row], matcher: Matcher) -> [[Window]] {
        // Pieces of rows whose cells are separated explicitly are whole labels: they never run on over lines.
        var pieces: [(text: [Unicode.Scalar], line: Int, spaced: Bool, segment: Int)] = []
        var scores: [[Double]] = []
        for (i, s) in segments.enumerated() {
            for (k, p) in s.pieces.enumerated() {
                pieces.append((p, s.firstLine, s.shape != .delimited, i))
                scores.append(matcher.pieces[i][k])
            }
        }
        let strong: [[Int]] = scores.map { row in row.indices.filter { row[$0] >= 0.9 } }
        var windows = Array(repeating: [Window](), count: rows.count)
        func extend(_ from: Int, _ to: Int, _ j: Int, _ score: Double) {
            let lo = from
            var hi = to
            if pieces[from].spaced && pieces[to].spaced {
                while hi + 1 < pieces.count, strong[hi + 1].isEmpty, pieces[hi + 1].spaced, pieces[hi + 1].line - pieces[hi].line <= 2,
                      pieces[hi + 1].line - pieces[to].line <= reach { hi += 1 }
            }
            windows[j].append(Window(first: pieces[lo].line, last: pieces[hi].line, score: score,
                                     segments: pieces[lo].segment...pieces[hi].segment))
        }
        for (k, piece) in pieces.enumerated() {
            for j in strong[k] { extend(k, k, j, scores[k][j]) }
            // A label wrapped between two pieces, neither naming the row alone (`2.其他法` / `律行政法规禁止公开`).
            guard k + 1 < pieces.count, pieces[k + 1].line - piece.line <= 2 else { continue }
            let joined = matcher.scores(piece.text + pieces[k + 1].text)
            for j in rows.indices where !rows[j].whole && joined[j] >= 0.9 && scores[k][j] < 0.9 && scores[k + 1][j] < 0.9 {
                extend(k, k + 1, j, joined[j])
            }
            // Wrapped over three or four lines of a narrow column, its numbering in a column of its own beside them
            // (`要求提供公` / `3.` / `开出版物`): the pieces run together, the numbering left out. Short pieces only,
            // none naming another row, none after the first starting a label of its own (`1.属于国家秘密`).
            func continues(_ text: [Unicode.Scalar]) -> Bool {
                let stripped = TableText.stripNumbering(text[...])
                return stripped.isEmpty || stripped.count == text.count
            }
            guard piece.spaced, piece.text.count <= 8 else { continue }
            var text = TableText.stripNumbering(piece.text[...]).isEmpty ? [] : piece.text
            var last = k
            while last + 1 < pieces.count, last + 1 - k <= 3, pieces[last + 1].spaced, pieces[last + 1].text.count <= 8,
                  pieces[last + 1].line - pieces[last].line <= 2, continues(pieces[last + 1].text) {
                last += 1
                if !TableText.stripNumbering(pieces[last].text[...]).isEmpty { text += pieces[last].text }
                guard last >= k + 2 else { continue }
                let run = matcher.scores(text)
                for j in rows.indices where !rows[j].whole && run[j] >= 0.9 && !(k...last).contains(where: { strong[$0].contains { $0 != j } }) {
                    extend(k, last, j, run[j])
                }
            }
        }
        return windows
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

    /// Two lines print a value under the same column (by character or display position).
    static func sharesAColumn(_ a: [Slot], _ b: [Slot], byWidth: Bool) -> Bool {
        for x in a where !x.isBlank {
            for y in b where !y.isBlank {
                let d = byWidth ? abs(Double(x.wstart + x.wend) - Double(y.wstart + y.wend)) : abs(Double(x.start + x.end) - Double(y.start + y.end))
                if d / 2 <= 1 { return true }
            }
        }
        return false
    }

    /// The evidence that segments `from..<to` (positions among the value segments) print row `j`.
    static func groupScore(_ from: Int, _ to: Int, _ j: Int, evidence: [Evidence]) -> Double {
        (from..<to).reduce(0) { max($0, evidence[$1].rows[j]) }
    }

    static func solve(values: [Int], evidence: [Evidence], segments: [Segment], rows: [Form.Row], byWidth: Bool,
                      names: [[Bool]]) -> Alignment {
        let m = values.count, n = rows.count
        let none = -Double.infinity
        // What the search asks of each value segment, once: its counts, whether it may join others, the rows its
        // own label names (as bits), and the rows each segment names.
        let numbersAt = values.map { segments[$0].numbers }, slotsAt = values.map { segments[$0].slots.count }
        let gluedAt = values.map { segments[$0].glued != nil }
        let solid = values.map { segments[$0].glued != nil || segments[$0].shape == .vertical }
        func mask(_ flags: [Bool]) -> UInt64 {
            var bits: UInt64 = 0
            for (j, named) in flags.enumerated() where named && j < 64 { bits |= 1 << UInt64(j) }
            return bits
        }
        let ownMask = evidence.map { e in mask(e.own.map { $0 >= 0.9 }) }
        let nameMask = names.map(mask)
        // The table of best scores and its back pointers, (p, j) at p * (n + 1) + j.
        let width = n + 1
        var best = Array(repeating: none, count: (m + 1) * width)
        // Back pointers: (previous p, previous j, group size; 0 = a skip).
        var back = Array(repeating: (p: -1, j: -1, take: 0), count: (m + 1) * width)
        best[0] = 0
        for p in 0...m {
            for j in 0...n {
                let here = best[p * width + j]
                guard here > none else { continue }
                if p < m, here - 0.02 > best[(p + 1) * width + j] {
                    best[(p + 1) * width + j] = here - 0.02
                    back[(p + 1) * width + j] = (p, j, 0)
                }
                if j < n, here > best[p * width + j + 1] {
                    best[p * width + j + 1] = here
                    back[p * width + j + 1] = (p, j, 0)
                }
                guard p < m, j < n else { continue }
                var numbers = 0, slots = 0
                let others = ~(UInt64(1) << UInt64(j))
                for t in 1...3 where p + t <= m {
                    let q = p + t - 1
                    if t > 1 {
                        // A row printed one cell per line is one run; runs are never joined (they are columns of
                        // rows printed column by column, in pdftotext's default output).
                        if solid[q] || solid[p] { break }
                        // A row's values printed over several lines stand close together, under different columns,
                        // with no other row named between.
                        let previous = values[q - 1], next = values[q]
                        if segments[next].firstLine > segments[previous].lastLine + reach { break }
                        if ownMask[q] & others != 0 { break }
                        if ((previous + 1)..<next).contains(where: { nameMask[$0] & others != 0 }) { break }
                        if (p..<q).contains(where: { sharesAColumn(segments[values[$0]].slots, segments[next].slots, byWidth: byWidth) }) { break }
                    }
                    numbers += numbersAt[q]
                    slots += slotsAt[q]
                    if numbers > rows[j].width { break }
                    let s = groupScore(p, p + t, j, evidence: evidence)
                    guard s >= threshold else { continue }
                    var fit = 0.0
                    // A row of empty cells fits only a row its own label names (else it is a header's padding).
                    let printsSomething = numbers > 0 || evidence[q].own[j] > 0
                    if gluedAt[q] || numbers == rows[j].width || slots == rows[j].width && printsSomething { fit = 0.3 }
                    let total = here + s + fit - 0.15 * Double(t - 1)
                    if total > best[(p + t) * width + j + 1] {
                        best[(p + t) * width + j + 1] = total
                        back[(p + t) * width + j + 1] = (p, j, t)
                    }
                }
            }
        }
        var assigned = Array(repeating: [Int](), count: n)
        var p = m, j = n
        while p > 0 || j > 0 {
            let step = back[p * width + j]
            if step.p < 0 { break }
            if step.take > 0 {
                assigned[step.j] = (step.p..<(step.p + step.take)).map { values[$0] }
            }
            (p, j) = (step.p, step.j)
        }
        // A run of values whose label could as well be the one below it, of a row left without values, is not
        // placed: either reading fits the text equally (values printed before their label, as pdftotext's default
        // output sometimes does), and a guess would be a silent error.
        let placed = assigned.enumerated().filter { !$0.element.isEmpty }.map(\.offset)
        for (k, j) in placed.enumerated() where assigned[j].count == 1 {
            guard let p = values.firstIndex(of: assigned[j][0]) else { continue }
            let lower = k > 0 ? placed[k - 1] + 1 : 0, upper = k + 1 < placed.count ? placed[k + 1] : n
            let own = evidence[p].rows[j]
            if (lower..<upper).contains(where: { $0 != j && assigned[$0].isEmpty && evidence[p].rows[$0] >= threshold
                && evidence[p].rows[$0] >= own - 0.15 - 1e-9 && evidence[p].own[$0] < 0.9 && evidence[p].own[j] < 0.9 }) {
                assigned[j] = []
            }
        }
        return Alignment(rows: assigned, score: best[m * width + n])
    }
}
