import Foundation
import Testing
@testable import NianbaoKit

/// The prose readers on generated text: accounts, counts and problems written in the many ways reports word them
/// (several accounts in one sentence, figures before the name, `分别`, per-platform totals, counts about another
/// subject beside the disclosure counts, problems between achievements and plans), each read back against what was
/// written. Every phrasing is drawn at random from its seed, so a failure names the seed and the text.
@Suite struct ProseVarietyTests {
    struct Account: Hashable { var platform: String; var name: String; var followers: Double?; var posts: Double? }

    static let places = ["金昌", "清镇", "夹江", "洪泽", "平潭", "大塅", "高沙窝", "南岸", "云岩", "青山湖", "东坡", "白云"]
    static let suffixes = ["发布", "政务", "融媒", "在线", "之声", "人社", "环保", "微政务", "资讯", "头条"]
    static let platformWords: [(word: String, platform: String)] = [
        ("微信公众号", "微信公众号"), ("政务微信", "微信公众号"), ("微博", "微博"), ("新浪微博", "微博"), ("政务微博", "微博"),
        ("抖音号", "抖音"), ("抖音", "抖音"), ("今日头条号", "今日头条"), ("头条号", "今日头条"), ("快手号", "快手"), ("视频号", "视频号"),
    ]

    /// A figure as printed and its value: `23019`, `1.2万`, `55.05万`.
    static func figure(_ rng: inout SplitMix64) -> (text: String, value: Double) {
        if rng.below(3) == 0 {
            let tenths = 1 + rng.below(999)
            let v = Double(tenths) / 100
            let text = tenths % 10 == 0 ? (tenths % 100 == 0 ? "\(tenths / 100)" : String(format: "%.1f", v)) : String(format: "%.2f", v)
            return (text + "万", (v * 10_000).rounded())
        }
        let n = 1 + rng.below(rng.below(2) == 0 ? 5000 : 90_000)
        return ("\(n)", Double(n))
    }

    static func pick<T>(_ xs: [T], _ rng: inout SplitMix64) -> T { xs[rng.below(xs.count)] }

    /// The text as a PDF's text layer gives it: lines of `width` characters, words and numbers cut anywhere.
    static func wrapped(_ text: String, width: Int) -> String {
        var out = "", column = 0
        for c in text {
            out.append(c)
            column += 1
            if c == "\n" { column = 0 } else if column == width { out.append("\n"); column = 0 }
        }
        return out
    }

    /// One sentence naming one account, its figures worded one of several ways.
    static func accountSentence(_ rng: inout SplitMix64, _ a: Account, platformWord: String, f: String?, p: String?) -> String {
        let followers = f.map { pick(["粉丝\($0)人", "关注人数达\($0)", "订阅用户\($0)人", "粉丝量达到\($0)人", "关注量为\($0)", "粉丝数突破\($0)"], &rng) }
        let posts = p.map { pick(["全年发布信息\($0)条", "累计发布信息\($0)条", "推送信息\($0)条", "发布\($0)条", "全年推文\($0)篇"], &rng) }
        let figures = [followers, posts].compactMap { $0 }
        let name = "“\(a.name)”"
        switch rng.below(8) {
        case 0: return "\(platformWord)\(name)" + figures.joined(separator: "，")
        case 1: return "\(name)\(platformWord)" + figures.joined(separator: "，")
        case 2: return "\(platformWord)账号\(name)" + (figures.isEmpty ? "" : "，" + figures.joined(separator: "，"))
        case 3: return "持续运营\(name)\(platformWord)" + (figures.isEmpty ? "" : "，" + figures.joined(separator: "，"))
        case 4:
            // The figures before the name.
            guard let f else { return "\(platformWord)\(name)" + figures.joined(separator: "，") }
            return "拥有粉丝\(f)人的\(platformWord)\(name)" + (posts.map { "，" + $0 } ?? "")
        case 5: return "截至年底，\(name)\(platformWord)" + figures.joined(separator: "、")
        case 6:
            // The posts before the name, the followers after it.
            guard let p else { return "\(name)\(platformWord)" + figures.joined(separator: "，") }
            return "全年通过\(name)\(platformWord)发布信息\(p)条" + (f.map { "，关注用户达\($0)人" } ?? "")
        default: return "开通的\(platformWord)\(name)" + (figures.isEmpty ? "运行平稳" : "，" + figures.joined(separator: "；"))
        }
    }

