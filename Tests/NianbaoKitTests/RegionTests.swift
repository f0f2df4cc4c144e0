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

    /// The county a name states is trusted over a namesake township listed elsewhere; a township the gazetteer does
    /// not list under it is taken as that county's, by inference, and said so.
    @Test func theStatedCountyWinsAndAnUnlistedTownshipIsItsTownship() {
        let tuanlin = resolve("莒南县团林镇人民政府")
        #expect(tuanlin.status == .resolved && tuanlin.region?.path == "山东省/临沂市/莒南县/团林镇" && tuanlin.level == .township)
        #expect(tuanlin.inference?.contains("莒南县") == true)
        // A township listed only under another county (川硐街道, 碧江区) is not taken against the stated 北湖区.
        #expect(resolve("郴州市北湖区川硐街道办事处").region?.path == "湖南省/郴州市/北湖区/川硐街道")
        // A township the gazetteer does not know at all, under a known county: that county's, level township.
        let unknown = resolve("莒南县新兴镇人民政府")
        #expect(unknown.region?.county == "莒南县" && unknown.level == .township && unknown.inference != nil)
        // A department of the county stays a department.
        #expect(resolve("莒南县教育局").level == .countyDepartment && resolve("莒南县教育局").inference == nil)
        // A non-township unit listed only elsewhere than the stated place: not taken, never guessed.
        let elsewhere = resolve("泰州市高新技术产业开发区人民政府")
        #expect(elsewhere.region == nil && elsewhere.status == .unknown)
        // Places that contradict each other anchor nothing.
        #expect(resolve("新乡市平原城乡一体化示范区韩董庄镇人民政府").region?.province != "山东省")
    }

    @Test func renamedTownshipsAreFoundByTheirOtherSuffix() {
        let renamed = resolve("川硐镇人民政府")
        #expect(renamed.region?.path == "贵州省/铜仁市/碧江区/川硐街道" && renamed.level == .township)
        #expect(renamed.inference?.contains("川硐街道") == true)
        // Several townships of that stem elsewhere: left unresolved.
        #expect(resolve("团林街道办事处").region == nil)
    }

    @Test func aCountyWrittenOneCharacterOffIsInferredOnlyWithTheTextsSupport() {
        // 沐阳县 is one character off 沭阳县, 泗阳县, 汝阳县 and a dozen more: alone it stays unresolved.
        #expect(resolve("沐阳县人民政府").status == .unknown)
        let typo = resolve("沐阳县人民政府", "2023年，沭阳县人民政府办公室在县委的领导下")
        #expect(typo.region?.path == "江苏省/宿迁市/沭阳县" && typo.level == .county && typo.inference?.contains("沭阳县") == true)
        // The county's city named in the text narrows it too, when it leaves one.
        #expect(resolve("沐阳县人民政府", "宿迁市").status == .unknown)   // 沭阳县 and 泗阳县 are both in 宿迁市
    }

    @Test func aShortPlaceNameInsideAWordIsNoPlace() {
        // 振兴 is 振兴区's short name; in 乡村振兴局 it is a word.
        #expect(resolve("乡村振兴局").region == nil)
        #expect(resolve("振兴区人民政府").region?.county == "振兴区")
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
