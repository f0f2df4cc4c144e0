import Foundation
import Testing
@testable import NianbaoKit

/// The prose readers: new-media accounts and stated counts, against the golds' `text_facts` and phrasings
/// written here.
@Suite struct ProseTests {
    static let withFacts = Gold.stems().filter { (try? Gold($0))?.json["text_facts"] is [String: Any] }

    /// Gold values this project reads differently, with the reason; each is explained in the closing note.
    static let disagreements: [String: String] = [
        // The report's prose never states an application count (only 表三 does); the prose reader says nil.
        "003_e495306e86c91049 applications_in_prose": "no statement in the prose",
    ]

    func parse(_ gold: Gold) throws -> ParsedReport {
        let url = Repo.corpusFile(gold.file)
        let reader = try #require(ReaderRegistry().reader(forExtension: url.pathExtension))
        return try ReportParser.parse(reader.read(bytes: [UInt8](Data(contentsOf: url)), path: url.path))
    }

    @Test("new-media accounts match the golds", arguments: withFacts)
    func media(_ stem: String) throws {
        let gold = try Gold(stem)
        let facts = gold.json["text_facts"] as! [String: Any]
        let expected = (facts["new_media"] as? [[String: Any]] ?? []).map { a in
            "\(a["platform"] as! String) \(a["name"] as! String) \(Gold.number(a["followers"] as Any).map(formatNumber) ?? "-") \(Gold.number(a["posts"] as Any).map(formatNumber) ?? "-")"
        }
        let report = try parse(gold)
        let read = report.media.map { "\($0.platform) \($0.name) \($0.followers.map(formatNumber) ?? "-") \($0.posts.map(formatNumber) ?? "-")" }
        #expect(read.sorted() == expected.sorted(), "\(stem)")
    }

    @Test("stated counts match the golds", arguments: withFacts)
    func counts(_ stem: String) throws {
        let gold = try Gold(stem)
        let facts = gold.json["text_facts"] as! [String: Any]
        let report = try parse(gold)
        func read(_ name: String) -> Double? { report.facts.first { $0.fact == name }?.value }
        var expected: [(String, Double?)] = [
            ("active_disclosure_items", Gold.number(facts["active_disclosure_items"] as Any)),
            ("applications_in_prose", Gold.number(facts["applications_in_prose"] as Any)),
        ]
        if let trainings = facts["trainings"] as? [String: Any] {
            expected += [("training_sessions", Gold.number(trainings["sessions"] as Any)),
                         ("training_attendees", Gold.number(trainings["attendees"] as Any))]
        }
        for (name, value) in expected where Self.disagreements["\(stem) \(name)"] == nil {
            #expect(read(name) == value, "\(stem) \(name): read \(read(name).map(formatNumber) ?? "nil"), gold \(value.map(formatNumber) ?? "nil")")
        }
        // 考核 and 评议 results: as the gold states them, and none where the gold has none.
        let assessment = facts["assessment"] as? [String: String] ?? [:]
        #expect(report.facts.first { $0.fact == "assessment_result" }?.result == assessment["考核"], "\(stem) 考核")
        #expect(report.facts.first { $0.fact == "appraisal_result" }?.result == assessment["评议"], "\(stem) 评议")
    }

    /// `一是…`, `1、…`, `（一）…` prefixes and end punctuation aside (the golds keep them in one report, not the others).
    static func bare(_ text: String) -> String {
        var s = text
        for prefix in ["一是", "二是", "三是", "四是", "五是", "六是"] where s.hasPrefix(prefix) { s.removeFirst(prefix.count) }
        if let first = s.first, first.isNumber, s.dropFirst().first.map({ "、.．".contains($0) }) == true { s.removeFirst(2) }
        return Problems.clean(s)
    }

    @Test("this year's problems match the golds", arguments: withFacts)
    func problems(_ stem: String) throws {
        let gold = try Gold(stem)
        // Compared as the parser stores text: normalised (full-width punctuation folded to ASCII).
        let expected = ((gold.json["text_facts"] as! [String: Any])["problems"] as? [String] ?? []).map { Self.bare(TextNormalizer.normalize($0)) }
        let report = try parse(gold)
        #expect(report.problems.filter { !$0.previousYear }.map { Self.bare($0.text) } == expected, "\(stem)")
    }

