/// A 政务新媒体 account a report names.
public struct MediaAccount: Sendable, Equatable, Codable {
    public var platform: String
    public var name: String
    public var followers: Double?
    public var posts: Double?
    /// The sentence the account was first read from, then (after ` … `) any other sentence its figures were read from.
    public var sentence: String
    /// `active`; `closed` (关停, 注销 …) or `merged` (整合, 合并 into another) where the report says so; `total` for
    /// figures a report states for a platform (or all its accounts) without naming an account (`name` empty).
    public var status: String = "active"
}

/// Reads the 政务新媒体 accounts out of a report's prose: platform, account name (the quoted name next
/// to the platform), followers and posts with 万/亿 units.
///
///     NewMedia.accounts(in: "微信公众号“清镇市人民政府网”订阅量为23019，全年累计发布信息850条。")
///     // [MediaAccount(platform: "微信公众号", name: "清镇市人民政府网", followers: 23019, posts: 850, …)]
public enum NewMedia {
    /// Printed platform words, longest first, and the platform they name.
    static let platforms: [(word: String, platform: String)] = [
        ("微信公众号", "微信公众号"), ("微信公众平台", "微信公众号"), ("政务微信", "微信公众号"), ("公众号", "微信公众号"),
        ("微信号", "微信公众号"), ("微信", "微信公众号"), ("新浪微博", "新浪微博"), ("政务微博", "微博"), ("微博", "微博"),
        ("抖音号", "抖音"), ("抖音", "抖音"), ("今日头条", "今日头条"), ("头条号", "今日头条"), ("快手号", "快手"), ("快手", "快手"),
        ("视频号", "视频号"), ("小程序", "小程序"), ("客户端", "客户端"), ("APP", "客户端"), ("App", "客户端"),
    ]

    static let platformIndex = Prose.WordIndex(platforms.map(\.word))
    static let platformOf: [String: String] = Dictionary(platforms.map { ($0.word, $0.platform) }, uniquingKeysWith: { a, _ in a })

    static func family(_ platform: String) -> String { platform.hasSuffix("微博") ? "微博" : platform }

    /// `订阅量为23019`, `用户已突破550万`, `粉丝突破770万`.
    static let followerWords = ["订阅用户", "订阅量", "订阅数", "关注总数", "关注量", "关注数", "关注人数", "粉丝总数", "粉丝总量", "粉丝量",
                                "粉丝数", "粉丝", "用户总数", "用户数", "用户"]
    static let followerLinks = ["已突破", "已超过", "已达到", "突破", "超过", "达到", "已达", "共计", "累计", "约", "逾", "超", "达", "为", "有", "共"]
    /// `发布信息850条`, `推文120篇`, `发布短视频30条`.
    static let postWords = ["累计发布信息", "发布信息", "推送信息", "发布文章", "推送文章", "发布短视频", "发布视频", "发布推文", "推文", "发文", "发布"]

    public static func accounts(in text: String) -> [MediaAccount] {
        accounts(sentences: Prose.sentences(text))
    }

