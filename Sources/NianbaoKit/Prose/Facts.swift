/// A count a report states in its prose, with the sentence it came from.
public struct ProseFact: Sendable, Equatable, Codable {
    public var fact: String
    /// The count; nil for a fact stated in words (`assessment_result`: 合格).
    public var value: Double?
    /// `1000 余条`: at least this much, not exactly.
    public var approximate: Bool
    public var sentence: String
    /// The words of a result (考核 合格, 评议 满意); nil for a count.
    public var result: String?

    public init(fact: String, value: Double?, approximate: Bool, sentence: String, result: String? = nil) {
        self.fact = fact
        self.value = value
        self.approximate = approximate
        self.sentence = sentence
        self.result = result
    }
}

/// Reads the counts researchers quote out of a report's prose. Each fact has the phrasings it is
/// stated in (`主动公开各类信息125条`, `累计以各种方式公开信息 1000 余条`, `向社会公布各类政府信息38条`);
/// the first statement in the text wins. A statement that nothing happened (`未收到…申请`) is 0.
///
///     Facts.extract(from: "2023年，我市全年累计受理依申请公开件292件。").first?.value  // 292
public enum Facts {
    struct Pattern {
        var fact: String
        var words: [String]
        var units: String
        /// Characters that may stand between the words and the count, within the clause
        /// (`全年主动公开政府文件、通知公告等信息202条`).
        var gap = 0
        /// What the words between must end with for a count after a gap: a count of information in general
        /// (`…等各类信息202条`; `主动公开规章13件` is one kind of it, not the total), of requests (`…提出的政府信息公开申请11件`).
        var gapEnds = ["信息"]
        /// The sentence must be about this (one of these words); a count whose part of the sentence is about another
        /// subject is not read (`aboutAnother`): `共受理申请121510件` in a sentence on the 政务服务中心 is no disclosure request.
        var subject: [String] = []
        var otherSubjects: [String] = []
        /// Words that, right before the pattern's word, make it another fact: `上年结转10件` is carried over from
        /// the year before, not forward.
        var notAfter: [String] = []
    }

    /// What other counts of applications, requests and cases are about.
    static let otherSubjects = ["审批", "政务服务", "便民服务", "12345", "热线", "信访", "投诉", "办件", "行政许可", "不动产", "诉求"]

    static let links = ["共计", "累计", "共", "达到", "达", "约", "了", "为"]

    static let patterns: [Pattern] = [
        Pattern(fact: "active_disclosure_items", words: [
            "主动公开政府信息", "主动公开各类政府信息", "主动公开各类信息", "主动公开信息", "发布政府信息公开", "公布各类政府信息",
            "公开各类政府信息", "累计发布信息", "发布各类信息", "公开政府信息", "以各种方式公开信息", "公开信息",
            "全年主动公开", "主动公开", "公开各类信息", "发布各类政务信息", "公开各类政务信息", "发布政务信息", "公开政务信息",
        ], units: "条件", gap: 24),
        Pattern(fact: "applications_in_prose", words: [
            "受理政府信息公开申请", "收到政府信息公开申请", "受理依申请公开件", "受理依申请公开申请", "收到依申请公开申请",
            "受理依申请", "收到依申请", "受理申请", "收到申请", "受理", "收到", "新收", "接收", "接到", "办理",
        ], units: "件个", gap: 24, gapEnds: ["公开申请", "依申请公开", "依申请公开件"], subject: ["公开", "申请"], otherSubjects: otherSubjects),
        Pattern(fact: "policy_interpretations", words: ["发布政策解读", "政策解读稿件", "解读政策", "政策解读", "解读材料"], units: "篇条件期次"),
        Pattern(fact: "training_sessions", words: ["组织培训", "开展培训", "举办培训", "培训会", "培训班", "累计培训", "培训"], units: "次场期"),
        Pattern(fact: "training_attendees", words: ["培训人数", "培训人员", "参训人员", "参训人数", "培训干部", "参加培训"], units: "人"),
        Pattern(fact: "processing_fees", words: ["信息处理费", "处理费"], units: "元"),
        Pattern(fact: "applications_concluded", words: ["办结依申请公开", "答复政府信息公开申请", "办结政府信息公开申请", "办结", "答复"], units: "件",
                subject: ["公开", "申请"], otherSubjects: otherSubjects),
        Pattern(fact: "applications_carried_forward", words: ["结转下年度办理", "结转下年度", "结转到下一年度", "结转至下年度", "结转至", "结转"], units: "件",
                notAfter: ["上年", "上年度", "上一年", "上一年度", "去年", "往年", "以前年度"]),
        Pattern(fact: "media_accounts", words: ["开设政务新媒体账号", "开设政务新媒体", "政务新媒体账号", "政务新媒体平台", "开通政务新媒体"], units: "个"),
        Pattern(fact: "media_accounts_closed", words: ["关停整合", "关停", "注销"], units: "个"),
    ]