    @Test func problemsOfAnEarlierYearAreTaggedAndMeasuresLeftOut() {
        let section = """
            2020年存在的问题及改进情况：一是针对“制度不健全”问题，印发了制度；二是针对“培训不足”问题，开展培训8次。
            2021年，工作取得一定成效，但还存在一些不足。一是信息公开不够及时；二是政策解读形式单一。
            针对存在的问题，我镇将着重抓好以下工作：一是加强培训。二是完善制度。
            """
        let problems = Problems.extract(section: section, year: 2021)
        #expect(problems.filter { !$0.previousYear }.map(\.text) == ["信息公开不够及时", "政策解读形式单一"])
        #expect(problems.filter(\.previousYear).count == 2)
        #expect(problems.filter { !$0.previousYear }.map(\.category) == ["公开不及时", "政策解读不足"])
        // Numbered items, and plain sentences when nothing is numbered.
        #expect(Problems.extract(section: "存在的问题:\n1、思想认识不够深入。\n2、公开内容不够全面。\n改进情况:\n加强学习。", year: 2024).map(\.text)
            == ["思想认识不够深入", "公开内容不够全面"])
        #expect(Problems.extract(section: "网站栏目更新不够及时。工作人员业务能力有待提高。下一步，我们将加强培训。", year: 2024).map(\.category)
            == ["公开不及时", "队伍与能力"])
    }

    @Test func sentencesThatOnlyAdmitShortcomingsAreNoProblems() {
        func texts(_ section: String) -> [String] { Problems.extract(section: section, year: 2024).map(\.text) }
        // A preamble, then an 如 list cut by 、 (each item names a shortfall).
        #expect(texts("2023年,我区工作取得一定的成效,但对照上级要求,仍存在一定差距。如依申请公开工作规范性还有待提高、政务公开内容的深度和广度还有待提升、政务公开队伍建设有待加强等。针对存在问题,下一步将加强。")
            == ["依申请公开工作规范性还有待提高", "政务公开内容的深度和广度还有待提升", "政务公开队伍建设有待加强"])
        // An introducer: what follows it, cut by commas when every part names a shortfall.
        #expect(texts("2024年,全区工作虽取得一定成绩,但仍存在一些不足,主要是:个别部门研判能力不足,答复文书规范性有待提升,协调机制尚需完善等。")
            == ["个别部门研判能力不足", "答复文书规范性有待提升", "协调机制尚需完善"])
        // `如:` then items cut by semicolons; the last states its shortfall plainly.
        #expect(texts("2025年,我区工作取得了一定成绩,但仍存在一些不足,如:政务公开队伍建设有待进一步加强;依申请公开答复质量待进一步提升;平台互动功能仍有不足。下一步整改措施:一是加强。")
            == ["政务公开队伍建设有待进一步加强", "依申请公开答复质量待进一步提升", "平台互动功能仍有不足"])
        // A label ending in a colon, and a clause after 但 that names a problem.
        #expect(texts("(一)存在的主要问题:政策解读形式不够丰富。") == ["政策解读形式不够丰富"])
        #expect(texts("工作取得一定成效,但网站栏目更新不够及时。") == ["网站栏目更新不够及时"])
        // Ordinals as printed: 一是, then 三是 twice (二是 missing).
        #expect(texts("存在的问题主要有:一是属性界定不够精确;三是开拓创新不够有力;三是政策解读质量有待提高。")
            == ["属性界定不够精确", "开拓创新不够有力", "政策解读质量有待提高"])
        // A page copied onto one line: the heading's 改进情况 is its title, not the start of the measures.
        let oneLine = try! ReportParser.parse(Document(blocks: [.text(GluedReport.text(t3: CrossYearTests.zeros, t4: String(repeating: "0", count: 15)))]))
        #expect(oneLine.problems.map(\.text) == ["培训不足"])
    }

    /// Accounts closed or merged are kept apart from the open ones; figures stated for a platform without an account
    /// are a total, never an account.
    @Test func closedAndMergedAccountsAndPlatformTotals() {
        let a = NewMedia.accounts(in: "关停“某县环保”微信公众号1个，整合“某县教育”微博并入“某县发布”微博。“某县发布”微博粉丝3000人。"
            + "注销“某县旅游”抖音号。我县政务新媒体共有微信公众号3个、微博2个，粉丝总数共计5.2万人。微博粉丝1.2万，全年发布信息500多条。"
            + "“某县人社”微信公众号关注量800人，全年发布信息120条。")
        let byName = Dictionary(a.map { ($0.name + "/" + $0.platform, $0) }, uniquingKeysWith: { x, _ in x })
        #expect(byName["某县环保/微信公众号"]?.status == "closed")
        #expect(byName["某县教育/微博"]?.status == "merged")
        #expect(byName["某县发布/微博"]?.status == "active" && byName["某县发布/微博"]?.followers == 3000)
        #expect(byName["某县旅游/抖音"]?.status == "closed")
        #expect(byName["某县人社/微信公众号"]?.status == "active" && byName["某县人社/微信公众号"]?.posts == 120)
        #expect(byName["/全部"]?.status == "total" && byName["/全部"]?.followers == 52000)
        #expect(byName["/微博"]?.status == "total" && byName["/微博"]?.followers == 12000 && byName["/微博"]?.posts == 500)
        #expect(a.count == 7)
        // An account whose platform is named again later in its own sentence is not a total.
        #expect(NewMedia.accounts(in: "“清镇政务”微博粉丝3069人，微博全年发布信息817条。").map(\.status) == ["active"])
        // 并入驻 is "and settled on", not "merged into".
        #expect(NewMedia.accounts(in: "开通“某县发布”抖音号并入驻今日头条。").allSatisfy { $0.status == "active" })
    }

    @Test func phrasingsOfAccounts() {
        let a = NewMedia.accounts(in: "2023年，我市微信公众号“清镇市人民政府网”订阅量为23019，全年累计发布信息850条，微博“清镇政务”关注量为3069，全年累计发布信息817条。")
        #expect(a.map(\.platform) == ["微信公众号", "微博"])
        #expect(a.map(\.followers) == [23019, 3069])
        #expect(a.map(\.posts) == [850, 817])
        let b = NewMedia.accounts(in: "“平安xx”抖音号粉丝达1.2万，发布短视频30条。“xx发布”今日头条号关注人数超过3亿。")
        #expect(b.map(\.platform) == ["抖音", "今日头条"])
        #expect(b.map(\.followers) == [12000, 300_000_000])
        #expect(b[0].posts == 30)
        // A platform without a name, in a sentence naming no known account, is no account.
        #expect(NewMedia.accounts(in: "通过微信公众号发布疫情防控信息、“两委”换届情况。").isEmpty)
        // Several accounts in one sentence, the platform named once, each account's figures after its name.
        let c = NewMedia.accounts(in: "微信公众号“魅力金昌”粉丝55.05万人、发布910条，“今日金昌”粉丝12.3万人、发布1200条，“金昌发布”粉丝3万人。")
        #expect(c.map(\.name) == ["魅力金昌", "今日金昌", "金昌发布"])
        #expect(c.allSatisfy { $0.platform == "微信公众号" })
        #expect(c.map(\.followers) == [550_500, 123_000, 30_000])
        #expect(c.map(\.posts) == [910, 1200, nil])
        // A word for account between the platform and the name.
        let d = NewMedia.accounts(in: "抖音账号“夹江融媒”粉丝2.1万，发布短视频300条。")
        #expect(d.map(\.name) == ["夹江融媒"] && d.first?.platform == "抖音" && d.first?.posts == 300)
        // A quoted term without figures is no account, and takes no one's figures.
        let e = NewMedia.accounts(in: "微信公众号“清镇政务”粉丝1万，围绕“放管服”改革发布信息20条。")
        #expect(e.map(\.name) == ["清镇政务"] && e.first?.posts == 20)
        // 发布 followed by a year is not a post count.
        #expect(NewMedia.accounts(in: "“某某发布”微信公众号发布2023年度报告。").first?.posts == nil)
    }

    @Test func countsAfterWhatWasDisclosedAndOnlyAboutDisclosure() {
        func fact(_ text: String, _ name: String) -> ProseFact? { Facts.extract(from: text).first { $0.fact == name } }
        #expect(fact("全年主动公开政府文件、通知公告等各类信息202条。", "active_disclosure_items")?.value == 202)
        #expect(fact("全年主动公开2023年度预算信息，及时回应关切。", "active_disclosure_items") == nil)
        // One kind of information is not the total.
        #expect(fact("主动公开规章13件，行政规范性文件60件。", "active_disclosure_items") == nil)
        // A count of a service hall's requests is not a count of disclosure requests.
        #expect(fact("政务服务中心全年共受理申请121510件，办结121500件。", "applications_in_prose") == nil)
        #expect(fact("政务服务中心全年共受理申请121510件，办结121500件。", "applications_concluded") == nil)
        #expect(fact("全年共受理政府信息公开申请12件，已全部办结。", "applications_in_prose")?.value == 12)
        #expect(fact("本年度依申请公开受理申请8件。", "applications_in_prose")?.value == 8)
    }

    @Test func phrasingsOfCounts() {
        func fact(_ text: String, _ name: String) -> ProseFact? { Facts.extract(from: text).first { $0.fact == name } }
        #expect(fact("我镇累计以各种方式公开信息 1000 余条，其中政府网站公开政务信息 46 条。", "active_disclosure_items")
            == ProseFact(fact: "active_disclosure_items", value: 1000, approximate: true,
                         sentence: "我镇累计以各种方式公开信息 1000 余条，其中政府网站公开政务信息 46 条"))
        #expect(fact("全年主动公开政府信息1.5万条。", "active_disclosure_items")?.value == 15000)
        #expect(fact("2020年全年，大塅镇未收到要求政府信息公开的申请。", "applications_in_prose")?.value == 0)
        #expect(fact("共受理政府信息公开申请859件，答复805件。", "applications_in_prose")?.value == 859)
        #expect(fact("年内累计培训8次,培训人数35人次。", "training_sessions")?.value == 8)
        #expect(fact("年内累计培训8次,培训人数35人次。", "training_attendees")?.value == 35)
        #expect(fact("全年收取政府信息公开信息处理费 0 元。", "processing_fees")?.value == 0)
        #expect(fact("发布政策解读31篇。", "policy_interpretations")?.value == 31)
        let parts = Facts.extract(from: "全年主动公开政府信息63条。其中工作动态38条,法定主动公开信息16条,财政信息3条。")
            .filter { $0.fact.hasPrefix("active_disclosure_items.") }
        #expect(parts.map(\.fact) == ["active_disclosure_items.工作动态", "active_disclosure_items.法定主动公开信息", "active_disclosure_items.财政信息"])
        #expect(parts.map(\.value) == [38, 16, 3])
        #expect(fact("全年开设政务新媒体账号5个，关停整合2个。", "media_accounts")?.value == 5)
        #expect(fact("全年开设政务新媒体账号5个，关停整合2个。", "media_accounts_closed")?.value == 2)
        #expect(fact("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。", "applications_concluded")?.value == 69)
        #expect(fact("本年度全区共收到70件申请，及时依法依规办结69件，1件结转下年度继续办理。", "applications_carried_forward")?.value == 1)
        // Carried over from the year before is not carried forward.
        #expect(fact("全年共收到政府信息公开申请889件，上年结转10件，均严格按照《条例》规定的程序和时限办理答复。", "applications_carried_forward") == nil)
        #expect(fact("上年度结转3件，本年结转下年度办理2件。", "applications_carried_forward")?.value == 2)
        // A year before 结转: carried from that year, forward only when it is the year reported on.
        func forward(_ text: String, _ year: Int?) -> Double? {
            Facts.extract(from: text, year: year).first { $0.fact == "applications_carried_forward" }?.value
        }
        #expect(forward("2022年结转5件，本年度新收申请30件。", 2023) == nil)
        #expect(forward("2023年结转5件。", 2023) == 5)
        #expect(forward("2022年度结转5件。", nil) == nil)
        #expect(fact("全区共收到政府信息公开申请154件，共办结148件，结转至2026年6件。", "applications_carried_forward")?.value == 6)
        #expect(fact("其中281件已办结,9件不予处理。", "applications_concluded")?.value == 281)
        // A year is not a count: 受理 2023 年… has no 件 after it.
        #expect(fact("受理2023年度申请。", "applications_in_prose") == nil)
    }

    @Test func resultsInWords() {
        func result(_ text: String, _ name: String) -> String? { Facts.extract(from: text).first { $0.fact == name }?.result }
        let both = "2024年度,我乡在全县信息公开工作年度考核工作中等次为:合格;社会各界对我乡信息公开工作年度评议结果为:满意。"
        #expect(result(both, "assessment_result") == "合格")
        #expect(result(both, "appraisal_result") == "满意")
        #expect(Facts.extract(from: both).first { $0.fact == "assessment_result" }?.value == nil)
        #expect(result("在市政务公开年度考核中被评为优秀等次。", "assessment_result") == "优秀")
        #expect(result("全县政务公开绩效考评结果为“良好”。", "assessment_result") == "良好")
        #expect(result("群众评议结果为基本满意。", "appraisal_result") == "基本满意")
        // Mentions without a result, and rates, state nothing.
        #expect(result("把政府信息公开工作纳入年度考核范围,有效推进工作。", "assessment_result") == nil)
        #expect(result("将政府信息公开作为主要考核内容，明确指标和分值。", "assessment_result") == nil)
        #expect(result("积极采用群众评议、监督评议等形式,以人民群众满意为标准。", "appraisal_result") == nil)
        #expect(result("社会评议满意率为98%。", "appraisal_result") == nil)
    }

    @Test func aCopiedSectionIsCaughtAndSharedBoilerplateIsNot() throws {
        let copied = """
            一是部分单位对政府信息公开工作的重要性认识不足，主动公开意识有待增强；二是政策解读形式较为单一，图解、视频等解读方式运用不够；\
            三是政务新媒体更新频率不高，部分栏目内容陈旧，互动回应群众关切不够及时。针对以上问题，我们将加强培训，完善制度，提升公开质量。
            """
        let boilerplate = "针对以上问题，我们将进一步加强政府信息公开工作，不断提升政务公开工作水平。"
        let reports: [(AnalysisTests.Numbers, String)] = [
            (.init(agency: "洪泽区人民政府", year: 2022), copied.replacingOccurrences(of: "培训", with: "学习")),
            (.init(agency: "洪泽区人民政府", year: 2023), copied),
            (.init(agency: "淮安市人民政府", year: 2023), "一是网站栏目建设相对滞后，部分专栏长期没有更新维护；二是依申请公开答复文书不够规范统一。" + boilerplate),
            (.init(agency: "清镇市人民政府办公室", year: 2023), "一是基层工作人员变动频繁，业务能力参差不齐；二是重点领域信息公开的深度广度还需拓展。" + boilerplate),
        ]
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, (numbers, problems)) in reports.enumerated() {
            try Data(AnalysisTests.text(numbers, problems: problems).utf8).write(to: dir.appendingPathComponent("\(i).txt"))
        }
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        let pairs = try store.exportDuplicates().rows.map { row in
            [URL(fileURLWithPath: row[0].text).lastPathComponent, URL(fileURLWithPath: row[1].text).lastPathComponent, row[2].text]
        }
        #expect(pairs == [["0.txt", "1.txt", "problems"]])
        let similarity = try #require(try store.exportDuplicates().rows.first?[3])
        if case .number(let s) = similarity { #expect(s >= 0.8 && s < 1) } else { Issue.record("no similarity") }
        // The longest passage both share, read again from the files: everything up to the word the copy changed.
        let found = try store.duplicateSections()
        var rows: [[FieldValue]] = []
        found.withPassages(Ingester(store: store).sectionTexts(of: found.pathsInPairs)).forEach { rows.append($0) }
        let shared = String(copied[..<copied.range(of: "培训")!.lowerBound])
        // As stored text is: full-width punctuation folded to ASCII.
        #expect(rows.first?[9] == .text(shared.replacingOccurrences(of: "，", with: ",").replacingOccurrences(of: "；", with: ";")))
        #expect(rows.first?[10] == .number(Double(shared.count { !"，；。、".contains($0) })))
        // Without the files read again, no passage.
        var bare: [[FieldValue]] = []
        found.forEach { bare.append($0) }
        #expect(bare.first?[9] == .null)
    }

    /// The sections read again for the passages are the sections the signatures were made of.
    @Test("sections read again are the ones compared", arguments: Gold.stems())
    func sectionsReadAgainAreTheOnesCompared(_ stem: String) throws {
        let gold = try Gold(stem)
        let url = Repo.corpusFile(gold.file)
        let reader = try #require(ReaderRegistry().reader(forExtension: url.pathExtension))
        let document = try reader.read(bytes: [UInt8](Data(contentsOf: url)), path: url.path)
        let report = try ReportParser.parse(document)
        let texts = ReportParser.sectionTexts(document)
        #expect(!report.signatures.isEmpty)
        for (section, signature) in report.signatures {
            #expect(texts[section].flatMap(Similarity.signature) == signature, "\(section)")
        }
    }

    /// The passage two sections share is read across changed numbers and spacing, and printed as the first has it.
    @Test func longestSharedPassage() throws {
        let a = "2022年，我县共受理申请 12 件，全部按时答复。网站栏目更新不够及时，政策解读形式单一。"
        let b = "2023年，我县共受理申请30件，全部按时答复。另有其他内容。"
        let found = try #require(Similarity.longestSharedPassage(a, b))
        #expect(found.passage == "年，我县共受理申请 12 件，全部按时答复")
        #expect(found.length == 15)
        #expect(Similarity.longestSharedPassage("完全不同的一段文字内容", "另外一些毫无关系的话") == nil)
    }

    /// Sections made mostly of the template's own sentences (printed by most of the corpus) are alike without being
    /// copies: the boilerplate is learnt from the corpus, and only a pair sharing something else is reported.
    @Test func boilerplateLearntFromTheCorpusIsNoCopy() throws {
        let template = """
            对照《中华人民共和国政府信息公开条例》和上级工作要点的要求，本单位政府信息公开工作仍存在一些不足之处。\
            一是对政府信息公开工作的重要性认识还不够到位，主动公开意识有待进一步增强。\
            二是政府信息公开的内容还不够全面及时，公开的深度和广度有待进一步拓展。\
            三是政策解读的形式还比较单一，解读的针对性和实效性有待进一步提高。\
            下一步，我们将进一步加强学习培训，完善工作机制，不断提升政府信息公开工作水平。
            """
        let towns = ["高沙窝镇", "大水坑镇", "惠安堡镇", "青山乡", "麻黄山乡", "冯记沟乡", "王乐井乡", "花马池镇", "长滩镇", "大塅镇",
                     "闫家乡", "团林镇"]
        let own = ["辖区村居信息公开栏更新不及时", "镇级网站栏目维护力量薄弱", "村务公开与政务公开衔接不够", "民生资金公示覆盖面不足",
                   "乡村振兴项目公开不够细致", "惠农补贴发放信息公开滞后", "人员变动频繁业务不熟", "征地拆迁信息公开程序不规范",
                   "危房改造名单公示不及时", "低保信息公开审核不严", "防汛信息发布渠道单一", "环境整治信息公开不够主动"]
        let copiedOwn = "农村集体三资管理信息公开还不够规范透明"
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, town) in towns.enumerated() {
            // Two towns share a sentence of their own besides the template: a copy.
            let mine = i < 2 ? copiedOwn : own[i]
            let problems = template + "四是\(mine)，需要加以改进。"
            try Data(AnalysisTests.text(.init(agency: "盐池县\(town)人民政府", year: 2023), problems: problems).utf8)
                .write(to: dir.appendingPathComponent(String(format: "%02d.txt", i)))
        }
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        let rows = try store.exportDuplicates().rows
        let pairs = rows.map { row in
            [URL(fileURLWithPath: row[0].text).lastPathComponent, URL(fileURLWithPath: row[1].text).lastPathComponent, row[2].text]
        }
        #expect(pairs == [["00.txt", "01.txt", "problems"]], "\(pairs.count) pairs")
    }

    /// The commonest copy: another agency's report of an earlier year, or one's own of years before; a report
    /// without a year is compared too.
    @Test func copiesAcrossYearsAndAgenciesAreCaught() throws {
        let copied = """
            一是部分单位对政府信息公开工作的重要性认识不足，主动公开意识有待增强；二是政策解读形式较为单一，图解、视频等解读方式运用不够；\
            三是政务新媒体更新频率不高，部分栏目内容陈旧，互动回应群众关切不够及时。针对以上问题，我们将加强培训，完善制度，提升公开质量。
            """
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let reports: [(String, Int)] = [("洪泽区人民政府", 2020), ("清镇市人民政府办公室", 2023), ("洪泽区人民政府", 2023)]
        for (i, r) in reports.enumerated() {
            try Data(AnalysisTests.text(.init(agency: r.0, year: r.1), problems: copied).utf8).write(to: dir.appendingPathComponent("\(i).txt"))
        }
        // A report whose title, and so its year and agency, were lost.
        let untitled = AnalysisTests.text(.init(agency: "淮安市人民政府", year: 2022), problems: copied)
            .split(separator: "\n", omittingEmptySubsequences: false).dropFirst().joined(separator: "\n")
        try Data(untitled.utf8).write(to: dir.appendingPathComponent("3.txt"))
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        let pairs = Set(try store.exportDuplicates().rows.filter { $0[2].text == "problems" }.map { row in
            [row[0].text, row[1].text].map { URL(fileURLWithPath: $0).lastPathComponent }.joined(separator: "|")
        })
        // 0–2: one agency, 2020 and 2023; 0–1 and 1–2: two agencies, different years; 3: no year.
        #expect(pairs == ["0.txt|1.txt", "0.txt|2.txt", "1.txt|2.txt", "0.txt|3.txt", "1.txt|3.txt", "2.txt|3.txt"])
        // Each pair with both agencies and years, and whether it is one agency's own.
        let rows = try store.exportDuplicates().rows.filter { $0[2].text == "problems" }
        let own = try #require(rows.first { URL(fileURLWithPath: $0[0].text).lastPathComponent == "0.txt" && URL(fileURLWithPath: $0[1].text).lastPathComponent == "2.txt" })
        #expect(Array(own[4...8]) == [.text("洪泽区人民政府"), .number(2020), .text("洪泽区人民政府"), .number(2023), .number(1)])
        let noYear = try #require(rows.first { URL(fileURLWithPath: $0[1].text).lastPathComponent == "3.txt" })
        #expect(noYear[7] == .null && noYear[8] == .number(0))
        // Per agency, the sections another agency shares: 洪泽区's two reports each with 清镇市 (the untitled report has
        // no agency to count as another).
        let byAgency = try store.duplicateSections().byAgency()
        let hongze = try #require(byAgency.rows.first { $0[0].text == "洪泽区人民政府" })
        #expect(hongze[1] == .number(2) && hongze[2] == .number(1), "\(byAgency.rows)")
    }

    @Test func recurringPhrasesByYear() {
        let rows = Phrases.mine([
            (2023, ["一是政策解读不够深入，形式单一"]), (2023, ["二是政策解读不够深入"]), (2023, ["网站更新慢"]),
            (2024, ["政策解读不够深入"]), (2024, ["队伍不稳定"]),
        ])
        let phrase = rows.filter { $0.phrase == "政策解读不够深入" }
        #expect(phrase.map(\.year) == [2023, 2024])
        #expect(phrase.map(\.reports) == [2, 1])
        #expect(phrase.map(\.share) == [2.0 / 3.0, 0.5])
        // Not maximal: a piece of the clause found in exactly as many reports.
        #expect(!rows.contains { $0.phrase == "政策解读" })
        // Once only: not recurring.
        #expect(!rows.contains { $0.phrase.contains("网站更新") })
    }

    /// Beyond the sample size, candidates come from a sample and are counted exactly over every report:
    /// phrases common enough to be sampled come out with the same counts as a full count gives.
    @Test func sampledPhrasesAreCountedExactly() {
        var rng = SplitMix64(seed: 7)
        let pool = ["政策解读不够深入", "网站栏目更新不及时", "队伍建设有待加强", "培训力度不够", "公开内容不够全面"]
        var reports: [(year: Int, texts: [String])] = []
        for i in 0..<600 {
            // Each report names two problems of the pool (the first three are common), plus one of its own.
            let a = pool[Int(rng.next() % 3)], b = pool[Int(rng.next() % 5)]
            let own = String((0..<6).map { _ in Character(Unicode.Scalar(0x4E00 + UInt32(rng.next() % 20_000))!) })
            reports.append((2022 + i % 3, [a, b, own]))
        }
        let full = Phrases.mine(reports, limit: 5, sample: 10_000)
        let sampled = Phrases.mine(reports, limit: 5, sample: 50)
        #expect(!full.isEmpty)
        #expect(sampled == full)
        #expect(Set(full.map(\.phrase)).isSubset(of: Set(pool)))
    }

    @Test func proseThatContradictsTable3IsAWarning() throws {
        func warnings(prose: String, new: Int, carried: Int) throws -> [Finding] {
            var n = AnalysisTests.Numbers(agency: "洪泽区人民政府", year: 2023, new: new, carried: carried, granted: new + carried)
            n.forward = 0
            let report = try ReportParser.parse(Document(blocks: [.text(AnalysisTests.text(n, overview: prose))]))
            return Checker.check(report).filter { $0.rule.rawValue == "prose.applications" }
        }
        #expect(try warnings(prose: "全年共受理政府信息公开申请12件。", new: 10, carried: 0).count == 1)
        #expect(try warnings(prose: "全年共受理政府信息公开申请12件。", new: 10, carried: 2).isEmpty)
        #expect(try warnings(prose: "全年共受理政府信息公开申请10件。", new: 10, carried: 2).isEmpty)
        // 信息处理费 is a prose fact of its own, never 表二's 行政事业性收费.
        let report = try ReportParser.parse(Document(blocks: [.text(AnalysisTests.text(.init(agency: "洪泽区人民政府", year: 2023),
                                                                                        overview: "全年收取信息处理费 120 元。"))]))
        #expect(report.facts.first { $0.fact == "processing_fees" }?.value == 120)
        #expect(report.cell(.t2, "fees.amount")?.value == 0)
    }
}

