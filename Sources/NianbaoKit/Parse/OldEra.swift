import Foundation

/// Reports of 2008–2018, under the 2007 条例: no fixed form. Their figures (`spec/fields-2008.tsv`, table `old`) are
/// read from the 政府信息公开情况统计表 of 2014–2018 (指标名称 / 计量单位 / 本年度 / 历年累计: the year's column, never
/// the cumulative one) and, for what the table does not give, from the prose (`全年共受理政府信息公开申请12件，其中同意
/// 公开10件…`). A figure the report does not state is `missing`, not 0; `未收到…申请` states 0.
///
///     OldEra.read("…全年共受理政府信息公开申请12件，其中同意公开10件…").cells  // applications_received 12, replies_granted 10, …
public enum OldEra {
    /// The sections of an old-era report, by the words of their headings, whatever their numbering (一、概述 … 七、其他).
    static let headings: [(section: String, keywords: [String])] = [
        ("overview", ["概述", "总体情况", "概况", "基本情况"]),
        ("active", ["主动公开"]),
        ("requests", ["依申请公开", "依申请", "申请公开"]),
        ("fees", ["收费", "减免"]),
        ("review", ["行政复议", "行政诉讼", "申诉", "复议"]),
        ("problems", ["存在的主要问题", "存在问题", "主要问题", "问题及改进", "问题和改进", "不足"]),
        ("other", ["其他需要报告", "其他事项", "其他需要说明"]),
    ]

    static let numerals = Array("一二三四五六七八九十".unicodeScalars)

    /// The old-era sections found, by name: a heading is a Chinese numeral and `、` at a line's start (or after a
    /// sentence's end), then one of the section's words within 24 characters (spaces not counted).
    static func sections(_ text: String) -> [String: Range<String.Index>] {
        var found: [String: Range<String.Index>] = [:]
        var cursor = text.startIndex
        var remaining = headings
        while let comma = text[cursor...].firstIndex(of: "、") {
            defer { cursor = text.index(after: comma) }
            guard comma > text.startIndex else { continue }
            let before = text.index(before: comma)
            guard let scalar = text[before].unicodeScalars.first, numerals.contains(scalar) else { continue }
            let start = before == text.startIndex ? before : text.index(before: before)
            guard start == before || "\n 。：:".contains(text[start]) || start == text.startIndex else { continue }
            let window = String(text[comma...].prefix(24).filter { $0 != " " && $0 != "\u{3000}" })
            // A section not found yet, whatever its place (reports order them differently: 复议 before 收费).
            guard let at = remaining.firstIndex(where: { h in h.keywords.contains { window.contains($0) } }) else { continue }
            found[remaining[at].section] = before..<text.index(after: comma)
            remaining.remove(at: at)
            if remaining.isEmpty { break }
        }
        return found
    }

    /// A section's text after its heading, to the next heading found.
    static func body(_ text: String, _ found: [String: Range<String.Index>], _ name: String) -> Substring? {
        guard let heading = found[name] else { return nil }
        let end = found.values.map(\.lowerBound).filter { $0 > heading.lowerBound }.min() ?? text.endIndex
        return text[heading.upperBound..<end]
    }

    /// Whether the text reads as a report of the 2007 条例's era: a 统计表 of the old kind, or its sections and words.
    static func looksOld(_ text: String) -> Bool {
        if text.contains("历年累计") || text.contains("指标名称") && text.contains("计量单位") { return true }
        let old = ["同意公开答复", "同意部分公开", "不同意公开", "非本机关掌握", "信息不存在", "收费及减免", "收费和减免", "信息公开的收费"]
        return sections(text).count >= 3 && old.contains { text.contains($0) }
    }

    // MARK: Reading

    struct TableLabel { var key: String; var labels: [String]; var notAfter: String = "" }

