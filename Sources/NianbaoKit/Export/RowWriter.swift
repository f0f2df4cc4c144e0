import Foundation

/// The output formats of every data-printing command.
public enum OutputFormat: String, Sendable, CaseIterable {
    case table, csv, tsv, json, jsonl, markdown
}

/// Writes rows in one format: one small protocol (write the header, write a row, take what is ready, finish), one
/// type per format. CSV, TSV, JSON and JSON Lines give their text as the rows come, so an export streams; the
/// aligned table and Markdown need every row first (they are for the small tables people read).
public protocol RowWriter {
    mutating func header(_ columns: [String])
    mutating func row(_ values: [FieldValue])
    /// The output so far that is final, removed from the writer ("" for a format that needs every row first).
    mutating func take() -> String
    /// The rest of the output.
    mutating func finish() -> String
}

extension RowWriter {
    /// Renders a whole row set.
    public mutating func render(_ set: RowSet) -> String {
        header(set.columns)
        for values in set.rows { row(values) }
        return take() + finish()
    }

    /// Writes the header and the rows `rows` gives, one at a time, handing the text to `write` in pieces: memory
    /// does not grow with the rows.
    public mutating func stream(columns: [String], write: (String) throws -> Void,
                                rows: ((([FieldValue]) throws -> Void)) throws -> Void) throws {
        header(columns)
        var pending = 0
        try withoutActuallyEscaping(write) { write in
            try rows { values in
                row(values)
                pending += 1
                // Every 256 rows: a few tens of KB for the tables exported.
                if pending >= 256 {
                    pending = 0
                    try write(take())
                }
            }
        }
        try write(take() + finish())
    }
}

/// RFC 4180 CSV with CRLF line ends; an optional UTF-8 BOM so that Excel shows Chinese correctly.
///
///     var w = CSVWriter(bom: false); w.render(RowSet(columns: ["a"], rows: [[.text("x,y")]]))  // "a\r\n\"x,y\"\r\n"
public struct CSVWriter: RowWriter {
    var output: String
    /// Spreadsheet-safe: a text cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`,
    /// so a spreadsheet never runs it as a formula. Numbers are left alone. On for every CSV the commands write.
    var neutralise: Bool

    public init(bom: Bool, neutralise: Bool = true) {
        output = bom ? "\u{FEFF}" : ""
        self.neutralise = neutralise
    }

    static func neutralised(_ value: FieldValue) -> String {
        guard case .text(let s) = value, let first = s.utf8.first, [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D].contains(first) else {
            return value.text
        }
        return "'" + s
    }

    static func quote(_ field: String) -> String {
        // On bytes: `,` `"` CR LF are ASCII and never part of a multi-byte character.
        if field.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) {
            return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return field
    }

    public mutating func header(_ columns: [String]) { line(columns) }
    public mutating func row(_ values: [FieldValue]) { line(neutralise ? values.map(Self.neutralised) : values.map(\.text)) }
    mutating func line(_ fields: [String]) {
        for (i, field) in fields.enumerated() {
            if i > 0 { output += "," }
            output += Self.quote(field)
        }
        output += "\r\n"
    }
    public mutating func take() -> String { defer { output = "" }; return output }
    public mutating func finish() -> String { take() }
}

/// Tab-separated values: tabs and line breaks inside a field become spaces.
public struct TSVWriter: RowWriter {
    var output = ""
    public init() {}
    static func clean(_ s: String) -> String {
        String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\r\n" ? " " : $0 })
    }
    public mutating func header(_ columns: [String]) { output += columns.map(Self.clean).joined(separator: "\t") + "\n" }
    public mutating func row(_ values: [FieldValue]) { output += values.map { Self.clean($0.text) }.joined(separator: "\t") + "\n" }
    public mutating func take() -> String { defer { output = "" }; return output }
    public mutating func finish() -> String { take() }
}

/// A JSON array of objects keyed by column; numbers as numbers, blanks as null.
public struct JSONWriter: RowWriter {
    var columns: [String] = []
    var output = ""
    var rows = 0
    public init() {}

    static func string(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    public mutating func header(_ columns: [String]) { self.columns = columns }
    public mutating func row(_ values: [FieldValue]) {
        output += (rows == 0 ? "[\n" : ",\n") + object(values)
        rows += 1
    }
    func object(_ values: [FieldValue]) -> String {
        let fields = zip(columns, values).map { column, value -> String in
            let rendered: String
            switch value {
            case .null: rendered = "null"
            case .number(let n): rendered = formatNumber(n)
            case .text(let s): rendered = Self.string(s)
            }
            return Self.string(column) + ":" + rendered
        }
        return "{" + fields.joined(separator: ",") + "}"
    }
    public mutating func take() -> String { defer { output = "" }; return output }
    public mutating func finish() -> String { take() + (rows == 0 ? "[]\n" : "\n]\n") }
}

/// JSON Lines: one object per row, keyed by column (numbers as numbers, blanks as null).
public struct JSONLinesWriter: RowWriter {
    var json = JSONWriter()
    var output = ""
    public init() {}
    public mutating func header(_ columns: [String]) { json.header(columns) }
    public mutating func row(_ values: [FieldValue]) { output += json.object(values) + "\n" }
    public mutating func take() -> String { defer { output = "" }; return output }
    public mutating func finish() -> String { take() }
}

/// A Markdown (GFM) table: `|` in a cell escaped, line breaks as spaces, numbers right-aligned.
public struct MarkdownWriter: RowWriter {
    var columns: [String] = []
    var rows: [[FieldValue]] = []
    public init() {}
    /// A cell's text as Markdown shows it literally: `|` escaped, line breaks as spaces, and `&`, `<`, `>` as
    /// entities, so no markup or script in a report's text reaches a rendered page.
    static func cell(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ")
    }
    public mutating func header(_ columns: [String]) { self.columns = columns }
    public mutating func row(_ values: [FieldValue]) { rows.append(values) }
    public mutating func take() -> String { "" }
    public mutating func finish() -> String {
        guard !columns.isEmpty else { return "" }
        let numeric = columns.indices.map { i in
            rows.contains { if case .number = $0[i] { return true } else { return false } }
                && rows.allSatisfy { if case .text = $0[i] { return false } else { return true } }
        }
        var out = "| " + columns.map(Self.cell).joined(separator: " | ") + " |\n"
        out += "|" + numeric.map { $0 ? "---:" : "---" }.joined(separator: "|") + "|\n"
        for row in rows { out += "| " + row.map { Self.cell($0.text) }.joined(separator: " | ") + " |\n" }
        return out
    }
}

/// An aligned text table for the terminal; a CJK character counts two columns.
public struct TableWriter: RowWriter {
    var lines: [[String]] = []
    public init() {}

