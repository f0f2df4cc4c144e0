import Foundation
import Testing
@testable import NianbaoKit
@testable import NianbaoSynth

/// The HTML, DOCX and PDF readers against reports built here, and junk of every kind.
@Suite struct ReaderTests {
    func cells(_ document: Document) throws -> [Cell] {
        try ReportParser.parse(document).cells
    }

    func textCells(_ sample: SampleReport) throws -> [Cell] {
        try cells(TextReader().read(bytes: Array(sample.text.utf8), path: "sample.txt"))
    }

    @Test func theSameReportAsTextHTMLAndDOCXGivesIdenticalCells() throws {
        let sample = SampleReport.standard()
        let fromText = try textCells(sample)
        let fromHTML = try cells(HTMLReader().read(bytes: Array(sample.html().utf8), path: "sample.html"))
        let fromDOCX = try cells(DOCXReader().read(bytes: sample.docx(), path: "sample.docx"))
        #expect(fromHTML == fromText)
        #expect(fromDOCX == fromText)
        // And they are the values written into the sample, not merely equal to each other.
        let report = try ReportParser.parse(Document(blocks: [.text(sample.text)]))
        #expect(report.cell(.t3, "new_received", "total")?.value == 4)
        #expect(report.cell(.t3, "unable.not_held", "natural_person")?.value == 2)
        #expect(report.cell(.t3, "total", "commercial")?.value == 1)
        #expect(report.cell(.t2, "punishment.decisions", "")?.value == -5)
        #expect(report.cell(.t4, "suit_direct.pending", "")?.value == 1)
        #expect(fromText.allSatisfy { $0.status == .ok })
        #expect(Checker.check(report).filter { $0.severity == .error }.isEmpty)
    }

    @Test(.enabled(if: ExternalTool.find("unrtf") != nil, "unrtf is not installed"))
    func anRTFFileGivesTheTextsCells() throws {
        let sample = SampleReport.standard()
        let fromRTF = try cells(RTFReader().read(bytes: Array(sample.rtf().utf8), path: "sample.rtf"))
        #expect(fromRTF == (try textCells(sample)))
        #expect(throws: RTFError.notRTF) { try RTFReader().read(bytes: Array("plain text".utf8), path: "x.rtf") }
        #expect(throws: RTFError.toolMissing) { try RTFReader(executable: "/nonexistent/unrtf").read(bytes: Array("{\\rtf1}".utf8), path: "x.rtf") }
    }

    @Test func rowspanAndColspanTablesAreReadCellByCell() throws {
        // 商业企业 printed with colspan 2 in every row: expanding the grid would repeat it.
        let sample = SampleReport.standard(wideCommercial: true)
        let fromHTML = try cells(HTMLReader().read(bytes: Array(sample.html().utf8), path: "wide.html"))
        #expect(fromHTML == (try textCells(SampleReport.standard())))
    }

    @Test func gridExpansionFillsSpans() {
        let grid = TableGrid(rows: [
            [.init("A", rowSpan: 2), .init("B", colSpan: 2)],
            [.init("C"), .init("D")],
        ])
        #expect(grid.expanded() == [["A", "B", "B"], ["A", "C", "D"]])
    }

    @Test func docxMergedCellsBecomeSpans() throws {
        let sample = SampleReport(parts: [.table([
            [.init("三、本年度办理结果", rowSpan: 3), .init("（一）予以公开", colSpan: 2), .init("5")],
            [.init("（二）部分公开", colSpan: 2), .init("6")],
            [.init("（三）不予公开", rowSpan: 1), .init("1.属于国家秘密"), .init("7")],
        ])])
        let document = try DOCXReader().read(bytes: sample.docx(), path: "merged.docx")
        guard case .table(let grid)? = document.blocks.first else {
            Issue.record("no table read")
            return
        }
        #expect(grid.rows.map { $0.map(\.text) } == [["三、本年度办理结果", "（一）予以公开", "5"], ["（二）部分公开", "6"], ["（三）不予公开", "1.属于国家秘密", "7"]])
        #expect(grid.rows[0][0].rowSpan == 3)
        #expect(grid.rows[0][1].colSpan == 2)
        #expect(grid.expanded()[2] == ["三、本年度办理结果", "（三）不予公开", "1.属于国家秘密", "7"])
    }

