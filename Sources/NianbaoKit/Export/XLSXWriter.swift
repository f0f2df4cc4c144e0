import Foundation
import ZIPFoundation

/// Writes row sets as the sheets of one Office Open XML workbook (`.xlsx`): plain SpreadsheetML in a zip
/// (ZIPFoundation), no spreadsheet application involved. Each sheet has a bold header row frozen at the
/// top, column widths from its content (a CJK character counts two), numbers as numbers and text as
/// inline strings.
///
///     try XLSXWriter.write([("reports", set)], to: "Reports/nianbao.xlsx")
public enum XLSXWriter {
    public static func write(_ sheets: [(name: String, rows: RowSet)], to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }
        let archive = try Archive(url: temporary, accessMode: .create)
        var names = Set<String>()
        let titled = sheets.map { sheet -> (String, RowSet) in
            var name = sheetName(sheet.name)
            var k = 2
            while !names.insert(name.lowercased()).inserted { name = String(sheetName(sheet.name).prefix(28)) + "_\(k)"; k += 1 }
            return (name, sheet.rows)
        }
        func add(_ entry: String, _ xml: String) throws {
            let data = Data(xml.utf8)
            try archive.addEntry(with: entry, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        try add("[Content_Types].xml", contentTypes(count: titled.count))
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
            \(titled.enumerated().map { i, s in "<sheet name=\"\(escape(s.0))\" sheetId=\"\(i + 1)\" r:id=\"rId\(i + 1)\"/>" }.joined())\
            </sheets></workbook>
            """)
        try add("xl/_rels/workbook.xml.rels", """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
            \(titled.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined())\
            <Relationship Id="rId\(titled.count + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>\
            </Relationships>
            """)
        try add("xl/styles.xml", styles)
        for (i, sheet) in titled.enumerated() {
            try add("xl/worksheets/sheet\(i + 1).xml", worksheet(sheet.1))
        }
        // rename(2): the workbook appears whole or not at all.
        if rename(temporary.path, url.path) != 0 {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
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

    /// Style 0: default; style 1: bold (the header row).
    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
        <xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>\
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

    static func worksheet(_ set: RowSet) -> String {
        // Widths: the widest cell of the first 1,000 rows, between 6 and 60 characters.
        var widths = set.columns.map { TableWriter.width($0) + 2 }
        for row in set.rows.prefix(1_000) {
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
        func text(_ s: String, _ ref: String, bold: Bool) -> String {
            "<c r=\"\(ref)\"\(bold ? " s=\"1\"" : "") t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(s))</t></is></c>"
        }
        xml += "<row r=\"1\">" + set.columns.enumerated().map { text($1, column($0) + "1", bold: true) }.joined() + "</row>"
        for (r, row) in set.rows.enumerated() {
            let line = r + 2
            xml += "<row r=\"\(line)\">"
            for (c, value) in row.enumerated() {
                let ref = column(c) + String(line)
                switch value {
                case .null: continue
                case .number(let n) where n.isFinite: xml += "<c r=\"\(ref)\"><v>\(formatNumber(n))</v></c>"
                case .number: continue
                case .text(let s): xml += text(s, ref, bold: false)
                }
            }
            xml += "</row>"
        }
        return xml + "</sheetData></worksheet>"
    }

    /// XML text: markup escaped, characters XML 1.0 forbids dropped.
    static func escape(_ s: String) -> String {
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
