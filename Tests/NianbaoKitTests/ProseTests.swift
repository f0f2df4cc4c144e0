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
        // 发布 followed by a year is not a post count.
        #expect(NewMedia.accounts(in: "“某某发布”微信公众号发布2023年度报告。").first?.posts == nil)
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
        // A year is not a count: 受理 2023 年… has no 件 after it.
        #expect(fact("受理2023年度申请。", "applications_in_prose") == nil)
    }
}