    static let indexes = patterns.map { Prose.WordIndex($0.words) }
    /// The patterns with a word starting with each scalar.
    static let anyFirst: Prose.ScalarSet = {
        var set = Prose.ScalarSet()
        for index in indexes { for first in index.byFirst.keys { set.insert(first) } }
        return set
    }()
    static let patternsByFirst: [UInt32: [Int]] = {
        var map: [UInt32: [Int]] = [:]
        for (p, index) in indexes.enumerated() { for first in index.byFirst.keys { map[first, default: []].append(p) } }
        return map
    }()

    /// Facts also stated count first.
    static let reversed: [(fact: String, words: [String])] = [
        ("applications_concluded", ["已办结", "办结"]), ("applications_carried_forward", ["结转", "顺延"]),
    ]

    /// Statements that a count is nil: `未收到…申请`, `没有收到…申请`.
    static let nothing: [(fact: String, opening: String, noun: String)] = [
        ("applications_in_prose", "未收到", "申请"), ("applications_in_prose", "没有收到", "申请"),
        ("applications_in_prose", "无依申请", "申请"), ("processing_fees", "未收取", "处理费"), ("processing_fees", "无收取", "处理费"),
    ]

    public static func extract(from text: String, year: Int? = nil) -> [ProseFact] {
        extract(sentences: Prose.sentences(text), year: year)
    }