    /// The 统计表's row labels for each figure (first found wins; `notAfter`: a character that may not precede the
    /// label, `不` before `同意公开答复数`).
    static let tableLabels: [TableLabel] = [
        TableLabel(key: "active_disclosure_items", labels: ["主动公开政府信息数", "主动公开政府信息条数", "主动公开信息数", "主动公开信息条数"]),
        TableLabel(key: "normative_docs_issued", labels: ["制发规范性文件总数", "制发规范性文件数"]),
        TableLabel(key: "applications_received", labels: ["收到申请数", "受理申请数", "受理申请总数", "申请总数"], notAfter: "议讼"),
        TableLabel(key: "replies_total", labels: ["申请答复数", "对申请的答复总数", "申请答复总数", "答复总数", "申请办结数"]),
        TableLabel(key: "replies_already_public", labels: ["属于已主动公开范围数"]),
        TableLabel(key: "replies_granted", labels: ["同意公开答复数", "同意公开数", "同意公开"], notAfter: "不分"),
        TableLabel(key: "replies_partially_granted", labels: ["同意部分公开答复数", "同意部分公开数"]),
        TableLabel(key: "replies_denied", labels: ["不同意公开答复数", "不予公开答复数", "不同意公开数", "不予公开数"]),
        TableLabel(key: "replies_not_this_agency", labels: ["不属于本行政机关公开数", "不属于本机关公开数", "非本机关掌握数"]),
        TableLabel(key: "replies_not_exist", labels: ["申请信息不存在数", "信息不存在数"]),
        TableLabel(key: "replies_unclear", labels: ["告知作出更改补充数", "申请内容不明确数"]),
        TableLabel(key: "replies_other", labels: ["告知通过其他途径办理数", "其他类型答复数"]),
        TableLabel(key: "review_total", labels: ["行政复议数量", "行政复议数"]),
        TableLabel(key: "suit_total", labels: ["行政诉讼数量", "行政诉讼数"]),
        TableLabel(key: "complaints", labels: ["举报投诉数量", "举报投诉数", "申诉数"]),
        TableLabel(key: "fees_wan_yuan", labels: ["依申请公开信息收取的费用", "依申请公开信息收取费用"]),
    ]

    /// A row of the 统计表 and the rows under it that add up to it, in both columns (`_` keys: rows that are no figure
    /// of ours); `end`: the labels that close the group.
    struct Group { var total: String; var labels: [String]; var end: [String]; var rows: [TableLabel] }

    static let groups: [Group] = [
        Group(total: "review_total", labels: ["行政复议数量", "行政复议数"], end: ["行政诉讼", "举报投诉", "收取的费用"], rows: [
            TableLabel(key: "review_upheld", labels: ["维持具体行政行为数", "维持数"]),
            TableLabel(key: "review_corrected", labels: ["被依法纠错数", "纠错数"]),
            TableLabel(key: "_review_other", labels: ["其他情形数"]),
        ]),
        Group(total: "suit_total", labels: ["行政诉讼数量", "行政诉讼数"], end: ["举报投诉", "收取的费用", "申诉"], rows: [
            TableLabel(key: "_suit_upheld", labels: ["驳回原告诉讼请求数", "维持具体行政行为数"]),
            TableLabel(key: "_suit_corrected", labels: ["被依法纠错数"]),
            TableLabel(key: "_suit_other", labels: ["其他情形数"]),
        ]),
        Group(total: "applications_received", labels: ["收到申请数"], end: ["办结数", "答复数"], rows: [
            TableLabel(key: "_apply_in_person", labels: ["当面申请数"]),
            TableLabel(key: "_apply_fax", labels: ["传真申请数"]),
            TableLabel(key: "_apply_online", labels: ["网络申请数", "网上申请数"]),
            TableLabel(key: "_apply_letter", labels: ["信函申请数"]),
        ]),
    ]

    /// The sums the settling of glued rows may use: each group's, and the eight kinds of answer to 申请答复数.
    static let sums: [(total: String, parts: [String])] = [("replies_total", Fields.oldReplies)] + groups.map { ($0.total, $0.rows.map(\.key)) }

    public struct Output: Sendable {
        public var cells: [Cell] = []
        public var findings: [Finding] = []
    }

