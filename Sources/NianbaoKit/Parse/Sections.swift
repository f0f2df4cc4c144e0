/// Finds the six sections every annual report has, by their numbered headings.
///
///     Sections.locate("一、总体情况…二、主动公开政府信息情况…")  // [range of 一, range of 二, nil, …]
public enum Sections {
    static let headings: [(numeral: String, keywords: [String])] = [
        ("一、", ["总体情况", "概述", "概况"]),
        ("二、", ["主动公开"]),
        ("三、", ["收到和处理", "依申请"]),
        ("四、", ["行政复议", "行政诉讼"]),
        ("五、", ["存在的主要问题", "存在问题", "主要问题"]),
        ("六、", ["其他需要报告", "其他需要说明", "其他事项"]),
    ]

    /// The heading of each section (一 … 六), or nil when the report lacks it.
    /// Each heading is searched after the previous one found, so a row label such as
    /// `三、本年度办理结果` inside 表三 is not taken for a heading.
    public static func locate(_ text: String) -> [Range<String.Index>?] {
        var result: [Range<String.Index>?] = []
        var from = text.startIndex
        for heading in headings {
            var found: Range<String.Index>?
            var cursor = from
            while found == nil, let hit = text[cursor...].utf8Range(of: heading.numeral) {
                // The heading's own words: up to 30 characters, and no further than a number or a line end
                // (`四、结转下年度继续办理1000001 四、政府信息公开行政复议…` is a row label, then the heading).
                let window = text[hit.upperBound...].prefix(30).prefix { !($0.isASCII && $0.isNumber) && $0 != "\n" }
                if heading.keywords.contains(where: { window.has($0) }) { found = hit }
                cursor = hit.upperBound
            }
            result.append(found)
            if let found { from = found.upperBound }
        }
        return result
    }

    /// The text of section `index` (0 = 一), from its heading to the next heading found.
    public static func body(_ text: String, _ located: [Range<String.Index>?], _ index: Int) -> Substring? {
        guard let start = located[index] else { return nil }
        let end = located[(index + 1)...].compactMap { $0 }.first?.lowerBound ?? text.endIndex
        return text[start.lowerBound..<end]
    }
}
