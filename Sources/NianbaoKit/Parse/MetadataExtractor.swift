/// Reads who published a report, on which year, and when, from its title, signature and header.
enum MetadataExtractor {
    static let agencySuffixes = [
        "人民政府办公室", "人民政府办公厅", "人民政府", "政府办公室", "政府办公厅", "管委会", "管理委员会", "委员会",
        "办公室", "办公厅", "街道办事处", "办事处", "政府", "局", "委", "厅", "署", "院", "中心", "镇", "乡", "街道",
    ]
    static let verbPrefixes = ["现向社会公布", "现予以公布", "现将", "现公布", "向社会公布", "公布", "发布", "编制", "特此", "关于"]

    static func isHan(_ c: Character) -> Bool {
        guard let s = c.unicodeScalars.first else { return false }
        return isHan(s)
    }

    static func isHan(_ s: Unicode.Scalar) -> Bool {
        (0x4E00...0x9FFF).contains(s.value) || (0x3400...0x4DBF).contains(s.value) || (0x20000...0x2FFFF).contains(s.value)
    }

    /// A four-digit year ending just before `index` (skipping spaces), with its start.
    static func year(endingAt index: String.Index, in text: String) -> (Int, String.Index)? {
        var i = index
        while i > text.startIndex, text[text.index(before: i)] == " " { i = text.index(before: i) }
        var digits = ""
        var start = i
        while start > text.startIndex, digits.count < 4, text[text.index(before: start)].isASCII,
              text[text.index(before: start)].isNumber {
            start = text.index(before: start)
            digits.insert(text[start], at: digits.startIndex)
        }
        guard digits.count == 4, let y = Int(digits), (1990...2100).contains(y) else { return nil }
        return (y, start)
    }

    /// The non-empty line ending just before `index` (which starts a line), trimmed, with its start.
    static func previousLine(before index: String.Index, in text: String) -> (text: String, start: String.Index)? {
        var end = index
        while end > text.startIndex, text[text.index(before: end)].isWhitespace { end = text.index(before: end) }
        guard end < index, text[end..<index].utf8.contains(0x0A) else { return nil }
        let start = text[..<end].lastIndex(of: "\n").map { text.index(after: $0) } ?? text.startIndex
        let line = text[start..<end].trimmingCharacters(in: " ")
        return line.isEmpty ? nil : (line, text.index(start, offsetBy: text[start..<end].prefix { $0 == " " }.count))
    }

    /// Title candidates: "<agency><year>年(度)政府信息公开…报告" or "<year>年(度)<agency>政府信息公开…报告".
    static func title(in text: String) -> (agency: String?, year: Int?, title: String)? {
        var cursor = text.startIndex
        let scope = text.unicodeScalars.index(text.startIndex, offsetBy: 6000, limitedBy: text.endIndex) ?? text.endIndex
        while let hit = text[cursor..<scope].utf8Range(of: "政府信息公开") ?? text[cursor..<scope].utf8Range(of: "政务公开") {
            cursor = hit.upperBound
            let tail = text[hit.upperBound...].prefix(12)
            guard tail.has("报告") else { continue }
            // Before the hit: optional 年/年度, a year, then the agency — or the agency, then 年(度) and a year.
            var i = hit.lowerBound
            while i > text.startIndex, text[text.index(before: i)] == " " { i = text.index(before: i) }
            var yearFound: Int?
            var agencyEnd = i
            var j = i
            if j > text.startIndex, text[text.index(before: j)] == "度" { j = text.index(before: j) }
            if j > text.startIndex, text[text.index(before: j)] == "年", let (y, start) = year(endingAt: text.index(before: j), in: text) {
                yearFound = y
                agencyEnd = start
            }
            var agencyStart = agencyEnd
            while agencyStart > text.startIndex {
                let p = text.index(before: agencyStart)
                if isHan(text[p]) || text[p] == " " { agencyStart = p } else { break }
            }
            var agency = String(text[agencyStart..<agencyEnd]).filter { $0 != " " }
            var titleStart = agencyStart
            if agency.isEmpty, yearFound != nil, let line = previousLine(before: agencyStart, in: text),
               line.text.count <= 30, line.text.allSatisfy({ isHan($0) || $0 == " " }),
               agencySuffixes.contains(where: { line.text.hasSuffix($0) }) {
                // A title set on two lines: the agency above, "<year>年政府信息公开工作年度报告" below.
                agency = line.text.filter { $0 != " " }
                agencyStart = line.start
                titleStart = line.start
            }
            if yearFound == nil, let nian = agency.lastIndex(of: "年") {
                // "<year>年<agency>政府信息公开…"
                let absolute = text.index(agencyStart, offsetBy: agency.distance(from: agency.startIndex, to: nian))
                if let (y, yearStart) = year(endingAt: absolute, in: text) {
                    yearFound = y
                    titleStart = yearStart
                    agency = String(agency[agency.index(after: nian)...])
                    if agency.hasPrefix("度") { agency.removeFirst() }
                }
            }
            for prefix in verbPrefixes {
                if let r = agency.utf8Range(of: prefix) { agency = String(agency[r.upperBound...]) }
            }
            // A hit quoted inside 《…》 is a title only when the quote is not a notice or a regulation.
            if let open = text.unicodeScalars[..<hit.lowerBound].lastIndex(of: "《"),
               !text.unicodeScalars[open..<hit.lowerBound].contains("》"),
               let close = text.unicodeScalars[hit.upperBound...].firstIndex(of: "》") {
                let quoted = text[text.index(after: open)..<close]
                if ["通知", "意见", "条例", "办法", "规定", "要点", "格式", "方案"].contains(where: { quoted.hasSuffix($0) }) { continue }
            }
            if agency.has("关于") || agency.has("通知") { continue }
            let reportEnd = tail.utf8Range(of: "报告")!.upperBound
            let titleText = String(text[titleStart..<reportEnd]).filter { $0 != "\n" }
                .trimmingCharacters(in: " ")
            var cleanedTitle = Substring(titleText)
            for prefix in verbPrefixes {
                if let r = cleanedTitle.utf8Range(of: prefix) { cleanedTitle = cleanedTitle[r.upperBound...] }
            }
            if yearFound != nil || agency.count >= 2 {
                return (agency.count >= 2 ? agency : nil, yearFound, String(cleanedTitle))
            }
        }
        return nil
    }

