/// The measures nianbao computes per report and per group, with their definitions. The list is
/// the one `summary`, `compare` and the exports use; `docs/measures.md` explains each formula.
public enum Measures {
    /// One number stored per report (table `report_measures`): the cell it comes from, or a sum of cells.
    public struct Column: Sendable {
        public var name: String
        /// The cells summed, as `table|row|column` keys; the value is NULL when every one is blank or unread.
        public var cells: [String]
    }

    static func t3(_ row: String, _ column: String = "total") -> String { "t3|\(row)|\(column)" }
    /// A figure of a 2008–2018 report (table `old`), counted in the measure it is comparable with (`docs/measures.md`).
    static func old(_ row: String) -> String { "old|\(row)|" }

    /// Per-report columns. Sums over several rows (denied = the eight 不予公开 reasons) are NULL only
    /// when none of the rows has a value. A report of 2008–2018 counts its figures in the comparable measures
    /// (applications, handled, granted with 属于已主动公开范围, partially granted, denied, unable, other, reviews,
    /// suits, normative documents); the caveats are in `docs/measures.md`.
    public static let columns: [Column] = {
        var c: [Column] = [
            Column(name: "applications", cells: [t3("new_received"), old("applications_received")]),
        ]
        for applicant in Fields.t3ApplicantColumns {
            c.append(Column(name: "applications_\(applicant)", cells: [t3("new_received", applicant)]))
        }
        c += [
            Column(name: "carried_over", cells: [t3("carried_over")]),
            Column(name: "handled", cells: [t3("total"), old("replies_total")]),
            Column(name: "carried_forward", cells: [t3("carried_forward")]),
            Column(name: "granted", cells: [t3("granted"), old("replies_granted"), old("replies_already_public")]),
            Column(name: "partially_granted", cells: [t3("partially_granted"), old("replies_partially_granted")]),
            Column(name: "denied", cells: Fields.t3Rows2021.filter { $0.hasPrefix("denied.") }.map { t3($0) } + [old("replies_denied")]),
            Column(name: "unable", cells: Fields.t3Rows2021.filter { $0.hasPrefix("unable.") }.map { t3($0) }
                   + ["replies_not_exist", "replies_not_this_agency", "replies_unclear"].map(old)),
        ]
        // 不予公开 by reason, for its rates.
        for row in Fields.t3Rows2021 where row.hasPrefix("denied.") {
            c.append(Column(name: row.replacingOccurrences(of: ".", with: "_"), cells: [t3(row)]))
        }
        c += [
            Column(name: "not_processed", cells: Fields.t3Rows2021.filter { $0.hasPrefix("not_processed.") }.map { t3($0) }),
            Column(name: "other_handling", cells: [t3("other")] + Fields.t3Rows2021.filter { $0.hasPrefix("other.") }.map { t3($0) }
                   + [old("replies_other")]),
            Column(name: "review_total", cells: ["t4|review.total|", old("review_total")]),
            Column(name: "review_corrected", cells: ["t4|review.corrected|", old("review_corrected")]),
            Column(name: "review_pending", cells: ["t4|review.pending|"]),
            Column(name: "suit_total", cells: ["t4|suit_direct.total|", "t4|suit_after_review.total|", old("suit_total")]),
            Column(name: "suit_corrected", cells: ["t4|suit_direct.corrected|", "t4|suit_after_review.corrected|"]),
            Column(name: "suit_pending", cells: ["t4|suit_direct.pending|", "t4|suit_after_review.pending|"]),
            Column(name: "regulations_issued", cells: ["t2|regulations.issued|"]),
            Column(name: "regulations_repealed", cells: ["t2|regulations.repealed|"]),
            Column(name: "regulations_in_force", cells: ["t2|regulations.in_force|"]),
            Column(name: "normative_docs_issued", cells: ["t2|normative_docs.issued|", old("normative_docs_issued")]),
            Column(name: "normative_docs_repealed", cells: ["t2|normative_docs.repealed|"]),
            Column(name: "normative_docs_in_force", cells: ["t2|normative_docs.in_force|"]),
            Column(name: "licensing_decisions", cells: ["t2|licensing.decisions|"]),
            Column(name: "punishment_decisions", cells: ["t2|punishment.decisions|"]),
            Column(name: "coercion_decisions", cells: ["t2|coercion.decisions|"]),
            Column(name: "fees_amount", cells: ["t2|fees.amount|"]),
        ]
        return c
    }()

