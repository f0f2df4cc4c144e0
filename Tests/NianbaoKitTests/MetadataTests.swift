import Testing
@testable import NianbaoKit

@Suite struct MetadataTests {
    @Test func dates() {
        #expect(MetadataExtractor.date("2022年1月17日") == "2022-01-17")
        #expect(MetadataExtractor.date("二〇二二年一月十七日") == "2022-01-17")
        #expect(MetadataExtractor.date("二〇二三年十二月三十一日") == "2023-12-31")
        #expect(MetadataExtractor.date("2022-02-08 16:34") == "2022-02-08")
        #expect(MetadataExtractor.date("2022年13月1日") == nil)
        #expect(MetadataExtractor.date("统计期限自2020年1月1日至2020年12月31日止") == nil)
    }

    @Test func titleForms() {
        let a = MetadataExtractor.title(in: "现公布《清镇市人民政府办公室2023年政府信息公开工作年度报告》。")
        #expect(a?.agency == "清镇市人民政府办公室" && a?.year == 2023)
        let b = MetadataExtractor.title(in: "2019年上海市人民政府办公厅政府信息公开工作年度报告\n正文")
        #expect(b?.agency == "上海市人民政府办公厅" && b?.year == 2019)
        #expect(b?.title == "2019年上海市人民政府办公厅政府信息公开工作年度报告")
        // A title set on two lines, as PDFs print it.
        let d = MetadataExtractor.title(in: "      淮安市洪泽区人民政府\n2024 年政府信息公开工作年度报告\n本报告")
        #expect(d?.agency == "淮安市洪泽区人民政府" && d?.year == 2024)
        let c = MetadataExtractor.title(in: "盐池县高沙窝镇 2020 年 政府信息公开工作年度报告")
        #expect(c?.agency == "盐池县高沙窝镇" && c?.year == 2020)
        // A notice quoted in the text is not the report's title.
        #expect(MetadataExtractor.title(in: "按照《关于做好2021年政府信息公开工作年度报告发布和报送的通知》要求") == nil)
    }

    /// A report body without its title (copied from a page whose title sits apart), from which the year is read
    /// in order of strength: the statistics period, the overview's opening, the signature date.
    static func body(period: String = "", overview: String = "本乡认真贯彻落实《条例》。", signed: String = "") -> String {
        let sections = ["二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
                        "五、存在的主要问题及改进情况", "六、其他需要报告的事项"]
        return ([period + "如对本报告有疑问，请与本乡党政办联系。", "一、总体情况", overview] + sections + ["无。", "某某乡人民政府", signed])
            .joined(separator: "\n")
    }

    @Test func aYearFromEachSourceAndConflictsReported() throws {
        func parse(_ text: String) throws -> ParsedReport { try ReportParser.parse(Document(blocks: [.text(text)])) }
        let period = try parse(Self.body(period: "本报告所列数据统计期限自2024年1月1日起至2024年12月31日止。"))
        #expect(period.year == 2024 && !period.parseFindings.contains { $0.rule.rawValue.hasPrefix("meta.year") })
        let opening = try parse(Self.body(overview: "2023年，本乡认真贯彻落实《条例》。"))
        #expect(opening.year == 2023)
        // Only the signature: signed in March 2025, the report covers 2024, and says it inferred so.
        let signed = try parse(Self.body(signed: "2025年3月29日"))
        #expect(signed.year == 2024 && signed.parseFindings.contains { $0.rule == .metaYearInferred && $0.expected == "2024" })
        // Signed in the second half of a year: no year is guessed.
        let late = try parse(Self.body(signed: "2025年9月1日"))
        #expect(late.year == nil && late.parseFindings.contains { $0.rule == .metaYearNotFound })
        // The period and the overview disagree: the period is kept, and the disagreement is a finding.
        let both = try parse(Self.body(period: "统计期限自2022年1月1日起至2022年12月31日止。", overview: "2023年，本乡认真贯彻落实《条例》。"))
        #expect(both.year == 2022 && both.parseFindings.contains { $0.rule == .metaYearConflict && $0.actual == "2023" })
        // A date in the prose that is no statistics period is not a year source.
        let law = try parse(Self.body(overview: "《条例》自2008年1月1日起施行，本乡认真贯彻。", signed: "2021年2月1日"))
        #expect(law.year == 2020)
    }

    @Test func anAgencyNamedAsContactOrAuthor() {
        #expect(MetadataExtractor.namedAgency("如对本报告有疑问，请与香格里拉市人民政府办公室联系（地址：…）") == "香格里拉市人民政府")
        #expect(MetadataExtractor.namedAgency("本报告由邵阳市绥宁县民政局编制。") == "邵阳市绥宁县民政局")
        #expect(MetadataExtractor.namedAgency("如有疑问请与县民政局办公室联系") == "县民政局")
        // Not an agency: a person, or a phrase.
        #expect(MetadataExtractor.namedAgency("请与张三同志联系") == nil)
        #expect(MetadataExtractor.namedAgency("请与我们联系") == nil)
    }

    @Test func signatureNeedsADateBelowIt() {
        #expect(MetadataExtractor.signature(["正文。", "钦北区长滩镇人民政府", "2022年1月17日", "文件下载:"])?.agency == "钦北区长滩镇人民政府")
        #expect(MetadataExtractor.signature(["正文。", "钦北区长滩镇人民政府"]) == nil)
    }

    @Test func anAgencyFromTheReportsFirstPersonAndThePlaceItNamesMost() throws {
        let text = "2023年，我镇在县委、县政府的领导下，鸡场镇政务公开工作稳步推进。鸡场镇与龙场镇交界……本镇全年主动公开信息120条，鸡场镇政府网站……"
        let found = try #require(MetadataExtractor.firstPersonAgency(text))
        #expect(found.agency == "鸡场镇人民政府")
        // The first person once only, or two places named as often: no agency.
        #expect(MetadataExtractor.firstPersonAgency("我镇在县委领导下，鸡场镇工作推进。") == nil)
        #expect(MetadataExtractor.firstPersonAgency("我镇与本镇的鸡场镇、龙场镇。") == nil)
        // Through the parser: the agency is taken, said so, and its place settled by the text as any other.
        let report = try ReportParser.parse(normalizedText: "一、总体情况\n" + text + "\n二、主动公开政府信息情况\n三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n五、存在的主要问题及改进情况\n六、其他需要报告的事项\n")
        #expect(report.agency == "鸡场镇人民政府")
        #expect(report.parseFindings.contains { $0.rule == .metaAgencyInferred && $0.message.contains("我镇") })
    }
}
