import Foundation
import NianbaoKit

/// The prose of a report page: a preamble, 一、总体情况 in five parts, the problems of 五, the matters of 六, and the
/// signature's date. Counts of applications agree with 表三 as printed; the other counts belong to the prose alone.
struct OfficialProse: Sendable {
    var intro: [String]
    var overview: [String]
    var problems: [String]
    var other: [String]
    /// The signature's date (`2025年1月20日`).
    var signed: String
    /// The day the page was published: the signature's day or a few days later.
    var published: (year: Int, month: Int, day: Int)

    static let problemPool = [
        "政策解读形式还不够丰富，图解、视频等多元化解读占比不高", "信息公开的及时性有待进一步提高", "基层政务公开工作人员业务能力有待加强",
        "政务新媒体运维管理还需进一步规范", "依申请公开答复的规范性有待提升", "重点领域信息公开的深度和广度还需拓展",
        "回应社会关切的主动性和时效性不够", "公众参与的渠道和形式还不够多样",
    ]
    static let improvementPool = [
        "加强业务培训，提升工作人员政策水平和业务能力", "丰富政策解读形式，提高解读质量", "严格落实信息发布审核制度，确保信息及时准确",
        "加强政务新媒体管理，提升运维水平", "规范依申请公开办理流程，提高答复质量", "深化重点领域信息公开，持续扩大公开范围",
    ]

    init(agency: SynthAgency, year: Int, tables: FormTables, rng: inout SplitMix64) {
        let doc = tables.template == .t2019 ? "国办公开办函〔2019〕60号" : "国办公开办函〔2021〕30号"
        let site = agency.county + "人民政府"
        let phone = String(format: "0%d-%d", 10 + rng.below(900), 80_000_000 + rng.below(9_999_999))
        intro = [
            "本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《国务院办公厅政府信息与政务公开办公室关于印发"
                + "〈中华人民共和国政府信息公开工作年度报告格式〉的通知》（\(doc)）要求编制。本报告所列数据统计期限自\(year)年1月1日起至"
                + "\(year)年12月31日止。本报告电子版可在“\(site)”门户网站查阅或下载。如对本报告有疑问，请与\(agency.name)办公室联系（电话：\(phone)）。",
        ]

        func printed(_ row: String) -> String {
            guard let r = tables.t3Rows.firstIndex(of: row) else { return "0" }
            return tables.t3[r][6].map(FormTables.text) ?? "0"
        }
        let active = 30 + rng.below(5000), interpretations = 2 + rng.below(120), graphics = rng.below(30)
        let followers = 1000 + rng.below(90_000), posts = 50 + rng.below(2000)
        let trainings = 1 + rng.below(12), trainees = 20 + rng.below(600)
        let law = year <= 2019 ? "新修订的《条例》" : "《条例》"
        overview = [
            "\(year)年，\(agency.name)坚持以习近平新时代中国特色社会主义思想为指导，认真贯彻落实党中央、国务院关于全面推进政务公开的"
                + "决策部署，严格执行\(law)，围绕中心工作，不断加大政府信息公开力度，切实保障人民群众的知情权、参与权、表达权和监督权。",
            "（一）主动公开。全年通过政府门户网站主动公开政府信息\(active)条，发布政策解读\(interpretations)篇，其中图解\(graphics)篇。"
                + "围绕财政预决算、重大建设项目、公共资源配置、社会公益事业等重点领域，及时准确公开相关信息。",
            "（二）依申请公开。全年共收到政府信息公开申请\(printed("new_received"))件，上年结转\(printed("carried_over"))件，"
                + "均严格按照《条例》规定的程序和时限办理答复。进一步规范受理、登记、审核、答复等环节，加强与申请人的沟通。",
            "（三）政府信息管理。严格落实公开前保密审查机制，坚持“先审查、后公开”和“一事一审”原则，动态更新政府信息公开指南和目录，"
                + "做好行政规范性文件的清理和集中公开工作。",
            "（四）平台建设。持续优化政府门户网站信息公开专栏，加强政务新媒体管理，“\(agency.countyShort)发布”微信公众号全年发布信息"
                + "\(posts)条，关注人数\(followers)人。",
            "（五）监督保障。将政务公开工作纳入年度绩效考核，组织开展政务公开业务培训\(trainings)次，参训\(trainees)人次。",
        ]

        let ordinals = ["一", "二", "三"]
        var pool = Self.problemPool
        var found: [String] = []
        for _ in 0..<(2 + rng.below(2)) { found.append(pool.remove(at: rng.below(pool.count))) }
        var fixes = Self.improvementPool
        var plans: [String] = []
        for _ in found.indices { plans.append(fixes.remove(at: rng.below(fixes.count))) }
        problems = [
            "\(year)年，本机关政府信息公开工作取得了一定成效，但仍存在一些不足：" + found.enumerated().map { "\(ordinals[$0])是\($1)" }.joined(separator: "；") + "。",
            "下一步，我们将着力做好以下工作：" + plans.enumerated().map { "\(ordinals[$0])是\($1)" }.joined(separator: "；") + "。",
        ]
        other = tables.template == .t2019 ? ["无。"] : ["本机关\(year)年度未收取信息处理费。", "无其他需要报告的事项。"]

        let month = 1 + rng.below(tables.template == .t2019 ? 3 : 1), day = 5 + rng.below(22)
        signed = "\(year + 1)年\(month)月\(day)日"
        published = (year + 1, month, min(28, day + rng.below(4)))
    }
}