/// How the prose says requests were answered and cases ended, against 表三 and 表四.
@Suite struct ProseResultsTests {
    func warnings(_ prose: String, _ n: AnalysisTests.Numbers) throws -> [Finding] {
        let report = try ReportParser.parse(Document(blocks: [.text(AnalysisTests.text(n, overview: prose))]))
        return Checker.check(report).filter { $0.rule == .proseResults }
    }

    @Test func outcomesAreReadWithTheirWords() {
        let facts = Facts.extract(from: "予以公开及部分公开258件，占33.9%；不予公开35件；因本机关不掌握等原因无法提供265件；不予处理158件；其他处理0件。信息公开类行政复议7件，诉讼9件，均获维持。")
        let got = Dictionary(uniqueKeysWithValues: facts.compactMap { f in f.value.map { (f.fact, $0) } })
        #expect(got["results.granted_or_partial"] == 258 && got["results.partially_granted"] == nil)
        #expect(got["results.denied"] == 35 && got["results.unable"] == 265 && got["results.not_processed"] == 158 && got["results.other"] == 0)
        #expect(got["review_cases"] == 7 && got["litigation_cases"] == 9)
        #expect(facts.contains { $0.fact == "cases_all_upheld" && $0.result == "维持" })
        // Cases in a sentence not about disclosure are someone else's: 全市行政复议案件.
        #expect(!Facts.extract(from: "全市办理行政复议案件1200件。").contains { $0.fact == "review_cases" })
        // A word not followed by its count states none: 不予公开的公文12件 is about documents.
        #expect(!Facts.extract(from: "审查不予公开的公文12件。").contains { $0.fact == "results.denied" })
    }