    /// The same, from sentences already split (`Prose.sentences`). `year`: the year reported on, to tell `2022年结转5件`
    /// (carried over from the year before, in a report on 2023) from carried forward.
    public static func extract(sentences: [String], year: Int? = nil) -> [ProseFact] {
        // Facts by their pattern's index: looked up per sentence without hashing the fact's name.
        var found = [ProseFact?](repeating: nil, count: patterns.count)
        // Whether a fact is found, asked without copying it out of `found`.
        var known = [Bool](repeating: false, count: patterns.count)
        var started = [Bool](repeating: false, count: patterns.count)
        // A count stated for one channel (`在门户网站发布政务信息500条`, a media account's posts) stands until a count for
        // no one channel: later, anywhere (`全年主动公开政府信息1200条`), or in its sentence a total (`，合计…800条`).
        var channelOnly = [Bool](repeating: false, count: patterns.count)
        func counts(in sentence: String) {
            let chars = sentence.scalarArray
            // Only the patterns with a word starting somewhere in this sentence are scanned.
            for p in started.indices { started[p] = false }
            for c in chars where anyFirst.contains(c.value) { if let ps = patternsByFirst[c.value] { for p in ps { started[p] = true } } }
            func settle(_ p: Int, at i: Int, _ q: (Double, approximate: Bool, end: Int)) {
                let (channel, total) = p == activeTotal ? Self.scope(chars, before: i, count: q) : (false, false)
                guard !known[p] || (channelOnly[p] && !channel && (total || found[p]!.sentence != sentence)) else { return }
                found[p] = ProseFact(fact: patterns[p].fact, value: q.0, approximate: q.approximate, sentence: sentence)
                known[p] = true
                channelOnly[p] = channel
            }
            for (p, (pattern, index)) in zip(patterns, indexes).enumerated() where started[p] && (!known[p] || channelOnly[p]) {
                if !pattern.subject.isEmpty {
                    guard pattern.subject.contains(where: { sentence.has($0) }) else { continue }
                }
                scan: for i in chars.indices {
                    guard let word = index.match(chars, at: i) else { continue }
                    // A count about another subject (`12345热线受理群众诉求517件，办结6113件`, `共受理申请121510件，均为政务服务
                    // 事项`): that subject named in its part of the sentence (between ；), unless the words say 公开 themselves
                    // or a word of disclosure follows the subject before them; a count after a gap always names 公开申请.
                    func another() -> Bool {
                        !pattern.otherSubjects.isEmpty && Self.aboutAnother(chars, at: i, others: pattern.otherSubjects)
                            && !word.word.has("公开") && !word.word.has("依申请")
                    }
                    if pattern.notAfter.contains(where: { w in i >= w.unicodeScalars.count && chars[(i - w.unicodeScalars.count)..<i].elementsEqual(w.unicodeScalars) }) { continue }
                    // `2022年结转5件`: carried from that year; forward only when it is the year reported on.
                    if pattern.fact == "applications_carried_forward", let stated = Self.yearBefore(chars, i), stated != year { continue }
                    var j = i + word.length
                    while let link = Prose.firstMatch(links, chars, at: j) { j += link.length }
                    while j < chars.count, chars[j] == " " { j += 1 }
                    // 结转至2026年6件: a year between the words and the count.
                    if let year = Prose.quantity(chars, at: j), year.end < chars.count, chars[year.end] == "年", (1990...2100).contains(year.0) {
                        j = year.end + 1
                    }
                    if let q = Prose.quantity(chars, at: j), q.end < chars.count, pattern.units.unicodeScalars.contains(chars[q.end]) {
                        if another() { continue }
                        settle(p, at: i, q)
                        if !channelOnly[p] { break scan } else { continue }
                    }
                    // Words, then what was disclosed, then the count: the first count in the clause with the unit.
                    guard pattern.gap > 0 else { continue }
                    var k = j
                    while k < chars.count, k - j <= pattern.gap, !"，,；;。：:".unicodeScalars.contains(chars[k]) {
                        if Prose.isDigit(chars[k]), k == 0 || !Prose.isDigit(chars[k - 1]), let q = Prose.quantity(chars, at: k) {
                            // Only a count of information in general (`…等各类信息202条`): `主动公开规章13件` is one
                            // kind of it, not the total.
                            var before = Prose.text(chars[j..<k])
                            for link in links where before.hasSuffix(link) { before = String(before.dropLast(link.count)); break }
                            let what = before.trimmingSpaces()
                            // `办理上年结转的政府信息公开申请3件` are not this year's requests.
                            guard q.end < chars.count, pattern.units.unicodeScalars.contains(chars[q.end]),
                                  pattern.gapEnds.contains(where: { what.hasSuffix($0) }), !what.contains("结转") else { break }
                            settle(p, at: i, q)
                            if !channelOnly[p] { break scan } else { continue scan }
                        }
                        k += 1
                    }
                }
            }
            // The counts of 件 in the sentence, in order (read once, for every pattern that looks before its words).
            var countsOfJian: [(Double, approximate: Bool, end: Int)]?
            for (r, (p, words)) in reversedPatterns.enumerated() where !known[p] {
                if countsOfJian == nil {
                    countsOfJian = chars.indices.compactMap { i in
                        guard Prose.isDigit(chars[i]) && (i == 0 || !Prose.isDigit(chars[i - 1])), let q = Prose.quantity(chars, at: i),
                              q.end < chars.count, chars[q.end] == "件" else { return nil }
                        return q
                    }
                }
                // The count before the words: `281件已办结`, `1件结转下年度继续办理`.
                for q in countsOfJian! where words.contains(where: { Prose.matches($0, chars, at: q.end + 1) }) {
                    found[p] = ProseFact(fact: reversed[r].fact, value: q.0, approximate: q.approximate, sentence: sentence)
                    known[p] = true
                    break
                }
            }
        }
        for sentence in sentences where !sentence.containsByte(0x09) {
            if ParseBudget.exhausted { break }
            // A count needs a digit: a sentence without one can only state that nothing happened.
            if sentence.containsDigit { counts(in: sentence) }
            for (n, p) in nothingPatterns.enumerated() where !known[p] {
                let none = nothing[n]
                if let open = sentence.utf8Range(of: none.opening), sentence[open.upperBound...].has(none.noun) {
                    found[p] = ProseFact(fact: none.fact, value: 0, approximate: false, sentence: sentence)
                    known[p] = true
                }
            }
        }
        var out = found.compactMap { $0 }
        if let total = found[patterns.firstIndex { $0.fact == "active_disclosure_items" }!] {
            out += breakdown(of: total, in: sentences)
        }
        return out + results(in: sentences) + outcomes(in: sentences)
    }

