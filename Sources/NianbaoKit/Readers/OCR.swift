import Foundation

/// Scanned reports: each page rendered by poppler's `pdftoppm` (300 dpi, grey) and recognised by `tesseract` with
/// its Simplified Chinese model (`chi_sim`, Debian's tesseract-ocr-chi-sim), a page as one block of lines (`--psm 6`)
/// so that a table's row stays on one line. Prose comes out well; table cells often do not, which is why the parser
/// keeps a recognised table's values only where its arithmetic bears them out (`Document.recognised`).
struct OCR {
    let pdftoppm: String
    let tesseract: String
    /// Pages recognised at most (about 8 s a page on one core).
    static let maxPages = 40

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

    /// The text of every page, pages in order.
    func text(of pdf: [UInt8], pageTimeout: Int) throws -> String {
        let directory = Scratch.url()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.pdf")
        try Data(pdf).write(to: input)
        _ = try ExternalTool.run(pdftoppm, bytes: nil, timeout: pageTimeout * 4) { _, _ in
            ["-r", "300", "-gray", "-png", "-l", String(Self.maxPages), input.path, directory.appendingPathComponent("page").path]
        }
        let pages = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }
            .sorted { $0.count != $1.count ? $0.count < $1.count : $0 < $1 }
        var text: [String] = []
        for page in pages {
            let image = directory.appendingPathComponent(page)
            let data = try ExternalTool.run(tesseract, bytes: nil, timeout: pageTimeout, outputIsStdout: true) { _, _ in
                [image.path, "stdout", "-l", "chi_sim", "--psm", "6"]
            }
            text.append(String(decoding: data, as: UTF8.self))
        }
        return text.joined(separator: "\n")
    }
}
