/// The report templates fixed by the State Council.
///
/// `t2019` is the format of 国办公开办函〔2019〕60号 (reports on 2019 and 2020),
/// `t2021` that of 国办公开办函〔2021〕30号 (reports on 2021 onwards), `t2008` the reports of 2008–2018 under the
/// 2007 条例 (no fixed form: the figures of `spec/fields-2008.tsv`, from prose or the 2014–2018 统计表).
public enum Template: String, Sendable, CaseIterable, Codable {
    case t2019 = "2019"
    case t2021 = "2021"
    case t2008 = "2008"
    case other = "other"
}

/// The three tables of a report, and `old`: the figures of a 2008–2018 report.
public enum TableID: String, Sendable, CaseIterable, Codable {
    case t2, t3, t4, old
}

/// The canonical cell keys of `spec/fields.tsv`: every key used in the database, the exports and the tests.
///
///     Fields.t3Columns.first  // "natural_person"
///     Fields.t2(for: .t2021).count  // 10
public enum Fields {
    /// 表三 columns, in printed order.
    public static let t3Columns = [
        "natural_person", "commercial", "research", "social_org", "legal_service", "other_org", "total",
    ]
    /// The six applicant columns whose sum is 总计.
    public static let t3ApplicantColumns = Array(t3Columns.prefix(6))

    /// 表三 rows of the 2021 template, in printed order.
    public static let t3Rows2021 = [
        "new_received", "carried_over", "granted", "partially_granted",
        "denied.state_secret", "denied.prohibited_by_law", "denied.security_stability", "denied.third_party",
        "denied.internal_affairs", "denied.process_info", "denied.enforcement_file", "denied.admin_query",
        "unable.not_held", "unable.needs_creation", "unable.unclear",
        "not_processed.petition", "not_processed.duplicate", "not_processed.publication",
        "not_processed.excessive", "not_processed.confirmation",
        "other.no_correction", "other.no_fee", "other.other",
        "total", "carried_forward",
    ]
    /// 表三 rows of the 2019 template: （六）其他处理 is a single row.
    public static let t3Rows2019: [String] = t3Rows2021.flatMap { key -> [String] in
        if key == "other.no_correction" { return ["other"] }
        if key.hasPrefix("other.") { return [] }
        return [key]
    }

    public static func t3Rows(for template: Template) -> [String] {
        template == .t2019 ? t3Rows2019 : t3Rows2021
    }

    /// The result rows (三、本年度办理结果) whose sum is （七）总计, for the rows a report printed.
    public static func t3ResultRows(in rows: [String]) -> [String] {
        rows.filter { $0 != "new_received" && $0 != "carried_over" && $0 != "total" && $0 != "carried_forward" }
    }

    /// 表二 rows and their columns per template, in printed order.
    public static let t2Layout2021: [(label: String, keys: [String])] = [
        ("规章", ["regulations.issued", "regulations.repealed", "regulations.in_force"]),
        ("行政规范性文件", ["normative_docs.issued", "normative_docs.repealed", "normative_docs.in_force"]),
        ("行政许可", ["licensing.decisions"]),
        ("行政处罚", ["punishment.decisions"]),
        ("行政强制", ["coercion.decisions"]),
        ("行政事业性收费", ["fees.amount"]),
    ]
    public static let t2Layout2019: [(label: String, keys: [String])] = [
        ("规章", ["regulations.new_made", "regulations.new_published", "regulations.total_published"]),
        ("规范性文件", ["normative_docs.new_made", "normative_docs.new_published", "normative_docs.total_published"]),
        ("行政许可", ["licensing.prev_items", "licensing.change", "licensing.decisions"]),
        ("其他对外管理服务事项", ["other_services.prev_items", "other_services.change", "other_services.decisions"]),
        ("行政处罚", ["punishment.prev_items", "punishment.change", "punishment.decisions"]),
        ("行政强制", ["coercion.prev_items", "coercion.change", "coercion.decisions"]),
        ("行政事业性收费", ["fees.prev_items", "fees.change"]),
        ("政府集中采购", ["procurement.items", "procurement.amount"]),
    ]

    public static func t2Layout(for template: Template) -> [(label: String, keys: [String])] {
        template == .t2019 ? t2Layout2019 : t2Layout2021
    }

    public static func t2(for template: Template) -> [String] {
        t2Layout(for: template).flatMap(\.keys)
    }

    /// Keys printed in 万元 (元 in the source is converted).
    public static let amountKeys: Set<String> = ["fees.amount", "procurement.amount"]
    /// Keys that may legitimately be negative (本年增/减).
    public static let signedKeys: Set<String> = [
        "licensing.change", "other_services.change", "punishment.change", "coercion.change", "fees.change",
    ]

    /// 表四 groups and their parts, in printed order.
    public static let t4Groups = ["review", "suit_direct", "suit_after_review"]
    public static let t4Parts = ["upheld", "corrected", "other", "pending", "total"]
    public static let t4: [String] = t4Groups.flatMap { g in t4Parts.map { "\(g).\($0)" } }

    /// The figures of a 2008–2018 report (`spec/fields-2008.tsv`), in the spec's order.
    public static let old: [String] = Form.spec.filter { $0.table == "old" }.map(\.key)
    /// The answers whose sum is `replies_total` (the 2014–2018 统计表's items 1–8).
    public static let oldReplies = ["replies_already_public", "replies_granted", "replies_partially_granted", "replies_denied",
                                    "replies_not_exist", "replies_not_this_agency", "replies_unclear", "replies_other"]
}
