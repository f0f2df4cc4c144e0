/// A table flattened into a stream of cells (what `GluedText` splits a glued line into).
public enum CellToken: Sendable, Equatable {
    case cell(String)
    /// Digits of several cells run together, their separators lost (spaces mark those the text kept).
    case glued(String)
    case rowBreak
}

/// A table copied from a web page with its cell separators lost: labels and numbers run together on
/// one line (`规章 000行政规范性文件693665第二十条…`). Splits such a line into label cells and
/// `.glued` runs of digits, for `DigitSolver` to split into cells.
///
///     GluedText.tokens("（七）总计630020469四、结转下年度继续办理1000001")
///     // [.cell("（七）总计"), .glued("630020469"), .cell("四、结转下年度继续办理"), .glued("1000001")]
enum GluedText {
    /// A line is glued when digits follow a label character directly and it holds at least eight digits.
    static func isGlued(_ line: Substring) -> Bool {
        var digits = 0
        var adjacency = false
        var previous: Unicode.Scalar = " "
        for c in line.unicodeScalars {
            if c.value >= 0x30 && c.value <= 0x39 {
                digits += 1
                if MetadataExtractor.isHan(previous) || previous == "）" || previous == ")" { adjacency = true }
            }
            previous = c
        }
        return adjacency && digits >= 8
    }

    /// Dashes and slashes agencies print for an empty cell.
    static let blankMarks: Set<Character> = ["—", "–", "―", "－", "─", "/"]

    static let blankMarkScalars: Set<Unicode.Scalar> = ["—", "–", "―", "－", "─", "/"]

    /// (Read on scalars: report text is NFC, where each of these marks, digits and spaces is a character of its own.)
    static func tokens(_ line: Substring) -> [CellToken] {
        let chars = line.scalarArray
        func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < chars.count && isDigit(chars[i]) }
        func isHan(_ i: Int) -> Bool { i >= 0 && i < chars.count && MetadataExtractor.isHan(chars[i]) }
        // Segments: (is a number run, text).
        var segments: [(number: Bool, text: [Unicode.Scalar])] = []
        for (i, c) in chars.enumerated() {
            let numeric: Bool
            if isDigit(c) {
                numeric = true
            } else if c == "." {
                numeric = isDigit(i - 1) && isDigit(i + 1)
            } else if c == "-" {
                // A minus sign (also after the digits of the cell before: `3-15` is 3|-1|5 in 表二), or (alone) a dash
                // printed for an empty cell.
                numeric = true
            } else if Self.blankMarkScalars.contains(c) && !(c == "/" && isHan(i - 1) && isHan(i + 1)) {
                // A dash or slash printed for an empty cell: a cell of its own within the run (not the `/` of a label
                // such as `本年增/减`).
                numeric = true
            } else if c == " " || c == "\t" || c == "\u{3000}" {
                numeric = segments.last?.number == true
            } else {
                numeric = false
            }
            if let last = segments.last, last.number == numeric {
                segments[segments.count - 1].text.append(c)
            } else {
                segments.append((numeric, [c]))
            }
        }
        // A row number glued to the digits before it (`00000002.其他…`) belongs to its label,
        // and a unit after an amount (`75394432.52元`) to the amount.
        for i in segments.indices.dropFirst() where !segments[i].number && segments[i - 1].number {
            var run = segments[i - 1].text
            while run.last == " " { run.removeLast() }
            if let p = segments[i].text.first, p == "." || p == "．" || p == "、", let d = run.last, isDigit(d) {
                run.removeLast()
                segments[i].text.insert(d, at: 0)
            } else if segments[i].text.starts(with: ["万", "元"]) {
                run += ["万", "元"]
                segments[i].text.removeFirst(2)
            } else if segments[i].text.first == "元" {
                run.append("元")
                segments[i].text.removeFirst()
            }
            segments[i - 1].text = run
        }
        var tokens: [CellToken] = []
        var label: [Unicode.Scalar] = []
        for segment in segments {
            var text = segment.text[...]
            while let f = text.first, f == " " || f == "\t" { text.removeFirst() }
            while let l = text.last, l == " " || l == "\t" { text.removeLast() }
            if segment.number && text.contains(where: { isDigit($0) || Self.blankMarkScalars.contains($0) || $0 == "-" }) {
                if !label.isEmpty { tokens.append(.cell(String(scalars: label))) }
                label = []
                tokens.append(.glued(String(scalars: text)))
            } else {
                label += text
            }
        }
        if !label.isEmpty { tokens.append(.cell(String(scalars: label))) }
        return tokens
    }
}