    /// A paragraph on new media naming `accounts` (some sharing a sentence) and a few distractors, and what it names.
    static func mediaParagraph(_ rng: inout SplitMix64) -> (text: String, accounts: [Account], totals: [String: Double]) {
        var names = Set<String>()
        var accounts: [(Account, String, String?, String?)] = []
        for _ in 0..<(1 + rng.below(4)) {
            var name: String
            repeat { name = pick(places, &rng) + pick(suffixes, &rng) } while !names.insert(name).inserted
            let (word, platform) = pick(platformWords, &rng)
            let f = rng.below(4) == 0 ? nil : figure(&rng)
            let p: Int? = rng.below(3) == 0 ? nil : 1 + rng.below(3000)
            accounts.append((Account(platform: platform, name: name, followers: f?.value, posts: p.map(Double.init)),
                             word, f?.text, p.map { "\($0)" }))
        }
        var sentences: [String] = []
        var i = 0
        while i < accounts.count {
            let (a, word, f, p) = accounts[i]
            if i + 1 < accounts.count, rng.below(3) == 0, let f, let f2 = accounts[i + 1].2 {
                // Two accounts, their followers `分别` in order.
                let b = accounts[i + 1]
                sentences.append("\(word)“\(a.name)”、\(b.1)“\(b.0.name)”粉丝分别达\(f)人、\(f2)人")
                if let p { sentences.append("“\(a.name)”全年发布信息\(p)条") }
                if let p2 = b.3 { sentences.append("“\(b.0.name)”全年发布信息\(p2)条") }
                i += 2
                continue
            }
            if i + 1 < accounts.count, rng.below(3) == 0, accounts[i + 1].0.platform == a.platform, accounts[i + 1].2 != nil || accounts[i + 1].3 != nil {
                // Two accounts of one platform in one sentence, the platform named once.
                let b = accounts[i + 1]
                let first = accountSentence(&rng, a, platformWord: word, f: f, p: p)
                let figures = [b.2.map { "粉丝\($0)人" }, b.3.map { "发布信息\($0)条" }].compactMap { $0 }
                // (A quoted name with no platform and no figures is not taken for an account: `“放管服”`.)
                sentences.append(first + "；“\(b.0.name)”" + figures.joined(separator: "、"))
                i += 2
                continue
            }
            if i + 1 < accounts.count, rng.below(4) == 0, f == nil, p == nil, accounts[i + 1].2 == nil, accounts[i + 1].3 == nil {
                // Accounts listed without figures.
                let b = accounts[i + 1]
                sentences.append("开设了“\(a.name)”\(word)\(pick(["、", "和", "及"], &rng))“\(b.0.name)”\(b.1)等政务新媒体")
                i += 2
                continue
            }
            sentences.append(accountSentence(&rng, a, platformWord: word, f: f, p: p))
            i += 1
        }
        // Distractors: a platform named without an account; reach that is not followers.
        let distractors = ["通过微信公众号、微博等渠道及时发布政策信息", "“\(accounts[0].0.name)”单篇阅读量最高达10万余次",
                           "“\(accounts[0].0.name)”全年累计阅读量\(1 + rng.below(900))万次", "在“学习强国”平台发布稿件\(1 + rng.below(90))篇",
                           "围绕“放管服”改革发布信息\(1 + rng.below(90))条", "政府网站全年访问量\(1000 + rng.below(90_000))人次"]
        sentences.insert(pick(distractors, &rng), at: rng.below(sentences.count + 1))
        var totals: [String: Double] = [:]
        switch rng.below(4) {
        case 0:
            let f = figure(&rng)
            sentences.append("政务抖音粉丝总数\(f.text)人")
            totals["抖音"] = f.value
        case 1:
            // Two platforms' totals in one sentence, no account named.
            let f = figure(&rng), g = figure(&rng)
            sentences.append("全县政务微信粉丝\(f.text)人、政务微博粉丝\(g.text)人")
            totals["微信公众号"] = f.value
            totals["微博"] = g.value
        default: break
        }
        var text = "积极运用政务新媒体。" + sentences.joined(separator: "。") + "。"
        // Names in straight or corner quotes, as some sites and converters print them.
        switch rng.below(6) {
        case 0: text = text.replacingOccurrences(of: "“", with: "\"").replacingOccurrences(of: "”", with: "\"")
        case 1: text = text.replacingOccurrences(of: "“", with: "「").replacingOccurrences(of: "”", with: "」")
        default: break
        }
        return (text, accounts.map(\.0), totals)
    }

