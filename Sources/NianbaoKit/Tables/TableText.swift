/// A table's text as lines of tokens, whatever flattening it came in: labels, numbers, explicit blanks and digits run
/// together, each with where it stood (its character offset and display column in the line, or its cell when the
/// line has explicit separators), and each line marked as content, an empty or blank-cell line, a rule or a page
/// marker. It knows nothing of the forms; `TableReader` reads the forms out of it. Pure.
///
///     let text = TableText(lines: ["规章 | 0 | 1 | 2 |"])
///     text.lines[0].tokens.map(\.kind)  // [.text, .number, .number, .number]
struct TableText {
    struct Token {
        enum Kind: UInt8 { case text, number, blank, glued }
        var kind: Kind
        var text: [Unicode.Scalar]
        /// The number, for `.number` (in the printed unit).
        var reading: CellReading?
        /// Offsets in the line: scalars, and display columns (a wide character counts two).
        var start: Int, end: Int
        var wstart: Int, wend: Int
        /// The cell of a line with explicit separators (`|`, `│`, a tab, a grid), else -1.
        var cell: Int = -1
        /// A label's words as printed (it may join words printed a space apart): length and offsets of each.
        var words: [Word] = []
    }

    struct Word {
        var length: Int, start: Int, wstart: Int
    }

    struct Line {
        enum Kind: UInt8 {
            case content
            /// Nothing at all.
            case empty
            /// A line holding only a no-break space: an empty cell in one-cell-per-line text.
            case blankCell
            /// A ruling (`|---|`, `├──┼`, `+===+`, `---- ----`).
            case rule
            /// A page number or a printed page's header or footer.
            case page
            /// A sentence of the report's prose (no digits, ended or broken by 。；): no cell of a table.
            case prose
        }
        var kind: Kind
        var tokens: [Token] = []
        /// Cells separated explicitly (`|`, `│`, tab, grid); `cells` counts them.
        var delimited = false
        var cells = 0
        /// Positions are a grid's columns (exact).
        var grid = false
        /// A page break (form feed or page marker) comes before this line.
        var pageBreak = false
        /// For rules: the display columns where the ruling is broken or crossed, i.e. the column boundaries.
        var boundaries: [Int] = []
        /// A ruling runs through the line (all of it, or some of its cells: `│（三）不予公开├────┼`).
        var ruled = false
    }

    var lines: [Line]

    init(lines raw: [Substring]) {
        self.init(scalarLines: raw.map { Array($0.unicodeScalars)[...] })
    }

    /// Lines as printed, full-width characters kept (`TextNormalizer.normalize(_:keepingWidths:)`).
    /// `replacing`: for a line's index, the line already read (a grid's row), if any.
    init(scalarLines raw: [ArraySlice<Unicode.Scalar>], replacing: ((Int) -> Line?)? = nil) {
        var out: [Line] = []
        out.reserveCapacity(raw.count)
        var pendingBreak = false
        for (index, text) in raw.enumerated() {
            if let given = replacing?(index) {
                var line = given
                if text.contains("\u{0C}") || pendingBreak { line.pageBreak = true; pendingBreak = false }
                out.append(line)
                continue
            }
            var scalars = Array(text)
            if scalars.contains("\u{0C}") {
                pendingBreak = true
                scalars.removeAll { $0 == "\u{0C}" }
            }
            var line = Self.line(scalars)
            if line.kind == .page { pendingBreak = true }
            if pendingBreak && line.kind == .content {
                line.pageBreak = true
                pendingBreak = false
            }
            out.append(line)
        }
        lines = Self.mergingBands(out)
    }

    /// A number too wide for its column wraps over lines, printed centred on its row: its first digits on the line
    /// above and the rest on the line below (`129` / `7` for 1297), the line between holding the row's other values.
    /// Lines made only of such pieces, each standing under the same column above and below, are joined into the
    /// row's line.
    /// `width`: the most cells a row of the table has.
    func joiningWrappedNumbers(width most: Int) -> TableText {
        TableText(grid: Self.joiningWrappedNumbers(lines, width: most))
    }

