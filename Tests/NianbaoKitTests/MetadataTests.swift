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

    @Test func signatureNeedsADateBelowIt() {
        #expect(MetadataExtractor.signature(["正文。", "钦北区长滩镇人民政府", "2022年1月17日", "文件下载:"])?.agency == "钦北区长滩镇人民政府")
        #expect(MetadataExtractor.signature(["正文。", "钦北区长滩镇人民政府"]) == nil)
    }
}
