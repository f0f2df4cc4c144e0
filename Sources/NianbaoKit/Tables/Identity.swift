/// An arithmetic identity of the form, written once: the cells on the left sum to the cells on the right. The checks
/// report the agency's numbers that break one, the solvers choose among readings by them, and the cross-year
/// settling adds the neighbouring years' numbers as constants.
///
///     Identity.all(template: .t2021).first { $0.rule == .t3RowTotal }?.right  // [t3 new_received total]
public struct Identity: Sendable {
    public var rule: RuleID
    public var left: [CellKey]
    public var right: [CellKey]
    /// A balance of four cells is skipped when any of them is blank; a total when it is blank, or every part is.
    public var skipsOnAnyBlank: Bool
    /// Where a finding about it is reported.
    public var table: TableID
    public var row: String
    public var column: String
    /// A number from outside the report added to the right side (a neighbouring year's cell, in `CrossYear`).
    public var constant: Double? = nil

    /// The identities of a template's tables, for the 表三 rows printed (`rows`: 25, or 23 with （六） as one row).
    public static func all(template: Template, t3Rows rows: [String]? = nil) -> [Identity] {
        if template == .t2008 { return old }
        let rows = rows ?? Fields.t3Rows(for: template)
        return rows.count == Fields.t3Rows2021.count ? full : rows.count == Fields.t3Rows2019.count ? oneRow : build(rows)
    }

    static let full = build(Fields.t3Rows2021)
    static let oneRow = build(Fields.t3Rows2019)
    /// A 2008–2018 report: its eight kinds of answer sum to the answers (the 统计表's items 1–8 to 申请答复数).
    static let old = [Identity(rule: .oldRepliesSum, left: Fields.oldReplies.map { CellKey(table: .old, row: $0) },
                               right: [CellKey(table: .old, row: "replies_total")], skipsOnAnyBlank: false,
                               table: .old, row: "replies_total", column: "")]

    static func build(_ rows: [String]) -> [Identity] {
        var out: [Identity] = []
        for row in rows {
            out.append(Identity(rule: .t3RowTotal, left: Fields.t3ApplicantColumns.map { CellKey(table: .t3, row: row, column: $0) },
                                right: [CellKey(table: .t3, row: row, column: "total")], skipsOnAnyBlank: false,
                                table: .t3, row: row, column: "total"))
        }
        let results = Fields.t3ResultRows(in: rows)
        for column in Fields.t3Columns {
            let key = { (row: String) in CellKey(table: .t3, row: row, column: column) }
            out.append(Identity(rule: .t3Balance, left: [key("new_received"), key("carried_over")],
                                right: [key("total"), key("carried_forward")], skipsOnAnyBlank: true,
                                table: .t3, row: "total", column: column))
            out.append(Identity(rule: .t3ResultsSum, left: results.map(key), right: [key("total")], skipsOnAnyBlank: false,
                                table: .t3, row: "total", column: column))
        }
        for group in Fields.t4Groups {
            out.append(Identity(rule: .t4GroupTotal, left: ["upheld", "corrected", "other", "pending"].map { CellKey(table: .t4, row: "\(group).\($0)") },
                                right: [CellKey(table: .t4, row: "\(group).total")], skipsOnAnyBlank: false,
                                table: .t4, row: "\(group).total", column: ""))
        }
        return out
    }

    /// Whether the cells leave the identity's total empty while its parts hold values: it is then moot, and a
    /// reading that makes it so has not shown that it holds.
    func leavesTotalBlank(_ value: (CellKey) -> Reading) -> Bool {
        leavesTotalBlank(left: { value(left[$0]) }, right: { value(right[$0]) })
    }

    /// The identity's verdict on some cells: nil when it does not apply (a cell not known, or blank where blanks
    /// make it moot), else whether it holds, with the two sides.
    func evaluate(_ value: (CellKey) -> Reading) -> (holds: Bool, left: Double, right: Double)? {
        evaluate(left: { value(left[$0]) }, right: { value(right[$0]) })
    }

    /// The same, the cells given by their place on either side (`left[i]`, `right[i]`): for a search that holds its
    /// readings in arrays.
    @inline(__always)
    func leavesTotalBlank(left l: (Int) -> Reading, right r: (Int) -> Reading) -> Bool {
        guard !skipsOnAnyBlank, constant == nil else { return false }
        var anyLeft = false
        for i in left.indices {
            switch l(i) {
            case .unknown: return false
            case .blank: break
            case .value(let v): if v != 0 { anyLeft = true }
            }
        }
        return anyLeft && right.indices.allSatisfy { r($0) == .blank }
    }

    @inline(__always)
    func evaluate(left lv: (Int) -> Reading, right rv: (Int) -> Reading) -> (holds: Bool, left: Double, right: Double)? {
        var l = 0.0, r = 0.0
        var anyLeft = false, rightBlank = true
        for i in left.indices {
            switch lv(i) {
            case .unknown: return nil
            case .blank: if skipsOnAnyBlank { return nil }
            case .value(let v): l += v; anyLeft = true
            }
        }
        for i in right.indices {
            switch rv(i) {
            case .unknown: return nil
            case .blank: if skipsOnAnyBlank { return nil }
            case .value(let v): r += v; rightBlank = false
            }
        }
        if let constant { r += constant; rightBlank = false }
        if !skipsOnAnyBlank && (rightBlank || !anyLeft) { return nil }
        return (abs(l - r) < 1e-6, l, r)
    }
}