    static func joiningWrappedNumbers(_ lines: [Line], width most: Int) -> [Line] {
        guard lines.count >= 3 else { return lines }
        var out = lines
        func numbers(_ line: Line) -> [Token]? {
            guard line.kind == .content, !line.delimited else { return nil }
            let list = line.tokens.filter { $0.kind != .text }
            guard !list.isEmpty, list.allSatisfy({ $0.kind == .number && TableText.isDigits($0.text) && $0.start > 0 }) else { return nil }
            return list
        }
        let byWidth = alignsByDisplayWidth(lines)
        // Stand in one column: overlapping, or centred within a character and a half of each other (pdftotext's
        // character grid moves pieces of one cell by a column).
        func overlaps(_ a: Token, _ b: Token) -> Bool {
            let (a0, a1, b0, b1) = byWidth ? (a.wstart, a.wend, b.wstart, b.wend) : (a.start, a.end, b.start, b.end)
            return a0 < b1 && b0 < a1 || abs(Double(a0 + a1) - Double(b0 + b1)) / 2 <= 1.5 || abs(a0 - b0) <= 1 || abs(a1 - b1) <= 1
        }
        // A row's pieces and the row's own values never exceed the row's cells.
        var i = 1
        while i + 1 < out.count {
            let row = out[i]
            guard let top = numbers(out[i - 1]), let bottom = numbers(out[i + 1]), row.kind == .content, !row.delimited,
                  row.tokens.count >= 2, top.count == bottom.count, top.count * 2 <= most,
                  top.count + row.tokens.count(where: { $0.kind == .number }) <= most,
                  zip(top, bottom).allSatisfy({ overlaps($0, $1) }),
                  top.allSatisfy({ a in !row.tokens.contains { $0.kind != .text && overlaps($0, a) } }),
                  // A line of no value between lines that print a label (either of them) is a row left empty, not
                  // the middle of a wrapped number.
                  row.tokens.contains(where: { $0.kind == .number }) || !(out[i - 1].tokens + out[i + 1].tokens).contains(where: { $0.kind == .text })
            else { i += 1; continue }
            var tokens = row.tokens
            for (a, b) in zip(top, bottom) {
                var joined = a
                joined.text = a.text + b.text
                joined.end = max(a.end, b.end)
                joined.wend = max(a.wend, b.wend)
                joined.reading = NumberParser.parse(String(scalars: joined.text))
                tokens.append(joined)
            }
            tokens.sort { $0.start < $1.start }
            out[i].tokens = tokens
            for k in [i - 1, i + 1] {
                out[k].tokens.removeAll { $0.kind != .text }
                if out[k].tokens.isEmpty { out[k] = Line(kind: .empty) }
            }
            i += 2
        }
        return out
    }

    /// Whether the values of spaced lines line up by display column (text browsers, pandoc) rather than by
    /// character (pdftotext): the measure under which the rows printing the most common number of values keep their
    /// columns closest together.
    static func alignsByDisplayWidth(_ lines: [Line]) -> Bool {
        let rows = lines.filter { $0.kind == .content && !$0.delimited }.map { $0.tokens.filter { $0.kind == .number } }.filter { $0.count >= 3 }
        var counts: [Int: Int] = [:]
        for r in rows { counts[r.count, default: 0] += 1 }
        guard let k = counts.max(by: { $0.value < $1.value || $0.value == $1.value && $0.key < $1.key })?.key else { return false }
        let full = rows.filter { $0.count == k }
        guard full.count >= 2 else { return false }
        func spread(_ x: (Token) -> Int) -> Int {
            (0..<k).reduce(0) { sum, c in
                let xs = full.map { x($0[c]) }
                return sum + (xs.max()! - xs.min()!)
            }
        }
        return spread { $0.wend } < spread { $0.end }
    }

    /// `GluedText.isGlued` on scalars: at least eight digits, one of them right after a Chinese character or a
    /// closing bracket.
    static func isGlued(_ s: ArraySlice<Unicode.Scalar>) -> Bool {
        var digits = 0
        var adjacency = false
        var previous: Unicode.Scalar = " "
        for c in s {
            if isDigit(c) {
                digits += 1
                if MetadataExtractor.isHan(previous) || previous == "）" || previous == ")" { adjacency = true }
            }
            previous = c
        }
        return adjacency && digits >= 8
    }