    /// The same, from sentences already split (`Prose.sentences`).
    public static func accounts(sentences printed: [String]) -> [MediaAccount] {
        // Names in straight or corner quotes (`"夹江融媒"`, `「夹江融媒」`) read as in curly ones.
        let sentences = printed.map(Prose.curlyQuotes)
        // Names that stand next to a platform somewhere: “养生大塅”微信公众号, 微博“清镇政务”.
        var known: [String: String] = [:]   // name → the platform it stands next to
        var naming: [Bool] = []   // sentences naming a platform: with those naming a known account, the only ones read
        for sentence in sentences {
            if ParseBudget.exhausted { break }
            let found = mentions(sentence)
            naming.append(!found.isEmpty)
            for mention in found where mention.name != nil && known[mention.name!] == nil { known[mention.name!] = mention.platform }
        }
        // A sentence that names a known account without its platform (`“金昌发布”全年发布信息910条`) is read too.
        let mentioning = zip(sentences, naming).filter { sentence, named in
            named || Prose.quoted(sentence).contains { known[$0] != nil }
        }.map(\.0)
        var accounts: [MediaAccount] = []
        // By platform family and name: one lookup per mention, however many accounts a report names.
        var index: [String: Int] = [:]
        func account(_ platform: String, _ name: String, _ sentence: String) -> Int {
            let key = family(platform) + "\u{0}" + name
            if let i = index[key] {
                if platform.count > accounts[i].platform.count { accounts[i].platform = platform }   // 新浪微博 over 微博
                return i
            }
            accounts.append(MediaAccount(platform: platform, name: name, followers: nil, posts: nil, sentence: sentence))
            index[key] = accounts.count - 1
            return accounts.count - 1
        }
        func total(_ platform: String, _ sentence: String) -> Int {
            let i = account(platform, "", sentence)
            accounts[i].status = "total"
            return i
        }
        func hasFigures(_ clause: String) -> Bool {
            number(after: followerWords, links: followerLinks, in: clause) != nil
                || number(after: postWords, links: ["了", "共", "约"], in: clause, requiredUnits: "条篇") != nil
        }
        for sentence in mentioning {
            if ParseBudget.exhausted { break }
            let quoted = Set(Prose.quoted(sentence).filter { known[$0] != nil })
            // The one platform a sentence names, for the accounts it lists after it without repeating it
            // (`微信公众号“魅力金昌”粉丝55.05万人，“今日金昌”粉丝…`).
            let named = mentions(sentence)
            let sentencePlatform = Set(named.map { family($0.platform) }).count == 1 ? named.first?.platform : nil
            var current: Int?
            // The accounts a clause names together (`微信公众号“甲”、微博“乙”`), for the figures given `分别`, in order.
            var together: [Int] = []
            for clause in clauses(sentence) {
                let clauseMentions = mentions(clause)
                // (`在门户网站“政务公开”栏目发布信息1200条`: a column of the website, not the account of that name.)
                if clauseMentions.isEmpty, let name = Prose.quoted(clause).first(where: { (1...20).contains($0.count) }),
                   !["栏目", "专栏", "频道", "网站", "版块", "板块"].contains(where: { clause.has("“\(name)”" + $0) }) {
                    // A clause naming an account but no platform: the account its name stands for elsewhere, or —
                    // when the figures follow the name (`“今日金昌”粉丝…`; a quoted “放管服” is no account) — the
                    // sentence's one platform.
                    let figures = (number(after: followerWords, links: followerLinks, in: clause) != nil
                        || number(after: postWords, links: ["了", "共", "约"], in: clause, requiredUnits: "条篇") != nil)
                        && (followerWords + postWords).contains { word in
                            ["", "的", "账号", "号"].contains { clause.has("“\(name)”" + $0 + word) }
                        }
                    if let platform = known[name] ?? (figures ? sentencePlatform : nil) {
                        current = account(platform, name, sentence)
                    } else if figures {
                        current = nil   // an account whose platform is not clear: its figures are no one else's
                    }
                }
                if clauseMentions.contains(where: { $0.name != nil }) { together = [] }
                for mention in clauseMentions {
                    if let name = mention.name {
                        current = account(mention.platform, name, sentence)
                        if clauseMentions.count { $0.name != nil } >= 2, !together.contains(current!) { together.append(current!) }
                        if let status = status(of: name, in: clause) { accounts[current!].status = status }
                    } else if quoted.count == 1, let name = quoted.first {
                        // A platform named without its account, in a sentence about one known account.
                        current = account(mention.platform, name, sentence)
                    } else if quoted.isEmpty && Prose.quoted(sentence).isEmpty {
                        // Figures for a platform, no account named (`微博粉丝1.2万`): a total, not an account.
                        current = hasFigures(clause) ? total(mention.platform, sentence) : nil
                    } else {
                        current = nil
                    }
                }
                if clauseMentions.isEmpty && current == nil && Prose.quoted(sentence).isEmpty && hasFigures(clause)
                    && clause.contains("总") && !named.isEmpty {
                    // `政务新媒体共有微信公众号3个、微博2个，粉丝总数共计5.2万人`: the total of the platforms named.
                    current = total(sentencePlatform ?? "全部", sentence)
                }
                if together.count >= 2, let (kind, values) = respectively(clause), values.count == together.count {
                    // `粉丝分别达2321人、1.5万人`: each account's figure, in the order the accounts were named.
                    for (i, value) in zip(together, values) {
                        if kind == .followers, accounts[i].followers == nil { accounts[i].followers = value }
                        if kind == .posts, accounts[i].posts == nil { accounts[i].posts = value }
                        if !accounts[i].sentence.contains(sentence) { accounts[i].sentence += " … " + sentence }
                    }
                    continue
                }
                guard let i = current else { continue }
                // The sentence a figure is read from is kept with the account's (`… … …`), so the evidence prints it.
                func cite() {
                    if !accounts[i].sentence.contains(sentence) { accounts[i].sentence += " … " + sentence }
                }
                if accounts[i].followers == nil, let n = number(after: followerWords, links: followerLinks, in: clause) {
                    accounts[i].followers = n
                    cite()
                }
                if accounts[i].posts == nil, let n = number(after: postWords, links: ["了", "共", "约"], in: clause, requiredUnits: "条篇") {
                    accounts[i].posts = n
                    cite()
                }
            }
        }
        return accounts
    }

    /// The sentence's clauses (at ，；), a clause naming several platforms also at 、 (`政务微信粉丝1.2万人、政务微博粉丝3000人`),
    /// unless it gives their figures `分别`.
    static func clauses(_ sentence: String) -> [String] {
        Prose.clauses(sentence).flatMap { clause -> [String] in
            guard clause.has("、"), !sentence.has("分别"), mentions(clause).count >= 2 else { return [clause] }
            return clause.split(separator: "、").map(String.init)
        }
    }

    enum Figure { case followers, posts }

