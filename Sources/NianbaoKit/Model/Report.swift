/// How a cell's value was obtained.
public enum CellStatus: String, Sendable, Codable, CaseIterable {
    /// Printed and read.
    case ok
    /// The report leaves the cell empty (or prints a dash): no value, never a silent 0.
    case blank
    /// Not printed; recovered from a row or column identity.
    case inferred
    /// Printed digits whose boundaries were recovered from the table's arithmetic.
    case split
    /// Several readings fit; the findings list them.
    case ambiguous
    /// Not found at all.
    case missing
}

/// One table cell under its canonical key.
/// Where a cell stands: table, row and column, hashed without building a string.
public struct CellKey: Hashable, Sendable {
    public var table: TableID
    public var row: String
    public var column: String

    public init(table: TableID, row: String, column: String = "") {
        self.table = table
        self.row = row
        self.column = column
    }

    public init(_ cell: Cell) { self.init(table: cell.table, row: cell.row, column: cell.column) }

    /// Hashed from a few bytes of the keys, packed into one word: the canonical keys differ there, and a collision
    /// costs only a comparison. Hashing the whole strings dominated the checks and the table reader.
    public func hash(into hasher: inout Hasher) {
        var packed = UInt64(table == .t2 ? 1 : table == .t3 ? 2 : 3)
        Self.pack(row, tail: 5, head: 3, into: &packed)
        Self.pack(column, tail: 0, head: 3, into: &packed)
        hasher.combine(packed)
    }

    /// The length, the last `tail` and the first `head` bytes of `text`, read from its storage where it has one
    /// (a walk of the generic UTF-8 view cost more than the rest of the hash).
    @inline(__always)
    static func pack(_ text: String, tail: Int, head: Int, into packed: inout UInt64) {
        func add<C: Collection<UInt8>>(_ bytes: C, count: Int) {
            packed = packed &* 31 &+ UInt64(count)
            for byte in bytes.suffix(tail) { packed = packed &* 131 &+ UInt64(byte) }
            for byte in bytes.prefix(head) { packed = packed &* 131 &+ UInt64(byte) }
        }
        if text.utf8.withContiguousStorageIfAvailable({ add($0, count: $0.count) }) == nil { add(text.utf8, count: text.utf8.count) }
    }

    public static func == (a: CellKey, b: CellKey) -> Bool { a.table == b.table && a.row == b.row && a.column == b.column }
}

public struct Cell: Sendable, Equatable, Codable {
    public var table: TableID
    /// The canonical row key, e.g. `new_received` or `licensing.decisions`.
    public var row: String
    /// The 表三 column key; empty for 表二 and 表四.
    public var column: String
    /// The value (amounts in 万元); nil when blank, missing or ambiguous.
    public var value: Double?
    public var status: CellStatus
    /// How the value was placed (`CellVia`): in printed order, by position, by arithmetic, by another year.
    public var via: CellVia

    public init(table: TableID, row: String, column: String = "", value: Double?, status: CellStatus, via: CellVia? = nil) {
        self.table = table
        self.row = row
        self.column = column
        self.value = value
        self.status = status
        self.via = via ?? (status == .missing || status == .ambiguous ? .none : .printed)
    }
}

/// A row the text leaves open: its cells, and every reading of them that fits the text and the form's arithmetic.
/// Kept as data, so that evidence found later (the same agency's neighbouring years) can settle it.
///
///     OpenRow(cells: keys, readings: [[69, 3, 665], [6, 93, 665]], printed: "693665")
public struct OpenRow: Sendable, Equatable {
    public var cells: [CellKey]
    /// One value per cell in each reading; nil for a printed blank.
    public var readings: [[Double?]]
    /// The row's values as printed.
    public var printed: String

    public init(cells: [CellKey], readings: [[Double?]], printed: String) {
        self.cells = cells
        self.readings = readings
        self.printed = printed
    }
}

/// A finding's severity. Agency errors and parser doubts are never mixed.
public enum Severity: String, Sendable, Codable, CaseIterable, Comparable {
    /// The agency's own numbers disagree.
    case error
    /// A softer problem with the report (missing section, template and year disagree).
    case warning
    /// The parser's own doubt about what it read.
    case uncertain

