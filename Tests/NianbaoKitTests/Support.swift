import Foundation
@testable import NianbaoKit

/// Paths and fixtures shared by the tests. Everything read here lives in the repository.
enum Repo {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("Corpus")

    static func corpusFile(_ name: String) -> URL { corpus.appendingPathComponent(name) }

    static func temporaryDirectory() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nianbao-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }
}

/// A hand-verified gold file (`Tests/NianbaoKitTests/Gold/<stem>.json`, copied unchanged from the shared ground truth).
struct Gold {
    let stem: String
    let json: [String: Any]

    init(_ stem: String) throws {
        let url = Bundle.module.url(forResource: "Gold/\(stem)", withExtension: "json")
            ?? Bundle.module.resourceURL!.appendingPathComponent("Gold/\(stem).json")
        json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        self.stem = stem
    }

    /// A gold outside the test bundle (the zoo's).
    init(url: URL) throws {
        json = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        stem = url.deletingPathExtension().lastPathComponent
    }

    static func stems() -> [String] {
        let dir = Bundle.module.resourceURL!.appendingPathComponent("Gold")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? [])
            .filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) }.sorted()
    }

    var file: String { json["file"] as! String }

    /// The corpus file a gold describes, without loading the gold.
    static func fileName(_ stem: String) -> String { (try? Gold(stem).file) ?? "" }
    var agencyCore: String { json["agency_core"] as! String }
    var year: Int { json["year"] as! Int }
    var template: String { json["template"] as! String }
    var level: String { json["level"] as! String }
    /// province, city, county; a missing level is nil.
    var region: [String: String?] {
        let r = json["region"] as? [String: Any] ?? [:]
        return ["province", "city", "county"].reduce(into: [:]) { $0[$1] = r[$1] as? String }
    }

    /// Every cell the gold states: (table, row, column, value or nil for blank/absent).
    var cells: [(table: TableID, row: String, column: String, value: Double?)] {
        var out: [(TableID, String, String, Double?)] = []
        for (row, v) in (json["t2"] as! [String: Any]) { out.append((.t2, row, "", Self.number(v))) }
        for (row, cols) in (json["t3"] as! [String: Any]) {
            for (col, v) in (cols as! [String: Any]) { out.append((.t3, row, col, Self.number(v))) }
        }
        for (row, v) in (json["t4"] as! [String: Any]) { out.append((.t4, row, "", Self.number(v))) }
        return out.sorted { ($0.0.rawValue, $0.1, $0.2) < ($1.0.rawValue, $1.1, $1.2) }
    }

    var agencyErrors: [String] { json["agency_errors"] as? [String] ?? [] }

    static func number(_ v: Any) -> Double? {
        if v is NSNull { return nil }
        return (v as? NSNumber)?.doubleValue
    }
}
