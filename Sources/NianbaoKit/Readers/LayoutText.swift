/// Turns the text of a PDF's text layer, as `pdftotext -layout` prints it, into lines the table
/// reader understands: a table row becomes `label<TAB>value<TAB>value…`.
///
/// Layout text keeps each printed row on one line, its cells separated by runs of spaces. What it
/// breaks is handled here: page markers (`-3-`, `- 3 -`) are dropped, and a row whose label wrapped
/// over several lines, with the values on a line of their own, gets its label back.
///
///     LayoutText.tabulate("（二）部分公开（区分处理的，只计这一情 形，不\n计其他情形）\n   4  0  0  0  0  0  4")
///     // "（二）部分公开（区分处理的，只计这一情形，不计其他情形）\t4\t0\t0\t0\t0\t0\t4"
public enum LayoutText {
    public static func tabulate(_ text: String) -> String {
        var out: [String] = []
        /// The label-only lines (at most three) just above: (index in `out`, text).
        var pending: [(index: Int, text: String)] = []
        for rawLine in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.replacingFormFeeds()
            let tokens = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" })
            if tokens.isEmpty {
                // A wrapped label and its values sit on adjacent lines; a blank line ends the label.
                pending = []
                out.append("")
                continue
            }
            if isPageMarker(tokens) { continue }
            let valueCount = tokens.reversed().prefix { isValue($0) }.count
            if valueCount == 0 {
                if pending.count == 3 { pending.removeFirst() }
                pending.append((out.count, line.trimmingCharacters(in: " \t")))
                out.append(line.trimmingCharacters(in: " \t"))
                continue
            }
            let values = tokens.suffix(valueCount).map(String.init)
            if valueCount == tokens.count, !pending.isEmpty {
                // Values alone on a line: they belong to the label printed (and wrapped) just above.
                let label = pending.map(\.text).joined()
                out.removeSubrange(pending[0].index...)
                out.append(([label.filter { $0 != " " }] + values).joined(separator: "\t"))
            } else {
                let label = tokens.prefix(tokens.count - valueCount).joined()
                out.append(([label] + values).joined(separator: "\t"))
            }
            pending = []
        }
        return out.joined(separator: "\n")
    }

    static func isValue(_ token: Substring) -> Bool {
        NumberParser.parse(String(token)) != nil
    }

    /// `-3-`, `- 3 -`, `—3—`, `第3页`: a page number on a line of its own.
    static func isPageMarker(_ tokens: [Substring]) -> Bool {
        let joined = tokens.joined()
        let dashes: Set<Character> = ["-", "—", "–", "－"]
        if let first = joined.first, let last = joined.last, dashes.contains(first), dashes.contains(last) {
            let inner = joined.dropFirst().dropLast()
            return !inner.isEmpty && inner.allSatisfy(\.isNumber)
        }
        return joined.hasPrefix("第") && joined.hasSuffix("页") && joined.dropFirst().dropLast().allSatisfy(\.isNumber)
    }
}

extension Substring {
    fileprivate func replacingFormFeeds() -> Substring {
        contains("\u{0C}") ? Substring(filter { $0 != "\u{0C}" }) : self
    }
}