    @Test func proseThatAgreesWithTheTablesIsNoWarning() throws {
        var n = AnalysisTests.Numbers(agency: "洪泽区人民政府", year: 2023, new: 20, granted: 12, partial: 3, notHeld: 5)
        n.upheld = 2; n.corrected = 0; n.pending = 0
        #expect(try warnings("予以公开12件，部分公开3件，无法提供5件。信息公开行政复议2件，均获维持。", n).isEmpty)
        // 予以公开 may count the partly granted too.
        #expect(try warnings("予以公开15件，无法提供5件。", n).isEmpty)
        #expect(try warnings("予以公开及部分公开15件。", n).isEmpty)
    }

    @Test func proseThatContradictsTheTablesIsAWarning() throws {
        var n = AnalysisTests.Numbers(agency: "洪泽区人民政府", year: 2023, new: 20, granted: 12, partial: 3, notHeld: 5)
        n.upheld = 1; n.corrected = 1; n.pending = 0
        #expect(try warnings("予以公开及部分公开12件。", n).map(\.expected) == ["15"])
        #expect(try warnings("因本机关不掌握等原因无法提供4件。", n).count == 1)
        #expect(try warnings("不予公开3件。", n).count == 1)
        let upheld = try warnings("信息公开类行政复议2件，均获维持。", n)
        #expect(upheld.count == 1 && upheld.first?.row == "review.upheld")
        #expect(try warnings("信息公开类行政复议3件。", n).count == 1)
    }

