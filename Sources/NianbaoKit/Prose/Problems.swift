/// One problem a report's section 五 admits.
public struct Problem: Sendable, Equatable, Codable {
    public var index: Int
    public var text: String
    public var category: String
    /// True for a problem of an earlier year (上年问题整改情况), false for this year's.
    public var previousYear: Bool
}

/// Splits section 五 into its problems: apart from the 改进措施/下一步 that follow them, item by item
/// (一是…；二是…, 1、…, （一）…, or plain sentences), problems of an earlier year tagged as such, each
/// classified by the rules of `categories`.
///
///     Problems.extract(section: "存在问题：一是培训不足。二是网站更新不及时。下一步，我们将加强培训。", year: 2023)
///     // [Problem(index: 1, text: "培训不足", category: "培训不足", …), Problem(index: 2, text: "网站更新不及时", …)]
public enum Problems {
    /// The taxonomy, in priority order: a problem takes the first category one of whose words it contains.
    public static let categories: [(name: String, words: [String])] = [
        ("依申请办理", ["依申请", "申请办理", "答复"]),
        ("政策解读不足", ["解读"]),
        ("回应关切不够", ["回应", "关切", "互动"]),
        ("公开不及时", ["不及时", "不够及时", "及时性", "滞后", "更新慢", "时效"]),
        ("培训不足", ["培训", "学习"]),
        ("认识不到位", ["认识", "重视", "思想", "意识"]),
        ("队伍与能力", ["队伍", "人员", "能力", "水平", "专业", "流动", "力量"]),
        ("平台与新媒体运维", ["网站", "新媒体", "平台", "公众号", "栏目", "专栏", "渠道"]),
        ("标准化规范化", ["规范", "标准", "三审三校", "审核", "审查", "属性"]),
        ("内容不全面", ["不全面", "不够全面", "不够丰富", "单一", "覆盖", "深度", "广度", "范围", "内容"]),
    ]

    public static func category(of text: String) -> String {
        categories.first { $0.words.contains { text.has($0) } }?.name ?? "其他"
    }

    /// Where the measures begin: the problems end at the first of these.
    static let measureMarkers = [
        "改进措施", "改进情况", "改进方向", "改进方面", "进行改进", "下一步", "下步", "针对存在的问题", "针对存在问题", "针对上述问题",
        "针对以上问题", "针对以上不足", "为进一步", "解决办法", "整改措施", "工作打算", "工作计划", "着重抓好", "将从以下", "将采取",
    ]
    /// Markers of plans that also stand in an admission's context (`为今后工作奠定了基础，但也存在一些问题：`): they end the
    /// problems only after the problems have begun.
    static let laterMarkers = ["今后", "我们将", "下一年度", "新的一年", "来年"]


    static let ordinals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// `section` is section 五's body without its heading; `year` the year reported on.
    public static func extract(section: String, year: Int?) -> [Problem] {
        var current: [String] = []
        var previous: [String] = []
        for paragraph in unwrapped(section).split(separator: "\n").map(String.init) where !isHeading(paragraph) {
            if isPreviousYear(paragraph, year: year) { previous.append(paragraph) } else { current.append(paragraph) }
        }
        var problems: [Problem] = []
        for (text, earlier) in [(current.joined(separator: "\n"), false), (previous.joined(separator: "\n"), true)] {
            for item in items(problemPart(text, earlier: earlier, year: year)) {
                if ParseBudget.exhausted { break }
                problems.append(Problem(index: problems.count + 1, text: item, category: category(of: item), previousYear: earlier))
            }
        }
        return problems
    }

    /// The section with a PDF's wrapping undone: a line filled to the section's width (at least four fifths of its
    /// longest line) that ends without punctuation goes on on the next line. Headings, short, stay lines of their own.
    static func unwrapped(_ section: String) -> String {
        let lines = section.split(separator: "\n", omittingEmptySubsequences: false).map { $0.trimmingSpaces() }
        let width = lines.map(\.count).max() ?? 0
        guard width >= 20, lines.count > 1 else { return section }
        var out = ""
        for (i, line) in lines.enumerated() {
            out += line
            guard i + 1 < lines.count else { break }
            let wrapped = line.count * 5 >= width * 4 && !(line.last.map { "。；;！？!?：:".contains($0) } ?? true)
            if !wrapped { out += "\n" }
        }
        return out
    }