    /// `found`: the text's `sections`, when the caller has them.
    public static func read(_ text: String, sections found: [String: Range<String.Index>]? = nil) -> Output {
        var values: [String: Cell] = [:]
        var findings: [Finding] = []
        let table = tableRange(text)
        let prose = table.map { String(text[..<$0.lowerBound]) + "\n" + String(text[$0.upperBound...]) } ?? text
        var cumulativeStated: [(key: String, value: Double)] = []
        let stated = proseValues(prose, cumulative: &cumulativeStated)
        if let table {
            let body = text[table]
            // Two value columns (本年度, 历年累计) when the header names the cumulative one.
            let hasCumulative = body.prefix(120).contains("累计")
            var glued: [Glued] = []
            func take(_ key: String, _ reading: TableReading?) {
                switch reading {
                case .cell(let cell)?: values[key] = cell
                case .glued(let run, let candidates)?: glued.append(Glued(key: key, run: run, candidates: candidates))
                case nil: break
                }
            }
            for label in tableLabels {
                take(label.key, tableValue(body, label, hasCumulative: hasCumulative))
            }
            // The rows of a group (复议's 维持, 纠错, 其他情形; 收到申请's ways of applying): searched within the group,
            // the figures of ours and the others that complete the group's sum (keys starting `_`, not kept).
            for group in groups {
                guard let start = firstLabel(body, group.labels, notAfter: "") else { continue }
                let end = group.end.compactMap { firstLabel(body[start.upperBound...], [$0], notAfter: "")?.lowerBound }.min() ?? body.endIndex
                let part = body[start.upperBound..<end]
                for row in group.rows where values[row.key] == nil && !glued.contains(where: { $0.key == row.key }) {
                    take(row.key, tableValue(part, row, hasCumulative: hasCumulative))
                }
            }
            // A blank cell leaves no trace in a run: a run that is itself a number may be either column alone, the
            // other left blank, and only the prose or the table's sums can rule that out.
            for i in glued.indices {
                guard let whole = splitValue(glued[i].run[...], decimals: glued[i].key == "fees_wan_yuan") else { continue }
                glued[i].candidates += [Split(year: nil, total: whole), Split(year: whole, total: nil)]
            }
            let settled = settle(glued, prose: stated, cumulative: cumulativeStated)
            for row in glued where !row.key.hasPrefix("_") {
                if let chosen = settled[row.key] {
                    values[row.key] = Cell(table: .old, row: row.key, value: chosen.year, status: chosen.year == nil ? .blank : .split)
                } else {
                    values[row.key] = Cell(table: .old, row: row.key, value: nil, status: .ambiguous)
                    let readings = Array(Set(row.candidates.map { $0.year.map(formatNumber) ?? "空白" })).sorted()
                    findings.append(Finding(
                        rule: .parseAmbiguous, severity: .uncertain, table: "old", row: row.key, expected: readings.joined(separator: "|"),
                        message: "统计表“\(Form.label(.old, row: row.key))”行的“\(row.run)”无法确定本年度与历年累计两栏的分界，本年度可能为"
                            + (readings.isEmpty ? "（无合理拆分）" : readings.joined(separator: "或")) + "，未予采用"))
                }
            }
        }
        // A section on fees or on reviews and suits that says only 无: none.
        let found = found ?? sections(text)
        for (section, keys) in [("fees", ["fees_wan_yuan"]), ("review", ["review_total", "suit_total"])] {
            // The heading's own line is its title; the body is what follows it.
            guard let section = body(text, found, section), let lineEnd = section.firstIndex(of: "\n") else { continue }
            let body = section[lineEnd...].filter { !$0.isWhitespace && !"。.；;".contains($0) }
            if ["无", "没有", "本年度无", "无此类情况", "无相关情况", "无此情况", "无该类情况"].contains(body) {
                for key in keys where values[key] == nil { values[key] = Cell(table: .old, row: key, value: 0, status: .ok) }
            }
        }
        // The prose (outside the table) for what the table does not give; a prose figure against the table's is a doubt.
        for (key, value, sentence) in stated {
            if let cell = values[key] {
                // A blank cell against a stated 0 agrees; against any other number, or a number against another, not.
                let disagrees = cell.status == .blank ? value != 0 : (cell.status == .ok || cell.status == .split) && cell.value != value
                if disagrees {
                    findings.append(Finding(
                        rule: .parseAmbiguous, severity: .uncertain, table: "old", row: key,
                        expected: [cell.value.map(formatNumber) ?? "", formatNumber(value)].joined(separator: "|"),
                        message: "“\(Form.label(.old, row: key))”统计表填报\(cell.value.map(formatNumber) ?? "空白")，正文称\(formatNumber(value))（“\(sentence.prefix(40))”），两者不一致，未予采用"))
                    values[key] = Cell(table: .old, row: key, value: nil, status: .ambiguous)
                }
                continue
            }
            values[key] = Cell(table: .old, row: key, value: value, status: .ok)
        }
        var out = Output()
        out.cells = Fields.old.map { values[$0] ?? Cell(table: .old, row: $0, value: nil, status: .missing) }
        out.findings = findings
        return out
    }

