import NianbaoKit

/// An agency at a real place from the gazetteer: a county-level government, one of its departments, or a township.
///
///     var rng = SplitMix64(seed: 3)
///     let agency = SynthAgency.random(&rng)
///     agency.name  // "淮安市洪泽区教育局", say
///     agency.core  // "洪泽区教育局"
public struct SynthAgency: Sendable, Equatable {
    public var name: String
    /// `county`, `county_department` or `township`.
    public var level: String
    public var province: String?
    public var city: String?
    public var county: String
    /// The county's short name (its name when it has none): for names of new-media accounts.
    public var countyShort: String
    /// Province, city and county run together (`江苏省淮安市洪泽区`; a municipality named once).
    public var place: String
    /// A distinctive part of the name that an extracted agency name must contain (`洪泽区`, `洪泽区教育局`, `高良涧街道`).
    public var core: String
    /// The name without its county or city, as a page copied without its title may print it (`高良涧街道人民政府`,
    /// `洪泽区人民政府`, `教育局`).
    public var bare: String

    static let counties: [Int] = Gazetteer.shared.units.indices.filter { Gazetteer.shared.units[$0].kind == .county }
    /// The townships of each county, indexed once.
    static let townships: [Int: [Int]] = {
        var out: [Int: [Int]] = [:]
        for (i, unit) in Gazetteer.shared.units.enumerated() where unit.kind == .township {
            if let parent = unit.parent { out[parent, default: []].append(i) }
        }
        return out
    }()
    static let departments = ["教育局", "财政局", "民政局", "自然资源局", "卫生健康局", "市场监督管理局", "交通运输局", "农业农村局"]

    /// A random agency: half county governments, a quarter departments, a quarter townships (where the county has any).
    public static func random(_ rng: inout SplitMix64) -> SynthAgency {
        let gazetteer = Gazetteer.shared
        let county = counties[rng.below(counties.count)]
        let path = gazetteer.path(county)
        let province = path.first { $0.kind == .province }
        let city = path.first { $0.kind == .city }
        let countyUnit = gazetteer.units[county]
        let towns = townships[county] ?? []
        // `淮安市洪泽区…`: the city named first, except a municipality's (北京市 is also the province).
        let cityPrefix = city.map { $0.name == province?.name ? "" : $0.name } ?? ""
        let name: String, level: String, core: String, bare: String
        switch rng.below(4) {
        case 0 where !towns.isEmpty:
            let town = gazetteer.units[towns[rng.below(towns.count)]].name
            name = countyUnit.name + town + "人民政府"
            level = "township"
            core = town
            bare = town + "人民政府"
        case 1:
            let department = departments[rng.below(departments.count)]
            name = cityPrefix + countyUnit.name + department
            level = "county_department"
            core = countyUnit.name + department
            bare = department
        default:
            name = cityPrefix + countyUnit.name + "人民政府"
            level = "county"
            core = countyUnit.name
            bare = countyUnit.name + "人民政府"
        }
        let place = [province?.name, city?.name == province?.name ? nil : city?.name, countyUnit.name].compactMap { $0 }.joined()
        return SynthAgency(name: name, level: level, province: province?.name, city: city?.name, county: countyUnit.name,
                           countyShort: countyUnit.short.isEmpty ? countyUnit.name : countyUnit.short, place: place, core: core,
                           bare: bare)
    }
}