    /// A report's per-report measures, in the order of `columns`.
    public static func values(of cells: [Cell]) -> [Double?] {
        var sums = [Double?](repeating: nil, count: columns.count)
        for cell in cells {
            guard let v = cell.value, let targets = columnsOfCell[CellKey(cell)] else { continue }
            for t in targets { sums[t] = (sums[t] ?? 0) + v }
        }
        return sums
    }

    /// The columns each cell counts in (a report holds each cell once).
    static let columnsOfCell: [CellKey: [Int]] = {
        var map: [CellKey: [Int]] = [:]
        for (i, column) in columns.enumerated() {
            for key in column.cells {
                let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                map[CellKey(table: TableID(rawValue: parts[0])!, row: parts[1], column: parts[2]), default: []].append(i)
            }
        }
        return map
    }()

    /// A measure of a group of reports: its SQL over `report_measures` (alias `m`).
    public struct Aggregate: Sendable {
        public var name: String
        public var label: String
        /// The measure over `report_measures` rows (alias `m`).
        public var sql: String
        public var definition: String
        public var isRate: Bool
        /// The columns the measure keeps in the rollup (`measure_rollup`, one row per year × template × region
        /// × level), as (column, SQL over `m` aggregated per rollup row) …
        public var parts: [(column: String, sql: String)]
        /// … and how a group adds them up (alias `u`).
        public var combine: String
        /// True when the rollup's parts only add up across groups that keep years apart (distinct agencies).
        public var needsYear = false

        /// A rate's coverage: its numerator, its denominator and the reports it counts, as (column, SQL over `m`,
        /// SQL over the rollup `u`); empty for a count.
        public var coverage: [(column: String, sql: String, combine: String)] {
            guard isRate, parts.count == 3 else { return [] }
            return parts.map { ($0.column, $0.sql, "SUM(u.\($0.column))") }
        }
    }

    /// A ratio pooled over the group: the sum of numerators over the sum of denominators, counting only
    /// reports where both are known and the denominator is positive; no ratio (NULL) when none is.
    static func rate(_ name: String, _ label: String, numerator: String, denominator: String, definition: String) -> Aggregate {
        // A report counts when both are known and its denominator is positive: a report whose own numbers
        // give 1 corrected out of 0 (an agency error) must not push a group's rate up.
        let both = "(\(numerator)) IS NOT NULL AND (\(denominator)) > 0"
        let num = "SUM(CASE WHEN \(both) THEN (\(numerator)) END)", den = "SUM(CASE WHEN \(both) THEN (\(denominator)) END)"
        let reports = "SUM(CASE WHEN \(both) THEN 1 ELSE 0 END)"
        return Aggregate(name: name, label: label, sql: "\(num) * 1.0 / NULLIF(\(den), 0)", definition: definition, isRate: true,
                         parts: [("\(name)_num", num), ("\(name)_den", den), ("\(name)_reports", reports)],
                         combine: "SUM(u.\(name)_num) * 1.0 / NULLIF(SUM(u.\(name)_den), 0)")
    }

    static func sum(_ name: String, _ label: String, _ definition: String) -> Aggregate {
        counted(name, label, "SUM(m.\(name))", definition)
    }

    /// A count or a sum: its rollup part adds up across groups.
    static func counted(_ name: String, _ label: String, _ sql: String, _ definition: String) -> Aggregate {
        Aggregate(name: name, label: label, sql: sql, definition: definition, isRate: false,
                  parts: [(name, sql)], combine: "SUM(u.\(name))")
    }

    static let applicantLabels = [
        "natural_person": "自然人", "commercial": "商业企业", "research": "科研机构", "social_org": "社会公益组织",
        "legal_service": "法律服务机构", "other_org": "其他",
    ]