    /// How the requests were answered and how the cases ended, as the prose states them, each word with the count
    /// right after it (`予以公开及部分公开258件`, `不予公开35件`, `信息公开类行政复议7件，诉讼9件，均获维持`): the facts
    /// `results.<kind>`, `review_cases`, `litigation_cases`, and `cases_all_upheld` (result 维持) when the sentence
    /// stating the cases says they were all upheld. Longer words first, each consumed, so `部分公开` inside
    /// `予以公开及部分公开` is not read again; the cases only in a sentence about 公开.
    static let outcomeWords: [(fact: String, words: [String], cases: Bool)] = [
        ("results.granted_or_partial", ["予以公开及部分公开", "予以公开和部分公开", "全部或部分公开", "全部公开和部分公开", "公开和部分公开", "公开及部分公开"], false),
        ("results.partially_granted", ["部分公开"], false),
        ("results.denied", ["不予公开"], false),
        ("results.granted", ["予以公开", "同意公开"], false),
        ("results.unable", ["无法提供"], false),
        ("results.not_processed", ["不予处理"], false),
        ("results.other", ["其他处理"], false),
        ("review_cases", ["行政复议案件", "行政复议"], true),
        ("litigation_cases", ["行政诉讼案件", "行政诉讼", "诉讼案件", "诉讼"], true),
    ]
    static let allUpheld = ["均获维持", "均被维持", "均予维持", "均维持", "全部维持", "全部获得维持"]

    /// The outcome words, longest first, each with its kind.
    static let orderedOutcomeWords = outcomeWords.enumerated().flatMap { k, kind in kind.words.map { (k, Array($0.unicodeScalars)) } }
        .sorted { $0.1.count > $1.1.count }
    static let outcomeFirsts: Prose.ScalarSet = {
        var set = Prose.ScalarSet()
        for (_, word) in orderedOutcomeWords { set.insert(word[0].value) }
        return set
    }()