    /// The 统计表: from its title or its header (指标名称) to the text's end or the next section heading after it.
    static func tableRange(_ text: String) -> Range<String.Index>? {
        guard let start = text.range(of: "指标名称")?.lowerBound ?? text.range(of: "信息公开情况统计表")?.lowerBound
                ?? (text.contains("历年累计") ? text.range(of: "主动公开政府信息数")?.lowerBound : nil) else { return nil }
        return start..<text.endIndex
    }

    static func firstLabel(_ text: Substring, _ labels: [String], notAfter: String) -> Range<String.Index>? {
        for label in labels {
            var cursor = text.startIndex
            while let hit = text[cursor...].range(of: label) {
                cursor = hit.upperBound
                if hit.lowerBound > text.startIndex, notAfter.contains(text[text.index(before: hit.lowerBound)]) { continue }
                return hit
            }
        }
        return nil
    }

    static let units = ["万元", "条", "件", "个", "次", "人次", "元"]
    static let delimiters: Set<Character> = ["\t", "|", "│", "┃"]

    /// One reading of a row's two columns; nil: the cell left blank.
    struct Split: Equatable { var year: Double?; var total: Double? }

    /// A row of the 统计表 whose year's cell the text leaves open, with the readings it allows.
    struct Glued { var key: String; var run: String; var candidates: [Split] }

    enum TableReading {
        case cell(Cell)
        /// The year's and the cumulative value run together (`561`: 5 and 61, or 56 and 1): the ways to split them.
        case glued(run: String, candidates: [Split])
    }

