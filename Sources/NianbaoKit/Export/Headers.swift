/// Column headers in Chinese, for readers who open the exports in a spreadsheet (`--headers zh`). The
/// canonical English keys stay the default: they are what scripts and the documentation use.
public enum Headers: String, Sendable, CaseIterable {
    case en, zh

    static let chinese: [String: String] = {
        var map: [String: String] = [
            "source": "文件", "agency": "机关", "year": "年度", "template": "模板", "table": "表", "row": "行", "column": "列",
            "value": "数值", "status": "状态", "via": "取得方式", "published_on": "发布日期", "title": "标题", "errors": "错误数",
            "warnings": "警告数", "uncertain": "存疑数", "province": "省", "city": "市", "county": "县", "level": "层级",
            "agency_id": "机关编号", "rule": "规则", "severity": "严重程度", "expected": "应为", "actual": "实为",
            "message": "说明", "platform": "平台", "name": "账号名称", "followers": "关注量", "posts": "发布量",
            "sentence": "原文", "fact": "事项", "approximate": "约数", "result": "结果", "index": "序号", "text": "问题",
            "category": "类别", "previous_year": "上年问题", "phrase": "短语", "reports": "报告数", "share": "占比",
            "source_a": "文件甲", "source_b": "文件乙", "section": "部分", "similarity": "相似度", "group": "分组",
            "measure": "指标", "from_value": "起始值", "to_value": "结束值", "change": "变化", "pct_change": "变化率",
            "flag": "标记", "accounts": "账号数", "accounts_with_followers": "注明关注量的账号数",
            "accounts_with_posts": "注明发布量的账号数", "problems": "问题数", "key": "识别键", "names": "所用名称", "years": "所涉年度",
            "linked_by": "关联依据", "agency_a": "机关甲", "year_a": "年度甲", "agency_b": "机关乙", "year_b": "年度乙",
            "same_agency": "同一机关", "passage": "最长相同段落", "passage_chars": "相同段落字数", "copied_sections": "雷同章节数", "other_agencies": "涉及其他机关数",
            "panel_from_value": "两年均有报告的机关·起始值", "panel_to_value": "两年均有报告的机关·结束值",
            "panel_change": "两年均有报告的机关·变化", "caveat": "口径说明",
        ]
        for aggregate in Measures.aggregates {
            map[aggregate.name] = aggregate.label
            for (column, suffix) in zip(aggregate.coverage.map(\.column), ["分子", "分母", "计入报告数"]) { map[column] = aggregate.label + suffix }
        }
        return map
    }()

    /// The header of a column in this language (an unknown column keeps its key).
    public func header(_ column: String) -> String {
        self == .en ? column : Self.chinese[column] ?? column
    }

    public func apply(_ set: RowSet) -> RowSet {
        RowSet(columns: set.columns.map(header), rows: set.rows)
    }
}
