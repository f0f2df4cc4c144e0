import Dispatch
import Foundation

/// Why a PDF could not be read.
public enum PDFError: Error, CustomStringConvertible, Equatable {
    case notPDF
    case toolMissing
    case timedOut(seconds: Int)
    case toolFailed(status: Int32)
    case noTextLayer

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
        case .noTextLayer: return "no text layer (scanned PDF?)"
        }
    }
}

/// PDFs, through the text layer that poppler's `pdftotext -layout` extracts; tables come out as
/// rows of space-separated cells, which `LayoutText` turns into tab rows.
public struct PDFReader: DocumentReader {
    public var timeout: Int
    /// Where to find `pdftotext`; nil searches `PATH`.
    public var executable: String?

    public init(timeout: Int = 30, executable: String? = nil) {
        self.timeout = timeout
        self.executable = executable
    }

    public var extensions: Set<String> { ["pdf"] }

    /// The `pdftotext` on `PATH`, if any.
    public static func findTool() -> String? {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return path.split(separator: ":").map { "\($0)/pdftotext" }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    public func read(bytes: [UInt8], path: String) throws -> Document {
        guard Self.hasHeader(bytes) else { throw PDFError.notPDF }
        guard let tool = executable ?? Self.findTool(), FileManager.default.isExecutableFile(atPath: tool) else {
            throw PDFError.toolMissing
        }
        let text = try extract(bytes, tool: tool)
        guard text.unicodeScalars.filter({ !$0.properties.isWhitespace }).count >= 20 else { throw PDFError.noTextLayer }
        return Document(blocks: [.text(text)])
    }

    static func hasHeader(_ bytes: [UInt8]) -> Bool {
        let head = bytes.prefix(1024)
        let magic = Array("%PDF-".utf8)
        guard head.count >= magic.count else { return false }
        return (0...(head.count - magic.count)).contains { i in head[i..<(i + magic.count)].elementsEqual(magic) }
    }

    /// Runs pdftotext on a private copy of the bytes (the file on disk may change under us),
    /// output to a file rather than a pipe so that no buffer can fill and block it.
    func extract(_ bytes: [UInt8], tool: String) throws -> String {
        let directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("nianbao-pdf-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let input = directory.appendingPathComponent("in.pdf")
        let output = directory.appendingPathComponent("out.txt")
        try Data(bytes).write(to: input)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = ["-layout", "-enc", "UTF-8", "-q", input.path, output.path]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        let finished = DispatchSemaphore(value: 0)
        process.terminationHandler = { _ in finished.signal() }
        try process.run()
        if finished.wait(timeout: .now() + .seconds(timeout)) == .timedOut {
            kill(process.processIdentifier, SIGKILL)
            finished.wait()
            throw PDFError.timedOut(seconds: timeout)
        }
        guard process.terminationStatus == 0 else { throw PDFError.toolFailed(status: process.terminationStatus) }
        let data = try Data(contentsOf: output)
        return String(decoding: data, as: UTF8.self)
    }
}