    public static let aggregates: [Aggregate] = {
        var list: [Aggregate] = [
            counted("reports", "报告数", "COUNT(*)", "reports in the group"),
            Aggregate(name: "agencies", label: "机关数", sql: "COUNT(DISTINCT m.agency_id)",
                      definition: "distinct agencies (agency identity, see `nianbao agencies`)", isRate: false,
                      parts: [("agencies", "COUNT(DISTINCT m.agency_id)")], combine: "SUM(u.agencies)", needsYear: true),
            counted("reports_with_errors", "有错误的报告数", "SUM(m.errors > 0)", "reports with at least one `error` finding"),
            counted("errors", "错误数", "SUM(m.errors)", "`error` findings (the agency's own arithmetic errors)"),
            sum("applications", "本年新收申请", "表三 一、本年新收 · 总计"),
        ]
        for applicant in Fields.t3ApplicantColumns {
            list.append(sum("applications_\(applicant)", "本年新收·" + (applicantLabels[applicant] ?? applicant), "表三 一、本年新收 · \(applicant)"))
        }
        list += [
            sum("carried_over", "上年结转", "表三 二、上年结转 · 总计"),
            sum("handled", "办理总计", "表三 （七）总计 · 总计"),
            sum("carried_forward", "结转下年度", "表三 四、结转下年度继续办理 · 总计"),
            sum("granted", "予以公开", "表三 （一）予以公开 · 总计"),
            sum("partially_granted", "部分公开", "表三 （二）部分公开 · 总计"),
            sum("denied", "不予公开", "表三 （三）1–8 · 总计, summed"),
            sum("unable", "无法提供", "表三 （四）1–3 · 总计, summed"),
            sum("not_processed", "不予处理", "表三 （五）1–5 · 总计, summed"),
            sum("other_handling", "其他处理", "表三 （六） · 总计 (the single row or its three sub-rows, summed)"),
            rate("disclosure_rate", "公开率", numerator: "m.granted + m.partially_granted", denominator: "m.handled",
                 definition: "(予以公开 + 部分公开) / （七）总计"),
            rate("grant_rate", "予以公开率", numerator: "m.granted", denominator: "m.handled", definition: "予以公开 / （七）总计"),
            rate("partial_rate", "部分公开率", numerator: "m.partially_granted", denominator: "m.handled", definition: "部分公开 / （七）总计"),
            rate("denial_rate", "不予公开率", numerator: "m.denied", denominator: "m.handled", definition: "不予公开 / （七）总计"),
        ]
        let reasons = [("state_secret", "国家秘密"), ("prohibited_by_law", "法律行政法规禁止"), ("security_stability", "三安全一稳定"),
                       ("third_party", "第三方合法权益"), ("internal_affairs", "内部事务"), ("process_info", "过程性信息"),
                       ("enforcement_file", "行政执法案卷"), ("admin_query", "行政查询事项")]
        for (key, label) in reasons {
            list.append(sum("denied_\(key)", "不予公开·\(label)", "表三 （三）\(label) · 总计"))
            list.append(rate("denial_rate_\(key)", "不予公开率·\(label)", numerator: "m.denied_\(key)", denominator: "m.handled",
                             definition: "不予公开（\(label)） / （七）总计"))
        }
        list += [
            rate("unable_rate", "无法提供率", numerator: "m.unable", denominator: "m.handled", definition: "无法提供 / （七）总计"),
            rate("not_processed_rate", "不予处理率", numerator: "m.not_processed", denominator: "m.handled", definition: "不予处理 / （七）总计"),
            rate("other_handling_rate", "其他处理率", numerator: "m.other_handling", denominator: "m.handled", definition: "其他处理 / （七）总计"),
            sum("review_total", "行政复议", "表四 行政复议 · 总计"),
            sum("review_corrected", "复议纠正", "表四 行政复议 · 结果纠正"),
            rate("review_correction_rate", "复议纠错率", numerator: "m.review_corrected", denominator: "m.review_total - m.review_pending",
                 definition: "结果纠正 / (总计 − 尚未审结), 行政复议"),
            sum("suit_total", "行政诉讼", "表四 未经复议直接起诉 + 复议后起诉 · 总计"),
            sum("suit_corrected", "诉讼纠正", "表四 行政诉讼 · 结果纠正 (both groups)"),
            rate("suit_correction_rate", "诉讼纠错率", numerator: "m.suit_corrected", denominator: "m.suit_total - m.suit_pending",
                 definition: "结果纠正 / (总计 − 尚未审结), 行政诉讼 (both groups)"),
            sum("regulations_issued", "规章·本年制发", "表二 规章 · 本年制发件数 (2021 template)"),
            sum("regulations_repealed", "规章·本年废止", "表二 规章 · 本年废止件数 (2021 template)"),
            sum("regulations_in_force", "规章·现行有效", "表二 规章 · 现行有效件数 (2021 template)"),
            sum("normative_docs_issued", "规范性文件·本年制发", "表二 行政规范性文件 · 本年制发件数 (2021 template)"),
            sum("normative_docs_repealed", "规范性文件·本年废止", "表二 行政规范性文件 · 本年废止件数 (2021 template)"),
            sum("normative_docs_in_force", "规范性文件·现行有效", "表二 行政规范性文件 · 现行有效件数 (2021 template)"),
            sum("licensing_decisions", "行政许可决定", "表二 行政许可 · 处理决定数量"),
            sum("punishment_decisions", "行政处罚决定", "表二 行政处罚 · 处理决定数量"),
            sum("coercion_decisions", "行政强制决定", "表二 行政强制 · 处理决定数量"),
            sum("fees_amount", "行政事业性收费（万元）", "表二 行政事业性收费 · 本年收费金额, 万元 (2021 template)"),
        ]
        return list
    }()