    @Test(arguments: [1, 2, 3, 4, 5, 6, 7, 8] as [UInt64])
    func accountsWrittenManyWaysAreReadBack(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var failures: [String] = []
        var (expected, found, right) = (0, 0, 0)
        for _ in 0..<100 {
            var (text, accounts, totals) = Self.mediaParagraph(&rng)
            if rng.below(3) == 0 { text = Self.wrapped(text, width: 30 + rng.below(15)) }
            let read = NewMedia.accounts(in: text)
            let named = read.filter { $0.status != "total" }
            expected += accounts.count
            var problems: [String] = []
            for a in accounts {
                guard let r = named.first(where: { $0.name == a.name && NewMedia.family($0.platform) == a.platform }) else {
                    problems.append("missed \(a.platform) \(a.name)"); continue
                }
                found += 1
                if r.followers == a.followers && r.posts == a.posts { right += 1 } else {
                    problems.append("\(a.name): \(r.followers.map { "\($0)" } ?? "-")/\(r.posts.map { "\($0)" } ?? "-") for \(a.followers.map { "\($0)" } ?? "-")/\(a.posts.map { "\($0)" } ?? "-")")
                }
            }
            for r in named where !accounts.contains(where: { $0.name == r.name && $0.platform == NewMedia.family(r.platform) }) {
                problems.append("not an account: \(r.platform) \(r.name)")
            }
            for (platform, followers) in totals where !read.contains(where: { $0.status == "total" && $0.platform == platform && $0.followers == followers }) {
                problems.append("total of \(platform) not read")
            }
            if !problems.isEmpty { failures.append(problems.joined(separator: "; ") + "\n    " + text) }
        }
        #expect(failures.isEmpty, Comment(rawValue: "seed \(seed): \(found)/\(expected) found, \(right) with their figures\n" + failures.prefix(8).joined(separator: "\n")))
    }