    @Test func aGB2312DeclaredPageIsDecoded() throws {
        let url = Bundle.module.url(forResource: "Fixtures/gb2312-page", withExtension: "html")!
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the fixture must really be GB2312")
        #expect(HTMLReader.declaredCharset(bytes) == "gb2312")
        let report = try ReportParser.parse(HTMLReader().read(bytes: bytes, path: url.path))
        #expect(report.agency == "测试镇人民政府")
        #expect(report.year == 2022)
        #expect(report.cell(.t2, "licensing.decisions", "")?.value == 12)
    }

    @Test func chromeAroundTheReportIsCut() throws {
        let sample = SampleReport.standard()
        let document = try HTMLReader().read(bytes: Array(sample.html(chrome: true).utf8), path: "chrome.html")
        let text = document.plainText
        #expect(text.hasPrefix("测试县人民政府2023年政府信息公开工作年度报告"))
        for chrome in ["首页", "当前位置", "2022年", "版权所有", "ICP备", "var x"] {
            #expect(!text.contains(chrome), "chrome left in: \(chrome)")
        }
        #expect(try cells(document) == (try textCells(sample)))
        let report = try ReportParser.parse(document)
        #expect(report.year == 2023)
        #expect(report.publishedOn == "2024-01-20")
    }

    @Test func deepNestingIsReadWithoutCrashing() throws {
        // 100,000 nested elements: libxml2 bounds the depth, the walk bounds it again; the page is no report.
        let html = String(repeating: "<div>", count: 100_000) + "一、总体情况" + String(repeating: "</div>", count: 100_000)
        let document = try HTMLReader().read(bytes: Array(html.utf8), path: "deep.html")
        #expect(throws: NotAReportError.self) { try ReportParser.parse(document) }
    }

