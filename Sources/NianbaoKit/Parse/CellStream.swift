/// A table flattened into a stream of cells, with the row boundaries the flattening kept.
public enum CellToken: Sendable, Equatable {
    case cell(String)
    /// Digits of several cells run together, their separators lost (spaces mark those the text kept).
    case glued(String)
    case rowBreak
}

/// Recovers table cells from text, whatever flattening the copy left:
/// one cell per line ending in `|`, `|`-separated rows, tab-separated rows,
/// one cell per line (tab-prefixed) with blank lines between rows.
///
///     CellStream.tokens(fromText: "规章 | 0 | 1 | 2 |")
///     // [.cell("规章"), .cell("0"), .cell("1"), .cell("2"), .rowBreak]
public enum CellStream {
    public enum Style: Equatable {
        case pipeRows, pipeCellPerLine, tabRows, tabCellPerLine, lines
    }

    public static func detectStyle(_ lines: [Substring]) -> Style {
        var tabLines = 0, singleTabCellLines = 0, pipeLines = 0, pipeRowLines = 0
        for line in lines {
            if line.utf8.contains(0x09) {
                tabLines += 1
                if line.first == "\t" && line.dropFirst().firstIndex(of: "\t") == nil { singleTabCellLines += 1 }
            }
            if line.utf8.contains(0x7C) {
                pipeLines += 1
                let filled = line.unicodeScalars.split(separator: "|", omittingEmptySubsequences: false)
                    .filter { !$0.allSatisfy(\.properties.isWhitespace) }.count
                if filled >= 2 { pipeRowLines += 1 }
            }
        }
        if tabLines > 0 && tabLines >= pipeLines {
            return singleTabCellLines * 10 >= tabLines * 6 ? .tabCellPerLine : .tabRows
        }
        if pipeLines > 0 {
            return pipeRowLines * 2 > pipeLines ? .pipeRows : .pipeCellPerLine
        }
        return .lines
    }

    public static func tokens(fromText text: Substring) -> [CellToken] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let style = detectStyle(lines)
        var tokens: [CellToken] = []
        func clean(_ s: Substring) -> String { s.trimmingCharacters(in: " \t") }
        switch style {
        case .pipeRows, .tabRows:
            let separator: Unicode.Scalar = style == .pipeRows ? "|" : "\t"
            for line in lines {
                if line.isBlank { tokens.append(.rowBreak); continue }
                var cells = line.unicodeScalars.split(separator: separator, omittingEmptySubsequences: false).map { clean(Substring($0)) }
                if separator == "|" && cells.last == "" { cells.removeLast() }
                tokens.append(contentsOf: cells.map(CellToken.cell))
                tokens.append(.rowBreak)
            }
        case .pipeCellPerLine:
            var pending = ""
            for line in lines {
                if line.isBlank { continue }
                guard let bar = line.firstIndex(of: "|") else {
                    pending += clean(line)
                    continue
                }
                let cell = pending + clean(line[..<bar])
                pending = ""
                if cell.isEmpty && line.trimmingCharacters(in: " ") == "|" {
                    tokens.append(.rowBreak)
                } else {
                    tokens.append(.cell(cell))
                }
            }
            if !pending.isEmpty { tokens.append(.cell(pending)) }
        case .tabCellPerLine:
            for line in lines {
                if line.isBlank && !line.utf8.contains(0x09) {
                    if tokens.last != .rowBreak { tokens.append(.rowBreak) }
                } else if line.first == "\t" {
                    tokens.append(contentsOf: line.dropFirst().split(separator: "\t", omittingEmptySubsequences: false).map { .cell(clean($0)) })
                } else if case .cell(let previous)? = tokens.last {
                    tokens[tokens.count - 1] = .cell(previous + clean(line))
                } else {
                    tokens.append(.cell(clean(line)))
                }
            }
        case .lines:
            for line in lines {
                if GluedText.isGlued(line) {
                    tokens.append(contentsOf: GluedText.tokens(line))
                    tokens.append(.rowBreak)
                    continue
                }
                let cell = clean(line)
                tokens.append(cell.isEmpty ? .rowBreak : .cell(cell))
            }
        }
        return tokens
    }
}

extension Substring {
    /// Without the leading and trailing characters of `set` (and spaces). Works on scalars: every
    /// character trimmed here (spaces, tabs, colons, punctuation) is a single scalar.
    func trimmingCharacters(in set: String) -> String {
        let trim = set.unicodeScalars
        var s = unicodeScalars[...]
        while let f = s.first, f == " " || trim.contains(f) { s = s.dropFirst() }
        while let l = s.last, l == " " || trim.contains(l) { s = s.dropLast() }
        return String(s)
    }

    /// Empty or only whitespace.
    var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }
}

extension String {
    func trimmingCharacters(in set: String) -> String { self[...].trimmingCharacters(in: set) }
}