    /// A paragraph stating counts in one of their phrasings, with counts about other subjects (a service hall, the
    /// 12345 line, 信访, 行政许可) beside them, and the facts it states: name → (value, approximate).
    static func countParagraph(_ rng: inout SplitMix64) -> (text: String, facts: [String: (Double, Bool)]) {
        var facts: [String: (Double, Bool)] = [:]
        var sentences: [String] = []
        let n = 10 + rng.below(3000)
        let approximate = rng.below(4) == 0
        let about = approximate ? pick(["余条", "多条"], &rng) : "条"
        sentences.append(pick([
            "全年主动公开政府信息\(n)\(about)", "全年共主动公开政府信息\(n)\(about)", "本年度累计公开政府信息\(n)\(about)",
            "通过政府门户网站主动公开各类信息\(n)\(about)", "全年主动公开政策文件、通知公告、工作动态等信息\(n)\(about)",
            "主动公开政府信息共计\(n)\(about)", "全年通过门户网站发布政务信息\(n)\(about)", "公开各类政务信息\(n)\(about)", "2023年，我局共计主动公开政府信息\(n)\(about)", "累计发布信息\(n)\(about)",
        ], &rng))
        facts["active_disclosure_items"] = (Double(n), approximate)
        if rng.below(3) == 0 {
            // The channels' counts before the total.
            let web = 1 + rng.below(n), wechat = n - web
            sentences[0] = "在政府门户网站发布政务信息\(web)条，通过微信公众号发布信息\(wechat)条，" + pick(["合计主动公开政府信息", "共计公开各类信息"], &rng) + "\(n)\(about)"
        } else if rng.below(3) == 0 {
            let part = 1 + rng.below(n)
            sentences[0] += "，其中" + pick(["工作动态", "通知公告", "政策文件"], &rng) + "\(part)条"
        }
        if rng.below(2) == 0 {
            sentences.append("政务服务中心全年受理审批事项\(1000 + rng.below(90_000))件，办结\(1000 + rng.below(90_000))件")
        }
        if rng.below(2) == 0 {
            sentences.append(pick(["12345热线受理群众诉求\(100 + rng.below(9000))件", "全年受理信访事项\(10 + rng.below(900))件",
                                   "受理行政许可申请\(10 + rng.below(900))件，均按时办结"], &rng))
        }
        let applications = rng.below(60)
        if applications == 0 {
            sentences.append(pick(["全年未收到政府信息公开申请", "本年度未收到依申请公开申请"], &rng))
        } else {
            sentences.append(pick([
                "全年共受理政府信息公开申请\(applications)件", "收到政府信息公开申请\(applications)件",
                "全年收到依申请公开申请\(applications)件", "受理依申请公开申请\(applications)件",
                "本年度新收政府信息公开申请\(applications)件", "共接收政府信息公开申请\(applications)件",
                "全年共办理政府信息公开申请\(applications)件", "我办全年受理群众提出的政府信息公开申请\(applications)件",
            ], &rng) + pick(["", "，均已按时答复", "，均在法定期限内办结"], &rng))
        }
        facts["applications_in_prose"] = (Double(applications), false)
        if applications > 0, rng.below(3) == 0 {
            // Another subject's counts in the same sentence, before or after.
            let other = pick(["12345热线受理群众诉求\(100 + rng.below(9000))件，办结\(100 + rng.below(9000))件",
                              "政务服务大厅受理办件\(1000 + rng.below(9000))件"], &rng)
            let last = sentences.count - 1
            sentences[last] = rng.below(2) == 0 ? other + "；" + sentences[last] : sentences[last] + "；" + other
        }
        if rng.below(2) == 0 {
            let k = 1 + rng.below(200)
            sentences.append(pick(["发布政策解读\(k)篇", "发布政策解读材料\(k)篇", "全年发布政策解读\(k)条"], &rng))
            facts["policy_interpretations"] = (Double(k), false)
        }
        if rng.below(2) == 0 {
            let times = 1 + rng.below(20), people = 10 + rng.below(900)
            sentences.append(pick(["组织开展政务公开业务培训\(times)次，参训人员\(people)人", "举办培训班\(times)期，培训人数\(people)人"], &rng))
            facts["training_sessions"] = (Double(times), false)
            facts["training_attendees"] = (Double(people), false)
        }
        return (sentences.joined(separator: "。") + "。", facts)
    }

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func countsWrittenManyWaysAreReadBack(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var failures: [String] = []
        var (stated, right) = (0, 0)
        for _ in 0..<100 {
            var (text, facts) = Self.countParagraph(&rng)
            if rng.below(3) == 0 { text = Self.wrapped(text, width: 30 + rng.below(15)) }
            let read = Facts.extract(from: text)
            var problems: [String] = []
            for (name, (value, approximate)) in facts.sorted(by: { $0.key < $1.key }) {
                stated += 1
                let r = read.first { $0.fact == name }
                if r?.value == value && r?.approximate == approximate { right += 1 } else {
                    problems.append("\(name): \(r?.value.map { "\($0)" } ?? "-")\(r?.approximate == true ? "~" : "") for \(value)\(approximate ? "~" : "")")
                }
            }
            // Nothing is read that the paragraph does not state (the other subjects' counts above all).
            for r in read where facts[r.fact] == nil && !r.fact.hasPrefix("active_disclosure_items.") {
                problems.append("not stated: \(r.fact) \(r.value.map { "\($0)" } ?? "-")")
            }
            if !problems.isEmpty { failures.append(problems.joined(separator: "; ") + "\n    " + text) }
        }
        #expect(failures.isEmpty, Comment(rawValue: "seed \(seed): \(right)/\(stated) right\n" + failures.prefix(8).joined(separator: "\n")))
    }

    static let problemPool = [
        "政策解读形式较为单一，图解、视频等多样化解读偏少", "部分栏目信息更新不及时，存在内容滞后的情况", "政务公开工作人员业务能力有待提升",
        "依申请公开办理的规范化水平还需进一步提高", "主动回应社会关切不够，与群众的互动交流较少", "基层政务公开标准化规范化建设推进较慢",
        "对政务公开工作的重视程度不够，存在重业务轻公开的思想", "政务新媒体运维管理不够规范，个别账号更新频率低",
        "重点领域信息公开的深度和广度不够", "业务培训的针对性不强，培训次数偏少", "公开内容不够全面，部分信息公开不够细化",
        "政府信息公开平台建设相对滞后，检索功能不完善", "人员流动较大，工作衔接不够顺畅",
    ]
    static let planPool = [
        "加强业务培训，提升工作人员能力水平", "丰富政策解读形式，提高解读质量", "加强栏目日常巡查，确保信息及时更新",
        "规范依申请公开办理流程，严格答复时限", "强化政务新媒体管理，提升运维水平",
    ]

