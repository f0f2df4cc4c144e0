import Foundation
import Testing
import ZIPFoundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import NianbaoKit

@Suite struct ExportTests {
    let set = RowSet(columns: ["source", "value", "message"], rows: [
        [.text("a.txt"), .number(6858.05), .text("含,逗号与\"引号\"")],
        [.text("b.txt"), .null, .text("两行\n文字")],
    ])

    @Test func csvIsRFC4180WithCRLF() {
        #expect(OutputFormat.csv.render(set) ==
            "source,value,message\r\na.txt,6858.05,\"含,逗号与\"\"引号\"\"\"\r\nb.txt,,\"两行\n文字\"\r\n")
        #expect(OutputFormat.csv.render(set, bom: true).hasPrefix("\u{FEFF}source,"))
    }

    @Test func tsvAndJSON() {
        #expect(OutputFormat.tsv.render(set) == "source\tvalue\tmessage\na.txt\t6858.05\t含,逗号与\"引号\"\nb.txt\t\t两行 文字\n")
        #expect(OutputFormat.json.render(set) ==
            "[\n{\"source\":\"a.txt\",\"value\":6858.05,\"message\":\"含,逗号与\\\"引号\\\"\"},\n{\"source\":\"b.txt\",\"value\":null,\"message\":\"两行\\n文字\"}\n]\n")
        let parsed = try? JSONSerialization.jsonObject(with: Data(OutputFormat.json.render(set).utf8)) as? [[String: Any]]
        #expect(parsed?.count == 2)
    }

    @Test func tableAlignsChineseByDisplayWidth() {
        #expect(TableWriter.width("总计") == 4)
        #expect(TableWriter.width("a总") == 3)
        let out = OutputFormat.table.render(RowSet(columns: ["名称", "n"], rows: [[.text("清镇市"), .number(1)], [.text("ab"), .number(22)]]))
        #expect(out == "名称    n\n------  --\n清镇市  1\nab      22\n")
    }

    @Test func atomicWriteLeavesNoTemporaryFile() throws {
        let dir = try Repo.temporaryDirectory()
        let path = dir.appendingPathComponent("out.csv").path
        try writeAtomically("one", to: path)
        try writeAtomically("two", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }

    /// One row set with everything a writer must handle: Chinese, a comma, quotes, a line break, a
    /// formula-like text, a negative number, a decimal, an empty cell, a pipe.
    static let sample = RowSet(columns: ["source", "agency", "value", "note"], rows: [
        [.text("Corpus/a.txt"), .text("清镇市人民政府"), .number(6858.05), .text("含,逗号与\"引号\"")],
        [.text("Corpus/b.txt"), .text("=HYPERLINK(\"x\")"), .number(-3), .text("两行\n文字")],
        [.text("Corpus/c.txt"), .text("-"), .null, .text("a|b")],
    ])

    /// Each format against a file in `Fixtures/golden/` (BOM and CRLF kept: the folder is `-text`).
    @Test("every output format matches its golden file", arguments: [
        ("csv", OutputFormat.csv), ("tsv", .tsv), ("json", .json), ("jsonl", .jsonl), ("md", .markdown), ("txt", .table),
    ])
    func golden(_ name: String, _ format: OutputFormat) throws {
        let url = Repo.root.appendingPathComponent("Tests/NianbaoKitTests/Fixtures/golden/sample.\(name)")
        let expected = try String(decoding: Data(contentsOf: url), as: UTF8.self)
        #expect(format.render(Self.sample) == expected)
    }

    @Test func excelCSVHasABOMAndNeutralisesFormulas() throws {
        var writer = CSVWriter(bom: true, neutralise: true)
        let out = writer.render(Self.sample)
        let expected = try String(decoding: Data(contentsOf: Repo.root.appendingPathComponent("Tests/NianbaoKitTests/Fixtures/golden/sample.excel.csv")), as: UTF8.self)
        #expect(out == expected)
        #expect(out.hasPrefix("\u{FEFF}source,agency"))
        #expect(out.contains("'=HYPERLINK"))
        // A number stays a number, even negative; a lone dash (text) is neutralised.
        #expect(out.contains(",-3,") && out.contains(",'-,"))
        // A leading tab or carriage return is neutralised too; inside a cell it is only quoted.
        var plain = CSVWriter(bom: false)
        let tabbed = plain.render(RowSet(columns: ["a", "b"], rows: [[.text("\tcmd"), .text("x\ty")], [.text("\r=1"), .text("+2")]]))
        #expect(tabbed == "a,b\r\n'\tcmd,x\ty\r\n\"'\r=1\",'+2\r\n")
    }

    @Test func markdownShowsMarkupAndTheTerminalShowsControlCharactersLiterally() {
        let set = RowSet(columns: ["a"], rows: [[.text("<script>x</script> & a|b")], [.text("\u{1B}[31mred\u{7}")]])
        let md = OutputFormat.markdown.render(set)
        #expect(md.contains("&lt;script&gt;x&lt;/script&gt; &amp; a\\|b") && !md.contains("<script>"))
        let table = OutputFormat.table.render(set)
        #expect(table.contains("␛[31mred␇") && !table.unicodeScalars.contains { $0.value == 0x1B || $0.value == 0x07 })
    }

    @Test func chineseHeaders() {
        #expect(Headers.zh.apply(Self.sample).columns == ["文件", "机关", "数值", "note"])
        #expect(Headers.zh.header("disclosure_rate") == Measures.aggregates.first { $0.name == "disclosure_rate" }?.label)
        #expect(Headers.en.apply(Self.sample).columns == Self.sample.columns)
    }

    /// A reader of a workbook's parts by name.
    static func parts(of path: String) throws -> (String) throws -> String {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        return { name in
            var data = Data()
            _ = try archive.extract(try #require(archive[name], "missing \(name)")) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Rows past a sheet's limit go on in continuation sheets, none over it, none lost, each with its header.
    @Test func aSheetPastTheRowLimitGoesOnInContinuationSheets() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        let book = try XLSXWriter(path: path, maxRows: 3)
        let rows = (1...7).map { [FieldValue.number(Double($0))] }
        try book.add("cells", RowSet(columns: ["n"], rows: rows))
        try book.add("small", RowSet(columns: ["x"], rows: [[.text("a")]]))
        try book.commit()
        let part = try Self.parts(of: path)
        let names = try part("xl/workbook.xml").components(separatedBy: "<sheet name=\"").dropFirst().map { $0.prefix { $0 != "\"" } }
        #expect(names == ["cells", "cells_2", "cells_3", "small"])
        var values: [String] = []
        for i in 1...3 {
            let sheet = try part("xl/worksheets/sheet\(i).xml")
            #expect(sheet.contains("<row r=\"1\"><c r=\"A1\" s=\"1\" t=\"inlineStr\"><is><t xml:space=\"preserve\">n</t>"))
            #expect(!sheet.contains("<row r=\"5\""))
            values += sheet.components(separatedBy: "<v>").dropFirst().map { String($0.prefix { $0 != "<" }) }
        }
        #expect(values == (1...7).map(String.init))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["book.xlsx"])
    }

    /// Shares as percentages, dates as dates, a filter on every sheet, empty cells empty.
    @Test func theWorkbookFormatsSharesAndDatesAndFiltersEverySheet() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("book.xlsx").path
        let book = try XLSXWriter(path: path)
        let sheet = try book.sheet("t", columns: ["year", "rate", "published_on", "n"], percent: [1], dates: [2])
        try sheet.row([.number(2023), .number(0.347826), .text("2024-01-31"), .null])
        try sheet.row([.number(2024), .null, .text("不详"), .number(3)])
        try sheet.finish()
        try book.commit()
        let part = try Self.parts(of: path)
        let xml = try part("xl/worksheets/sheet1.xml")
        #expect(xml.contains("<c r=\"B2\" s=\"2\"><v>0.347826</v></c>"))
        #expect(xml.contains("<c r=\"C2\" s=\"3\"><v>45322</v></c>"))          // 2024-01-31
        #expect(xml.contains("<t xml:space=\"preserve\">不详</t>"))               // not a date: kept as text
        #expect(!xml.contains("r=\"D2\"") && !xml.contains("r=\"B3\""))         // empty cells empty
        #expect(xml.hasSuffix("</sheetData><autoFilter ref=\"A1:D3\"/></worksheet>"))
        let styles = try part("xl/styles.xml")
        #expect(styles.contains("formatCode=\"0.0%\"") && styles.contains("formatCode=\"yyyy-mm-dd\"") && styles.contains("<cellXfs count=\"4\">"))
    }

    /// A streamed export writes what rendering the whole set writes, in every format that streams.
    @Test func streamingWritesWhatRenderingWrites() throws {
        let many = RowSet(columns: Self.sample.columns, rows: Array(repeating: Self.sample.rows, count: 300).flatMap { $0 })
        for format in OutputFormat.allCases {
            for set in [Self.sample, many, RowSet(columns: ["a"])] {
                var out = ""
                var writer = format.writer(bom: true)
                try writer.stream(columns: set.columns, write: { out += $0 }) { each in for row in set.rows { try each(row) } }
                #expect(out == format.render(set, bom: true), "\(format)")
            }
        }
    }

    @Test func xlsxHasItsPartsAFrozenBoldHeaderAndNumbersAsNumbers() throws {
        let dir = try Repo.temporaryDirectory()
        let path = dir.appendingPathComponent("book.xlsx").path
        try XLSXWriter.write([("sample", Self.sample), ("a/b:c*?[d]", RowSet(columns: ["x"]))], to: path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["book.xlsx"])
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        func part(_ name: String) throws -> String {
            let entry = try #require(archive[name], "missing \(name)")
            var data = Data()
            _ = try archive.extract(entry) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let parts = ["[Content_Types].xml", "_rels/.rels", "xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                     "xl/worksheets/sheet1.xml", "xl/worksheets/sheet2.xml"]
        for name in parts { _ = try part(name) }
        let workbook = try part("xl/workbook.xml")
        #expect(workbook.contains("name=\"sample\"") && workbook.contains("name=\"a_b_c___d_\""))
        let sheet = try part("xl/worksheets/sheet1.xml")
        #expect(sheet.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(sheet.contains("<c r=\"A1\" s=\"1\" t=\"inlineStr\">"))           // bold header
        #expect(sheet.contains("<c r=\"C2\"><v>6858.05</v></c>"))                  // a number as a number
        #expect(sheet.contains("<c r=\"C3\"><v>-3</v></c>"))
        #expect(!sheet.contains("r=\"C4\""))                                        // an empty cell is absent, not 0
        #expect(sheet.contains("&quot;引号&quot;") && sheet.contains("=HYPERLINK(&quot;x&quot;)"))
        #expect(try part("xl/styles.xml").contains("<b/>"))
        // XML 1.0's non-characters dropped, Chinese (whose UTF-8 has 0xBF continuation bytes: 靿, 开) left alone.
        #expect(XLSXWriter.escape("a\u{FFFE}b\u{FFFF}c") == "abc" && XLSXWriter.escape("靿开“号”") == "靿开“号”")
        // Every part is well-formed XML.
        for name in parts {
            #expect(XMLParser(data: Data(try part(name).utf8)).parse(), "\(name) is not well-formed")
        }
    }
}