    /// The characters of a text as 64 bits (each character sets one), to rule out cheaply a word it cannot hold.
    static func bloom(_ s: ArraySlice<Unicode.Scalar>) -> UInt64 {
        var bits: UInt64 = 0
        for c in s { bits |= 1 << UInt64(c.value % 64) }
        return bits
    }

    static func isDigits(_ s: [Unicode.Scalar]) -> Bool { !s.isEmpty && s.allSatisfy(isDigit) }

    /// Tables ruled between their rows (grid tables, box drawing) print a cell over several lines: the lines between
    /// two rulings are one row, merged cell by cell. A band where one cell holds values on two lines is left alone.
    static func mergingBands(_ lines: [Line]) -> [Line] {
        guard lines.count(where: { $0.kind == .rule || $0.ruled }) >= 3 else { return lines }
        var out: [Line] = []
        var band: [Line] = []
        func flush() {
            defer { band = [] }
            guard band.count > 1, band.allSatisfy({ $0.cells == band[0].cells }) else { out += band; return }
            var byCell: [Int: [Token]] = [:]
            for line in band { for token in line.tokens { byCell[token.cell, default: []].append(token) } }
            for tokens in byCell.values where tokens.filter({ $0.kind == .number || $0.kind == .glued }).count > 1 {
                _ = tokens
                out += band
                return
            }
            var merged = band[0]
            merged.tokens = []
            for cell in byCell.keys.sorted() {
                let tokens = byCell[cell]!
                let filled = tokens.filter { $0.kind != .blank }
                if filled.isEmpty { merged.tokens.append(tokens[0]); continue }
                var text: Token?
                for token in filled {
                    if token.kind == .text {
                        if text == nil { text = token } else { text = merge([text!, token]) }
                    } else {
                        if let t = text { merged.tokens.append(t); text = nil }
                        merged.tokens.append(token)
                    }
                }
                if let t = text { merged.tokens.append(t) }
            }
            merged.pageBreak = band.contains(where: \.pageBreak)
            out.append(merged)
            // Keep the line count: the merged row stands on the band's first line, the others empty.
            for _ in 1..<band.count { out.append(Line(kind: .empty)) }
        }
        for line in lines {
            if line.kind == .content && line.delimited && !line.ruled && !line.grid {
                band.append(line)
            } else {
                flush()
                out.append(line)
            }
        }
        flush()
        return out
    }

    init(lines: [String]) { self.init(lines: lines.map { Substring($0) }) }

    init(grid lines: [Line]) { self.lines = lines }

    // MARK: Lines

    /// The display column before each scalar of a line, and after the last.
    static func columns(_ raw: [Unicode.Scalar]) -> [Int] {
        var w: [Int] = []
        w.reserveCapacity(raw.count + 1)
        w.append(0)
        for c in raw { w.append(w[w.count - 1] + width(c)) }
        return w
    }

    /// A line as printed (full-width characters kept, for their display widths): read on its folded characters.
    static func line(_ raw: [Unicode.Scalar]) -> Line {
        var first = 0, last = raw.count
        while first < last, isSpace(raw[first]) { first += 1 }
        while last > first, isSpace(raw[last - 1]) { last -= 1 }
        if first == last {
            return Line(kind: raw.contains("\u{00A0}") ? .blankCell : .empty)
        }
        if last - first > 40, raw[first..<last].contains(where: { $0 == "。" || $0 == "；" }), !raw[first..<last].contains(where: isDigit) {
            return Line(kind: .prose)
        }
        let s = raw.contains(where: { $0.value >= 0xA0 && TextNormalizer.fold($0) != $0 }) ? raw.map(TextNormalizer.fold) : raw
        let w = columns(raw)
        let body = s[first..<last]
        if isPageMarker(body) { return Line(kind: .page) }
        // Only bars: a lone `|` opens a row (one cell per line, each ending in `|`); more is one empty cell.
        if body.allSatisfy({ $0 == "|" || isSpace($0) }) && (body.count { $0 == "|" } <= 2 || body.contains("|") && String(scalars: body).contains("||")) {
            if body.count == 1 { return Line(kind: .empty) }
            return Line(kind: .content, tokens: [Token(kind: .blank, text: [], start: first, end: last, wstart: w[first], wend: w[last], cell: 0)],
                        delimited: true, cells: 1)
        }
        if let rule = rule(s, w) { return rule }
        if s.contains(where: { $0 == "|" || $0 == "\t" || isBoxBar($0) }) {
            return delimited(s, w)
        }
        return Line(kind: .content, tokens: tokens(s, from: 0, to: s.count, cell: -1, w: w))
    }