    /// Section 五 in one of the shapes reports give it (problems enumerated 一是…, 1.…, （一）…, or in sentences after
    /// an admission of shortcomings, then the measures), and the problems it states.
    static func problemSection(_ rng: inout SplitMix64) -> (text: String, problems: [String]) {
        var pool = problemPool
        var problems: [String] = []
        for _ in 0..<(1 + rng.below(4)) { problems.append(pool.remove(at: rng.below(pool.count))) }
        var intro = pick(["", "2023年，我局政务公开工作取得了一定成效，但仍存在一些不足：", "对照上级要求和群众期盼，还存在以下问题：",
                          "一年来，我镇政府信息公开工作虽然取得了一些成绩，但也存在一些问题，主要表现在："], &rng)
        if !intro.isEmpty, rng.below(3) == 0 {
            // An achievement before the admission: no problem.
            intro = pick(["全年未发生泄密事件，政务公开工作总体平稳有序。", "我局高度重视政务公开工作，各项工作有序推进。"], &rng) + intro
        }
        let listed: String
        switch rng.below(problems.count == 1 ? 1 : 6) {
        case 0 where problems.count == 1: listed = intro + problems[0] + "。"
        case 4: listed = intro + problems.enumerated().map { "第\(ordinals[$0])，\($1)" }.joined(separator: "；") + "。"
        case 5: listed = "存在的主要问题：" + problems.enumerated().map { "\($0 + 1).\($1)；" }.joined()
        case 0: listed = intro + problems.enumerated().map { "\(ordinals[$0])是\($1)" }.joined(separator: "；") + "。"
        case 1: listed = (intro.isEmpty ? "" : intro + "\n") + problems.enumerated().map { "\($0 + 1)\(pick(["、", ".", "．"], &rng))\($1)。" }.joined(separator: "\n")
        case 2: listed = (intro.isEmpty ? "" : intro + "\n") + problems.enumerated().map { "（\(ordinals[$0])）\($1)。" }.joined(separator: "\n")
        default: listed = intro + problems.joined(separator: "。") + "。"
        }
        let close = pick(["", "这些问题需要在今后的工作中切实加以解决。", "对此，我们高度重视，已逐项制定整改措施。"], &rng)
        let plans = planPool.shuffled(using: &rng).prefix(1 + rng.below(3))
        let measures = pick(["下一步，我局将", "针对上述问题，我们将从以下方面加以改进：", "2024年，我镇将着重抓好以下工作：",
                             "今后，我们将", "在今后的工作中，我局将", "2024年，我办将"], &rng)
            + plans.enumerated().map { "\(ordinals[$0])是\($1)" }.joined(separator: "；") + "。"
        let heading = rng.below(2) == 0
        let text = (heading ? "（一）存在的主要问题\n" : "") + listed + close + "\n" + (heading ? "（二）改进措施\n" : "") + measures
        return (text, problems)
    }
    static let ordinals = ["一", "二", "三", "四", "五"]

    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func problemsWrittenManyWaysAreReadBack(seed: UInt64) {
        var rng = SplitMix64(seed: seed)
        var failures: [String] = []
        var (stated, found, returned, real) = (0, 0, 0, 0)
        func plain(_ s: String) -> String { String(s.unicodeScalars.filter { !"，。；：,.;: \n".unicodeScalars.contains($0) }.map(Character.init)) }
        for _ in 0..<100 {
            var (text, problems) = Self.problemSection(&rng)
            if rng.below(3) == 0 { text = Self.wrapped(text, width: 30 + rng.below(15)) }
            let read = Problems.extract(section: text, year: 2023).filter { !$0.previousYear }.map { plain($0.text) }
            stated += problems.count
            returned += read.count
            let expected = problems.map(plain)
            found += expected.filter(read.contains).count
            real += read.filter(expected.contains).count
            if read != expected { failures.append("\(read)\n    " + text.replacingOccurrences(of: "\n", with: "⏎")) }
        }
        #expect(failures.isEmpty, Comment(rawValue: "seed \(seed): \(found)/\(stated) found, \(real)/\(returned) real\n" + failures.prefix(8).joined(separator: "\n")))
    }