    static func outcomes(in sentences: [String]) -> [ProseFact] {
        let ordered = orderedOutcomeWords
        var found = [ProseFact?](repeating: nil, count: outcomeWords.count)
        var known = [Bool](repeating: false, count: outcomeWords.count)
        var upheld: ProseFact?
        for sentence in sentences where !sentence.containsByte(0x09) && sentence.containsDigit {
            if ParseBudget.exhausted { break }
            // No character that starts a word: no word (a scan of the scalars, not one search a word).
            guard sentence.unicodeScalars.contains(where: { outcomeFirsts.contains($0.value) }) else { continue }
            lazy var aboutDisclosure = sentence.has("公开")
            let chars = sentence.scalarArray
            var i = 0
            while i < chars.count {
                guard outcomeFirsts.contains(chars[i].value), let (k, word) = ordered.first(where: { Prose.matches($0.1, chars, at: i) }) else {
                    i += 1
                    continue
                }
                i += word.count
                guard !known[k], !outcomeWords[k].cases || aboutDisclosure else { continue }
                var j = i
                while j < chars.count, chars[j] == " " || "共计为了的".unicodeScalars.contains(chars[j]) { j += 1 }
                guard let q = Prose.quantity(chars, at: j), q.end < chars.count,
                      (outcomeWords[k].cases ? "件起宗" : "件").unicodeScalars.contains(chars[q.end]) else { continue }
                found[k] = ProseFact(fact: outcomeWords[k].fact, value: q.0, approximate: q.approximate, sentence: sentence)
                known[k] = true
                if outcomeWords[k].cases, upheld == nil, allUpheld.contains(where: { sentence.has($0) }) {
                    upheld = ProseFact(fact: "cases_all_upheld", value: nil, approximate: false, sentence: sentence, result: "维持")
                }
            }
        }
        return found.compactMap { $0 } + (upheld.map { [$0] } ?? [])
    }

    /// Whether the part of the sentence holding `i` (between ；) names another subject: after `i`, or before it with no
    /// word of disclosure (公开, 依申请) between.
    static func aboutAnother(_ chars: [Unicode.Scalar], at i: Int, others: [String]) -> Bool {
        var start = i, end = i
        while start > 0, !"；;。".unicodeScalars.contains(chars[start - 1]) { start -= 1 }
        while end < chars.count, !"；;。".unicodeScalars.contains(chars[end]) { end += 1 }
        let before = Prose.text(chars[start..<i]), after = Prose.text(chars[i..<end])
        if others.contains(where: { after.has($0) }) { return true }
        guard let other = others.compactMap({ before.lastUTF8Offset(of: $0) }).max() else { return false }
        let disclosure = ["公开", "依申请"].compactMap { before.lastUTF8Offset(of: $0) }.max()
        return disclosure.map { $0 < other } ?? true
    }

    /// The year printed right before `i` (`2022年`, `2022年度`), if any.
    static func yearBefore(_ chars: [Unicode.Scalar], _ i: Int) -> Int? {
        var end = i
        if end > 0, chars[end - 1] == "度" { end -= 1 }
        guard end >= 5, chars[end - 1] == "年", chars[(end - 5)..<(end - 1)].allSatisfy(Prose.isDigit) else { return nil }
        return Int(Prose.text(chars[(end - 5)..<(end - 1)]))
    }

    static let activeTotal = patterns.firstIndex { $0.fact == "active_disclosure_items" }!

    static let channels = ["网站", "网页", "平台", "公众号", "微博", "微信", "抖音", "头条", "视频号", "新媒体", "客户端", "栏目", "专栏",
                           "公开栏", "报纸", "电视"]

    static let totalling = ["共计", "共主动", "共公开", "共发布", "合计", "总计", "累计", "各种方式", "各类渠道", "等渠道", "等平台", "等方式"]

    /// Whether a count is for one channel: its clause names one (`在门户网站`, `通过微信公众号`) and no all-channel words
    /// (`各种方式`, `等渠道`), or its sentence names a new-media account (that account's posts).
    static func scope(_ chars: [Unicode.Scalar], before i: Int, count q: (Double, approximate: Bool, end: Int)) -> (channel: Bool, total: Bool) {
        var start = i
        while start > 0, !"，,；;。".unicodeScalars.contains(chars[start - 1]) { start -= 1 }
        let clause = Prose.text(chars[start..<min(q.end, chars.count)])
        let all = ["各种方式", "各类渠道", "等渠道", "等平台", "等方式"].contains { clause.has($0) }
        let channel = !all && (channels.contains { clause.has($0) } || NewMedia.mentions(Prose.text(chars[...])).contains { $0.name != nil })
        return (channel, !channel && totalling.contains { clause.has($0) })
    }

