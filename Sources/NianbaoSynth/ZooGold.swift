import Foundation
import NianbaoKit

/// The expected values of one generated report in the format of `../shared/zoo/gold/*.json`, which
/// `../shared/tools/zoo-check` holds every converted variant of the report to.
///
/// Every cell of the printed template, `null` for a blank cell; a 2021-template report that prints （六） as one
/// row has the row `other` and its three sub-rows `other.*` all `null`; one string per planted agency error.
///
///     let gold = ZooCorpus(seed: 1, count: 1).report(0).gold
///     gold.json  // "{\n \"file\": \"synth001-2023.html\",\n \"agency\": \"邵阳市武冈市人民政府\", …"
public struct ZooGold: Sendable, Equatable {
    public var file: String
    public var agency: SynthAgency
    public var year: Int
    public var tables: FormTables
    public var notes: String

    public init(file: String, agency: SynthAgency, year: Int, tables: FormTables, notes: String) {
        self.file = file
        self.agency = agency
        self.year = year
        self.tables = tables
        self.notes = notes
    }

    /// 表二 by key, in printed order (amounts in 万元).
    public var t2: [(key: String, value: Double?)] {
        Fields.t2(for: tables.template).map { ($0, tables.t2[$0] ?? nil) }
    }

    /// 表三 by row, in printed order, each row's cells by column; a 2021 report's one-row （六） adds `other.*` as blanks.
    public var t3: [(row: String, cells: [(column: String, value: Double?)])] {
        var out: [(String, [(String, Double?)])] = []
        for (r, row) in tables.t3Rows.enumerated() {
            out.append((row, Fields.t3Columns.enumerated().map { ($1, tables.t3[r][$0]) }))
            if row == "other" && tables.template == .t2021 {
                for sub in Fields.t3Rows2021 where sub.hasPrefix("other.") {
                    out.append((sub, Fields.t3Columns.map { ($0, nil) }))
                }
            }
        }
        return out
    }

    /// 表四 by key, in printed order.
    public var t4: [(key: String, value: Double?)] {
        Fields.t4.enumerated().map { ($1, tables.t4[$0]) }
    }

    /// One sentence per planted error: the printed total and what its parts add up to.
    public var agencyErrors: [String] {
        tables.plantedErrors.map { planted in
            let parts = planted.split(separator: " ").map(String.init)
            guard parts.count == 2 else { return planted }
            let key = parts[1]
            func sum(_ values: [Double?]) -> String { FormTables.text(values.reduce(0) { $0 + ($1 ?? 0) }) }
            func shown(_ value: Double?) -> String { value.map(FormTables.text) ?? "blank" }
            if parts[0] == "t4", let i = Fields.t4.firstIndex(of: key) {
                return "\(planted) printed \(shown(tables.t4[i])) but upheld+corrected+other+pending = \(sum(Array(tables.t4[(i - 4)..<i])))"
            }
            guard parts[0] == "t3", let dot = key.lastIndex(of: ".") else { return planted }
            let row = String(key[..<dot]), column = String(key[key.index(after: dot)...])
            guard let r = tables.t3Rows.firstIndex(of: row), let c = Fields.t3Columns.firstIndex(of: column) else { return planted }
            if column == "total" {
                return "\(planted) printed \(shown(tables.t3[r][c])) but the row's applicant cells sum to \(sum(Array(tables.t3[r].prefix(6))))"
            }
            let results = Fields.t3ResultRows(in: tables.t3Rows).compactMap { tables.t3Rows.firstIndex(of: $0) }
            return "\(planted) printed \(shown(tables.t3[r][c])) but the result rows （一）–（六） sum to \(sum(results.map { tables.t3[$0][c] }))"
        }
    }

    /// The gold as JSON, one-space indents, keys in the zoo's order.
    public var json: String {
        func number(_ value: Double?) -> JSON { value.map { .number($0) } ?? .null }
        func string(_ value: String?) -> JSON { value.map { .string($0) } ?? .null }
        let object: JSON = .object([
            ("file", .string(file)),
            ("agency", .string(agency.name)),
            ("agency_core", .string(agency.core)),
            ("year", .number(Double(year))),
            ("template", .string(tables.template.rawValue)),
            ("region", .object([("province", string(agency.province)), ("city", string(agency.city)), ("county", string(agency.county))])),
            ("level", .string(agency.level)),
            ("agency_errors", .array(agencyErrors.map { .string($0) })),
            ("t2", .object(t2.map { ($0.key, number($0.value)) })),
            ("t3", .object(t3.map { row in (row.row, .object(row.cells.map { ($0.column, number($0.value)) })) })),
            ("t4", .object(t4.map { ($0.key, number($0.value)) })),
            ("notes", .string(notes)),
        ])
        return object.text(indent: 0) + "\n"
    }
}

/// Just enough JSON to write a gold with its keys in order.
indirect enum JSON: Sendable {
    case null
    case number(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    func text(indent: Int) -> String {
        let inner = String(repeating: " ", count: indent + 1), outer = String(repeating: " ", count: indent)
        switch self {
        case .null: return "null"
        case .number(let value): return FormTables.text(value)
        case .string(let value): return Self.quoted(value)
        case .array(let items):
            if items.isEmpty { return "[]" }
            return "[\n" + items.map { inner + $0.text(indent: indent + 1) }.joined(separator: ",\n") + "\n\(outer)]"
        case .object(let members):
            if members.isEmpty { return "{}" }
            return "{\n" + members.map { inner + Self.quoted($0.0) + ": " + $0.1.text(indent: indent + 1) }.joined(separator: ",\n") + "\n\(outer)}"
        }
    }

    static func quoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20: out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }
}