    /// The tokens of a line or a cell: a stretch whose digits run into its labels (`总计630020469`) is split into
    /// labels and runs of digits (spaces inside a run kept as boundaries), any other into words (`spaced`).
    static func tokens(_ s: [Unicode.Scalar], from: Int, to: Int, cell: Int, w: [Int]) -> [Token] {
        guard isGlued(s[from..<to]) else { return spaced(s, from: from, to: to, cell: cell, w: w) }
        let text = String(scalars: s[from..<to])
        let wbase = w[from]
        var out: [Token] = []
        var offset = from
        for piece in GluedText.tokens(Substring(text)) {
            switch piece {
            case .cell(let label):
                let scalars = label.scalarArray
                out.append(Token(kind: .text, text: scalars, start: offset, end: offset + scalars.count, wstart: wbase, wend: wbase,
                                 cell: cell, words: [Word(length: scalars.count, start: offset, wstart: wbase)]))
                offset += scalars.count
            case .glued(let digits):
                let scalars = digits.scalarArray
                out.append(Token(kind: .glued, text: scalars, start: offset, end: offset + scalars.count, wstart: wbase, wend: wbase, cell: cell))
                offset += scalars.count
            case .rowBreak: break
            }
        }
        return out
    }

    static func isSpace(_ c: Unicode.Scalar) -> Bool {
        c == " " || c == "\t" || c == "\u{3000}" || c == "\u{00A0}" || c == "\r"
    }

    static let pageDashes: Set<Unicode.Scalar> = ["-", "—", "–", "－", "―"]

    /// `-3-`, `- 3 -`, `— 3 —`, `第3页`, `3/8`, and a browser's printed header or footer (`file:///…`, a date and time).
    static func isPageMarker(_ body: ArraySlice<Unicode.Scalar>) -> Bool {
        // Labels and prose: long, and starting with a Chinese character.
        if body.count > 12, let f = body.first, f.value >= 0x3400, f != "第" { return false }
        // A page number is short: a longer line is only tested as a browser's header or footer.
        var printed = 0
        for c in body where !isSpace(c) {
            printed += 1
            if printed > 40 { break }
        }
        // Each test below starts from the first printed character: a dash, 第 or a digit (most lines start otherwise).
        let dashes = pageDashes
        let opening = body.first { !isSpace($0) }
        let tested = printed <= 40 && opening.map { dashes.contains($0) || $0 == "第" || isDigit($0) } == true
        let compact = tested ? body.filter { !isSpace($0) } : []
        if let f = compact.first, let l = compact.last, dashes.contains(f), dashes.contains(l), compact.count >= 3 {
            let inner = compact.dropFirst().dropLast().filter { !dashes.contains($0) }
            if !inner.isEmpty && inner.allSatisfy(isDigit) { return true }
        }
        if compact.first == "第", compact.last == "页" { return compact.dropFirst().dropLast().allSatisfy { isDigit($0) || $0 == "共" || $0 == "页" || $0 == "第" } }
        if compact.count <= 7, let slash = compact.firstIndex(of: "/"), slash > compact.startIndex,
           compact[..<slash].allSatisfy(isDigit), compact[(slash + 1)...].allSatisfy(isDigit), slash + 1 < compact.endIndex {
            return true
        }
        if let f = body.first, f == "f" || f == "h" {
            let text = String(scalars: body.prefix(24))
            if text.hasPrefix("file://") || text.hasPrefix("http://") || text.hasPrefix("https://") { return true }
        }
        // `11/30/26, 9:34 PM`: a browser's print header.
        if let comma = body.prefix(12).firstIndex(of: ","), body[body.startIndex..<comma].filter({ $0 == "/" }).count == 2,
           body[comma...].prefix(10).contains(":") { return true }
        return false
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    static let boxBars: Set<Unicode.Scalar> = ["│", "┃", "║", "├", "┤", "┼", "┬", "┴", "┌", "┐", "└", "┘", "╋", "┣", "┫", "┳", "┻",
                                               "╟", "╢", "╫", "╠", "╣", "╬", "╦", "╩", "╔", "╗", "╚", "╝", "╪", "╤", "╧", "╞", "╡"]
    /// The characters rulings are drawn with (a switch: asked of every character of a cell, where a hash cost more).
    static func isRuleFill(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "-", "─", "━", "═", "=", "+", ":", "~", "_": return true
        default: return false
        }
    }