    /// Display width: East Asian wide and full-width characters take two columns.
    public static func width(_ s: String) -> Int {
        if s.utf8.allSatisfy({ $0 < 0x80 }) { return s.utf8.count }
        return s.unicodeScalars.reduce(0) { total, scalar in
            let v = scalar.value
            let wide = (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
                || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
                || (0xFFE0...0xFFE6).contains(v) || (0x20000...0x3FFFD).contains(v)
            return total + (wide ? 2 : 1)
        }
    }

    /// Control characters made visible (`\u{1B}` shown as `␛`, the C0 set as its control pictures, C1 and DEL as
    /// `\u{…}`), so a report's text cannot move the cursor or recolour the terminal.
    public static func visible(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            switch scalar.value {
            case 0..<0x20: out.append(Unicode.Scalar(0x2400 + scalar.value)!)
            case 0x7F...0x9F: out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            default: out.append(scalar)
            }
        }
        return String(out)
    }

    public mutating func header(_ columns: [String]) { lines.append(columns.map(Self.visible)) }
    public mutating func row(_ values: [FieldValue]) { lines.append(values.map { Self.visible($0.text) }) }
    public mutating func take() -> String { "" }
    public mutating func finish() -> String {
        guard let first = lines.first else { return "" }
        var widths = first.map(Self.width)
        for line in lines { for (i, cell) in line.enumerated() where i < widths.count { widths[i] = max(widths[i], Self.width(cell)) } }
        func render(_ line: [String]) -> String {
            var out = ""
            for (i, cell) in line.enumerated() {
                if i > 0 { out += "  " }
                out += cell
                if i + 1 < line.count { out += String(repeating: " ", count: max(0, widths[i] - Self.width(cell))) }
            }
            while out.last == " " { out.removeLast() }
            return out
        }
        var out = [render(first), widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += lines.dropFirst().map(render)
        return out.joined(separator: "\n") + "\n"
    }
}

extension OutputFormat {
    /// The writer of this format; `bom` applies to CSV only.
    public func writer(bom: Bool = false) -> any RowWriter {
        switch self {
        case .csv: return CSVWriter(bom: bom)
        case .tsv: return TSVWriter()
        case .json: return JSONWriter()
        case .table: return TableWriter()
        case .jsonl: return JSONLinesWriter()
        case .markdown: return MarkdownWriter()
        }
    }

    /// Renders a row set; `bom` applies to CSV only.
    public func render(_ set: RowSet, bom: Bool = false) -> String {
        var w = writer(bom: bom)
        return w.render(set)
    }
}

/// A file written in pieces that appears whole or not at all: the pieces go to a temporary file beside it, renamed
/// over it by `commit`; dropped without `commit`, the temporary file is removed.
public final class AtomicFile {
    let url: URL
    let temporary: URL
    let handle: FileHandle
    var committed = false

    public init(path: String) throws {
        url = URL(fileURLWithPath: path)
        temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        guard FileManager.default.createFile(atPath: temporary.path, contents: nil) else {
            throw AtomicFileError(path: path, reason: "cannot create a file in \(url.deletingLastPathComponent().path)")
        }
        handle = try FileHandle(forWritingTo: temporary)
    }

    public func write(_ text: String) throws {
        guard !text.isEmpty else { return }
        do {
            try handle.write(contentsOf: Data(text.utf8))
        } catch {
            // A full disk, a lost mount: said about the file being written, not the temporary one.
            throw AtomicFileError(path: url.path, reason: Self.reason(error))
        }
    }

    /// The system's words for a failed write (`No space left on device`).
    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(underlying.code)))
        }
        if ns.domain == NSPOSIXErrorDomain { return String(cString: strerror(Int32(ns.code))) }
        return ns.localizedDescription
    }

    public func commit() throws {
        do { try handle.close() } catch { throw AtomicFileError(path: url.path, reason: Self.reason(error)) }
        // rename(2) replaces the target in one step on the same file system.
        guard rename(temporary.path, url.path) == 0 else {
            throw AtomicFileError(path: url.path, reason: String(cString: strerror(errno)))
        }
        committed = true
    }

    deinit {
        if !committed {
            try? handle.close()
            try? FileManager.default.removeItem(at: temporary)
        }
    }
}

public struct AtomicFileError: Error, CustomStringConvertible {
    public var path: String
    public var reason: String
    public var description: String { "cannot write \(path): \(reason)" }
}

/// Writes a file atomically: a temporary file beside it, then a rename, so no half-written file is ever left.
public func writeAtomically(_ text: String, to path: String) throws {
    let file = try AtomicFile(path: path)
    try file.write(text)
    try file.commit()
}