    /// The year's value of one row of the 统计表: the first cell after the label and its unit.
    static func tableValue(_ text: Substring, _ label: TableLabel, hasCumulative: Bool) -> TableReading? {
        guard let hit = firstLabel(text, label.labels, notAfter: label.notAfter) else { return nil }
        let line = text[hit.upperBound...].prefix { $0 != "\n" }
        var rest = Substring(line)
        // The label's own note: `（不同渠道和方式公开相同信息计1条）`.
        if rest.first == "(", let close = rest.firstIndex(of: ")") { rest = rest[rest.index(after: close)...] }
        func cell(_ value: Double?, _ status: CellStatus) -> TableReading { .cell(Cell(table: .old, row: label.key, value: value, status: status)) }
        let isAmount = label.key == "fees_wan_yuan"
        if rest.contains(where: { delimiters.contains($0) }) {
            // Cells apart: skip what is left of the label and the unit cell; the next is the year's.
            var parts = rest.split(omittingEmptySubsequences: false) { delimiters.contains($0) }.map { $0.trimmingCharacters(in: .whitespaces) }
            if parts.first.map({ $0.isEmpty || !$0.contains(where: \.isNumber) }) == true { parts.removeFirst() }
            if let first = parts.first, units.contains(first) || first.isEmpty && parts.count > 2 { parts.removeFirst() }
            guard let year = parts.first else { return nil }
            if year.isEmpty || year == "-" || year == "—" || year == "/" { return cell(nil, .blank) }
            guard let value = number(year[...]) else { return nil }
            return cell(value, .ok)
        }
        // Whether a space stands where a cell boundary would (between the unit and the number, or the label and the
        // number when no unit is printed): then a run of digits is one cell.
        var spaced = rest.first == " "
        rest = rest.drop { $0 == " " }
        if rest.isEmpty {
            // One cell per line (a crawled page): the unit's line, then the year's value; with a cumulative column, the
            // year's is taken only when the cumulative follows it (a blank cell leaves no line, and the one number
            // then left could be either).
            var lines: [String] = text[line.endIndex...].split(separator: "\n").lazy.map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { !$0.isEmpty }.prefix(4).map { $0 }
            if let note = lines.first, note.hasPrefix("("), note.hasSuffix(")") { lines.removeFirst() }
            if let unit = lines.first, units.contains(unit) { lines.removeFirst() }
            func value(_ cell: String?) -> Double? {
                guard let cell, !cell.isEmpty, cell.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == ".") }) else { return nil }
                return isAmount || !cell.contains(".") ? Double(cell) : nil
            }
            guard let year = value(lines.first) else { return nil }
            if hasCumulative && value(lines.dropFirst().first) == nil {
                return .glued(run: lines[0], candidates: [])   // one number under two columns
            }
            return cell(year, .ok)
        }
        // Cells run together in one line of text: the unit, then the year's number and perhaps the cumulative one.
        for unit in units.sorted(by: { $0.count > $1.count }) where rest.hasPrefix(unit) {
            rest = rest.dropFirst(unit.count)
            spaced = rest.first == " "
            break
        }
        rest = rest.drop { $0 == " " }
        var digits = rest.prefix { $0.isASCII && ($0.isNumber || $0 == ".") }
        guard !digits.isEmpty else { return nil }
        let after = rest[digits.endIndex...]
        // The next row's item number glued on (`…件5611.属于已主动公开范围数`: `1.` is the next item's).
        if digits.count >= 2, digits.last == "." || after.first == "、" {
            if digits.last == "." { digits = digits.dropLast() }
            digits = digits.dropLast()
        }
        guard !digits.isEmpty else { return nil }
        if !hasCumulative || after.first == " " && after.drop(while: { $0 == " " }).first?.isNumber == true {
            // One value column, or the cumulative printed apart.
            guard let value = Double(digits), isAmount || !digits.contains(".") else { return nil }
            return cell(value, .ok)
        }
        if spaced {
            // Cells apart by spaces, and one number under two columns: a blank cell left no trace.
            return .glued(run: String(digits), candidates: [])
        }
        return .glued(run: String(digits), candidates: splits(digits, decimals: isAmount))
    }

    /// A cell's number as a split may read it: no leading zeros; a decimal only for an amount.
    static func splitValue(_ part: Substring, decimals: Bool) -> Double? {
        let whole = part.split(separator: ".", omittingEmptySubsequences: false)
        guard whole.count <= (decimals ? 2 : 1), let integer = whole.first, !integer.isEmpty,
              integer == "0" || integer.first != "0", whole.count == 1 || !whole[1].isEmpty else { return nil }
        return Double(part)
    }

    /// The ways a run of digits splits into this year's value and the cumulative one (no leading zeros; the
    /// cumulative value is at least the year's).
    static func splits(_ run: Substring, decimals: Bool) -> [Split] {
        var out: [Split] = []
        var cut = run.index(after: run.startIndex)
        while cut < run.endIndex {
            if let year = splitValue(run[..<cut], decimals: decimals), let total = splitValue(run[cut...], decimals: decimals),
               total >= year {
                out.append(Split(year: year, total: total))
            }
            cut = run.index(after: cut)
        }
        return out
    }

    /// The glued rows' readings that the text settles: the only one; the one whose year (or cumulative) the prose
    /// states; or the one
    /// left by the 统计表's own sums in both columns (a blank cell counting 0): the eight kinds of answer to 申请答复数,
    /// and the groups of `groups`.
    static func settle(_ glued: [Glued], prose: [(key: String, value: Double, sentence: String)],
                       cumulative: [(key: String, value: Double)] = []) -> [String: Split] {
        var settled: [String: Split] = [:]
        var open: [String: [Split]] = [:]
        for row in glued {
            if row.candidates.count == 1 { settled[row.key] = row.candidates[0]; continue }
            // The year's figure in the prose, or the cumulative one (`截至年底累计主动公开…条`) in the 历年累计 column.
            let confirmed = row.candidates.filter { c in
                c.year != nil && prose.contains { $0.key == row.key && $0.value == c.year }
                    || c.total != nil && cumulative.contains { $0.key == row.key && $0.value == c.total }
            }
            if confirmed.count == 1 { settled[row.key] = confirmed[0] } else { open[row.key] = row.candidates }
        }
        // Each sum whose rows are all glued: the readings that take part in a choice where both columns add up;
        // repeated while a settled row narrows another sum.
        var changed = true
        while changed && !open.isEmpty {
            changed = false
            for (total, parts) in sums {
                let keys = [total] + parts
                let rows = keys.compactMap { key in glued.first { $0.key == key } }
                guard rows.count == keys.count, keys.contains(where: { open[$0] != nil }) else { continue }
                let options = rows.map { open[$0.key] ?? settled[$0.key].map { [$0] } ?? [] }
                guard let kept = fitting(total: options[0], parts: Array(options.dropFirst())) else { continue }
                for (i, row) in rows.enumerated() where open[row.key] != nil {
                    let left = kept[i]
                    if !left.isEmpty, left.allSatisfy({ $0.year == left[0].year }) {
                        settled[row.key] = left[0]
                        open[row.key] = nil
                        changed = true
                    } else if left.count < open[row.key]!.count && !left.isEmpty {
                        open[row.key] = left
                        changed = true
                    }
                }
            }
        }
        return settled
    }

    struct Pair: Hashable { var year: Double; var total: Double }

    /// The readings of a sum's total and parts that take part in some choice where the parts add up to the total in
    /// both columns (blank as 0), found through the sets of partial sums rather than by trying every choice; nil when
    /// those sets grow past a bound.
    static func fitting(total: [Split], parts: [[Split]]) -> [[Split]]? {
        func pair(_ s: Split) -> Pair { Pair(year: s.year ?? 0, total: s.total ?? 0) }
        let limit = 100_000
        var forward: [Set<Pair>] = [[Pair(year: 0, total: 0)]]
        for options in parts {
            var next = Set<Pair>()
            for f in forward.last! { for o in options { next.insert(Pair(year: f.year + pair(o).year, total: f.total + pair(o).total)) } }
            if next.count > limit { return nil }
            forward.append(next)
        }
        var backward: [Set<Pair>] = Array(repeating: [], count: parts.count + 1)
        backward[parts.count] = [Pair(year: 0, total: 0)]
        for i in stride(from: parts.count - 1, through: 0, by: -1) {
            var next = Set<Pair>()
            for b in backward[i + 1] { for o in parts[i] { next.insert(Pair(year: b.year + pair(o).year, total: b.total + pair(o).total)) } }
            if next.count > limit { return nil }
            backward[i] = next
        }
        let totals = total.filter { forward[parts.count].contains(pair($0)) }
        var out: [[Split]] = [totals]
        for (i, options) in parts.enumerated() {
            out.append(options.filter { o in
                totals.contains { t in
                    forward[i].contains { f in
                        backward[i + 1].contains(Pair(year: pair(t).year - f.year - pair(o).year, total: pair(t).total - f.total - pair(o).total))
                    }
                }
            })
        }
        return out
    }

    // MARK: Prose

    static let count = "([0-9]+(?:\\.[0-9]+)?|[零〇一二两三四五六七八九十百]+)"

    /// Each figure's phrasings in the prose (first statement wins); the count is the first group.
    static let prosePatterns: [(key: String, pattern: NSRegularExpression)] = [
        ("applications_received", "(?:受理|收到|接到|接收)(?:了)?(?:各类)?(?:政府信息公开申请|依申请公开(?:申请|事项|件)?|公开申请|信息公开申请|申请)(?:共计|共|合计)?\(count)(?:件|个|条|人次)"),
        ("applications_received", "(?:政府信息公开申请|依申请公开(?:申请|事项)?)(?:共计|共|合计)?\(count)(?:件|个)"),
        ("replies_total", "(?<!按时|延期|逾期|当场|当面|及时)(?:答复|办结|处理)(?:了)?(?:政府信息公开申请|依申请公开申请|申请)?(?:共计|共)?\(count)件"),
        ("replies_already_public", "(?:属于)?已(?:经)?主动公开(?:范围|内容)?(?:的)?(?:信息)?\(count)件"),
        ("replies_granted", "(?<![不分])(?:同意|予以)公开(?:的)?(?:答复)?\(count)件"),
        ("replies_partially_granted", "(?:同意)?部分公开(?:的)?(?:答复)?\(count)件"),
        ("replies_denied", "(?:不同意公开|不予公开)(?:的)?(?:答复)?\(count)件"),
        ("replies_not_exist", "(?:申请)?(?:的)?信息不存在(?:的)?\(count)件"),
        ("replies_not_this_agency", "(?:非本(?:行政)?机关掌握|不属于本(?:行政)?机关(?:公开|掌握|职责)?(?:范围)?)(?:的)?(?:信息)?\(count)件"),
        ("replies_unclear", "申请内容不明确(?:的)?\(count)件"),
        ("active_disclosure_items", "(?:全年|本年|年内|年度|共)(?:共|累计)?(?:主动)?公开(?:各类)?(?:政府)?信息(?:共计|共)?\(count)条"),
        ("active_disclosure_items", "主动公开(?:各类)?政府信息(?:共计|共)?\(count)条"),
        ("normative_docs_issued", "(?:制发|印发|出台|制定)(?:了)?(?:各类)?规范性文件(?:共)?\(count)(?:件|个|份)"),
        ("review_total", "(?:行政复议|申请复议)(?:申请)?(?:案件)?(?:共)?\(count)(?:件|起)"),
        ("suit_total", "行政诉讼(?:案件)?(?:共)?\(count)(?:件|起)"),
        ("complaints", "(?:举报|投诉|申诉)(?:案件)?(?:共)?\(count)(?:件|起)"),
        ("fees_wan_yuan", "收取(?:了)?(?:检索|复制|邮寄|信息处理)?(?:[、等]*(?:检索|复制|邮寄))*(?:等)?(?:成本)?费(?:用)?(?:共计|共|合计)?([0-9]+(?:\\.[0-9]+)?)(万元|元)"),
    ].map { ($0.0, try! NSRegularExpression(pattern: $0.1)) }

    /// How reviews ended, in a sentence about 复议.
    static let reviewOutcomes: [(key: String, pattern: NSRegularExpression)] = [("review_upheld", "维持"), ("review_corrected", "纠错")].map {
        ($0.0, try! NSRegularExpression(pattern: "\($0.1)(?:原)?(?:具体行政行为|决定)?(?:的)?\(count)(?:件|起)"))
    }

    /// Statements that something did not happen: 0.
    static let zeroPatterns: [(keys: [String], pattern: NSRegularExpression)] = [
        (["applications_received"], "(?:未|没有|无)(?:收到|受理|接到)(?:过)?(?:任何)?(?:[^。，；]{0,8})?(?:公开申请|依申请公开)"),
        (["applications_received"], "依申请公开(?:申请)?(?:数|件数)?为(?:零|0)"),
        (["fees_wan_yuan"], "(?:未|没有|不|无)(?:收取|收)(?:任何)?(?:[^。，；]{0,8})?费"),
        (["fees_wan_yuan"], "无收费"),
        (["review_total", "suit_total"], "(?:未|没有|无)(?:发生|出现|收到|有)(?:[^。；]{0,24})?(?:行政)?复议(?:和|、|及|与|或)(?:提起)?(?:行政)?诉讼"),
        (["review_total", "suit_total"], "没有(?:[^。；]{0,24})?(?:行政)?复议(?:和|、|及|与|或)(?:提起)?(?:行政)?诉讼"),
        (["review_total", "suit_total"], "行政复议(?:和|、|及|与)行政诉讼(?:案件)?(?:均|都)?为(?:零|0)"),
        (["review_total"], "(?:未|没有|无)(?:发生|出现|收到|有)(?:[^。；，和、]{0,20})?行政复议(?!和|、|及|与)"),
        (["suit_total"], "(?:未|没有|无)(?:发生|出现|收到|有)(?:[^。；，]{0,20})?行政诉讼"),
        (["complaints"], "(?:未|没有|无)(?:发生|出现|收到|有)(?:[^。；，]{0,16})?(?:举报|投诉|申诉)"),
    ].map { ($0.0, try! NSRegularExpression(pattern: $0.1)) }

    /// The figures the prose states, in text order of their statement (first per figure kept by the caller).
    static func proseValues(_ text: String, cumulative totals: inout [(key: String, value: Double)]) -> [(key: String, value: Double, sentence: String)] {
        var out: [(String, Double, String)] = []
        var seen = Set<String>()
        for sentence in Prose.sentences(text) {
            let ns = sentence as NSString
            let range = NSRange(location: 0, length: ns.length)
            // A cumulative count (截至…累计, 历年) is not the year's.
            let cumulative = (sentence.contains("截至") || sentence.contains("历年") || sentence.contains("累计") && !sentence.contains("全年")
                              && !sentence.contains("本年") && !sentence.contains("年内"))
            var stated: [(Int, String, Double)] = []
            for (key, pattern) in prosePatterns where !seen.contains(key) {
                guard let m = pattern.firstMatch(in: sentence, range: range) else { continue }
                if cumulative && key != "fees_wan_yuan" {
                    // Kept apart: it may confirm the 统计表's 历年累计 column.
                    if let value = number(ns.substring(with: m.range(at: 1))[...]) { totals.append((key, value)) }
                    continue
                }
                // Subjects other than disclosure (审批, 信访, 12345…): not these figures.
                if ["applications_received", "replies_total", "complaints"].contains(key)
                    && Facts.otherSubjects.contains(where: { sentence.contains($0) && $0 != "投诉" }) && !sentence.contains("信息公开") { continue }
                if key == "review_total" || key == "suit_total" || key == "complaints" || key == "replies_total",
                   !(sentence.contains("公开") || sentence.contains("申请")) { continue }
                guard var value = number(ns.substring(with: m.range(at: 1))[...]) else { continue }
                if key == "fees_wan_yuan", ns.substring(with: m.range(at: 2)) == "元" { value /= 10_000 }
                stated.append((m.range.location, key, value))
            }
            for (keys, pattern) in zeroPatterns {
                guard let m = pattern.firstMatch(in: sentence, range: range) else { continue }
                for key in keys where !seen.contains(key) && !stated.contains(where: { $0.1 == key }) { stated.append((m.range.location, key, 0)) }
            }
            for (_, key, value) in stated.sorted(by: { $0.0 < $1.0 }) where seen.insert(key).inserted {
                out.append((key, value, sentence))
            }
            // 维持 and 纠错 stated in a sentence about 复议 (not 诉讼).
            if sentence.contains("复议") && !sentence.contains("诉讼") {
                for (key, p) in reviewOutcomes where !seen.contains(key) {
                    if let m = p.firstMatch(in: sentence, range: range), let v = number(ns.substring(with: m.range(at: 1))[...]) {
                        seen.insert(key)
                        out.append((key, v, sentence))
                    }
                }
            }
        }
        return out
    }

    /// `12`, `12.5`, or a small number in words (`两`, `十二`, `零`).
    static func number(_ text: Substring) -> Double? {
        if let v = Double(text) { return v }
        let digits: [Character: Int] = ["零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9]
        guard !text.isEmpty else { return nil }
        var total = 0, current = 0
        for c in text {
            if let d = digits[c] { current = d } else if c == "十" { total += max(current, 1) * 10; current = 0 }
            else if c == "百" { total += max(current, 1) * 100; current = 0 } else { return nil }
        }
        return Double(total + current)
    }
}