    /// (The box-drawing block is asked first: most scalars are outside it, and a range test costs less than a hash.)
    static func isBoxBar(_ c: Unicode.Scalar) -> Bool { c.value >= 0x2500 && c.value <= 0x257F && boxBars.contains(c) }

    /// A line made only of ruling characters and spaces, with at least three dashes.
    static func rule(_ s: [Unicode.Scalar], _ w: [Int]) -> Line? {
        var dashes = 0
        var boundaries: [Int] = []
        var previousSpace = true
        for (i, c) in s.enumerated() {
            if (c.value < 0x80 || c.value >= 0x2500 && c.value <= 0x257F) && isRuleFill(c) && c != "+" && c != ":" {
                dashes += 1
                if previousSpace { boundaries.append(w[i]) }
                previousSpace = false
            } else if c == "+" || c == "|" || isBoxBar(c) {
                boundaries.append(w[i])
                previousSpace = false
            } else if isSpace(c) {
                previousSpace = true
            } else {
                return nil
            }
        }
        guard dashes >= 3 else { return nil }
        return Line(kind: .rule, boundaries: boundaries)
    }

    /// A line with explicit separators: every field between them is a cell (an empty one is an explicit blank).
    /// A line that opens with a separator (Markdown, grid tables, box drawing) has its cells between the first and
    /// the last; zero-length fields at the end of an open `|` line are padding (`6 | ||`).
    static func delimited(_ s: [Unicode.Scalar], _ widths: [Int]) -> Line {
        var fields: [(from: Int, to: Int)] = []
        var start = 0
        for (i, c) in s.enumerated() where c == "|" || c == "\t" || isBoxBar(c) {
            fields.append((start, i))
            start = i + 1
        }
        fields.append((start, s.count))
        let trimmed = { (f: (from: Int, to: Int)) -> Bool in s[f.from..<f.to].allSatisfy(isSpace) }
        let opens = s.first(where: { !isSpace($0) }).map { $0 == "|" || isBoxBar($0) } ?? false
        if opens {
            fields.removeFirst()
            if fields.count > 1, trimmed(fields[fields.count - 1]) { fields.removeLast() }
        } else if s.contains("\t") {
            // Leading tabs indent (or stand for label columns): no value cells.
            while fields.count > 1, trimmed(fields[0]) { fields.removeFirst() }
        } else {
            // One cell per line, each closed by a bar (`5 |`): what follows its bar only pads the row (`5 | |`).
            if fields.count > 1, fields[0..<1].allSatisfy({ !trimmed($0) }), fields.dropFirst().allSatisfy(trimmed) {
                fields = [fields[0]]
            }
            // Nothing after the last bar is a cell; `6 | ||`: the bars after the last cell pad the row; `0 |  |` ends
            // with an empty cell.
            if fields.count > 1, trimmed(fields[fields.count - 1]) { fields.removeLast() }
            var padded = false
            while fields.count > 1, fields[fields.count - 1].from == fields[fields.count - 1].to { fields.removeLast(); padded = true }
            if padded, fields.count > 1, trimmed(fields[fields.count - 1]) { fields.removeLast() }
        }
        var line = Line(kind: .content, delimited: true)
        line.cells = fields.count
        line.tokens.reserveCapacity(fields.count)
        for (cell, field) in fields.enumerated() {
            let content = s[field.from..<field.to]
            if content.allSatisfy(isSpace) {
                line.tokens.append(Token(kind: .blank, text: [], start: field.from, end: field.to,
                                         wstart: widths[field.from], wend: widths[field.to], cell: cell))
                continue
            }
            // A ruling segment inside a box line (`├────┼`): no cell content.
            if content.allSatisfy({ isRuleFill($0) || isSpace($0) }) && content.count(where: isRuleFill) >= 2 {
                line.ruled = true
                continue
            }
            var tokens = tokens(s, from: field.from, to: field.to, cell: cell, w: widths)
            // A value stands where its cell stands: the cell's bounds, as the header's cells are measured.
            for k in tokens.indices where tokens[k].kind != .text {
                tokens[k].start = field.from
                tokens[k].end = field.to
                tokens[k].wstart = widths[field.from]
                tokens[k].wend = widths[field.to]
            }
            // A cell is one value: several numbers inside one cell stay separate, a label stays whole.
            if tokens.count > 1, tokens.allSatisfy({ $0.kind == .text }) {
                tokens = [merge(tokens)]
            }
            line.tokens += tokens
        }
        if line.tokens.isEmpty { line.kind = .rule }
        // A partly ruled line holds labels floating between rows, never a row's cells.
        if line.ruled { line.tokens.removeAll { $0.kind == .blank } }
        if line.tokens.isEmpty { line.kind = .rule; line.ruled = true }
        return line
    }

