import Foundation
import ZIPFoundation

/// Writes the sheets of one Office Open XML workbook (`.xlsx`): plain SpreadsheetML in a zip (ZIPFoundation), no
/// spreadsheet application involved. Each sheet has a bold header row frozen at the top, column widths from its
/// first rows (a CJK character counts two), numbers as numbers and text as inline strings.
///
/// Rows stream: each sheet's XML goes to a scratch file as its rows come and is deflated into the zip from there,
/// so memory does not grow with the rows. A sheet holds at most `maxRows` rows under its header (Excel's and
/// LibreOffice's limit is 1,048,576 rows in all); the rows beyond go on in continuation sheets (`cells_2`, …).
///
///     let book = try XLSXWriter(path: "Reports/nianbao.xlsx")
///     try book.add("reports", set)
///     try book.commit()
public final class XLSXWriter {
    /// Data rows per sheet: Excel's 1,048,576 rows less the header.
    public static let sheetRowLimit = 1_048_575

    let path: String
    let maxRows: Int
    let scratch: URL
    var sheets: [(name: String, file: URL)] = []
    var names = Set<String>()

    public init(path: String, maxRows: Int = XLSXWriter.sheetRowLimit) throws {
        self.path = path
        self.maxRows = max(1, maxRows)
        scratch = Scratch.url()
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(at: scratch) }

    /// The workbook in one call.
    public static func write(_ sheets: [(name: String, rows: RowSet)], to path: String) throws {
        let book = try XLSXWriter(path: path)
        for sheet in sheets { try book.add(sheet.name, sheet.rows) }
        try book.commit()
    }

    public func add(_ name: String, _ set: RowSet) throws {
        let sheet = try self.sheet(name, columns: set.columns)
        for row in set.rows { try sheet.row(row) }
        try sheet.finish()
    }

    /// A sheet to write row by row; `finish` it before the next.
    /// `percent`: the columns holding shares (0.347 shown as 34.7%); `dates`: the columns holding `YYYY-MM-DD` text,
    /// written as dates.
    public func sheet(_ name: String, columns: [String], percent: Set<Int> = [], dates: Set<Int> = []) throws -> Sheet {
        try Sheet(book: self, name: name, columns: columns, percent: percent, dates: dates)
    }

    /// A unique sheet name (at most 31 characters, none of `[]:*?/\`, unique ignoring case).
    func claim(_ name: String) -> String {
        var unique = Self.sheetName(name)
        var k = 2
        while !names.insert(unique.lowercased()).inserted { unique = String(Self.sheetName(name).prefix(28)) + "_\(k)"; k += 1 }
        return unique
    }

    /// The rows of one table, in one sheet or (beyond the row limit) several.
    public final class Sheet {
        let book: XLSXWriter
        let name: String
        let columns: [String]
        let percent: Set<Int>
        let dates: Set<Int>
        /// The first rows, held until the column widths are known.
        var head: [[FieldValue]] = []
        var file: AtomicFile?
        var buffer = ""
        var rowsInSheet = 0
        var part = 1

        init(book: XLSXWriter, name: String, columns: [String], percent: Set<Int> = [], dates: Set<Int> = []) throws {
            self.book = book
            self.name = name
            self.columns = columns
            self.percent = percent
            self.dates = dates
        }

        public func row(_ values: [FieldValue]) throws {
            if file == nil && head.count < 1_000 {
                head.append(values)
                return
            }
            if file == nil { try start() }
            try write(values)
        }

        public func finish() throws {
            if file == nil { try start() }
            try close()
        }

        func start() throws {
            try open()
            for values in head { try write(values) }
            head = []
        }

        func open() throws {
            let title = book.claim(part == 1 ? name : "\(name)_\(part)")
            let url = book.scratch.appendingPathComponent("sheet\(book.sheets.count + 1).xml")
            book.sheets.append((title, url))
            file = try AtomicFile(path: url.path)
            rowsInSheet = 0
            buffer = XLSXWriter.sheetStart(columns: columns, widthRows: head)
        }

        func close() throws {
            guard let file else { return }
            // A filter on every column, over the header and the rows.
            let filter = columns.isEmpty ? "" : "<autoFilter ref=\"A1:\(XLSXWriter.column(columns.count - 1))\(rowsInSheet + 1)\"/>"
            try file.write(buffer + "</sheetData>" + filter + "</worksheet>")
            buffer = ""
            try file.commit()
            self.file = nil
        }

        func write(_ values: [FieldValue]) throws {
            if rowsInSheet == book.maxRows {
                try close()
                part += 1
                try open()
            }
            rowsInSheet += 1
            buffer += XLSXWriter.rowXML(values, line: rowsInSheet + 1, percent: percent, dates: dates)
            if buffer.utf8.count >= 1 << 16 {
                try file!.write(buffer)
                buffer = ""
            }
        }
    }

