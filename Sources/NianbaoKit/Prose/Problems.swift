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
        categories.first { $0.words.contains { text.contains($0) } }?.name ?? "其他"
    }

    /// Where the measures begin: the problems end at the first of these.
    static let measureMarkers = [
        "改进措施", "改进情况", "改进方向", "改进方面", "进行改进", "下一步", "下步", "针对存在的问题", "针对存在问题", "针对上述问题",
        "针对以上问题", "针对以上不足", "为进一步", "解决办法", "整改措施", "工作打算", "工作计划", "着重抓好", "将从以下", "将采取",
    ]

    static let ordinals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"]

    /// `section` is section 五's body without its heading; `year` the year reported on.
    public static func extract(section: String, year: Int?) -> [Problem] {
        var current: [String] = []
        var previous: [String] = []
        for paragraph in section.split(separator: "\n").map(String.init) {
            if isPreviousYear(paragraph, year: year) { previous.append(paragraph) } else { current.append(paragraph) }
        }
        var problems: [Problem] = []
        for (text, earlier) in [(current.joined(separator: "\n"), false), (previous.joined(separator: "\n"), true)] {
            for item in items(problemPart(text, earlier: earlier)) {
                problems.append(Problem(index: problems.count + 1, text: item, category: category(of: item), previousYear: earlier))
            }
        }
        return problems
    }

    /// `2020年存在的问题及改进情况：…` in a report on 2021, `上年度问题整改情况`, `去年…问题…整改`.
    static func isPreviousYear(_ paragraph: String, year: Int?) -> Bool {
        let head = String(paragraph.prefix(24))
        if ["上年度", "上一年度", "上年", "去年"].contains(where: { head.contains($0) }) && (head.contains("问题") || head.contains("整改")) { return true }
        if let year, let y = Int(head.prefix { $0.isNumber }.suffix(4)), y < year, head.contains("问题") || head.contains("整改") { return true }
        return false
    }

    /// The text from the start to the first measures marker (for an earlier year's paragraph, the
    /// whole text: its 整改 items are its content).
    static func problemPart(_ text: String, earlier: Bool) -> String {
        guard !earlier else { return text }
        var end = text.endIndex
        for marker in measureMarkers {
            if text.has(marker), let r = text.range(of: marker), r.lowerBound < end { end = r.lowerBound }
        }
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

    /// Items by the finest enumeration present: 一是, then 1、/1./1．, then （一）, else sentences.
    static func items(_ text: String) -> [String] {
        let chars = Array(text)
        var starts: [(at: Int, skip: Int)] = []
        // 一是 … 十是
        for i in chars.indices {
            // Only in sequence: 一是, then 二是, … (a stray 三是 inside a sentence is no item).
            if starts.count < ordinals.count, Prose.matches(ordinals[starts.count] + "是", chars, at: i) { starts.append((i, 2)) }
        }
        if starts.count < 2 { starts = numbered(chars, open: "", closes: ["、", ".", "．"]) }
        if starts.count < 2 { starts = numbered(chars, open: "（", closes: ["）"]) + numbered(chars, open: "(", closes: [")"]) }
        starts.sort { $0.at < $1.at }
        if starts.count < 2 {
            return Prose.sentences(text.replacingOccurrences(of: "；", with: "。")).map(clean).filter { $0.count >= 6 && !$0.hasSuffix("：") && !$0.hasSuffix(":") }
        }
        return starts.indices.map { k in
            let from = starts[k].at + starts[k].skip
            let to = k + 1 < starts.count ? starts[k + 1].at : chars.count
            var item = String(chars[from..<max(from, to)])
            if k + 1 == starts.count, let stop = item.firstIndex(of: "\n") { item = String(item[..<stop]) }
            return clean(item)
        }.filter { !$0.isEmpty }
    }

    /// Positions of `1、` `2、` … (or `（一）` `（二）` …) in sequence, from the first.
    static func numbered(_ chars: [Character], open: String, closes: [String]) -> [(at: Int, skip: Int)] {
        var out: [(Int, Int)] = []
        let labels = open.isEmpty ? (1...20).map(String.init) : ordinals
        var i = 0
        while i < chars.count, out.count < labels.count {
            let label = open + labels[out.count]
            if let close = closes.first(where: { Prose.matches(label + $0, chars, at: i) }),
               i == 0 || !chars[i - 1].isNumber {
                out.append((i, label.count + close.count))
                i += label.count + close.count
            } else {
                i += 1
            }
        }
        return out
    }

    static func clean(_ item: String) -> String {
        var s = item.trimmingCharacters(in: " \t\n")
        while let last = s.last, "。；;，,：: \n".contains(last) { s.removeLast() }
        return s
    }
}