    /// A heading line of its own (`（一）存在的主要问题`, `存在问题：`): no problem, and its `（一）` no item.
    static func isHeading(_ paragraph: String) -> Bool {
        var s = Substring(paragraph.trimmingSpaces())
        if let close = s.prefix(5).firstIndex(where: { "）)、.．".contains($0) }) { s = s[s.index(after: close)...] }
        while let last = s.last, ":：。 ".contains(last) { s.removeLast() }
        return s.count <= 16 && (s.has("问题") || s.has("不足")) && (s.has("存在") || s.has("主要"))
            && !s.contains(where: { "，,；;。".contains($0) }) && !shortfalls.contains(where: { s.has($0) })
            && !(measureMarkers + ["整改", "措施"]).contains(where: { s.has($0) })
    }

    /// `2020年存在的问题及改进情况：…` in a report on 2021, `上年度问题整改情况`, `去年…问题…整改`.
    static func isPreviousYear(_ paragraph: String, year: Int?) -> Bool {
        let head = String(paragraph.prefix(24))
        if ["上年度", "上一年度", "上年", "去年"].contains(where: { head.has($0) }) && (head.has("问题") || head.has("整改")) { return true }
        // `2020年存在的问题…`: a year, not an item's number (`3．…这些问题…`).
        let digits = head.prefix { $0.isNumber }
        if let year, digits.count == 4, head.dropFirst(4).first == "年", let y = Int(digits), y < year,
           head.has("问题") || head.has("整改") { return true }
        return false
    }

    /// The text from the start to the first measures marker (for an earlier year's paragraph, the
    /// whole text: its 整改 items are its content).
    static func problemPart(_ text: String, earlier: Bool, year: Int?) -> String {
        guard !earlier else { return text }
        var end = text.endIndex
        for marker in measureMarkers {
            if let r = text.utf8Range(of: marker), r.lowerBound < end { end = r.lowerBound }
        }
        // A later marker in the sentence admitting the problems is context (`为今后工作奠定了基础，但也存在一些问题：`).
        func admitting(_ at: String.Index) -> Bool {
            let from = text[..<at].lastIndex(where: { "。；;\n".contains($0) }).map { text.index(after: $0) } ?? text.startIndex
            let to = text[at...].firstIndex(where: { "。；;\n".contains($0) }) ?? text.endIndex
            let sentence = text[from..<to]
            return sentence.has("存在") || generic.contains { sentence.has($0) }
        }
        for marker in laterMarkers {
            var search = text.startIndex
            while search < end, let r = text[search..<end].utf8Range(of: marker) {
                if !admitting(r.lowerBound) { end = r.lowerBound; break }
                search = r.upperBound
            }
        }
        // `2024年，我局将…`: the plans of a later year (`2023年，我局将政务公开纳入考核` in a report on 2023 is 把, not 将来).
        if let r = plansOfAYear(text, after: year), r < end, !admitting(r) { end = r }
        // Back to the start of the clause or heading that holds the marker.
        var cut = end
        while cut > text.startIndex {
            let p = text.index(before: cut)
            if "。；;\n".contains(text[p]) { break }
            if text[p] == "（" || text[p] == "(" { cut = p; break }
            cut = p
        }
        return String(text[..<cut])
    }

