/// One agency across years, whatever its name variants (`清镇市人民政府办公室` / `清镇市政府办公室`,
/// `洪泽区人民政府` / `淮安市洪泽区人民政府`): the key is its region and its institution, 人民 dropped.
/// A name that resolves to no single region is no identity across reports (several townships are 城关镇, every county
/// has a 教育局): with `source`, each such report is its own agency (`?城关镇政府@path`) until a shared landline links
/// it (`Store.linkByClues`: a shared landline or new-media account); only a central agency (国家统计局, one in the country) keys on its name alone.
///
///     AgencyIdentity.key(agency: "清镇市政府办公室", location: RegionResolver.resolve(agency: "清镇市政府办公室", text: ""))
///     // "贵州省/贵阳市/清镇市|政府办公室"
public enum AgencyIdentity {
    public static func key(agency: String?, location: RegionResolution?, source: String? = nil) -> String? {
        guard let agency, !agency.isEmpty else { return nil }
        if let location, location.status == .resolved, let region = location.region {
            return region.path + "|" + canonicalInstitution(location.institution)
        }
        let name = "?" + Gazetteer.fold(agency.filter { !$0.isWhitespace }).replacingAll("人民", with: "")
        guard let source, location?.level != .central else { return name }
        return name + "@" + source
    }

    /// One spelling per kind of government body: `大塅镇` and `大塅镇人民政府` are one agency.
    static func canonicalInstitution(_ institution: String) -> String {
        switch institution {
        case "", "政府": return "政府"
        case "办公室", "政府办公室", "政府办", "党政办公室", "党政办": return "政府办公室"
        case "办公厅", "政府办公厅": return "政府办公厅"
        case "管委会", "管理委员会": return "管委会"
        case "办事处", "街道办事处", "街道办": return "街道办事处"
        default: return institution
        }
    }

    /// Whether an unresolved name's key (`?鸡场镇政府`) can be the agency of a resolved key
    /// (`贵州省/六盘水市/水城区/鸡场镇|政府`): the resolved agency's own place is named in it and it is the same kind of
    /// institution. A township's report that prints its county office's number is not the county office.
    /// A name that states no place at all (`自然资源局`) fits the same institution anywhere; the shared clue then
    /// carries the place.
    static func sameAgency(unresolved: String, resolved: String) -> Bool {
        guard unresolved.hasPrefix("?"), let bar = resolved.lastIndex(of: "|") else { return false }
        let name = unresolvedName(unresolved)
        let place = resolved[..<bar].split(separator: "/").last.map(String.init) ?? ""
        let institution = String(resolved[resolved.index(after: bar)...])
        if institution != "政府", institution.count >= 2, canonicalInstitution(name) == institution { return true }
        guard !place.isEmpty, let at = name.utf8Range(of: place) else { return false }
        return canonicalInstitution(String(name[at.upperBound...])) == institution
    }

    /// The name of an unresolved key: `?鸡场镇政府@/path/a.txt` → `鸡场镇政府`.
    static func unresolvedName(_ key: String) -> String {
        String(key.dropFirst().prefix { $0 != "@" })
    }

    /// The key under a user's alias: the canonical name is resolved like a report's own name.
    public static func key(canonical name: String) -> String? {
        key(agency: name, location: RegionResolver.resolve(agency: name, text: ""))
    }
}