    @Test func aZipBombIsRefused() throws {
        let huge = Data(repeating: 0x20, count: 3 << 20)
        let bytes = try SampleReport.zip(["word/document.xml": huge])
        #expect(bytes.count < 100_000, "the test bomb must be small on disk")
        #expect(throws: DOCXError.tooLarge(limit: 1 << 20)) {
            try DOCXReader(maxXMLSize: 1 << 20).read(bytes: bytes, path: "bomb.docx")
        }
    }

    @Test func layoutTextReadsWrappedLabelsAndDropsPageMarkers() {
        let text = """
              （二）部分公开（区分处理的，只计这一情 形，不
              计其他情形）
                                    4    0      0     0   0   0     4
                                                   -3-
              1.属于国家秘密                      1    0      0     0   0   0     1
            """
        let lines = TableText(lines: text.split(separator: "\n").map(String.init))
        #expect(lines.lines[3].kind == .page)
        #expect(lines.lines[4].pageBreak)
        let read = TableReader.read(lines, .t3, template: .t2021)
        let cells = Dictionary(grouping: read.cells, by: \.row)
        #expect(cells["partially_granted"]?.map(\.value) == [4, 0, 0, 0, 0, 0, 4])
        #expect(cells["denied.state_secret"]?.map(\.value) == [1, 0, 0, 0, 0, 0, 1])
    }

    @Test("junk of each kind gets one clear error and the batch goes on")
    func junkDoesNotStopTheBatch() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let pdf = try Data(contentsOf: Repo.corpusFile("hzq2023.pdf"))
        try pdf.prefix(2000).write(to: dir.appendingPathComponent("a-truncated.pdf"))
        try Data([0x50, 0x4B, 0x03, 0x04] + Array(repeating: 0xFF, count: 300)).write(to: dir.appendingPathComponent("b-corrupt.docx"))
        try Data((0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7) }).write(to: dir.appendingPathComponent("c-binary.html"))
        try Data("<html><body><p>关于开展政务公开培训的通知</p><p>各单位：请按时参加。</p></body></html>".utf8)
            .write(to: dir.appendingPathComponent("d-notice.html"))
        try Data("old".utf8).write(to: dir.appendingPathComponent("e-old.doc"))
        try Data(SampleReport.standard().html().utf8).write(to: dir.appendingPathComponent("f-good.html"))

        let store = try Store(inMemory: nil)
        let summary = try Ingester(store: store).ingest([dir.path])
        #expect(summary.ingested == 1)
        #expect(summary.failed == 4)
        #expect(summary.notReports == 1)
        #expect(summary.skipped == 0)
        let reasons = summary.problems.joined(separator: "\n")
        #expect(reasons.contains("a-truncated.pdf: "))
        #expect(reasons.contains("b-corrupt.docx: not a .docx"))
        #expect(reasons.contains("c-binary.html: not a text file"))
        #expect(reasons.contains("d-notice.html: not an annual report"))
        #expect(reasons.contains("e-old.doc: not a Word 97–2003 document (no OLE header)"))
        #expect(summary.problems.allSatisfy { !$0.contains("\n") })
    }

    @Test(.enabled(if: PDFReader.findTool() != nil, "pdftotext (poppler-utils) is not installed"))
    func aTruncatedPDFIsReportedAsDamaged() throws {
        let pdf = try Data(contentsOf: Repo.corpusFile("hzq2023.pdf"))
        #expect(throws: PDFError.self) { try PDFReader().read(bytes: [UInt8](pdf.prefix(2000)), path: "t.pdf") }
        #expect(throws: PDFError.notPDF) { try PDFReader().read(bytes: Array("hello".utf8), path: "t.pdf") }
    }

    /// Word 97 files through wvWare's HTML, their tables cell by cell (catdoc loses the body of this 表三), or through
    /// catdoc where wvWare is missing; neither installed: the packages named.
    @Test func aWord97FileIsReadThroughWvWareOrCatdocOrTheirAbsenceNamed() throws {
        let pingtan = [UInt8](try Data(contentsOf: Repo.root.appendingPathComponent("Zoo/pingtan-zone-2024~lo-doc.doc")))
        let shanghai = [UInt8](try Data(contentsOf: Repo.root.appendingPathComponent("Zoo/shanghai-office-2019~lo-doc.doc")))
        #expect(throws: WordError.toolMissing) {
            try WordReader(wvWare: "/nonexistent/wvWare", catdoc: "/nonexistent/catdoc").read(bytes: pingtan, path: "x.doc")
        }
        #expect(WordError.toolMissing.description.contains("apt-get install wv"))
        #expect(throws: WordError.notWord) { try WordReader().read(bytes: Array("PK\u{3}\u{4}".utf8), path: "x.doc") }
        if ExternalTool.find("catdoc") != nil {
            let report = try ReportParser.parse(try WordReader(wvWare: "/nonexistent/wvWare").read(bytes: pingtan, path: "x.doc"))
            #expect(report.cell(.t3, "new_received", "total")?.value == 218)
        }
        guard ExternalTool.find("wvWare") != nil else { return }
        let docx = try ReportParser.parse(try DOCXReader().read(
            bytes: [UInt8](try Data(contentsOf: Repo.root.appendingPathComponent("Zoo/shanghai-office-2019~lo-docx.docx"))), path: "x.docx"))
        let doc = try ReportParser.parse(try WordReader(catdoc: "/nonexistent/catdoc").read(bytes: shanghai, path: "x.doc"))
        #expect(doc.cell(.t3, "new_received", "total")?.value == 859)   // Zoo/gold/shanghai-office-2019.json
        let cells = { (r: ParsedReport) in r.cells.map { "\($0.table) \($0.row) \($0.column) \($0.value.map { "\($0)" } ?? "") \($0.status)" } }
        #expect(cells(doc) == cells(docx))
    }

    /// A saved page's HTML part, in each transfer encoding, with its declared charset.
    @Test func aSavedWebPageIsReadFromItsHTMLPart() throws {
        let html = "<html><body><p>二、主动公开政府信息情况</p><table><tr><td>规章</td><td>3</td></tr></table></body></html>"
        func page(_ encoding: String, _ body: String, charset: String = "utf-8") -> [UInt8] {
            Array(("Content-Type: multipart/related; type=\"text/html\";\r\n boundary=\"=b=\"\r\nMIME-Version: 1.0\r\n\r\n"
                + "--=b=\r\nContent-Type: text/html; charset=\"\(charset)\"\r\nContent-Transfer-Encoding: \(encoding)\r\n\r\n"
                + body + "\r\n--=b=\r\nContent-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0K\r\n--=b=--\r\n").utf8)
        }
        let base64 = page("base64", Data(html.utf8).base64EncodedString())
        // Quoted-printable, a line broken by a soft `=` in the middle of a character's bytes.
        let qp = Array(html.utf8).map { $0 < 0x80 && $0 != 0x3D ? String(UnicodeScalar($0)) : String(format: "=%02X", $0) }.joined()
        let cut = qp.range(of: "=", range: qp.index(qp.startIndex, offsetBy: 40)..<qp.endIndex)!.lowerBound
        let broken = String(qp[..<cut]) + "=\r\n" + String(qp[cut...])
        let gbBytes = try #require(SynthCorpus.gb18030(html))
        let gb = page("base64", Data(gbBytes).base64EncodedString(), charset: "gb18030")
        let expected = try HTMLReader().read(bytes: Array(html.utf8), path: "p.html")
        #expect(expected.blocks.contains { if case .table = $0 { return true } else { return false } })
        for bytes in [base64, page("quoted-printable", broken), gb] {
            #expect(try MHTMLReader().read(bytes: bytes, path: "p.mhtml") == expected)
        }
        #expect(throws: MHTMLError.noHTMLPart) { try MHTMLReader().read(bytes: Array("Subject: x\r\n\r\nhello".utf8), path: "p.mht") }
    }

    @Test func aMissingPdftotextIsNamed() throws {
        let pdf = [UInt8](try Data(contentsOf: Repo.corpusFile("hzq2023.pdf")))
        let noTool = PDFReader(executable: "/nonexistent/pdftotext")
        #expect(throws: PDFError.toolMissing) { try noTool.read(bytes: pdf, path: "x.pdf") }
        #expect(PDFError.toolMissing.description.contains("poppler-utils"))
    }

    @Test(.enabled(if: PDFReader.findTool() != nil, "pdftotext (poppler-utils) is not installed"))
    func aPDFWithoutTextIsCalledAScan() throws {
        let pdf = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
            + "3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
        #expect(throws: PDFError.noTextLayer) { try PDFReader(ocr: false).read(bytes: Array(pdf.utf8), path: "scan.pdf") }
        #expect(PDFError.noTextLayer.description.hasPrefix("no text layer (scanned PDF?)"))
        // With the OCR tools, its (blank) page is recognised, and found empty.
        if OCR.tools() != nil {
            #expect(throws: PDFError.ocrFailed("no text recognised on its pages")) { try PDFReader().read(bytes: Array(pdf.utf8), path: "scan.pdf") }
        }
    }

    @Test func aHangingPdftotextIsKilledAtTheTimeLimit() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let tool = dir.appendingPathComponent("pdftotext")
        try Data("#!/bin/sh\nexec sleep 60\n".utf8).write(to: tool)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: tool.path)
        #expect(throws: PDFError.timedOut(seconds: 1)) {
            try PDFReader(timeout: 1, executable: tool.path).read(bytes: Array("%PDF-1.4 hang".utf8), path: "hang.pdf")
        }
    }
}