    /// Where a clause `20xx年，我…将` (the agency's plans for a year) starts, if any.
    static func plansOfAYear(_ text: String, after year: Int?) -> String.Index? {
        // `2024年，我局将…`, `2025年,将重点从以下方面做好改进`, `2025年我们将…`: a year, then 将 within its clause's
        // first few characters.
        var search = text.startIndex
        while let r = text[search...].utf8Range(of: "年") {
            search = r.upperBound
            // `2025 年` as a PDF spaces it.
            var end = r.lowerBound
            while end > text.startIndex, text[text.index(before: end)] == " " { end = text.index(before: end) }
            let digits = text[..<end].suffix(4)
            guard digits.count == 4, digits.allSatisfy({ $0.isASCII && $0.isNumber }), let stated = Int(digits),
                  year.map({ stated > $0 }) ?? true else { continue }
            let clause = text[r.upperBound...].drop { "，,度 ".contains($0) }.prefix(6).prefix { !"，,。；;：:\n".contains($0) }
            if clause.contains("将") { return digits.startIndex }
        }
        return nil
    }

    /// Items by the finest enumeration present: 一是, then 1、/1./1．, then （一）, else sentences.
    static func items(_ text: String) -> [String] {
        let chars = text.scalarArray
        var starts: [(at: Int, skip: Int)] = []
        // 一是 … 十是
        // In sequence from 一是: the next ordinal, or one skipped or repeated (`一是…；三是…；三是…` as printed);
        // a stray 五是 inside a sentence is no item.
        // Also 第一，… 第二，…
        var last = -1
        for i in chars.indices where i + 1 < chars.count && (chars[i + 1] == "是" || chars[i] == "第") {
            let candidates = last < 0 ? [0] : Array(max(last, 0)...min(last + 2, ordinals.count - 1))
            for k in candidates {
                guard let form = [ordinals[k] + "是", "第" + ordinals[k] + "，", "第" + ordinals[k] + ",", "第" + ordinals[k] + "、"]
                    .first(where: { Prose.matches($0, chars, at: i) }) else { continue }
                starts.append((i, form.unicodeScalars.count))
                last = k
                break
            }
        }
        if starts.count < 2 { starts = numbered(chars, open: "", closes: ["、", ".", "．"]) }
        if starts.count < 2 { starts = numbered(chars, open: "（", closes: ["）"]) + numbered(chars, open: "(", closes: [")"]) }
        starts.sort { $0.at < $1.at }
        if starts.count < 2 {
            var sentences = Prose.sentences(text.replacingAll("；", with: "。").replacingAll(";", with: "。"))
            // What comes before the admission (`…但仍存在一些不足：`) is context, not a problem, unless it names a shortfall:
            // `全年未发生泄密事件，工作总体平稳有序。`
            if let admission = sentences.firstIndex(where: { s in generic.contains { s.has($0) } }), admission > 0 {
                sentences = sentences[..<admission].filter { s in shortfalls.contains { s.has($0) } } + sentences[admission...]
            }
            return sentences.flatMap(sentenceItems).map(clean)
                .filter { $0.count >= 4 && !$0.hasSuffix("：") && !$0.hasSuffix(":") }
        }
        return starts.indices.map { k in
            let from = starts[k].at + starts[k].skip
            let to = k + 1 < starts.count ? starts[k + 1].at : chars.count
            var item = Prose.text(chars[from..<max(from, to)])
            // The last item ends with its paragraph: at a line break after the end of a sentence (one after other text is
            // a PDF's wrapping).
            if k + 1 == starts.count, let stop = item.indices.first(where: { i in
                item[i] == "\n" && (item[..<i].last { $0 != " " && $0 != "\t" }.map { "。；;！？!?".contains($0) } ?? true)
            }) { item = String(item[..<stop]) }
            return clean(item)
        }.filter { !$0.isEmpty }
    }

    /// Words that introduce the problems inside a sentence: what follows them is the problem.
    static let introducers = ["主要表现在", "主要表现为", "具体表现在", "具体表现为", "主要体现在", "主要是", "主要有", "具体是", "具体有",
                              "表现在", ",如", "，如", ",例如", "，例如", ",比如", "，比如"]
    /// A sentence that only says there are shortcomings (`取得一定成效,但对照上级要求,仍存在一定差距`) names none.
    static let generic = ["取得一定", "取得了一定", "取得一些", "取得了一些", "存在一定差距", "存在一些差距", "存在差距", "存在一些不足",
                          "存在一定不足", "存在一些问题", "存在以下问题", "存在以下不足", "有一定差距", "仍有差距",
                          "对照上级要求", "对照群众期盼", "对照新形势"]
    /// Words that make a clause a problem, for splitting `A、B、C` lists.
    static let shortfalls = ["有待", "不够", "不足", "不强", "不高", "不到位", "不及时", "不规范", "不全面", "需要", "仍需", "需进一步",
                             "欠缺", "滞后", "较少", "单一", "薄弱", "缺乏", "尚需", "还需", "待进一步", "难以"]

