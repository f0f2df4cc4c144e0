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
    /// How a region was inferred rather than read (nil when the name states it as the gazetteer lists it).
    public var inference: String? = nil
    /// A county's name printed one character off the gazetteer's (`printed`, `listed`), when that was the inference.
    public var misprint: (printed: String, listed: String)? = nil

    public static func == (a: Self, b: Self) -> Bool {
        a.status == b.status && a.region == b.region && a.level == b.level && a.candidates == b.candidates
            && a.institution == b.institution && a.inference == b.inference && a.misprint?.printed == b.misprint?.printed
            && a.misprint?.listed == b.misprint?.listed
    }
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

    /// What ends the name of a township-level unit.
    static let townshipSuffixes = ["街道", "镇", "乡", "苏木"]

    /// A township-level unit at the start of `text` followed by a government's part (`团林镇政府`, `川硐街道办事处`):
    /// its name and the part after it.
    static func leadingTownship(_ text: String) -> (name: String, rest: String)? {
        let chars = Array(text)
        for end in 2...min(8, max(2, chars.count)) where end <= chars.count {
            let head = String(chars[..<end])
            guard let suffix = townshipSuffixes.first(where: { head.hasSuffix($0) }), head.count > suffix.count else { continue }
            let rest = String(chars[end...]).replacingAll("人民", with: "")
            if governmentParts.contains(rest) { return (head, rest) }
        }
        return nil
    }

    public static func resolve(agency: String?, text: String, gazetteer: Gazetteer = .shared) -> RegionResolution {
        let name = (agency ?? "").filter { !$0.isWhitespace }
        let mentions = placeMentions(name, gazetteer: gazetteer)
        guard let own = mentions.last else {
            if let found = unlisted(name, text: text, gazetteer: gazetteer) { return found }
            let central = name.hasPrefix("国家") || name.hasPrefix("国务院") || name.hasPrefix("中华人民共和国")
                || (!name.isEmpty && (name.hasSuffix("部") || name.hasSuffix("总局")))
            return RegionResolution(status: .unknown, region: nil, level: central ? .central : nil, candidates: [],
                                    institution: name)
        }
        let nameChars = Array(name)
        // The most specific place before the agency's own that the name states uniquely (莒南县 in 莒南县团林镇):
        // trusted over a namesake of the agency's own place listed elsewhere.
        // Only a chain of places each inside the one before, each written in full, anchors.
        var anchor: Int?
        if mentions.count >= 2 {
            var narrowed: [Int] = []
            var chain = true
            for mention in mentions.dropLast() {
                let written = String(Array(Gazetteer.fold(name))[mention.start..<mention.end])
                let full = mention.units.filter { Gazetteer.fold(gazetteer.units[$0].name) == written }
                let consistent = full.filter { u in narrowed.isEmpty || narrowed.contains { $0 == u || gazetteer.isAncestor($0, of: u) } }
                if consistent.isEmpty { chain = false; break }
                narrowed = consistent
            }
            if chain, narrowed.count == 1 { anchor = narrowed[0] }
        }
        let ownName = String(nameChars[own.start..<min(own.end, nameChars.count)])
        if let anchor, !own.units.contains(where: { gazetteer.isAncestor(anchor, of: $0) || $0 == anchor }) {
            if gazetteer.units[anchor].kind == .county,
               let township = leadingTownship(ownName + String(nameChars[min(own.end, nameChars.count)...])) {
                // A township the gazetteer does not list under the county the name states.
                return underCounty(anchor, township: township, gazetteer: gazetteer,
                                   why: "“\(township.name)”未见于所据行政区划中的\(gazetteer.units[anchor].name)（同名者在他处），按名称所述视为\(gazetteer.units[anchor].name)所辖乡镇")
            }
            // A unit listed only elsewhere than the place the name states: not taken.
            return RegionResolution(status: .unknown, region: nil, level: nil, candidates: [],
                                    institution: String(nameChars[min(own.end, nameChars.count)...]).replacingAll("人民", with: ""),
                                    inference: nil)
        }
        if gazetteer.units[own.units[0]].kind == .county, own.units.count == 1 || anchor != nil,
           let township = leadingTownship(String(nameChars[min(own.end, nameChars.count)...])) {
            // 莒南县某镇人民政府 with a township the gazetteer does not list at all: the county's township.
            let county = own.units.count == 1 ? own.units[0] : own.units.first { gazetteer.isAncestor(anchor!, of: $0) }
            if let county {
                return underCounty(county, township: township, gazetteer: gazetteer,
                                   why: "“\(township.name)”未见于所据行政区划，按名称所述视为\(gazetteer.units[county].name)所辖乡镇")
            }
        }
        // The agency's own place is the last one its name gives; the deepest reading of it.
        let deepest = own.units.map { gazetteer.units[$0].kind }.max()!
        var candidates = own.units.filter { gazetteer.units[$0].kind == deepest }
        for other in mentions.dropLast() {
            let consistent = candidates.filter { c in other.units.contains { $0 == c || gazetteer.isAncestor($0, of: c) } }
            if !consistent.isEmpty { candidates = consistent }
        }
        candidates = settle(candidates, text: text, gazetteer: gazetteer)
        let institution = String(nameChars[min(own.end, nameChars.count)...]).replacingAll("人民", with: "")
        let regions = candidates.map { region(gazetteer.path($0)) }
        guard candidates.count == 1, let unit = candidates.first else {
            return RegionResolution(status: .ambiguous, region: nil, level: level(gazetteer, candidates[0], institution),
                                    candidates: regions, institution: institution)
        }
        return RegionResolution(status: .resolved, region: regions[0], level: level(gazetteer, unit, institution),
                                candidates: [], institution: institution)
    }

    /// The places an agency's name states. A place written by its short name (`振兴` for 振兴区) counts only where a
    /// place can stand: at the start of the name or right after another place; inside a word (`乡村振兴局`) it is
    /// no place.
    static func placeMentions(_ name: String, gazetteer: Gazetteer) -> [(start: Int, end: Int, units: [Int])] {
        let chars = Array(Gazetteer.fold(name))
        var kept: [(start: Int, end: Int, units: [Int])] = []
        for mention in gazetteer.mentions(in: name) {
            let written = String(chars[mention.start..<mention.end])
            let full = mention.units.contains { Gazetteer.fold(gazetteer.units[$0].name) == written }
            let placed = mention.start == 0 || kept.last?.end == mention.start
            if full || placed { kept.append(mention) }
        }
        return kept
    }

    /// Namesakes settled by the report's own clues: the places it mentions (the most ancestors named wins), then the
    /// telephone area codes it prints (`电话：0517-87222589`: the city they serve). Left as they are when no clue
    /// picks one.
    static func settle(_ candidates: [Int], text: String, gazetteer: Gazetteer) -> [Int] {
        var candidates = candidates
        if candidates.count > 1 {
            let folded = Gazetteer.fold(text)
            let scores = candidates.map { c in
                gazetteer.path(c).dropLast().filter { u in folded.has(u.name) || (u.short.count >= 2 && folded.has(u.short)) }.count
            }
            if let best = scores.max(), best > 0, scores.filter({ $0 == best }).count == 1 {
                candidates = [candidates[scores.firstIndex(of: best)!]]
            }
        }
        if candidates.count > 1 {
            let cities = Set(areaCodes(in: text).flatMap { gazetteer.areaCodes[$0] ?? [] })
            let served = candidates.filter { c in cities.contains { $0 == c || gazetteer.isAncestor($0, of: c) } }
            if served.count == 1 { candidates = served }
        }
        return candidates
    }

    /// A township named with a county the gazetteer lists: that county's township, resolved by inference.
    static func underCounty(_ county: Int, township: (name: String, rest: String), gazetteer: Gazetteer, why: String) -> RegionResolution {
        var region = region(gazetteer.path(county))
        region.township = township.name
        return RegionResolution(status: .resolved, region: region, level: .township, candidates: [],
                                institution: township.rest, inference: why)
    }

    /// A name whose place the gazetteer does not list as written: a township renamed since (川硐镇, now 川硐街道), or
    /// a county written one character off (沐阳县 for 沭阳县). Taken only when exactly one unit fits.
    static func unlisted(_ name: String, text: String, gazetteer: Gazetteer) -> RegionResolution? {
        if let township = leadingTownship(name) {
            let suffix = townshipSuffixes.first { township.name.hasSuffix($0) }!
            let stem = String(township.name.dropLast(suffix.count))
            guard stem.count >= 2 else { return nil }
            let renamed = townshipSuffixes.filter { $0 != suffix }.flatMap { other in
                (gazetteer.byName[Gazetteer.fold(stem + other)] ?? []).filter { gazetteer.units[$0].kind == .township }
                    .map { ($0, stem + other) }
            }
            let settled = settle(renamed.map(\.0), text: text, gazetteer: gazetteer)
            guard settled.count == 1, let (unit, listed) = renamed.first(where: { $0.0 == settled[0] }) else { return nil }
            return RegionResolution(status: .resolved, region: region(gazetteer.path(unit)), level: .township, candidates: [],
                                    institution: township.rest,
                                    inference: "“\(township.name)”未见于所据行政区划，唯一同名异称者为“\(listed)”（乡镇改街道或反之），视为同一单位")
        }
        // A county-level name at the start, one character off exactly one county of the same length and kind.
        let chars = Array(name)
        guard let end = chars.indices.first(where: { $0 >= 2 && "县区市旗".contains(chars[$0]) }), end <= 6 else { return nil }
        let printed = Array(chars[...end])
        let rest = String(chars[(end + 1)...]).replacingAll("人民", with: "")
        var near = gazetteer.units.indices.filter { i in
            let unit = gazetteer.units[i]
            guard unit.kind == .county else { return false }
            let listed = Array(unit.name)
            return listed.count == printed.count && listed.last == printed.last
                && zip(listed, printed).filter { $0 != $1 }.count == 1
        }
        // Many counties are one character off a three-character name (沐阳县: 沭阳县, 泗阳县, 汝阳县 …): the one the
        // report itself writes correctly elsewhere, else the one its other places and telephone codes point to.
        let folded = Gazetteer.fold(text)
        let written = near.filter { folded.has(gazetteer.units[$0].name) || gazetteer.units[$0].short.count >= 2 && folded.has(gazetteer.units[$0].short) }
        near = settle(written.isEmpty ? near : written, text: text, gazetteer: gazetteer)
        guard near.count == 1, let county = near.first else { return nil }
        let unit = gazetteer.units[county]
        return RegionResolution(status: .resolved, region: region(gazetteer.path(county)),
                                level: level(gazetteer, county, rest), candidates: [], institution: rest,
                                inference: "“\(String(printed))”未见于所据行政区划，与“\(unit.name)”仅一字之差（相近者中唯一为正文所写或与正文所述地点相符者），推定为\(unit.name)（名称疑有笔误）",
                                misprint: (String(printed), unit.name))
    }

    /// Area codes of the landline numbers in a text: `0517-87222589`, `(0777)3699123`, `0777 3699123`.
    static func areaCodes(in text: String) -> Set<String> {
        Set(landlines(in: text).map { String($0.prefix { $0 != "-" }) })
    }

    /// The landline numbers in a text, as `area-number` (`0517-87222589`), each once, in order.
    public static func landlines(in text: String) -> [String] {
        var out: [String] = []
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
            if (3...4).contains(length), k > j || bytes[j] == 0x29, (7...8).contains(m - k), !isDigit(m) {
                let number = String(decoding: bytes[i..<j], as: UTF8.self) + "-" + String(decoding: bytes[k..<m], as: UTF8.self)
                if !out.contains(number) { out.append(number) }
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
