import Testing
@testable import NianbaoKit

/// Regions and levels from agency names, against the shipped gazetteer.
@Suite struct RegionTests {
    func resolve(_ agency: String, _ text: String = "") -> RegionResolution {
        RegionResolver.resolve(agency: agency, text: text)
    }

    @Test func namesakesAreAmbiguousUntilTheTextSettlesThem() {
        let alone = resolve("长滩镇人民政府")
        #expect(alone.status == .ambiguous)
        #expect(alone.candidates.count == 5)
        #expect(alone.region == nil)
        #expect(alone.level == .township)
        let settled = resolve("长滩镇人民政府", "长滩镇位于钦州市钦北区北部")
        #expect(settled.status == .resolved)
        #expect(settled.region?.path == "广西壮族自治区/钦州市/钦北区/长滩镇")
        // The county in the name settles it too.
        #expect(resolve("钦北区长滩镇人民政府").region?.county == "钦北区")
        // So does the area code of the telephone number it prints (0777 is 钦州), and nothing else in it.
        #expect(resolve("长滩镇人民政府", "如有疑问，请联系：电话：0777-3699123，邮编：535000。").region?.path == "广西壮族自治区/钦州市/钦北区/长滩镇")
        #expect(resolve("长滩镇人民政府", "电话：(0777)3699123").region?.city == "钦州市")
        #expect(resolve("长滩镇人民政府", "编号 0777 号文件，2023 年").status == .ambiguous)
        #expect(RegionResolver.areaCodes(in: "电话：0517-87222589，传真 010-12345678，文号 20230517") == ["0517", "010"])
        #expect(Gazetteer.shared.areaCodes["0517"].map { $0.map { Gazetteer.shared.units[$0].name } } == ["淮安市"])
    }

    @Test func variantsAndRenamedUnits() {
        #expect(resolve("张家川县闫家乡人民政府").region?.path == "甘肃省/天水市/张家川回族自治县/阎家乡")
        // 洪泽县 became 洪泽区 in 2016.
        #expect(resolve("洪泽县人民政府").region?.path == "江苏省/淮安市/洪泽区")
    }

    @Test func levels() {
        #expect(resolve("清镇市人民政府办公室").level == .county)
        #expect(resolve("清镇市政府办公室").level == .county)
        #expect(resolve("淮安市洪泽区教育局").level == .countyDepartment)
        #expect(resolve("淮安市人民政府").level == .city)
        #expect(resolve("淮安市财政局").level == .cityDepartment)
        #expect(resolve("江苏省人民政府办公厅").level == .province)
        #expect(resolve("江苏省教育厅").level == .provinceDepartment)
        #expect(resolve("上海市人民政府办公厅").level == .province)
        #expect(resolve("大塅镇").level == .township)
        #expect(resolve("国家税务总局").level == .central)
        #expect(resolve("国家税务总局").region == nil)
    }

    @Test func institutionsIgnoreRenmin() {
        #expect(resolve("清镇市人民政府办公室").institution == resolve("清镇市政府办公室").institution)
    }
}