    /// The problems of a sentence when section 五 enumerates nothing: the part after an introducer
    /// (`仍存在一些不足,主要是:…`), nothing for a sentence that only admits shortcomings in general,
    /// and an `如A、B、C等` list split into its items when every item names a shortfall.
    static func sentenceItems(_ sentence: String) -> [String] {
        var s = Substring(sentence)
        var listed = false
        // `(一)存在的主要问题:…`, `…取得了一定成效，但仍存在一些不足：…`: what follows a colon after the admission.
        if let colon = s.firstIndex(where: { $0 == ":" || $0 == "：" }), s.index(after: colon) < s.endIndex,
           ["问题", "不足", "差距", "短板"].contains(where: { s[..<colon].has($0) }) || generic.contains(where: { s[..<colon].has($0) }) {
            s = s[s.index(after: colon)...]
            listed = true
        }
        if let hit = introducers.compactMap({ s.utf8Range(of: $0) }).min(by: { $0.lowerBound < $1.lowerBound }) {
            s = s[hit.upperBound...].drop { ":：,， ".contains($0) }
            listed = true
        } else if !listed, generic.contains(where: { s.has($0) }) {
            // `…取得一定成效,但网站更新不及时`: the clause after 但 may still name one.
            guard let but = [",但", "，但", ",不过", "，不过"].compactMap({ s.utf8Range(of: $0) }).first else { return [] }
            s = s[but.upperBound...]
            if generic.contains(where: { s.has($0) }) { return [] }
        }
        for lead in ["例如", "比如", "如"] where s.hasPrefix(lead) { s = s.dropFirst(lead.count); break }
        if let first = s.first, ordinals.contains(String(first)), s.dropFirst().first == "是" { s = s.dropFirst(2) }
        for tail in ["等问题", "等方面", "等"] where s.hasSuffix(tail) { s = s.dropLast(tail.count); break }
        // After an introducer, a list may also be cut by commas (`主要是:A不足,B有待提升,C尚需完善`).
        // Two clauses are one problem and its detail (`栏目更新不及时，存在内容滞后的情况`): a comma list has three or more.
        for separators in listed ? ["、", ",，"] : ["、"] {
            let parts = s.split(whereSeparator: { separators.contains($0) }).map(String.init)
            if parts.count >= (separators == "、" ? 2 : 3), parts.allSatisfy({ $0.count >= 6 && shortfalls.contains(where: $0.has) }) {
                return parts
            }
        }
        return [String(s)]
    }

    /// Positions of `1、` `2、` … (or `（一）` `（二）` …) in sequence, from the first.
    static func numbered(_ chars: [Unicode.Scalar], open: String, closes: [String]) -> [(at: Int, skip: Int)] {
        var out: [(Int, Int)] = []
        let labels = open.isEmpty ? (1...20).map(String.init) : ordinals
        var i = 0
        while i < chars.count, out.count < labels.count {
            let label = open + labels[out.count]
            if let close = closes.first(where: { Prose.matches(label + $0, chars, at: i) }),
               i == 0 || chars[i - 1].properties.numericType == nil {
                let skip = label.unicodeScalars.count + close.unicodeScalars.count
                out.append((i, skip))
                i += skip
            } else {
                i += 1
            }
        }
        return out
    }

    static func clean(_ item: String) -> String {
        // An item is one problem: a line break inside it is a PDF's wrapping.
        var s = item.split(separator: "\n").map { $0.trimmingCharacters(in: " \t") }.joined().trimmingCharacters(in: " \t\n")
        while let last = s.last, "。；;，,：: \n".contains(last) { s.removeLast() }
        return s
    }
}