    static func merge(_ tokens: [Token]) -> Token {
        var t = tokens[0]
        if t.words.isEmpty { t.words = [Word(length: t.text.count, start: t.start, wstart: t.wstart)] }
        for other in tokens.dropFirst() {
            t.words += other.words.isEmpty ? [Word(length: other.text.count, start: other.start, wstart: other.wstart)] : other.words
            t.text += other.text
            t.end = other.end
            t.wend = other.wend
        }
        return t
    }

    /// Tokens of a stretch of text separated by spaces: numbers and dashes alone, labels joined over single spaces
    /// (`情 形`), digits glued to a label split off (`总计630020469`), a unit after a number kept with it.
    static func spaced(_ s: [Unicode.Scalar], from: Int, to: Int, cell: Int, w: [Int]) -> [Token] {
        var words: [(from: Int, to: Int, w0: Int, w1: Int, gap: Int)] = []
        words.reserveCapacity((to - from + 1) / 2)
        var i = from, gap = 0
        while i < to {
            if isSpace(s[i]) {
                gap += w[i + 1] - w[i]
                i += 1
                continue
            }
            let start = i
            while i < to, !isSpace(s[i]) { i += 1 }
            words.append((start, i, w[start], w[i], gap))
            gap = 0
        }
        var tokens: [Token] = []
        tokens.reserveCapacity(words.count)
        for word in words {
            let text = Array(s[word.from..<word.to])
            // Most words are plain digits (a count) or a label starting with a Chinese character: decided on the spot.
            if text.count <= 15, text.allSatisfy(isDigit) {
                var v = 0.0
                for c in text { v = v * 10 + Double(c.value - 0x30) }
                tokens.append(Token(kind: .number, text: text, reading: .number(v, unit: nil), start: word.from, end: word.to,
                                    wstart: word.w0, wend: word.w1, cell: cell))
                continue
            }
            if let first = text.first, first.value >= 0x3400, first != "无", let previous = tokens.last, previous.kind == .text, word.gap <= 1 {
                tokens[tokens.count - 1].words.append(Word(length: text.count, start: word.from, wstart: word.w0))
                tokens[tokens.count - 1].text += text
                tokens[tokens.count - 1].end = word.to
                tokens[tokens.count - 1].wend = word.w1
                continue
            }
            if let reading = NumberParser.parse(scalars: text[...]) {
                if case .blank = reading {
                    tokens.append(Token(kind: .blank, text: text, start: word.from, end: word.to, wstart: word.w0, wend: word.w1, cell: cell))
                } else {
                    tokens.append(Token(kind: .number, text: text, reading: reading, start: word.from, end: word.to,
                                        wstart: word.w0, wend: word.w1, cell: cell))
                }
                continue
            }
            // `15.68 万元`: the unit printed apart from its number.
            if let previous = tokens.last, previous.kind == .number, word.gap <= 1, text == Self.wanYuan || text == Self.yuan,
               case .number(let v, nil)? = previous.reading {
                tokens[tokens.count - 1].reading = .number(v, unit: text == Self.yuan ? .yuan : .wanYuan)
                tokens[tokens.count - 1].text += text
                continue
            }
            if let previous = tokens.last, previous.kind == .text, word.gap <= 1 {
                tokens[tokens.count - 1].words.append(Word(length: text.count, start: word.from, wstart: word.w0))
                tokens[tokens.count - 1].text += text
                tokens[tokens.count - 1].end = word.to
                tokens[tokens.count - 1].wend = word.w1
                continue
            }
            tokens.append(Token(kind: .text, text: text, start: word.from, end: word.to, wstart: word.w0, wend: word.w1, cell: cell,
                                words: [Word(length: text.count, start: word.from, wstart: word.w0)]))
        }
        return tokens
    }