    /// Phrasings found by reading the rules against real reports' wording: each read as the report means it.
    @Test func phrasingsThatOnceMisled() {
        func fact(_ text: String, _ name: String, year: Int? = nil) -> Double? {
            Facts.extract(from: text, year: year).first { $0.fact == name }?.value
        }
        // Another subject beside a count that says 公开 itself.
        #expect(fact("全年政务服务大厅共办理审批事项5000余件，受理政府信息公开申请12件。", "applications_in_prose") == 12)
        #expect(fact("本机关不动产登记中心和档案室全年共受理政府信息公开申请45件。", "applications_in_prose") == 45)
        #expect(fact("全年通过12345热线转来及直接收到政府信息公开申请3件。", "applications_in_prose") == 3)
        // Another subject after the count; requests carried over.
        #expect(fact("全年共受理申请121510件，均为政务服务事项。", "applications_in_prose") == nil)
        #expect(fact("本年度共办理上年结转的政府信息公开申请3件。", "applications_in_prose") == nil)
        // One channel's count does not give way to another channel's.
        #expect(fact("在政府门户网站公开政务信息1200条，在政务微博累计发布信息300条。", "active_disclosure_items") == 1200)
        // A media account's posts give way to the total stated after them.
        #expect(fact("政务微博“某县发布”全年发布政务信息3000条。全年主动公开政府信息1200条。", "active_disclosure_items") == 1200)

        let a = NewMedia.accounts(in: "微信公众号“甲号”和微博“乙号”粉丝分别为1万人、2万人，抖音“丙号”发布短视频20条。")
        #expect(a.map(\.name) == ["甲号", "乙号", "丙号"] && a.map(\.followers) == [10_000, 20_000, nil] && a.map(\.posts) == [nil, nil, 20])
        let b = NewMedia.accounts(in: "开通微信公众号“甲号”、微博“乙号”，粉丝分别达2321人、1.5万人。")
        #expect(b.map(\.followers) == [2321, 15_000])
        let c = NewMedia.accounts(in: "开设微信公众号“政务公开”。在门户网站“政务公开”栏目发布信息1200条。")
        #expect(c.count == 1 && c.first?.posts == nil)

        func problems(_ text: String, year: Int? = 2023) -> [String] { Problems.extract(section: text, year: year).map(\.text) }
        #expect(problems("（一）存在的问题\n一是网站更新不及时；二是解读形式单一。\n（二）针对存在问题的改进措施\n一是加强培训；二是完善制度；三是强化监督。")
            == ["网站更新不及时", "解读形式单一"])
        #expect(problems("1、政策解读质量问题。\n2、队伍建设问题。") == ["政策解读质量问题", "队伍建设问题"])
        #expect(problems("2023年，我局将政务公开工作纳入绩效考核，取得了一定成效，但仍存在以下问题：一是网站更新不及时；二是解读形式单一。")
            == ["网站更新不及时", "解读形式单一"])
        #expect(problems("各项工作为今后工作奠定了基础，但也存在一些问题：一是网站更新不及时；二是解读形式单一。") == ["网站更新不及时", "解读形式单一"])
        // Plans of the next year with no 我 (`2025年,将重点…`) end the problems; a problem wrapped over lines is one item.
        #expect(problems("2024年，工作取得了新进展，但仍存在不足，如公开工作机制有待进一步调整和完善；政策解读形式仍需创新。"
                         + "2025 年，将重点从以下方面做好改进：一是优化主动公开目录；二是增强政策解读效果。", year: 2024)
            == ["公开工作机制有待进一步调整和完善", "政策解读形式仍需创新"])
        #expect(problems("一是网站栏目\n更新不及时；二是解读形式\n  单一。") == ["网站栏目更新不及时", "解读形式单一"])
        // A shortfall named before a general admission is still a problem.
        #expect(problems("政务新媒体更新不及时，互动回应不足。对照群众期盼，仍存在一定差距。") == ["政务新媒体更新不及时，互动回应不足"])
    }
}