    /// The figures a clause gives `分别` (respectively), in order, and which they are: `粉丝分别达2321人、1.5万人`,
    /// `分别发布信息120条、300条`; nil without 分别 or a kind of figure.
    static func respectively(_ clause: String) -> (Figure, [Double])? {
        let chars = clause.scalarArray
        guard let at = chars.indices.first(where: { Prose.matches("分别", chars, at: $0) }) else { return nil }
        var j = at + 2
        var kind: Figure?
        if let word = Prose.firstMatch(postWords, chars, at: j) {
            kind = .posts
            j += word.length
        } else if chars[..<at].indices.contains(where: { i in Prose.firstMatch(followerWords, chars, at: i) != nil }) {
            kind = .followers
        } else if chars[..<at].indices.contains(where: { i in Prose.firstMatch(postWords, chars, at: i) != nil }) {
            kind = .posts
        }
        guard let kind else { return nil }
        var values: [Double] = []
        while j < chars.count {
            if let link = Prose.firstMatch(followerLinks + ["是"], chars, at: j) { j += link.length }
            guard let q = Prose.quantity(chars, at: j) else { break }
            j = q.end
            let unit = j < chars.count ? chars[j] : " "
            if kind == .posts && !"条篇".unicodeScalars.contains(unit) { break }
            values.append(q.0)
            while j < chars.count, "人个名户条篇次".unicodeScalars.contains(chars[j]) { j += 1 }
            guard j < chars.count, "、和及与".unicodeScalars.contains(chars[j]) else { break }
            j += 1
        }
        return values.count >= 2 ? (kind, values) : nil
    }

    static let closingWords = ["关停", "注销", "关闭", "停更", "停止运营", "下线", "撤销"]
    static let mergingWords = ["整合", "合并", "归并"]
    /// Words after which a name is the account others are merged into, which stays open (`并入“某县发布”`).
    static let intoWords = ["并入", "合并到", "合并至", "整合到", "整合至", "整合进", "迁移至", "迁移到", "归入"]

    /// `closed` or `merged` when the clause says so of the account `name` (`关停“某县环保”微信公众号`,
    /// `“某县教育”微博并入“某县发布”`), else nil.
    static func status(of name: String, in clause: String) -> String? {
        guard let at = clause.utf8Range(of: "“\(name)”") else { return nil }
        let before = clause[..<at.lowerBound], after = clause[at.upperBound...]
        if intoWords.contains(where: { before.hasSuffix($0) }) { return nil }
        // `并入驻今日头条` is 并 入驻 (and settled on), not 并入 (merged into).
        if intoWords.contains(where: { after.replacingAll("入驻", with: "").has($0) }) { return "merged" }
        // The last status word before the name, not past another account's name.
        let tail = before.split(separator: "”").last.map(String.init) ?? String(before)
        if closingWords.contains(where: { tail.has($0) }) { return "closed" }
        if mergingWords.contains(where: { tail.has($0) }) { return "merged" }
        return nil
    }

    /// Words for "account" that may stand between a platform and its quoted name.
    static let accountWords = ["官方账号", "政务账号", "账号", "帐号", "平台", "号", "为", "："]

    /// Platform words in a clause, each with the quoted name standing right before or after it.
    static func mentions(_ clause: String) -> [(platform: String, name: String?)] {
        let chars = clause.scalarArray
        var out: [(String, String?)] = []
        var i = 0
        while i < chars.count {
            guard let word = platformIndex.match(chars, at: i), let platform = platformOf[word.word] else { i += 1; continue }
            let end = i + word.length
            var name: String?
            // `抖音账号“夹江融媒”`, `微信公众号平台“…”`: a word for account between the platform and the name.
            var after = end
            // `今日头条号账号“…”`: up to two such words.
            for _ in 0..<2 {
                if let filler = Prose.firstMatch(accountWords, chars, at: after) { after += filler.length }
            }
            if i > 0, chars[i - 1] == "”", let open = chars[..<(i - 1)].lastIndex(of: "“") {
                name = Prose.text(chars[(open + 1)..<(i - 1)])
            } else if after < chars.count, chars[after] == "“", let close = chars[(after + 1)...].firstIndex(of: "”") {
                name = Prose.text(chars[(after + 1)..<close])
            }
            if let n = name, n.isEmpty || n.count > 20 { name = nil }
            out.append((platform, name))
            i = end
        }
        return out
    }

    /// The number after one of `words` (and an optional linking word), with 万/亿 applied.
    /// With `requiredUnits`, the number counts only when one of those characters follows it (`850条`, not `2023年`).
    static func number(after words: [String], links: [String], in clause: String, requiredUnits: String? = nil) -> Double? {
        let chars = clause.scalarArray
        for i in chars.indices {
            guard let word = Prose.firstMatch(words, chars, at: i) else { continue }
            var j = i + word.length
            if let link = Prose.firstMatch(links, chars, at: j) { j += link.length }
            guard let q = Prose.quantity(chars, at: j) else { continue }
            if let units = requiredUnits, !(q.end < chars.count && units.unicodeScalars.contains(chars[q.end])) { continue }
            return q.0
        }
        return nil
    }
}
