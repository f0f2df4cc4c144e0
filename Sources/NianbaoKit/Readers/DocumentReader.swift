/// Reads one file's bytes into the common document model. One type per format.
public protocol DocumentReader: Sendable {
    /// File extensions (lower case, no dot) this reader takes.
    var extensions: Set<String> { get }
    func read(bytes: [UInt8], path: String) throws -> Document
}

/// Plain text and Markdown: decoded, then handed over as one text block.
public struct TextReader: DocumentReader {
    public init() {}
    public var extensions: Set<String> { ["txt", "md", "text"] }

    public func read(bytes: [UInt8], path: String) throws -> Document {
        Document(blocks: [.text(try TextDecoder.decode(bytes))])
    }
}

/// A file the batch skips, with the reason a user can act on.
public struct UnsupportedFormatError: Error, CustomStringConvertible, Equatable {
    public var fileExtension: String

    public init(fileExtension: String) {
        self.fileExtension = fileExtension
    }

    public var description: String {
        switch fileExtension {
        case "doc", "wps": return "unsupported format: .\(fileExtension) — save it as .docx or PDF"
        case "": return "unsupported format: no file extension"
        default: return "unsupported format: .\(fileExtension)"
        }
    }
}

/// The readers nianbao knows, chosen by file extension.
public struct ReaderRegistry: Sendable {
    public var readers: [any DocumentReader]

    public init(readers: [any DocumentReader] = [TextReader(), HTMLReader(), DOCXReader(), PDFReader()]) {
        self.readers = readers
    }

    public func reader(forExtension ext: String) -> (any DocumentReader)? {
        readers.first { $0.extensions.contains(ext.lowercased()) }
    }
}