    /// Assembles the zip; the workbook appears whole (rename) or not at all.
    public func commit() throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let archive = try Archive(url: temporary, accessMode: .create)
        func add(_ entry: String, _ xml: String) throws {
            let data = Data(xml.utf8)
            try archive.addEntry(with: entry, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        try add("[Content_Types].xml", Self.contentTypes(count: sheets.count))
        try add("_rels/.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>\
            </Relationships>
            """)
        try add("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" \
            xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\
            \(sheets.enumerated().map { i, s in "<sheet name=\"\(Self.escape(s.name))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>" }.joined())\
            </sheets></workbook>
            """)
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
            <Relationship Id="rId\(sheets.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """)
        try add("xl/styles.xml", Self.styles)
        for (i, sheet) in sheets.enumerated() {
            // Deflated from the scratch file in chunks.
            try archive.addEntry(with: "xl/worksheets/sheet\(i + 1).xml", fileURL: sheet.file, compressionMethod: .deflate)
        }
        if rename(temporary.path, url.path) != 0 {
            throw AtomicFileError(path: path, reason: String(cString: strerror(errno)))
        }
    }

    /// At most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        return cleaned.isEmpty ? "sheet" : cleaned
    }

    static func contentTypes(count: Int) -> String {
        """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
        <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
        <Default Extension="xml" ContentType="application/xml"/>\
        <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
        <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
        \((0..<count).map { "<Override PartName=\"/xl/worksheets/sheet\($0 + 1).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>" }.joined())\
        </Types>
        """
    }

    /// Style 0: default; 1: bold (the header row); 2: a percentage with one decimal; 3: a date (yyyy-mm-dd).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <numFmts count="2"><numFmt numFmtId="164" formatCode="0.0%"/><numFmt numFmtId="165" formatCode="yyyy-mm-dd"/></numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>\
        <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
        <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>\
        </styleSheet>
        """

    /// `A`, `B`, … `Z`, `AA` …
    static func column(_ index: Int) -> String {
        var n = index + 1
        var out = ""
        while n > 0 {
            let r = (n - 1) % 26
            out = String(UnicodeScalar(UInt8(65 + r))) + out
            n = (n - 1) / 26
        }
        return out
    }

    /// A worksheet's opening up to `<sheetData>` with its header row; widths from the widest cell of `widthRows`,
    /// between 6 and 60 characters.
    static func sheetStart(columns: [String], widthRows: [[FieldValue]]) -> String {
        var widths = columns.map { TableWriter.width($0) + 2 }
        for row in widthRows {
            for (i, value) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], TableWriter.width(value.text) + 1) }
        }
        var xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
            <sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>\
            <selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>\
            <sheetFormatPr defaultRowHeight="15"/><cols>
            """
        for (i, w) in widths.enumerated() {
            xml += "<col min=\"\(i + 1)\" max=\"\(i + 1)\" width=\"\(min(60, max(6, w)))\" customWidth=\"1\"/>"
        }
        xml += "</cols><sheetData>"
        return xml + "<row r=\"1\">" + columns.enumerated().map { text($1, column($0) + "1", bold: true) }.joined() + "</row>"
    }

    static func text(_ s: String, _ ref: String, bold: Bool) -> String {
        "<c r=\"\(ref)\"\(bold ? " s=\"1\"" : "") t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(s))</t></is></c>"
    }

    /// One row at sheet line `line` (the header is line 1).
    static func rowXML(_ row: [FieldValue], line: Int, percent: Set<Int> = [], dates: Set<Int> = []) -> String {
        var xml = "<row r=\"\(line)\">"
        for (c, value) in row.enumerated() {
            let ref = column(c) + String(line)
            switch value {
            case .null: continue
            case .number(let n) where n.isFinite:
                xml += "<c r=\"\(ref)\"\(percent.contains(c) ? " s=\"2\"" : "")><v>\(formatNumber(n))</v></c>"
            case .number: continue
            case .text(let s):
                if dates.contains(c), let serial = serialDate(s) {
                    xml += "<c r=\"\(ref)\" s=\"3\"><v>\(serial)</v></c>"
                } else {
                    xml += text(s, ref, bold: false)
                }
            }
        }
        return xml + "</row>"
    }

    /// Excel's day number of a `YYYY-MM-DD` date (days since 1899-12-30), or nil for anything else.
    static func serialDate(_ s: String) -> Int? {
        let parts = s.split(separator: "-")
        guard s.utf8.count == 10, parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1900...9999).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        // Days from the civil date (proleptic Gregorian), then from 1899-12-30.
        let a = (14 - m) / 12, yy = y + 4800 - a, mm = m + 12 * a - 3
        let julian = d + (153 * mm + 2) / 5 + 365 * yy + yy / 4 - yy / 100 + yy / 400 - 32045
        return julian - 2415019
    }

    /// XML text: markup escaped, characters XML 1.0 forbids dropped.
    static func escape(_ s: String) -> String {
        // Most text needs nothing: no markup, no control character, no U+FFFE/U+FFFF (bytes EF BF BE/BF; 0xBF alone is
        // a continuation byte of many Chinese characters).
        var clean = true, previous: UInt8 = 0
        for byte in s.utf8 {
            if byte < 0x20 || byte == 0x26 || byte == 0x3C || byte == 0x3E || byte == 0x22 || previous == 0xBF && byte >= 0xBE {
                clean = false
                break
            }
            previous = byte
        }
        if clean { return s }
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "\t", "\n", "\r": out.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