    public static func < (a: Severity, b: Severity) -> Bool {
        let order: [Severity] = [.error, .warning, .uncertain]
        return order.firstIndex(of: a)! < order.firstIndex(of: b)!
    }
}

/// A named inconsistency or doubt about one report.
public struct Finding: Sendable, Equatable, Codable {
    public var rule: RuleID
    public var severity: Severity
    public var table: String
    public var row: String
    public var column: String
    public var expected: String
    public var actual: String
    /// A message in Chinese, for the people who read the report.
    public var message: String

    public init(
        rule: RuleID, severity: Severity, table: String = "", row: String = "", column: String = "",
        expected: String = "", actual: String = "", message: String
    ) {
        self.rule = rule
        self.severity = severity
        self.table = table
        self.row = row
        self.column = column
        self.expected = expected
        self.actual = actual
        self.message = message
    }
}

/// What the parser read from one document: metadata, cells and its own doubts.
public struct ParsedReport: Sendable {
    public var agency: String?
    public var year: Int?
    public var template: Template
    public var publishedOn: String?
    public var title: String?
    public var cells: [Cell]
    /// Which of the six sections were found (一 … 六).
    public var sections: [Bool]
    /// The parser's own doubts (severity `uncertain`, or `warning` for structure it had to work around).
    public var parseFindings: [Finding]
    /// Where the agency sits and at which level, from its name and the places the text mentions.
    public var location: RegionResolution?
    /// The landline numbers the report prints (`0858-8221234`): evidence that two reports are one agency's.
    public var phones: [String] = []
    /// 政务新媒体 accounts the prose names.
    public var media: [MediaAccount] = []
    /// Counts the prose states.
    public var facts: [ProseFact] = []
    /// The problems section 五 admits.
    public var problems: [Problem] = []
    /// Rows whose cells are `ambiguous`, with their candidate readings.
    public var openRows: [OpenRow] = []
    /// MinHash signatures of sections 一 (`overview`) and 五 (`problems`), for near-duplicate search.
    public var signatures: [String: [UInt32]] = [:]
    /// The same sections' sentences as hashes (`Similarity.sentenceHashes`), to tell boilerplate from copying.
    public var sentenceHashes: [String: [UInt64]] = [:]

    public init(
        agency: String? = nil, year: Int? = nil, template: Template = .other, publishedOn: String? = nil,
        title: String? = nil, cells: [Cell] = [], sections: [Bool] = Array(repeating: false, count: 6),
        parseFindings: [Finding] = []
    ) {
        self.agency = agency
        self.year = year
        self.template = template
        self.publishedOn = publishedOn
        self.title = title
        self.cells = cells
        self.sections = sections
        self.parseFindings = parseFindings
    }

    /// The cell under a key, if the report has it.
    public func cell(_ table: TableID, _ row: String, _ column: String = "") -> Cell? {
        cells.first { $0.table == table && $0.row == row && $0.column == column }
    }
}

/// Formats a value as a plain number: integers without a decimal point.
///
///     formatNumber(39908)    // "39908"
///     formatNumber(6858.05)  // "6858.05"
public func formatNumber(_ value: Double) -> String {
    if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
    return "\(value)"
}

/// The same for people: the whole part in groups of three (`39,908`, `6,858.05`).
///
///     formatGrouped(1593)  // "1,593"
public func formatGrouped(_ value: Double) -> String {
    let plain = formatNumber(value)
    let negative = plain.hasPrefix("-")
    let digits = negative ? plain.dropFirst() : Substring(plain)
    let whole = digits.prefix { $0 != "." }, rest = digits.dropFirst(whole.count)
    guard whole.count > 3, whole.allSatisfy(\.isNumber) else { return plain }
    var out = ""
    for (i, c) in whole.enumerated() {
        if i > 0 && (whole.count - i) % 3 == 0 { out.append(",") }
        out.append(c)
    }
    return (negative ? "-" : "") + out + rest
}
