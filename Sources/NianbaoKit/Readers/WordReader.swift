import Foundation

/// Why a Word 97–2003 file could not be read.
public enum WordError: Error, CustomStringConvertible, Equatable {
    case notWord
    case toolMissing
    case timedOut(seconds: Int)
    case toolFailed(status: Int32)
    case empty

    public var description: String {
        switch self {
        case .notWord: return "not a Word 97–2003 document (no OLE header)"
        case .toolMissing: return "catdoc not found — install catdoc (apt-get install catdoc) to read .doc and .wps files"
        case .timedOut(let s): return "catdoc gave no result within \(s) s"
        case .toolFailed(let status): return "catdoc could not read the document (exit status \(status))"
        case .empty: return "no text in the document"
        }
    }
}

/// Word 97–2003 (`.doc`) and WPS Writer (`.wps`, the same OLE container) files, through Debian's `catdoc`: paragraphs
/// as lines, a table's cells separated by tabs, one table row per line — text the table reader reads exactly.
/// (`antiword` prints tables with `|` but drops the body of tables LibreOffice writes; LibreOffice itself converts
/// faithfully but starts in seconds and weighs hundreds of MB: catdoc is the one that fits.)
public struct WordReader: DocumentReader {
    public var timeout: Int
    public var executable: String?

    public init(timeout: Int = 30, executable: String? = nil) {
        self.timeout = timeout
        self.executable = executable
    }

    public var extensions: Set<String> { ["doc", "wps"] }

    /// The OLE compound-file signature every Word 97–2003 file starts with.
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    public func read(bytes: [UInt8], path: String) throws -> Document {
        guard bytes.starts(with: Self.signature) else { throw WordError.notWord }
        guard let tool = executable ?? ExternalTool.find("catdoc"), FileManager.default.isExecutableFile(atPath: tool) else {
            throw WordError.toolMissing
        }
        let data: Data
        do {
            // -w: a paragraph on one line; -d utf-8: the output's encoding (the document's own is read from it).
            data = try ExternalTool.run(tool, bytes: bytes, inputName: "in.doc", timeout: timeout, outputIsStdout: true) { input, _ in
                ["-w", "-d", "utf-8", input]
            }
        } catch ExternalTool.Failure.timedOut {
            throw WordError.timedOut(seconds: timeout)
        } catch ExternalTool.Failure.failed(let status) {
            throw WordError.toolFailed(status: status)
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { throw WordError.empty }
        return Document(blocks: [.text(text)])
    }
}
