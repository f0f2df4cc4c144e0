/// Why a document is not taken as a report.
public struct NotAReportError: Error, CustomStringConvertible, Equatable {
    public var reason: String
    public var description: String { "not an annual report: \(reason)" }
}

/// Turns a document into a report: metadata, every cell of 表二/表三/表四 under its canonical key,
/// and the parser's own doubts. Pure: no I/O.
///
///     let report = try ReportParser.parse(Document(blocks: [.text(text)]))
///     report.cell(.t3, "new_received", "total")?.value  // 290
public enum ReportParser {
    public static func parse(_ document: Document) throws -> ParsedReport {
        let text = TextNormalizer.normalize(document.plainText)
        return try parse(normalizedText: text)
    }

    public static func parse(normalizedText text: String) throws -> ParsedReport {
        var report = ParsedReport()
        let located = Sections.locate(text)
        report.sections = located.map { $0 != nil }
        MetadataExtractor.extract(text, into: &report)

        let t2 = Sections.body(text, located, 1).map { CellStream.tokens(fromText: $0.dropFirst(heading: located[1])) } ?? []
        let t3 = Sections.body(text, located, 2).map { CellStream.tokens(fromText: $0.dropFirst(heading: located[2])) } ?? []
        let t4 = Sections.body(text, located, 3).map { CellStream.tokens(fromText: $0.dropFirst(heading: located[3])) } ?? []
        let foundSections = report.sections.filter { $0 }.count
        guard foundSections >= 3 || !t3.isEmpty && text.contains("政府信息公开") else {
            throw NotAReportError(reason: "no report sections (一、总体情况 … 六、其他需要报告的事项) found")
        }

        report.template = TableExtractor.detectTemplate(t2: t2, t3: t3)
        var findings: [Finding] = []
        let cellTemplate: Template = report.template == .t2019 ? .t2019 : .t2021
        if report.template == .other {
            findings.append(Finding(
                rule: "template.unknown", severity: .uncertain,
                message: "无法判断表格所用模板（2019年版或2021年版），按2021年版读取"))
        }
        var t2Cells = TableExtractor.extractT2(t2, template: cellTemplate, findings: &findings)
        var t3Cells = TableExtractor.extractT3(t3, template: cellTemplate, findings: &findings)
        var t4Cells = TableExtractor.extractT4(t4, findings: &findings)
        // A table whose labels did not find every cell, printed one value per line (pdftotext's default
        // output): read again from its value lines, taken only if it agrees with every cell already read.
        func stacked(_ cells: inout [Cell], _ table: TableID, _ section: Int, _ read: (Substring, inout [Finding]) -> [Cell]?) {
            guard cells.contains(where: { $0.status == .missing && !$0.row.hasPrefix("other.") }),
                  let body = Sections.body(text, located, section)?.dropFirst(heading: located[section]) else { return }
            var own: [Finding] = []
            guard let read = read(body, &own) else { return }
            var again: [String: Double?] = [:]
            for cell in read { again[cell.row + "|" + cell.column] = cell.value }
            guard cells.allSatisfy({ $0.value == nil || again[$0.row + "|" + $0.column] == $0.value }) else { return }
            cells = read
            findings = findings.filter { $0.table != table.rawValue } + own
        }
        stacked(&t2Cells, .t2, 1) { StackedText.extractInOrder($0, table: .t2, keys: Fields.t2(for: cellTemplate), findings: &$1) }
        stacked(&t3Cells, .t3, 2) { StackedText.extractT3($0, template: cellTemplate, findings: &$1) }
        stacked(&t4Cells, .t4, 3) { StackedText.extractInOrder($0, table: .t4, keys: Fields.t4, findings: &$1) }
        report.cells = t2Cells + t3Cells + t4Cells
        let sentences = Prose.sentences(text)
        report.media = NewMedia.accounts(sentences: sentences)
        report.facts = Facts.extract(sentences: sentences)
        if let five = Sections.body(text, located, 4) {
            let body = String(five.dropFirst(heading: located[4]).droppingTitle())
            report.problems = Problems.extract(section: body, year: report.year)
            report.signatures["problems"] = Similarity.signature(body)
        }
        if let one = Sections.body(text, located, 0) {
            report.signatures["overview"] = Similarity.signature(String(one.dropFirst(heading: located[0]).droppingTitle()))
        }
        let location = RegionResolver.resolve(agency: report.agency, text: text)
        report.location = location
        if location.status == .ambiguous {
            findings.append(Finding(
                rule: "meta.region_ambiguous", severity: .uncertain, expected: location.candidates.map(\.path).joined(separator: "|"),
                message: "“\(report.agency ?? "")”在多地有同名单位，正文未能确定所在地；候选：" + location.candidates.map(\.path).joined(separator: "；")))
        } else if location.status == .unknown && report.agency != nil && location.level != .central {
            findings.append(Finding(rule: "meta.region_unknown", severity: .uncertain,
                                    message: "未能从“\(report.agency ?? "")”识别所在行政区划"))
        }
        if report.agency == nil {
            findings.append(Finding(rule: "meta.agency_not_found", severity: .uncertain, message: "未能识别发布机关名称"))
        }
        if report.year == nil {
            findings.append(Finding(rule: "meta.year_not_found", severity: .uncertain, message: "未能识别报告年度"))
        }
        report.parseFindings = findings
        return report
    }
}

extension Substring {
    /// The section body without its heading line's first characters (`二、主动公开…`), so the heading is no cell label.
    func dropFirst(heading: Range<String.Index>?) -> Substring {
        guard let heading else { return self }
        let afterHeading = self[heading.upperBound...]
        // A heading line that runs on into its table (`…申请情况（本列数据…）申请人情况自然人…一、本年新收…640020470`)
        // keeps what follows, as a page copied onto one line does.
        if let newline = afterHeading.firstIndex(of: "\n"), afterHeading[..<newline].count <= 60 { return self[newline...] }
        return afterHeading
    }

    /// A page copied onto one line keeps its heading's title in the body (`存在的主要问题及改进情况2019年，…`):
    /// the title ends after its 情况 (within 30 characters), else at the first bracket, space or sentence stop
    /// within 40.
    func droppingTitle() -> Substring {
        guard let first = first, first != "\n" else { return self }
        if let end = prefix(30).range(of: "情况")?.upperBound { return self[end...].drop { " 。:：".contains($0) } }
        guard let end = prefix(40).firstIndex(where: { "(（ 。:：".contains($0) }) else { return self }
        return self[end...].drop { " 。:：".contains($0) }
    }
}