    static let wanYuan = Array("万元".unicodeScalars), yuan = Array("元".unicodeScalars)

    /// Display width: East Asian wide and full-width characters take two columns.
    static func width(_ c: Unicode.Scalar) -> Int {
        let v = c.value
        if v < 0x1100 { return 1 }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v) { return 2 }
        return 1
    }

    // MARK: Label text

    /// Without spaces.
    static func compact(_ s: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard s.contains(where: isSpace) else { return s }
        var out: [Unicode.Scalar] = []
        out.reserveCapacity(s.count)
        for c in s where !isSpace(c) { out.append(c) }
        return out
    }

    /// 一 … 十, or an ASCII digit.
    static func isNumeral(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "一", "二", "三", "四", "五", "六", "七", "八", "九", "十": return true
        default: return isDigit(c)
        }
    }

    static func isNumberingMark(_ c: Unicode.Scalar) -> Bool {
        switch c {
        case "、", ".", "．", ",", "，", ":", "：", "|", "-", "*": return true
        default: return false
        }
    }

    /// Without the leading numbering of a row (`三、`, `（一）`, `(3)`, `1.`, `2、`) and stray punctuation.
    static func stripNumbering(_ s: ArraySlice<Unicode.Scalar>) -> ArraySlice<Unicode.Scalar> {
        var s = s
        while true {
            let before = s.count
            while let f = s.first, isNumberingMark(f) { s = s.dropFirst() }
            if let f = s.first, f == "(" || f == "（" {
                if let close = s.prefix(5).firstIndex(where: { $0 == ")" || $0 == "）" }),
                   s[(s.startIndex + 1)..<close].allSatisfy(isNumeral) {
                    s = s[(close + 1)...]
                }
            }
            var lead = 0
            while lead < s.count && lead < 4 && isNumeral(s[s.startIndex + lead]) { lead += 1 }
            if lead > 0, lead <= 3, lead < s.count, ["、", ".", "．", ",", "，"].contains(s[s.startIndex + lead]) {
                s = s.dropFirst(lead + 1)
            }
            if s.count == before { return s }
        }
    }

    static func stripNumbering(_ s: [Unicode.Scalar]) -> ArraySlice<Unicode.Scalar> { stripNumbering(s[...]) }

    /// `needle` occurs in `haystack`.
    static func contains(_ haystack: ArraySlice<Unicode.Scalar>, _ needle: [Unicode.Scalar]) -> Bool {
        guard !needle.isEmpty, needle.count <= haystack.count else { return false }
        let first = needle[0]
        var i = haystack.startIndex
        let last = haystack.endIndex - needle.count
        while i <= last {
            if haystack[i] == first {
                var j = 1
                while j < needle.count && haystack[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }

    /// Where the last occurrence of `needle` in `haystack` ends (an index of `haystack`), if it occurs.
    static func lastEnd(_ haystack: ArraySlice<Unicode.Scalar>, _ needle: [Unicode.Scalar]) -> Int? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var i = haystack.endIndex - needle.count
        while i >= haystack.startIndex {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i + needle.count }
            i -= 1
        }
        return nil
    }

    /// The length of the longest common subsequence.
    static func lcs(_ a: [Unicode.Scalar], _ b: ArraySlice<Unicode.Scalar>) -> Int {
        let b = Array(b)
        var previous = Array(repeating: 0, count: b.count + 1)
        var current = previous
        for x in a {
            for j in 0..<b.count {
                current[j + 1] = x == b[j] ? previous[j] + 1 : max(previous[j + 1], current[j])
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