    /// A date such as `2022年1月17日`, `二〇二二年一月十七日` or `2022-01-17`, as ISO `YYYY-MM-DD`.
    static func date(_ line: String) -> String? {
        let s = line.filter { !$0.isWhitespace }
        let chineseDigits: [Character: Int] = ["〇": 0, "○": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        func number(_ part: Substring) -> Int? {
            if let n = Int(part) { return n }
            if part.allSatisfy({ chineseDigits[$0] != nil }) && part.count == 4 {
                return part.reduce(0) { $0 * 10 + chineseDigits[$1]! }
            }
            // 十, 十七, 二十, 二十一
            if let ten = part.firstIndex(of: "十") {
                let high = part[..<ten].isEmpty ? 1 : chineseDigits[part[part.startIndex]] ?? -100
                let low = part[part.index(after: ten)...].isEmpty ? 0 : chineseDigits[part[part.index(after: ten)]] ?? -100
                let n = high * 10 + low
                return n > 0 ? n : nil
            }
            if part.count == 1, let d = chineseDigits[part.first!] { return d }
            return nil
        }
        var y: Int?, m: Int?, d: Int?
        if let nian = s.firstIndex(of: "年"), let yue = s[nian...].firstIndex(of: "月"), let ri = s[yue...].firstIndex(of: "日") {
            y = number(s[..<nian].suffix(4))
            m = number(s[s.index(after: nian)..<yue])
            d = number(s[s.index(after: yue)..<ri])
            guard s[..<nian].count <= 4, s[s.index(after: ri)...].count <= 1 else { return nil }
        } else {
            let parts = s.prefix(10).split(separator: "-")
            if parts.count == 3, parts[0].count == 4 { y = Int(parts[0]); m = Int(parts[1]); d = Int(parts[2]) }
        }
        guard let y, let m, let d, (1990...2100).contains(y), (1...12).contains(m), (1...31).contains(d) else { return nil }
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        return "\(y)-\(pad(m))-\(pad(d))"
    }

    /// The signature at the end: an agency name on its own line followed by the date of publication.
    static func signature(_ lines: [String]) -> (agency: String, date: String)? {
        let tail = lines.suffix(15)
        for (offset, line) in tail.enumerated().reversed() {
            guard offset > 0, let published = date(line) else { continue }
            let previous = tail[tail.startIndex + offset - 1].filter { !$0.isWhitespace }
            if previous.count >= 2, previous.count <= 40, previous.allSatisfy(isHan),
               agencySuffixes.contains(where: { previous.hasSuffix($0) }) {
                return (previous, published)
            }
        }
        return nil
    }

    /// The agency a report names as its contact or author when neither a title nor a signature does:
    /// `请与香格里拉市人民政府办公室联系` (the government whose office answers for its report),
    /// `本报告由某某县民政局编制`. Nil when the words around are not an agency's name.
    static func namedAgency(_ text: String) -> String? {
        for (open, close) in [("请与", "联系"), ("本报告由", "编制"), ("本报告由", "负责编制")] {
            var from = text.startIndex
            while let start = text[from...].utf8Range(of: open) {
                from = start.upperBound
                let rest = text[start.upperBound...].prefix(40)
                guard let end = rest.utf8Range(of: close) else { continue }
                var name = String(rest[..<end.lowerBound]).filter { !$0.isWhitespace }
                guard name.count >= 4, name.allSatisfy(isHan) else { continue }
                // The office answering for a government's or a department's report stands for it.
                for office in ["政务公开办公室", "信息公开办公室", "政府信息公开工作领导小组办公室", "办公室"] where name.hasSuffix(office) {
                    let owner = String(name.dropLast(office.count))
                    if owner.count >= 3, agencySuffixes.contains(where: { owner.hasSuffix($0) }) { name = owner }
                    break
                }
                if agencySuffixes.contains(where: { name.hasSuffix($0) }) { return name }
            }
        }
        return nil
    }

    /// A government named only by the report's own first person (`我镇`, `本县`) and the place it names most: `我镇` with
    /// 鸡场镇 named three times and no other 镇 as often gives 鸡场镇人民政府. Nil when the first person is rare, or no
    /// single place of its kind stands out. Returns the name and how it was found.
    static func firstPersonAgency(_ text: String, gazetteer: Gazetteer = .shared) -> (agency: String, evidence: String)? {
        let kinds: [(suffix: String, pronouns: [String], office: String)] = [
            ("街道", ["我街道", "本街道"], "办事处"), ("镇", ["我镇", "本镇"], "人民政府"), ("乡", ["我乡", "本乡"], "人民政府"),
            ("县", ["我县", "本县"], "人民政府"), ("区", ["我区", "本区"], "人民政府"), ("市", ["我市", "本市"], "人民政府"),
        ]
        let uses = kinds.map { kind in kind.pronouns.reduce(0) { $0 + text.occurrences(of: $1) } }
        guard let most = uses.max(), most >= 2, let k = uses.firstIndex(of: most), uses.filter({ $0 == most }).count == 1 else { return nil }
        let kind = kinds[k]
        // The places of that kind the text names (its opening, where a report says where it is), by count.
        let chars = Array(Gazetteer.fold(String(text.prefix(4000))))
        var counts: [String: Int] = [:]
        for mention in gazetteer.mentions(in: String(text.prefix(4000))) {
            let written = String(chars[mention.start..<mention.end])
            guard written.hasSuffix(kind.suffix), written.count > kind.suffix.count + 1,
                  mention.units.contains(where: { Gazetteer.fold(gazetteer.units[$0].name) == written }) else { continue }
            counts[written, default: 0] += 1
        }
        guard let top = counts.values.max(), counts.values.filter({ $0 == top }).count == 1,
              let place = counts.first(where: { $0.value == top })?.key else { return nil }
        return (place + kind.office, "正文以“\(kind.pronouns[0])”自称（\(most)处），所提\(kind.suffix)级地名中“\(place)”最多（\(top)处）")
    }

    /// Where a report's year was read, strongest first.
    enum YearSource: String {
        case title = "标题"
        case period = "统计期限"
        case overview = "总体情况开头"
        case statement = "正文中的“某年度政府信息公开”"
        case signature = "落款日期"
    }

    /// The year the report covers, from each source that states one (`overview`: the body of 一、总体情况), and the
    /// findings it calls for: sources that disagree (the strongest is kept), a year inferred from the signature date
    /// only (a report signed in the first half of a year covers the year before).
    static func year(title: Int?, text: String, overview: Substring?, publishedOn: String?) -> (year: Int?, findings: [Finding]) {
        var stated: [(YearSource, Int)] = []
        if let title { stated.append((.title, title)) }
        if let y = periodYear(text) { stated.append((.period, y)) }
        if let overview, let y = leadingYear(overview) { stated.append((.overview, y)) }
        if stated.isEmpty, let y = statisticsYear(text) { stated.append((.statement, y)) }
        var findings: [Finding] = []
        if let (source, year) = stated.first {
            let others = stated.dropFirst().filter { $0.1 != year }
            if !others.isEmpty {
                findings.append(Finding(
                    rule: .metaYearConflict, severity: .warning, expected: String(year),
                    actual: others.map { String($0.1) }.joined(separator: "|"),
                    message: "报告年度说法不一：\(source.rawValue)为\(year)年，" + others.map { "\($0.0.rawValue)为\($0.1)年" }.joined(separator: "，")
                        + "；按\(source.rawValue)取\(year)年"))
            }
            return (year, findings)
        }
        // Only the date it was signed: the year before, if signed from January to June.
        if let publishedOn, let y = Int(publishedOn.prefix(4)), let m = Int(publishedOn.dropFirst(5).prefix(2)), m <= 6 {
            findings.append(Finding(rule: .metaYearInferred, severity: .uncertain, expected: String(y - 1), actual: publishedOn,
                                    message: "报告未写明年度，按落款日期\(publishedOn)推断为\(y - 1)年度"))
            return (y - 1, findings)
        }
        return (nil, findings)
    }

    /// The year of the statistics period: `统计期限自2024年1月1日起至2024年12月31日止` (the start's year, which the
    /// end must agree with), or `数据统计期限为2024年1月1日至12月31日`.
    static func periodYear(_ text: String) -> Int? {
        guard let hit = text.utf8Range(of: "统计期限") ?? text.utf8Range(of: "统计时限") ?? text.utf8Range(of: "统计时间") else { return nil }
        let window = text[hit.upperBound...].prefix(40)
        guard let start = window.utf8Range(of: "年1月1日"), let (y, _) = year(endingAt: start.lowerBound, in: text) else { return nil }
        if let end = window.utf8Range(of: "年12月31日"), let (y2, _) = year(endingAt: end.lowerBound, in: text), y2 != y { return nil }
        return y
    }

    /// `2024年，本乡…`: a year opening the overview's first sentence.
    static func leadingYear(_ overview: Substring) -> Int? {
        let start = overview.drop { $0.isWhitespace || $0 == "（" || $0 == "(" }.prefix(8)
        let digits = start.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, let y = Int(digits), (2000...2100).contains(y) else { return nil }
        let rest = start.dropFirst(4)
        return rest.hasPrefix("年，") || rest.hasPrefix("年,") || rest.hasPrefix("年度，") || rest.hasPrefix("年以来") || rest.hasPrefix("年, ") ? y : nil
    }

    static func extract(_ text: String, into report: inout ParsedReport) {
        // Only the first lines (a date of publication) and the last (the signature) are read.
        let u = text.utf8
        func trimmed(_ bytes: Substring.UTF8View) -> String? {
            let line = Substring(bytes).trimmingCharacters(in: " \t")
            return line.isEmpty ? nil : line
        }
        // The first 10 lines with text, and the last 15, found from either end.
        var head: [String] = []
        var from = u.startIndex
        while head.count < 10, from < u.endIndex {
            let end = u[from...].firstIndex(of: 0x0A) ?? u.endIndex
            if let line = trimmed(u[from..<end]) { head.append(line) }
            from = end == u.endIndex ? end : u.index(after: end)
        }
        var last: [String] = []
        var to = u.endIndex
        while last.count < 15, to > u.startIndex {
            let start = u[..<to].lastIndex(of: 0x0A).map { u.index(after: $0) } ?? u.startIndex
            if let line = trimmed(u[start..<to]) { last.append(line) }
            to = start == u.startIndex ? start : u.index(before: start)
        }
        let lines = Array(last.reversed())
        let title = title(in: text)
        report.title = title?.title
        report.year = title?.year   // the other sources: `year(title:text:overview:publishedOn:)`
        if let signed = signature(lines) {
            report.agency = signed.agency
            report.publishedOn = signed.date
        } else {
            report.agency = title?.agency ?? namedAgency(text)
        }
        if report.publishedOn == nil {
            for line in head where line.hasPrefix("发布时间:") || line.hasPrefix("发布日期:") {
                report.publishedOn = date(String(line.drop { $0 != ":" }.dropFirst()))
            }
        }
        if report.publishedOn == nil, let last = lines.last { report.publishedOn = date(last) }
    }

    /// The year of "2021年度政府信息公开工作" in the text (a period's `1月1日` alone may be a law's entry into force).
    static func statisticsYear(_ text: String) -> Int? {
        for needle in ["年度政府信息公开", "年政府信息公开"] {
            if let hit = text.utf8Range(of: needle), let (y, _) = year(endingAt: hit.lowerBound, in: text) { return y }
        }
        return nil
    }
}