    public static func aggregate(named name: String) -> Aggregate? { aggregates.first { $0.name == name } }

    /// The measures `summary` shows when none is asked for.
    /// The measures `compare` gives when its two years lie in different eras (2008–2018 and 2019 on) and none is asked.
    public static let acrossEraNames = ["reports", "agencies", "applications", "handled", "granted", "partially_granted", "denied",
                                        "unable", "disclosure_rate", "denial_rate", "review_total", "review_corrected", "suit_total"]

    /// How a measure's 2008–2018 figure (table `old`) differs from the 2019/2021 form's: shown by `compare` across the
    /// eras and in `docs/measures.md`. A measure without an entry has no figure before 2019.
    public static let eraCaveats: [String: String] = {
        let granted = "2008–2018年为同意公开加属于已主动公开范围的答复；2019年起为表三（一）予以公开（告知已公开信息的获取方式也计入此项）"
        let denied = "2008–2018年为不同意（不予）公开答复数，理由按2007年条例（国家秘密、商业秘密、个人隐私、危及“三安全一稳定”等）；"
            + "2019年起为表三（三）八项理由之和，其中内部事务、过程性信息、行政执法案卷、行政查询为2019年条例新列，口径更宽"
        let handled = "2008–2018年为对申请的答复总数（申请答复数）；2019年起为表三（七）总计"
        return [
            "applications": "2008–2018年为报告所称当年收到（受理）的申请数，多数未区分上年结转；2019年起为表三本年新收",
            "handled": handled,
            "granted": granted,
            "partially_granted": "2008–2018年为同意部分公开答复数；2019年起为表三（二）部分公开",
            "denied": denied,
            "unable": "2008–2018年为信息不存在、非本机关掌握、申请内容不明确（告知作出更改补充）之和；2019年起为表三（四）无法提供三项之和",
            "other_handling": "2008–2018年为告知通过其他途径办理等其他答复；2019年起为表三（六）其他处理，不含（五）不予处理",
            "disclosure_rate": "分子、分母口径见 granted、partially_granted、handled：" + handled,
            "grant_rate": granted,
            "partial_rate": "2008–2018年为同意部分公开答复数；2019年起为表三（二）部分公开",
            "denial_rate": denied,
            "review_total": "2008–2018年为报告所述因政府信息公开申请行政复议的数量；2019年起为表四行政复议总计",
            "review_corrected": "2008–2018年为被依法纠错数（多见于2014–2018年统计表）；2019年起为表四行政复议结果纠正",
            "suit_total": "2008–2018年为报告所述因政府信息公开提起行政诉讼的数量；2019年起为表四未经复议直接起诉与复议后起诉之和",
            "normative_docs_issued": "2008–2018年为制发规范性文件数（多见于2014–2018年统计表）；2019年起为表二行政规范性文件本年制发（2019年版表二无此栏）",
        ]
    }()

    public static let defaultNames = ["reports", "agencies", "reports_with_errors", "applications", "handled", "carried_forward",
                                      "disclosure_rate", "review_total", "review_correction_rate", "suit_total"]
}
