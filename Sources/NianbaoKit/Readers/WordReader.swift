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
        case .toolMissing: return "neither wvWare nor catdoc found — install wv (apt-get install wv) to read .doc and .wps files"
        case .timedOut(let s): return "the Word converter gave no result within \(s) s"
        case .toolFailed(let status): return "the Word converter could not read the document (exit status \(status))"
        case .empty: return "no text in the document"
        }
    }
}

/// Word 97–2003 (`.doc`) and WPS Writer (`.wps`, the same OLE container) files, through Debian's `wvWare` (package
/// `wv`): it writes the document as HTML with its tables as tables, cell by cell, which the HTML reader reads like a
/// web page. Where wvWare is not installed or fails, `catdoc`: paragraphs as lines, a table row's cells separated by
/// tabs. Measured on the Word-97 files LibreOffice writes (the shared zoo and 52 generated reports): wvWare kept
/// every table (100% of cells as in the `.docx`), catdoc lost the body of 表三 in one report in four (its text
/// turns to mojibake), and `antiword` dropped the body rows of every table LibreOffice writes. LibreOffice itself
/// converts faithfully but starts in seconds and weighs hundreds of MB. wvWare takes about 50 ms a file.
public struct WordReader: DocumentReader {
    public var timeout: Int
    /// The converters to use (for tests): wvWare and catdoc; nil looks each up on `PATH`.
    public var wvWare: String?
    public var catdoc: String?

    public init(timeout: Int = 30, wvWare: String? = nil, catdoc: String? = nil) {
        self.timeout = timeout
        self.wvWare = wvWare
        self.catdoc = catdoc
    }

    public var extensions: Set<String> { ["doc", "wps"] }

    /// The OLE compound-file signature every Word 97–2003 file starts with.
    static let signature: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]

    static func executable(_ given: String?, _ name: String) -> String? {
        let tool = given ?? ExternalTool.find(name)
        return tool.flatMap { FileManager.default.isExecutableFile(atPath: $0) ? $0 : nil }
    }

    public func read(bytes: [UInt8], path: String) throws -> Document {
        guard bytes.starts(with: Self.signature) else { throw WordError.notWord }
        let html = Self.executable(wvWare, "wvWare"), text = Self.executable(catdoc, "catdoc")
        guard html != nil || text != nil else { throw WordError.toolMissing }
        var failure: WordError?
        if let html {
            do {
                // --charset: the output's encoding (the document's own is read from it); -1: no picture files.
                let data = try convert(html, bytes) { input in ["--charset=utf-8", "-1", input] }
                // wvWare writes a cell for every position of a row, those a merged cell covers included (as
                // `rowspan="0"`, and sometimes the merged cell itself): each row is whole, so no cell spans rows.
                let html = String(decoding: data, as: UTF8.self)
                    .replacingOccurrences(of: #"rowspan="[0-9]*""#, with: #"rowspan="1""#, options: .regularExpression)
                let document = try HTMLReader.parse(html)
                if document.blocks.contains(where: Self.hasText) { return document }
                failure = .empty
            } catch let error as WordError {
                failure = error
            } catch {
                failure = .empty
            }
            guard text != nil else { throw failure ?? .empty }
        }
        // -w: a paragraph on one line; -d utf-8: the output's encoding.
        let data = try convert(text!, bytes) { input in ["-w", "-d", "utf-8", input] }
        let plain = String(decoding: data, as: UTF8.self)
        guard plain.unicodeScalars.contains(where: { !$0.properties.isWhitespace }) else { throw failure ?? WordError.empty }
        return Document(blocks: [.text(plain)])
    }

    func convert(_ tool: String, _ bytes: [UInt8], arguments: @escaping (String) -> [String]) throws -> Data {
        do {
            return try ExternalTool.run(tool, bytes: bytes, inputName: "in.doc", timeout: timeout, outputIsStdout: true) { input, _ in
                arguments(input)
            }
        } catch ExternalTool.Failure.timedOut {
            throw WordError.timedOut(seconds: timeout)
        } catch ExternalTool.Failure.failed(let status) {
            throw WordError.toolFailed(status: status)
        }
    }

    static func hasText(_ block: Document.Block) -> Bool {
        switch block {
        case .text(let text): return text.unicodeScalars.contains { !$0.properties.isWhitespace }
        default: return true
        }
    }
}
