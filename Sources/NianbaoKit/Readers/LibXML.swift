import CLibXML2

/// A libxml2 tree node, with the few accessors the HTML and DOCX readers need.
typealias XMLNodePointer = UnsafeMutablePointer<xmlNode>

enum LibXML {
    /// Initialises the library once, before any thread parses.
    static let setUp: Void = { xmlInitParser() }()

    /// Parses an XML document (no network, no entity expansion, no DTD loading).
    static func parseXML(_ bytes: [UInt8]) -> xmlDocPtr? {
        _ = setUp
        let options = Int32(XML_PARSE_NONET.rawValue | XML_PARSE_NOERROR.rawValue | XML_PARSE_NOWARNING.rawValue
            | XML_PARSE_COMPACT.rawValue)
        return bytes.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                xmlReadMemory($0, Int32(buffer.count), nil, nil, options)
            }
        }
    }

    /// Parses an HTML page given as UTF-8, recovering from malformed markup.
    static func parseHTML(_ utf8: [UInt8]) -> htmlDocPtr? {
        _ = setUp
        let options = Int32(HTML_PARSE_RECOVER.rawValue | HTML_PARSE_NOERROR.rawValue | HTML_PARSE_NOWARNING.rawValue
            | HTML_PARSE_NONET.rawValue | HTML_PARSE_NOBLANKS.rawValue)
        return utf8.withUnsafeBufferPointer { buffer in
            buffer.baseAddress!.withMemoryRebound(to: CChar.self, capacity: buffer.count) {
                htmlReadMemory($0, Int32(buffer.count), nil, "UTF-8", options)
            }
        }
    }
}

extension UnsafeMutablePointer where Pointee == xmlNode {
    var isElement: Bool { pointee.type == XML_ELEMENT_NODE }
    var isText: Bool { pointee.type == XML_TEXT_NODE || pointee.type == XML_CDATA_SECTION_NODE }

    /// The local name, lower-cased (`w:tbl` → `tbl`).
    var localName: String { pointee.name.map { String(cString: $0).lowercased() } ?? "" }

    var textValue: String { pointee.content.map { String(cString: $0) } ?? "" }

    /// The children in order, walked along their links (no array is built).
    var childNodes: XMLChildren { XMLChildren(first: pointee.children) }

    var childElements: [XMLNodePointer] { childNodes.filter(\.isElement) }

    func firstChild(_ name: String) -> XMLNodePointer? { childElements.first { $0.localName == name } }

    /// An attribute's value by local name (`w:val` → `val`), case-insensitive.
    func attribute(_ name: String) -> String? {
        var attr = pointee.properties
        while let current = attr {
            if let n = current.pointee.name, String(cString: n).lowercased() == name {
                return current.pointee.children?.pointee.content.map { String(cString: $0) } ?? ""
            }
            attr = current.pointee.next
        }
        return nil
    }
}

/// A node's children, in order: a walk of libxml2's sibling links.
struct XMLChildren: Sequence, IteratorProtocol {
    var upcoming: XMLNodePointer?
    init(first: XMLNodePointer?) { upcoming = first }
    mutating func next() -> XMLNodePointer? {
        guard let current = upcoming else { return nil }
        upcoming = current.pointee.next
        return current
    }
}
