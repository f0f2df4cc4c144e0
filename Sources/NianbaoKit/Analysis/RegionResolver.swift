/// Where a report's agency sits, and at which level of government.
public struct Region: Sendable, Equatable, Hashable, Codable {
    public var province: String?
    public var city: String?
    public var county: String?
    public var township: String?

    public init(province: String? = nil, city: String? = nil, county: String? = nil, township: String? = nil) {
        self.province = province
        self.city = city
        self.county = county
        self.township = township
    }

    /// `广西壮族自治区/钦州市/钦北区/长滩镇`, the levels the region has.
    public var path: String { [province, city, county, township].compactMap { $0 }.joined(separator: "/") }
}

/// The level of the agency that publishes a report.
public enum AgencyLevel: String, Sendable, CaseIterable, Codable {
    case township, county, countyDepartment = "county_department", city, cityDepartment = "city_department"
    case province, provinceDepartment = "province_department", central
}

public struct RegionResolution: Sendable, Equatable {
    public enum Status: String, Sendable { case resolved, ambiguous, unknown }
    public var status: Status
    public var region: Region?
    public var level: AgencyLevel?
    /// The regions still possible when `status` is ambiguous.
    public var candidates: [Region]
    /// The agency's own part of its name, after its place (`政府`, `政府办公室`, `教育局`), 人民 dropped.
    public var institution: String
}

/// Finds the region and level of an agency from its name, and settles names that exist in several
/// places (长滩镇 is in five provinces) with the other places its name and its report mention.
///
///     RegionResolver.resolve(agency: "钦北区长滩镇人民政府", text: "").region?.path
///     // "广西壮族自治区/钦州市/钦北区/长滩镇"
public enum RegionResolver {
    /// What follows a place in the name of its government (not of one of its departments).
    static let governmentParts: Set<String> = [
        "", "政府", "政府办公室", "政府办公厅", "办公室", "办公厅", "管委会", "管理委员会", "委员会", "办事处",
        "街道办事处", "街道办", "党政办公室", "党政办", "政府办",
    ]
    /// Zones governed at city level whatever the county they cover.
    static let cityLevelZones = ["综合实验区", "国家级新区"]

    public static func resolve(agency: String?, text: String, gazetteer: Gazetteer = .shared) -> RegionResolution {
        let name = (agency ?? "").filter { !$0.isWhitespace }
        let mentions = gazetteer.mentions(in: name)
        guard let own = mentions.last else {
            let central = name.hasPrefix("国家") || name.hasPrefix("国务院") || name.hasPrefix("中华人民共和国")
                || (!name.isEmpty && (name.hasSuffix("部") || name.hasSuffix("总局")))
            return RegionResolution(status: .unknown, region: nil, level: central ? .central : nil, candidates: [],
                                    institution: name)
        }
        // The agency's own place is the last one its name gives; the deepest reading of it.
        let deepest = own.units.map { gazetteer.units[$0].kind }.max()!
        var candidates = own.units.filter { gazetteer.units[$0].kind == deepest }
        for other in mentions.dropLast() {
            let consistent = candidates.filter { c in other.units.contains { $0 == c || gazetteer.isAncestor($0, of: c) } }
            if !consistent.isEmpty { candidates = consistent }
        }
        if candidates.count > 1 {
            // The places the report mentions decide between namesakes: the most ancestors named wins.
            let folded = Gazetteer.fold(text)
            let scores = candidates.map { c in
                gazetteer.path(c).dropLast().filter { u in folded.has(u.name) || (u.short.count >= 2 && folded.has(u.short)) }.count
            }
            if let best = scores.max(), best > 0, scores.filter({ $0 == best }).count == 1 {
                candidates = [candidates[scores.firstIndex(of: best)!]]
            }
        }
        if candidates.count > 1 {
            // Then the telephone area codes the report prints (`电话：0517-87222589`): the city they serve.
            let cities = Set(areaCodes(in: text).flatMap { gazetteer.areaCodes[$0] ?? [] })
            let served = candidates.filter { c in cities.contains { $0 == c || gazetteer.isAncestor($0, of: c) } }
            if served.count == 1 { candidates = served }
        }
        let nameChars = Array(name)
        let institution = String(nameChars[min(own.end, nameChars.count)...]).replacingOccurrences(of: "人民", with: "")
        let regions = candidates.map { region(gazetteer.path($0)) }
        guard candidates.count == 1, let unit = candidates.first else {
            return RegionResolution(status: .ambiguous, region: nil, level: level(gazetteer, candidates[0], institution),
                                    candidates: regions, institution: institution)
        }
        return RegionResolution(status: .resolved, region: regions[0], level: level(gazetteer, unit, institution),
                                candidates: [], institution: institution)
    }

    /// Area codes of the landline numbers in a text: `0517-87222589`, `(0777)3699123`, `0777 3699123`.
    static func areaCodes(in text: String) -> Set<String> {
        var out = Set<String>()
        let bytes = Array(text.utf8)
        func isDigit(_ i: Int) -> Bool { i >= 0 && i < bytes.count && bytes[i] >= 0x30 && bytes[i] <= 0x39 }
        var i = 0
        while i < bytes.count {
            guard bytes[i] == 0x30, !isDigit(i - 1) else { i += 1; continue }
            var j = i + 1
            while isDigit(j) { j += 1 }
            let length = j - i
            var k = j
            if k < bytes.count, bytes[k] == 0x29 { k += 1 }                       // )
            if k < bytes.count, bytes[k] == 0x2D || bytes[k] == 0x20 { k += 1 }   // - or space
            var m = k
            while isDigit(m) { m += 1 }
            if (3...4).contains(length), k > j || bytes[j] == 0x29, (7...8).contains(m - k) {
                out.insert(String(decoding: bytes[i..<j], as: UTF8.self))
            }
            i = max(j, i + 1)
        }
        return out
    }

    static func region(_ path: [Gazetteer.Unit]) -> Region {
        var r = Region()
        for unit in path {
            switch unit.kind {
            case .province: r.province = unit.name
            case .city: r.city = unit.name
            case .county: r.county = unit.name
            case .township: r.township = unit.name
            }
        }
        return r
    }

    static func level(_ gazetteer: Gazetteer, _ index: Int, _ institution: String) -> AgencyLevel {
        if cityLevelZones.contains(where: { institution.contains($0) }) { return .city }
        let unit = gazetteer.units[index]
        var kind = unit.kind
        // A municipality (上海市) is both a province and a city: its government is provincial.
        if kind == .city, let parent = unit.parent, gazetteer.units[parent].code == unit.code { kind = .province }
        let government = governmentParts.contains(institution)
        switch kind {
        case .township: return .township
        case .county: return government ? .county : .countyDepartment
        case .city: return government ? .city : .cityDepartment
        case .province: return government ? .province : .provinceDepartment
        }
    }
}
