import Foundation

/// Why a PDF could not be read.
public enum PDFError: Error, CustomStringConvertible, Equatable {
    case notPDF
    case toolMissing
    case timedOut(seconds: Int)
    case toolFailed(status: Int32)
    case noTextLayer
    case ocrFailed(String)

    public var description: String {
        switch self {
        case .notPDF: return "not a PDF (no %PDF header)"
        case .toolMissing: return "pdftotext not found — install poppler-utils (apt-get install poppler-utils) to read PDFs"
        case .timedOut(let s): return "pdftotext gave no result within \(s) s"
        case .toolFailed(let status):
            switch status {
            case 1: return "damaged or truncated PDF (pdftotext could not open it)"
            case 3: return "PDF forbids text extraction (permissions)"
            default: return "pdftotext failed (exit status \(status))"
            }
        case .noTextLayer:
            return "no text layer (scanned PDF?) — install tesseract-ocr and tesseract-ocr-chi-sim (apt-get install …) to read scans"
        case .ocrFailed(let reason): return "no text layer, and recognising its pages failed: \(reason)"
        }
    }
}

/// PDFs, through the text layer that poppler's `pdftotext -layout` extracts; tables come out as
/// rows of space-separated cells, placed under their columns by position. Where that leaves cells of a form table
/// unsettled or placed by spacing, the second reading reads the PDF's ruled tables by its words' boxes (`PDFWords`)
/// and the two are put together cell by cell; a PDF without a text layer is recognised (`OCR`).
public struct PDFReader: DocumentReader {
    public var timeout: Int
    /// Where to find `pdftotext`; nil searches `PATH`.
    public var executable: String?
    /// Recognise the pages of a PDF without text (`OCR`), where the tools are installed.
    public var ocr: Bool

    public init(timeout: Int = 30, executable: String? = nil, ocr: Bool = true) {
        self.timeout = timeout
        self.executable = executable
        self.ocr = ocr
    }

    public var extensions: Set<String> { ["pdf"] }

    /// The `pdftotext` on `PATH`, if any.
    public static func findTool() -> String? { ExternalTool.find("pdftotext") }

    public func read(bytes: [UInt8], path: String) throws -> Document {
        guard Self.hasHeader(bytes) else { throw PDFError.notPDF }
        guard let tool = executable ?? Self.findTool(), FileManager.default.isExecutableFile(atPath: tool) else {
            throw PDFError.toolMissing
        }
        let text = try extract(bytes, tool: tool)
        guard text.unicodeScalars.filter({ !$0.properties.isWhitespace }).count >= 20 else {
            // A scan: its pages recognised by tesseract, where installed with its Chinese model.
            guard ocr, let recognise = OCR.tools() else { throw PDFError.noTextLayer }
            let recognised: Document
            do {
                recognised = try recognise.document(of: bytes, pageTimeout: timeout * 2)
            } catch {
                throw PDFError.ocrFailed("\(error)")
            }
            guard recognised.plainText.unicodeScalars.filter({ !$0.properties.isWhitespace }).count >= 20 else {
                throw PDFError.ocrFailed("no text recognised on its pages")
            }
            return recognised
        }
        return Document(blocks: [.text(text)])
    }

    /// The PDF's ruled tables read by its words' positions (`PDFWords`): `pdftotext -bbox` for the words, `pdftoppm`
    /// for the pages that print a form table's header, the rest of the document as its layout text. nil when
    /// `pdftoppm` is not installed or no ruled table is found.
    public func secondReading(bytes: [UInt8], path: String) throws -> Document? {
        guard Self.hasHeader(bytes), let tool = executable ?? Self.findTool(), let pdftoppm = ExternalTool.find("pdftoppm") else { return nil }
        let bbox = try ExternalTool.run(tool, bytes: bytes, inputName: "in.pdf", timeout: timeout) { ["-bbox", "-enc", "UTF-8", "-q", $0, $1] }
        let pages = PDFWords.pages(bbox: String(decoding: bbox, as: UTF8.self))
        let wanted = PDFWords.tablePages(pages)
        guard let first = wanted.first, let last = wanted.last else { return nil }
        let directory = Scratch.url()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.pdf")
        try Data(bytes).write(to: input)
        _ = try ExternalTool.run(pdftoppm, bytes: nil, timeout: timeout) { _, _ in
            ["-r", String(PDFWords.dpi), "-gray", "-W", String(OCR.maxSide), "-H", String(OCR.maxSide), "-f", String(first + 1), "-l", String(last + 1),
             input.path, directory.appendingPathComponent("page").path]
        }
        var tables: [Int: [RuledTables.Table]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path) where name.hasPrefix("page-") && name.hasSuffix(".pgm") {
            guard let number = Int(name.dropFirst(5).dropLast(4)), wanted.contains(number - 1),
                  let image = PageImage(pgm: Array(try Data(contentsOf: directory.appendingPathComponent(name)))) else { continue }
            tables[number - 1] = RuledTables.tables(image)
        }
        guard tables.values.contains(where: { !$0.isEmpty }) else { return nil }
        let layout = try extract(bytes, tool: tool).split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
        return PDFWords.document(pages: pages, layoutPages: layout.count >= pages.count ? layout : nil, tables: tables,
                                 scale: Double(PDFWords.dpi) / 72)
    }

    static func hasHeader(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(1024)
        let magic = Array("%PDF-".utf8)
        guard head.count >= magic.count else { return false }
        return (0...(head.count - magic.count)).contains { i in head[i..<(i + magic.count)].elementsEqual(magic) }
    }

    func extract(_ bytes: [UInt8], tool: String) throws -> String {
        do {
            let data = try ExternalTool.run(tool, bytes: bytes, inputName: "in.pdf", timeout: timeout) { ["-layout", "-enc", "UTF-8", "-q", $0, $1] }
            return String(decoding: data, as: UTF8.self)
        } catch ExternalTool.Failure.timedOut {
            throw PDFError.timedOut(seconds: timeout)
        } catch ExternalTool.Failure.failed(let status) {
            throw PDFError.toolFailed(status: status)
        }
    }
}
