/// A report as any reader delivers it: text blocks and table grids in reading order.
///
/// The text reader fills `text` blocks only (tables flattened into text are recognised later by
/// the parser); an HTML, DOCX or PDF reader adds `table` blocks whose cells keep their boundaries.
///
///     let doc = Document(blocks: [.text("一、总体情况"), .table(TableGrid(rows: [["规章", "0", "0", "0"]]))])
///     doc.plainText  // "一、总体情况\n规章\t0\t0\t0"
public struct Document: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        case text(String)
        case table(TableGrid)
    }

    public var blocks: [Block]

    public init(blocks: [Block]) {
        self.blocks = blocks
    }

    /// All blocks as one text, tables as tab-separated rows.
    public var plainText: String {
        blocks.map { block -> String in
            switch block {
            case .text(let text): return text
            case .table(let grid): return grid.rows.map { $0.joined(separator: "\t") }.joined(separator: "\n")
            }
        }.joined(separator: "\n")
    }
}

/// A table as a grid of cell texts, merged cells already expanded or left empty by the reader.
public struct TableGrid: Sendable, Equatable {
    public var rows: [[String]]

    public init(rows: [[String]]) {
        self.rows = rows
    }
}