    /// The pattern of each fact stated count first, and of each statement that a count is nil.
    static let reversedPatterns = reversed.map { r in (patterns.firstIndex { $0.fact == r.fact }!, r.words) }
    static let nothingPatterns = nothing.map { n in patterns.firstIndex { $0.fact == n.fact }! }

    /// Results stated in words: the agency's grade in its superior's 考核 (`assessment_result`: 优秀, 良好,
    /// 合格 …) and the public's verdict in 评议 (`appraisal_result`: 满意 …). A grade counts only when
    /// the text links it to the word (`考核…等次为:合格`, `评议结果为满意`, `考核中被评为优秀`): a
    /// sentence that only mentions 考核 (`纳入年度考核范围`) states no result. `满意率`/`满意度` are rates, not results.
    static let resultKinds: [(fact: String, words: [String], grades: [String])] = [
        ("assessment_result", ["考核", "考评", "绩效评估"], ["基本合格", "不合格", "合格", "优秀", "良好", "较好", "一般", "先进"]),
        ("appraisal_result", ["评议"], ["非常满意", "比较满意", "基本满意", "较满意", "不满意", "满意", "优秀", "良好"]),
    ]
    static let resultLinks = Set("为是获评次级果定:“ ".unicodeScalars)

    static func results(in sentences: [String]) -> [ProseFact] {
        var out: [ProseFact] = []
        for kind in resultKinds {
            search: for sentence in sentences where kind.words.contains(where: { sentence.has($0) }) {
                if ParseBudget.exhausted { break }
                let chars = sentence.scalarArray
                for i in chars.indices where kind.words.contains(where: { Prose.matches($0, chars, at: i) }) {
                    // The grade: within the clause after the word (up to 30 characters, not past ；or 。).
                    let end = min(chars.count, i + 32)
                    var j = i + 2
                    while j < end, !"；;。".unicodeScalars.contains(chars[j]) {
                        if let grade = kind.grades.first(where: { Prose.matches($0, chars, at: j) }), resultLinks.contains(chars[j - 1]) {
                            let after = j + grade.unicodeScalars.count
                            if after < chars.count, "率度".unicodeScalars.contains(chars[after]) { j += 1; continue }
                            out.append(ProseFact(fact: kind.fact, value: nil, approximate: false, sentence: sentence, result: grade))
                            break search
                        }
                        j += 1
                    }
                }
            }
        }
        return out
    }

    /// The parts of the 主动公开 total: `其中工作动态38条,法定主动公开信息16条…` in its sentence or the next,
    /// as facts `active_disclosure_items.<part>`.
    static func breakdown(of total: ProseFact, in sentences: [String]) -> [ProseFact] {
        guard let at = sentences.firstIndex(of: total.sentence) else { return [] }
        let candidates = [sentences[at]] + (at + 1 < sentences.count ? [sentences[at + 1]] : [])
        guard let sentence = candidates.first(where: { $0.has("其中") }),
              let start = sentence.utf8Range(of: "其中")?.upperBound else { return [] }
        var parts: [ProseFact] = []
        for clause in sentence[start...].split(whereSeparator: { "，,、；;".contains($0) }) {
            let chars = Array(clause.trimmingCharacters(in: " :：").unicodeScalars)
            guard let digit = chars.firstIndex(where: Prose.isDigit), digit >= 2,
                  chars[..<digit].allSatisfy({ MetadataExtractor.isHan($0) || "“”《》".unicodeScalars.contains($0) }),
                  let q = Prose.quantity(chars, at: digit), q.end < chars.count, "条件篇".unicodeScalars.contains(chars[q.end]) else { continue }
            parts.append(ProseFact(fact: "active_disclosure_items." + Prose.text(chars[..<digit]), value: q.0, approximate: q.approximate,
                                   sentence: sentence))
        }
        return parts
    }
}
