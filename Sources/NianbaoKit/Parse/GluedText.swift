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

    static func tokens(_ line: Substring) -> [CellToken] {
        let chars = Array(line)
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < chars.count && chars[i].isASCII && chars[i].isNumber }
        func isHan(_ i: Int) -> Bool { i >= 0 && i < chars.count && chars[i].unicodeScalars.first.map(MetadataExtractor.isHan) == true }
        // Segments: (is a number run, text).
        var segments: [(number: Bool, text: String)] = []
        for (i, c) in chars.enumerated() {
            let numeric: Bool
            if isDigit(i) {
                numeric = true
            } else if c == "." {
                numeric = isDigit(i - 1) && isDigit(i + 1)
            } else if c == "-" {
                // A minus sign (also after the digits of the cell before: `3-15` is 3|-1|5 in 表二), or (alone) a dash
                // printed for an empty cell.
                numeric = true
            } else if Self.blankMarks.contains(c) && !(c == "/" && isHan(i - 1) && isHan(i + 1)) {
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
                segments.append((numeric, String(c)))
            }
        }
        // A row number glued to the digits before it (`00000002.其他…`) belongs to its label,
        // and a unit after an amount (`75394432.52元`) to the amount.
        for i in segments.indices.dropFirst() where !segments[i].number && segments[i - 1].number {
            var run = segments[i - 1].text
            while run.last == " " { run.removeLast() }
            if let p = segments[i].text.first, [".", "．", "、"].contains(p), let d = run.last, d.isNumber {
                run.removeLast()
                segments[i].text.insert(d, at: segments[i].text.startIndex)
            } else if segments[i].text.hasPrefix("万元") {
                run += "万元"
                segments[i].text.removeFirst(2)
            } else if segments[i].text.hasPrefix("元") {
                run += "元"
                segments[i].text.removeFirst()
            }
            segments[i - 1].text = run
        }
        var tokens: [CellToken] = []
        var label = ""
        for segment in segments {
            let text = segment.text.trimmingCharacters(in: " \t")
            if segment.number && text.contains(where: { $0.isNumber || Self.blankMarks.contains($0) || $0 == "-" }) {
                if !label.isEmpty { tokens.append(.cell(label)) }
                label = ""
                tokens.append(.glued(text))
            } else {
                label += text
            }
        }
        if !label.isEmpty { tokens.append(.cell(label)) }
        return tokens
    }
}