/// A rule's id: the checks, the parser's doubts and the file outcomes, as a type.
public struct RuleID: RawRepresentable, Hashable, Sendable, Codable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// What the rule checks, in Chinese, for people (`t3.row_total` → 表三行合计); the key itself when unnamed.
    public var label: String { Self.labels[rawValue] ?? (rawValue.hasPrefix("file.") ? "文件未能读取" : rawValue) }

    /// Also stored as the table `rule_labels` (migration v14).
    static let labels = [
        "t3.row_total": "表三行合计", "t3.balance": "表三收支平衡", "t3.results_sum": "表三办理结果合计", "t4.group_total": "表四合计",
        "old.replies_sum": "申请答复合计", "cross_year.carried_over": "与上年结转衔接", "cross_year.in_force": "与上年现行有效件数衔接",
        "prose.applications": "正文申请数与表三", "prose.results": "正文办理结果与表格", "meta.agency_inferred": "机关名称推定",
        "meta.agency_not_found": "未见机关名称", "meta.duplicate_report": "重复报告", "meta.identity_linked": "机关名称关联",
        "meta.region_ambiguous": "所在地不确定", "meta.region_inferred": "所在地推定", "meta.region_unknown": "所在地未知",
        "meta.year_conflict": "年度矛盾", "meta.year_inferred": "年度推定", "meta.year_not_found": "未见年度",
        "parse.ambiguous": "数值存疑", "parse.blank_or_missing": "空白或缺失", "parse.cross_year": "据上年报告确定",
        "parse.extra_values": "多余数值", "parse.glued_row_total": "粘连数字", "parse.glued_unreadable": "粘连数字无法拆分",
        "parse.lost_cell": "格子丢失", "parse.recognised": "文字识别", "parse.row_not_found": "未找到行", "parse.row_short": "行内数值不足",
        "parse.stacked": "数值竖排", "sections.missing": "缺少章节", "template.other_single_row": "（六）其他处理仅一行",
        "template.unknown": "模板未能确定", "template.year": "模板与年度不符",
    ]

    // The agency's arithmetic (severity error).
    public static let t3RowTotal = RuleID(rawValue: "t3.row_total")
    public static let t3Balance = RuleID(rawValue: "t3.balance")
    public static let t3ResultsSum = RuleID(rawValue: "t3.results_sum")
    public static let t4GroupTotal = RuleID(rawValue: "t4.group_total")
    public static let oldRepliesSum = RuleID(rawValue: "old.replies_sum")
    // The report's structure (warnings).
    public static let templateYear = RuleID(rawValue: "template.year")
    public static let templateOtherSingleRow = RuleID(rawValue: "template.other_single_row")
    public static let sectionsMissing = RuleID(rawValue: "sections.missing")
    public static let proseApplications = RuleID(rawValue: "prose.applications")
    public static let proseResults = RuleID(rawValue: "prose.results")
    public static let crossYearCarriedOver = RuleID(rawValue: "cross_year.carried_over")
    public static let crossYearInForce = RuleID(rawValue: "cross_year.in_force")
    // The parser's doubts and how it worked around the text (uncertain, or warning).
    public static let parseRowNotFound = RuleID(rawValue: "parse.row_not_found")
    public static let parseRowShort = RuleID(rawValue: "parse.row_short")
    public static let parseExtraValues = RuleID(rawValue: "parse.extra_values")
    public static let parseAmbiguous = RuleID(rawValue: "parse.ambiguous")
    public static let parseBlankOrMissing = RuleID(rawValue: "parse.blank_or_missing")
    public static let parseGluedRowTotal = RuleID(rawValue: "parse.glued_row_total")
    public static let parseGluedUnreadable = RuleID(rawValue: "parse.glued_unreadable")
    public static let parseStacked = RuleID(rawValue: "parse.stacked")
    public static let parseCrossYear = RuleID(rawValue: "parse.cross_year")
    public static let parseLostCell = RuleID(rawValue: "parse.lost_cell")
    /// A scanned report read by OCR; a recognised table whose values were not taken.
    public static let parseRecognised = RuleID(rawValue: "parse.recognised")
    public static let templateUnknown = RuleID(rawValue: "template.unknown")
    public static let metaRegionAmbiguous = RuleID(rawValue: "meta.region_ambiguous")
    public static let metaRegionUnknown = RuleID(rawValue: "meta.region_unknown")
    /// A region resolved by inference (a township the gazetteer does not list under the county the name states, a
    /// renamed township, a county name one character off): the reasoning is in the message.
    public static let metaRegionInferred = RuleID(rawValue: "meta.region_inferred")
    public static let metaAgencyNotFound = RuleID(rawValue: "meta.agency_not_found")
    /// No agency named by title, signature or contact line: inferred from the report's first person (`我镇`) and the
    /// place it names most.
    public static let metaAgencyInferred = RuleID(rawValue: "meta.agency_inferred")
    public static let metaYearNotFound = RuleID(rawValue: "meta.year_not_found")
    /// The title, the statistics period and the overview state different years (the strongest is kept).
    public static let metaYearConflict = RuleID(rawValue: "meta.year_conflict")
    /// No year stated: inferred from the signature date.
    public static let metaYearInferred = RuleID(rawValue: "meta.year_inferred")
    /// Two files of one agency and year (a copy, a re-publication): only one counts in the aggregates.
    public static let metaDuplicateReport = RuleID(rawValue: "meta.duplicate_report")
    /// A report whose region the name leaves unresolved, linked to an agency by a landline number both print.
    public static let metaIdentityLinked = RuleID(rawValue: "meta.identity_linked")
    // Files.
    public static let fileFailed = RuleID(rawValue: "file.failed")
    public static let fileSkipped = RuleID(rawValue: "file.skipped")
    public static let fileNotReport = RuleID(rawValue: "file.not_report")

    public var isTableCheck: Bool { self == .t3RowTotal || self == .t3Balance || self == .t3ResultsSum || self == .t4GroupTotal
        || self == .oldRepliesSum }
}