    /// The Shanghai report (hand-verified: its gold lists three disagreements of the prose with its tables, the 总计
    /// column of 表三's result rows left blank by the agency).
    @Test func theShanghaiProseDisagreementsAreFound() throws {
        let url = Repo.root.appendingPathComponent("Corpus/shanghai-office-2019.html")
        let report = try ReportParser.parse(try HTMLReader().read(bytes: Array(try Data(contentsOf: url)), path: url.path))
        let found = Checker.check(report).filter { $0.rule == .proseResults }
        #expect(found.contains { $0.row == "granted_or_partial" && $0.actual == "258" && $0.expected == "275" })
        #expect(found.contains { $0.row == "unable" && $0.actual == "265" && $0.expected == "337" })
        #expect(found.contains { $0.row == "review.upheld" })
        #expect(found.contains { $0.row == "suit_direct.upheld" })
        #expect(!found.contains { $0.row == "denied" || $0.row == "not_processed" })
    }
}

/// Every number the prose readers store comes with the sentence it was read from, and that sentence prints it (as
/// digits, in 万 or 亿, or as 未/无 for a stated zero): evidence a reader can check, on the sample corpus.
@Suite struct EvidenceTests {
    @Test func everyStoredSentenceContainsTheNumberItSupports() throws {
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([Repo.root.appendingPathComponent("Corpus").path])
        func prints(_ value: Double, _ sentence: String) -> Bool {
            let text = sentence.filter { $0 != "," && $0 != " " }
            var forms = [formatNumber(value)]
            if value >= 10_000 { forms.append(formatNumber(value / 10_000) + "万") }
            if value >= 100_000_000 { forms.append(formatNumber(value / 100_000_000) + "亿") }
            if value == 0 { forms += ["未", "无", "没有", "零"] }
            return forms.contains { text.contains($0) }
        }
        var checked = 0
        for row in try store.exportFacts().rows {
            guard case .number(let value) = row[2] else { continue }
            checked += 1
            #expect(prints(value, row[4].text), "\(row[1].text) \(value): \(row[4].text)")
        }
        for row in try store.exportMedia().rows {
            for case .number(let value) in [row[3], row[4]] {
                checked += 1
                #expect(prints(value, row[5].text), "\(row[2].text) \(value): \(row[5].text)")
            }
        }
        #expect(checked > 50)
    }
}
