import Foundation

/// Scanned reports: each page rendered by poppler's `pdftoppm` (300 dpi, grey), its ruled tables found by their lines
/// (`RuledTables`) and recognised cell by cell by `tesseract` (Chinese with its `chi_sim` model, Debian's
/// tesseract-ocr-chi-sim, and digits with `eng`), the text between them as blocks of lines (`--psm 6`). The parser
/// keeps a recognised value only where an identity of the form bears it out (`Document.recognised`).
struct OCR {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    let pdftoppm: String
    let tesseract: String
    /// Pages recognised at most (about 8 s a page on one core).
    static let maxPages = 40
    /// The most pixels a page is rendered to across and down (a page larger than about A2 is cut there): an image
    /// holds at most 49 MB, whatever size a page declares.
    static let maxSide = 7000

    /// The tools, if both are installed and tesseract has its Chinese model.
    static func tools() -> OCR? {
        cached
    }

    private static let cached: OCR? = {
        guard let pdftoppm = ExternalTool.find("pdftoppm"), let tesseract = ExternalTool.find("tesseract") else { return nil }
        let languages = Process()
        languages.executableURL = URL(fileURLWithPath: tesseract)
        languages.arguments = ["--list-langs"]
        let pipe = Pipe()
        languages.standardOutput = pipe
        languages.standardError = FileHandle.nullDevice
        guard (try? languages.run()) != nil else { return nil }
        let listed = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        languages.waitUntilExit()
        return listed.split(separator: "\n").contains("chi_sim") ? OCR(pdftoppm: pdftoppm, tesseract: tesseract) : nil
    }()

    /// Every page as text and ruled tables, pages in order: each page rendered once, its ruled tables found by their
    /// lines (`RuledTables`) and recognised cell by cell, the rest of the page as blocks of lines between them. A
    /// cell with no ink is blank; a cell is read twice, as Chinese and as digits only (`eng` with a digit whitelist),
    /// and the digits are taken when the Chinese reading holds no word. Three runs of tesseract for the whole
    /// document, each over a list of images.
    func document(of pdf: [UInt8], pageTimeout: Int) throws -> Document {
        let directory = Scratch.url()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.pdf")
        try Data(pdf).write(to: input)
        _ = try ExternalTool.run(pdftoppm, bytes: nil, timeout: pageTimeout * 4) { _, _ in
            ["-r", "300", "-gray", "-W", String(Self.maxSide), "-H", String(Self.maxSide), "-l", String(Self.maxPages), input.path,
             directory.appendingPathComponent("page").path]
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".pgm") }
            .sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
        enum Part { case text(Int), table([[(cell: RuledTables.Cell, image: Int?)]]) }
        var parts: [Part] = []
        var bands: [String] = [], cells: [String] = []
        func write(_ bytes: [UInt8], _ name: String) throws -> String {
            let url = directory.appendingPathComponent(name)
            try Data(bytes).write(to: url)
            return url.path
        }
        for page in pages {
            guard let image = PageImage(pgm: Array(try Data(contentsOf: directory.appendingPathComponent(page)))) else {
                throw Failure(description: "pdftoppm wrote \(page), which is not a grey image")
            }
            let tables = RuledTables.tables(image)
            var top = 0
            func band(to bottom: Int) throws {
                let rect = Rect(x0: 0, y0: top, x1: image.width, y1: bottom)
                guard bottom - top > 8, image.ink(rect) >= 40 else { return }
                bands.append(try write(image.pgm(rect), "band\(bands.count).pgm"))
                parts.append(.text(bands.count - 1))
            }
            for table in tables {
                try band(to: table.top)
                var rows: [[(cell: RuledTables.Cell, image: Int?)]] = []
                for row in table.rows {
                    rows.append(try row.map { cell in
                        let inside = image.cell(cell.rect)
                        guard inside.ink >= 20 else { return (cell, nil) }
                        cells.append(try write(inside.pgm, "cell\(cells.count).pgm"))
                        return (cell, cells.count - 1)
                    })
                }
                parts.append(.table(rows))
                top = table.bottom
            }
            try band(to: image.height)
            try FileManager.default.removeItem(at: directory.appendingPathComponent(page))
        }
        /// One run over a list of images; tesseract separates their texts by form feeds.
        /// (`perPage` images to a page's time: a band of text takes about a page's, a cell much less.)
        func recognise(_ images: [String], _ arguments: [String], perPage: Int) throws -> [String] {
            guard !images.isEmpty else { return [] }
            let list = try write(Array(images.joined(separator: "\n").utf8) + [0x0A], "list\(arguments.count).txt")
            let data = try ExternalTool.run(tesseract, bytes: nil, timeout: pageTimeout * (images.count / perPage + 1),
                                            outputIsStdout: true) { _, _ in [list, "stdout"] + arguments }
            let texts = String(decoding: data, as: UTF8.self).split(separator: "\u{0C}", omittingEmptySubsequences: false).map(String.init)
            guard texts.count == images.count else {
                throw Failure(description: "tesseract gave \(texts.count) texts for \(images.count) images")
            }
            return texts
        }
        let bandTexts = try recognise(bands, ["-l", "chi_sim", "--psm", "6"], perPage: 1)
        let chinese = try recognise(cells, ["-l", "chi_sim", "--psm", "6"], perPage: 40)
        let digits = try recognise(cells, ["-l", "eng", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789."], perPage: 80)
        func cellText(_ i: Int) -> String {
            let words = chinese[i].filter { !$0.isWhitespace }
            let number = digits[i].filter { !$0.isWhitespace }
            let isNumber = !number.isEmpty && number.first != "." && number.last != "." && number.count { $0 == "." } <= 1
            let hasWord = words.unicodeScalars.count { $0.properties.isIdeographic && $0 != "〇" } >= 2
            // Ink that neither reading made out: not a blank.
            return isNumber && !hasWord ? number : words.isEmpty ? "?" : words
        }
        var blocks: [Document.Block] = []
        for part in parts {
            switch part {
            case .text(let i): blocks.append(.text(bandTexts[i]))
            case .table(let rows):
                blocks.append(.table(TableGrid(rows: rows.map { row in
                    row.map { TableGrid.Cell($0.image.map(cellText) ?? "", rowSpan: $0.cell.rowSpan, colSpan: $0.cell.colSpan) }
                })))
            }
        }
        return Document(blocks: blocks, recognised: true)
    }
}
