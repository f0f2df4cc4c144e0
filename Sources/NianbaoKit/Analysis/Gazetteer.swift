import Foundation

/// China's administrative divisions, from the gazetteer shipped in `Resources/gazetteer.tsv`
/// (source, version and licence in its header; rebuilt by `scripts/build-gazetteer.sh`).
public struct Gazetteer: Sendable {
    public enum Kind: Int, Sendable, Comparable {
        case province, city, county, township
        public static func < (a: Kind, b: Kind) -> Bool { a.rawValue < b.rawValue }
    }

    public struct Unit: Sendable, Equatable {
        public var name: String
        public var short: String
        public var code: String
        public var kind: Kind
        public var parent: Int?
    }

    public private(set) var units: [Unit] = []
    /// Folded full names, and short names of two characters or more, to units.
    var byName: [String: [Int]] = [:]
    /// Landline area codes (`0517`) to the cities they serve.
    public private(set) var areaCodes: [String: [Int]] = [:]

    /// The gazetteer shipped with nianbao, loaded once.
    public static let shared: Gazetteer = {
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "tsv"),
              let text = try? String(contentsOf: url, encoding: .utf8) else { return Gazetteer(tsv: "") }
        return Gazetteer(tsv: text)
    }()

    public init(tsv: String) {
        var last: [Kind: Int] = [:]
        var renamed: [(String, String, String, String)] = []
        var codes: [(code: String, province: String, city: String)] = []
        // Split on bytes: the file is UTF-8 with `\n` line ends and tabs between fields.
        for line in tsv.utf8.split(separator: 0x0A) where line.first != UInt8(ascii: "#") {
            let f = line.split(separator: 0x09, omittingEmptySubsequences: false).map { String(Substring($0)) }
            switch f.first {
            case "P", "C", "D":
                guard f.count >= 4 else { continue }
                let kind: Kind = f[0] == "P" ? .province : f[0] == "C" ? .city : .county
                let parent = kind == .province ? nil : last[kind == .city ? .province : .city]
                add(Unit(name: f[2], short: f[3], code: f[1], kind: kind, parent: parent))
                last[kind] = units.count - 1
            case "T":
                guard f.count >= 2, let county = last[.county] else { continue }
                add(Unit(name: f[1], short: "", code: "", kind: .township, parent: county))
            case "R":
                if f.count >= 5 { renamed.append((f[1], f[2], f[3], f[4])) }
            case "A":
                if f.count >= 4 { codes.append((f[1], f[2], f[3])) }
            default:
                continue
            }
        }
        let cities = units.indices.filter { units[$0].kind == .city }
        func named(_ unit: Unit, _ name: String) -> Bool { unit.short == name || unit.name.utf8.starts(with: name.utf8) }
        for (code, province, city) in codes {
            let matching = cities.filter { i in
                named(units[i], city) && units[i].parent.map { named(units[$0], province) } == true
            }
            if !matching.isEmpty { areaCodes[code] = matching }
        }
        // A unit renamed since (洪泽县 → 洪泽区) is still found by its old name.
        for (old, province, city, county) in renamed where byName[Self.fold(old)] == nil {
            if let index = byName[Self.fold(county)]?.first(where: { path($0).map(\.name) == [province, city, county] }) {
                byName[Self.fold(old), default: []].append(index)
            }
        }
    }

    private mutating func add(_ unit: Unit) {
        units.append(unit)
        let index = units.count - 1
        byName[Self.fold(unit.name), default: []].append(index)
        if unit.short.count >= 2 && unit.short != unit.name {
            byName[Self.fold(unit.short), default: []].append(index)
            // 张家川回族自治县 is also written 张家川县.
            if unit.kind == .county, let generic = unit.name.last, "县区市旗".contains(generic), unit.short + String(generic) != unit.name {
                byName[Self.fold(unit.short + String(generic)), default: []].append(index)
            }
        }
    }

    /// Character variants written either way in agency names (闫家乡 / 阎家乡).
    static let variants: [Character: Character] = ["闫": "阎", "亁": "乾", "彞": "彝", "甯": "宁"]

    /// The variants' scalars (each variant is one).
    static let variantScalars: Prose.ScalarSet = {
        var set = Prose.ScalarSet()
        for c in variants.keys { for s in c.unicodeScalars { set.insert(s.value) } }
        return set
    }()

    static func fold(_ text: String) -> String {
        // Most names hold no variant: returned as they are.
        guard text.unicodeScalars.contains(where: { variantScalars.contains($0.value) }) else { return text }
        return String(text.map { variants[$0] ?? $0 })
    }

    /// The unit and its ancestors, from the province down.
    public func path(_ index: Int) -> [Unit] {
        var out: [Unit] = []
        var current: Int? = index
        while let i = current {
            out.insert(units[i], at: 0)
            current = units[i].parent
        }
        return out
    }

    public func isAncestor(_ a: Int, of b: Int) -> Bool {
        var current = units[b].parent
        while let i = current {
            if i == a { return true }
            current = units[i].parent
        }
        return false
    }

    /// Every name of the gazetteer found in `text`, longest first at each position:
    /// (start offset, end offset, units named).
    func mentions(in text: String, maxLength: Int = 22) -> [(start: Int, end: Int, units: [Int])] {
        let chars = Array(Self.fold(text))
        var out: [(Int, Int, [Int])] = []
        var i = 0
        while i < chars.count {
            var found = false
            for length in stride(from: min(maxLength, chars.count - i), through: 2, by: -1) {
                if let hits = byName[String(chars[i..<(i + length)])] {
                    out.append((i, i + length, hits))
                    i += length
                    found = true
                    break
                }
            }
            if !found { i += 1 }
        }
        return out
    }
}
