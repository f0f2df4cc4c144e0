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
        let (text, wide, gridRows) = document.normalizedTexts()
        var grids: [Int: [TableText.Line]] = [:]
        func gridLine(_ line: Int) -> TableText.Line? {
            guard let at = gridRows[line], case .table(let grid) = document.blocks[at.table] else { return nil }
            if grids[at.table] == nil { grids[at.table] = TableText.gridLines(grid) }
            return grids[at.table]![at.row]
        }
        return try parse(normalizedText: text, wide: wide.scalarArray, gridLine: gridRows.isEmpty ? nil : gridLine,
                         recognised: document.recognised)
    }

    /// Sections 一 (`overview`) and 五 (`problems`) of a document as `parse` reads them for its signatures, without
    /// reading its tables: for the passage two copies share, read again long after ingest.
    public static func sectionTexts(_ document: Document) -> [String: String] {
        let text = document.normalizedText().text
        let located = Sections.locate(text)
        var bodies: [String: Substring] = [:]
        if located.compactMap({ $0 }).count >= 3 {
            bodies["overview"] = Sections.body(text, located, 0).map { $0.dropFirst(heading: located[0]) }
            bodies["problems"] = Sections.body(text, located, 4).map { $0.dropFirst(heading: located[4]) }
        } else {
            let old = OldEra.sections(text)
            for name in ["overview", "problems"] { bodies[name] = OldEra.body(text, old, name) }
        }
        return bodies.mapValues { String($0.droppingTitle()) }
    }

    public static func parse(normalizedText text: String) throws -> ParsedReport {
        try parse(normalizedText: text, wide: nil, gridLine: nil)
    }

    /// The lines of a section's table, as printed (`wide`: the text with its characters' widths kept, scalar for
    /// scalar with `text`), those printing a grid's rows taken from the grid.
    static func tableText(_ body: Substring, in text: String, wide: [Unicode.Scalar]?, gridLine: ((Int) -> TableText.Line?)?) -> TableText {
        let lines: [ArraySlice<Unicode.Scalar>]
        if let wide {
            let start = text.unicodeScalars.distance(from: text.startIndex, to: body.startIndex)
            let end = min(wide.count, start + body.unicodeScalars.count)
            lines = wide[start..<end].split(separator: "\n", omittingEmptySubsequences: false)
        } else {
            lines = body.split(separator: "\n", omittingEmptySubsequences: false).map { Array($0.unicodeScalars)[...] }
        }
        guard let gridLine else { return TableText(scalarLines: lines) }
        // The body's first line (it may start mid-line, after its heading) and its number in the whole text; the
        // lines that print a grid's rows are taken from the grid, the others read as text.
        let first = text.utf8[text.startIndex..<body.startIndex].count { $0 == 0x0A }
        let startsLine = body.startIndex == text.startIndex || text.utf8[text.utf8.index(before: body.startIndex)] == 0x0A
        return TableText(scalarLines: lines, replacing: { i in i > 0 || startsLine ? gridLine(first + i) : nil })
    }

    /// A recognised report's cells: a value is kept only when an identity of the form that it takes part in holds with
    /// every one of its cells read (表二 has none: never); any other value is `ambiguous`, its reading the candidate.
    /// A blank (no ink in its cell) stays blank unless an identity through it breaks or is left moot by it beside
    /// values, or it is the only blank of an identity (a 0 whose glyph was lost); a cell the reading could not settle
    /// stays as it was.
    static func confirmedByArithmetic(_ cells: [Cell], template: Template, findings: inout [Finding]) -> [Cell] {
        var index: [CellKey: Cell] = [:]
        for cell in cells { index[CellKey(cell)] = cell }
        let oneRow = template == .t2021 && cells.contains { $0.table == .t3 && $0.row == "other" && $0.status != .missing }
        var confirmed = Set<CellKey>(), broken = Set<CellKey>(), lonely = Set<CellKey>()
        for identity in Identity.all(template: template, t3Rows: oneRow ? Fields.t3Rows2019 : Fields.t3Rows(for: template)) {
            let members = identity.left + identity.right
            guard members.allSatisfy({ Checker.reading(index[$0]) != .unknown }) else { continue }
            // The one blank among printed values: a 0 whose glyph the image lost reads so, and the sum cannot tell.
            let blanks = members.filter { index[$0]?.status == .blank }
            if blanks.count == 1 { lonely.insert(blanks[0]) }
            guard let holds = identity.evaluate({ Checker.reading(index[$0]) })?.holds else {
                // Skipped for a blank beside values (a total left blank): that blank is not borne out either.
                if members.contains(where: { (index[$0]?.value ?? 0) != 0 }) {
                    broken.formUnion(members.filter { index[$0]?.status == .blank })
                }
                continue
            }
            if holds { confirmed.formUnion(members) } else { broken.formUnion(members) }
        }
        return cells.map { cell in
            let key = CellKey(cell)
            // A blank in an identity that does not hold may be a glyph the page image lost: no check may rest on it.
            let doubtfulBlank = cell.status == .blank && (lonely.contains(key) || broken.contains(key) && !confirmed.contains(key))
            guard [.ok, .split, .inferred].contains(cell.status) && cell.value != nil && !confirmed.contains(key) || doubtfulBlank else { return cell }
            let reading = cell.value.map(formatNumber) ?? "空白"
            findings.removeAll { $0.rule == .parseAmbiguous && $0.table == cell.table.rawValue && $0.row == cell.row && $0.column == cell.column }
            findings.append(Finding(rule: .parseAmbiguous, severity: .uncertain, table: cell.table.rawValue, row: cell.row, column: cell.column,
                                    expected: reading, actual: "",
                                    message: "扫描件文字识别读为“\(reading)”，" + (cell.table == .t2 ? "表二无勾稽关系可供核对" : "未能由表内勾稽关系核实") + "，此格未采用"))
            return Cell(table: cell.table, row: cell.row, column: cell.column, value: nil, status: .ambiguous)
        }
    }

    static func parse(normalizedText text: String, wide: [Unicode.Scalar]?, gridLine: ((Int) -> TableText.Line?)?,
                      recognised: Bool = false) throws -> ParsedReport {
        var report = ParsedReport()
        let located = Sections.locate(text)
        report.sections = located.map { $0 != nil }
        MetadataExtractor.extract(text, into: &report)
        var agencyFindings: [Finding] = []
        if report.agency == nil, let inferred = MetadataExtractor.firstPersonAgency(text) {
            report.agency = inferred.agency
            agencyFindings.append(Finding(rule: .metaAgencyInferred, severity: .uncertain, expected: inferred.agency,
                                          message: "未见标题、落款或联系人所署机关名称，据\(inferred.evidence)推定为“\(inferred.agency)”"))
        }
        let overview = Sections.body(text, located, 0).map { $0.dropFirst(heading: located[0]) }
        let (year, yearFindings) = MetadataExtractor.year(title: report.year, text: text, overview: overview, publishedOn: report.publishedOn)
        report.year = year

        func table(_ section: Int) -> TableText? {
            Sections.body(text, located, section).map { tableText($0.dropFirst(heading: located[section]), in: text, wide: wide, gridLine: gridLine) }
        }
        let t2 = table(1), t3 = table(2), t4 = table(3)
        let foundSections = report.sections.filter { $0 }.count
        let t3HasValues = t3?.lines.contains { $0.tokens.contains { $0.kind == .number || $0.kind == .glued } } ?? false
        // A report of 2008–2018 numbers its sections its own way (一、概述 … 七、其他需要报告的事项).
        let oldSections = foundSections >= 3 || t3HasValues ? [:] : OldEra.sections(text)
        guard foundSections >= 3 || t3HasValues && text.contains("政府信息公开") || oldSections.count >= 3 && text.contains("政府信息公开") else {
            throw NotAReportError(reason: "no report sections (一、总体情况 … 六、其他需要报告的事项) found")
        }

        report.template = detectTemplate(t2: t2, t3: t3)
        var findings: [Finding] = yearFindings + agencyFindings
        var sectionBody: (Int) -> Substring? = { i in Sections.body(text, located, i).map { $0.dropFirst(heading: located[i]) } }
        if report.template == .other, report.year.map({ $0 <= 2018 }) ?? OldEra.looksOld(text) {
            // The 2007 条例's era: its figures (table `old`), from the 统计表 or the prose.
            report.template = .t2008
            let old = oldSections.isEmpty ? OldEra.sections(text) : oldSections
            let read = OldEra.read(text, sections: old)
            report.cells = read.cells
            findings += read.findings
            let order = ["overview", "active", "requests", "review", "problems", "other"]
            report.sections = order.map { old[$0] != nil }
            sectionBody = { i in OldEra.body(text, old, order[i]) }
        } else {
            try readForms()
        }
        /// The 2019/2021 forms' tables.
        func readForms() throws {
            let cellTemplate: Template = report.template == .t2019 ? .t2019 : .t2021
            if report.template == .other, let year = report.year, year >= 2021 {
                // The tables do not tell, the year does: reports on 2021 and later follow the 2021 form (国办公开办函〔2021〕30号).
                report.template = .t2021
                findings.append(Finding(
                    rule: .templateUnknown, severity: .uncertain,
                    message: "表格未能显示所用模板，按报告年度（\(year)年）取2021年版"))
            } else if report.template == .other {
                findings.append(Finding(
                    rule: .templateUnknown, severity: .uncertain,
                    message: "无法判断表格所用模板（2019年版或2021年版），按2021年版读取"))
            }
            func read(_ text: TableText?, _ id: TableID, everyCellPrinted: Bool? = nil) -> TableReader.Output {
                guard let text else {
                    let keys = id == .t2 ? Fields.t2(for: cellTemplate) : id == .t4 ? Fields.t4 : []
                    var output = TableReader.Output()
                    output.cells = id == .t3 ? Fields.t3Rows(for: cellTemplate).flatMap { row in Fields.t3Columns.map { Cell(table: .t3, row: row, column: $0, value: nil, status: .missing) } }
                        : keys.map { Cell(table: id, row: $0, value: nil, status: .missing) }
                    return output
                }
                return TableReader.read(text, id, template: cellTemplate, everyCellPrinted: everyCellPrinted)
            }
            let r3 = read(t3, .t3), r2 = read(t2, .t2, everyCellPrinted: r3.everyCellPrinted), r4 = read(t4, .t4)
            var t2Cells = r2.cells, t3Cells = r3.cells, t4Cells = r4.cells
            findings += r2.findings + r3.findings + r4.findings
            if r3.otherAsOneRow && report.template == .t2021 {
                // Kept as 2021 (its other rows say so).
            }
            // A table whose labels did not find every cell, printed one value per line (pdftotext's default
            // output): read again from its value lines, and taken if it agrees with every cell already read, or settles
            // more cells and breaks no identity.
            var restacked = Set<TableID>()
            func stacked(_ cells: inout [Cell], _ table: TableID, _ section: Int, _ read: (Substring, inout [Finding]) -> [Cell]?) {
                guard cells.contains(where: { $0.status == .missing && !$0.row.hasPrefix("other.") }),
                      let body = Sections.body(text, located, section)?.dropFirst(heading: located[section]) else { return }
                var own: [Finding] = []
                guard let read = read(body, &own) else { return }
                var again: [CellKey: Cell] = [:]
                for cell in read { again[CellKey(cell)] = cell }
                // Every cell the labels settled, value or printed blank, read the same again.
                let agrees = cells.allSatisfy { cell in
                    switch cell.status {
                    case .missing, .ambiguous: return true
                    case .blank: return again[CellKey(cell)]?.status == .blank
                    default: return again[CellKey(cell)]?.value == cell.value
                    }
                }
                guard agrees || (Checker.quality(read, template: cellTemplate) ?? -1) > (Checker.quality(cells, template: cellTemplate) ?? 0) else {
                    // Two readings of the table that disagree, neither better: the cells where they differ are not settled.
                    for (i, cell) in cells.enumerated() where cell.status != .missing && cell.status != .ambiguous {
                        guard let other = again[CellKey(cell)], other.status != .missing, other.status != .ambiguous,
                              other.value != cell.value || (other.status == .blank) != (cell.status == .blank) else { continue }
                        let candidates = [cell, other].map { $0.value.map(formatNumber) ?? "" }
                        findings.append(Finding(
                            rule: .parseAmbiguous, severity: .uncertain, table: table.rawValue, row: cell.row, column: cell.column,
                            expected: candidates.joined(separator: "|"), actual: "",
                            message: "此格按行标签读为“\(candidates[0])”，按数值逐行排列的顺序读为“\(candidates[1])”，两种读法不一致，此格无法确定"))
                        cells[i] = Cell(table: cell.table, row: cell.row, column: cell.column, value: nil, status: .ambiguous)
                    }
                    return
                }
                // A cell the other reading has no row for (（六）'s sub-rows, read as one row) stays in the table,
                // as unread (missing).
                let kept = Set(read.map(CellKey.init))
                cells = read + cells.filter { !kept.contains(CellKey($0)) }.map { Cell(table: $0.table, row: $0.row, column: $0.column, value: nil, status: .missing) }
                restacked.insert(table)
                findings = findings.filter { $0.table != table.rawValue } + own
            }
            stacked(&t2Cells, .t2, 1) { StackedText.extractInOrder($0, table: .t2, keys: Fields.t2(for: cellTemplate), findings: &$1) }
            // （六） as one row: the rows of the 2019 form, which prints it so.
            stacked(&t3Cells, .t3, 2) { StackedText.extractT3($0, template: r3.otherAsOneRow ? .t2019 : cellTemplate, findings: &$1) }
            stacked(&t4Cells, .t4, 3) { StackedText.extractInOrder($0, table: .t4, keys: Fields.t4, findings: &$1) }
            report.cells = t2Cells + t3Cells + t4Cells
            // The rows the labels' reading left open, in the tables it stands for.
            report.openRows = (r2.open + r3.open + r4.open).filter { !restacked.contains($0.cells[0].table) }
            if recognised {
                findings.append(Finding(rule: .parseRecognised, severity: .uncertain,
                                        message: "扫描件，正文由文字识别（tesseract chi_sim）读出：文字可能有误，请对照原件"))
                report.cells = confirmedByArithmetic(report.cells, template: cellTemplate, findings: &findings)
            }
        }
        let sentences = Prose.sentences(text)
        report.media = NewMedia.accounts(sentences: sentences)
        report.facts = Facts.extract(sentences: sentences, year: report.year)
        if let five = sectionBody(4) {
            let body = String(five.droppingTitle())
            report.problems = Problems.extract(section: body, year: report.year)
            report.signatures["problems"] = Similarity.signature(body)
            report.sentenceHashes["problems"] = Similarity.sentenceHashes(body)
        }
        if let one = sectionBody(0) {
            let body = String(one.droppingTitle())
            report.signatures["overview"] = Similarity.signature(body)
            report.sentenceHashes["overview"] = Similarity.sentenceHashes(body)
        }
        let location = RegionResolver.resolve(agency: report.agency, text: text)
        report.location = location
        report.phones = RegionResolver.landlines(in: text)
        if location.status == .ambiguous {
            findings.append(Finding(
                rule: .metaRegionAmbiguous, severity: .uncertain, expected: location.candidates.map(\.path).joined(separator: "|"),
                message: "“\(report.agency ?? "")”在多地有同名单位，正文未能确定所在地；候选：" + location.candidates.map(\.path).joined(separator: "；")))
        } else if let inference = location.inference {
            var message = inference
            if recognised, let misprint = location.misprint, let agency = report.agency, agency.contains(misprint.printed) {
                // On a scan the character is more likely the recogniser's than the agency's.
                report.agency = agency.replacingOccurrences(of: misprint.printed, with: misprint.listed)
                message += "；扫描件文字识别所致可能性较大，机关名称按此读作“\(report.agency!)”（识别为“\(agency)”）"
            }
            findings.append(Finding(rule: .metaRegionInferred, severity: .uncertain, expected: location.region?.path ?? "", message: message))
        } else if location.status == .unknown && report.agency != nil && location.level != .central {
            findings.append(Finding(rule: .metaRegionUnknown, severity: .uncertain,
                                    message: "未能从“\(report.agency ?? "")”识别所在行政区划"))
        }
        if report.agency == nil {
            findings.append(Finding(rule: .metaAgencyNotFound, severity: .uncertain, message: "未能识别发布机关名称"))
        }
        if report.year == nil {
            findings.append(Finding(rule: .metaYearNotFound, severity: .uncertain, message: "未能识别报告年度"))
        }
        report.parseFindings = findings
        return report
    }

    /// Which template the tables follow, from 表二's headers and 表三's rows.
    static func detectTemplate(t2: TableText?, t3: TableText?) -> Template {
        func labels(_ text: TableText?) -> [[Unicode.Scalar]] {
            text?.lines.flatMap { $0.tokens.filter { $0.kind == .text }.map { TableText.compact($0.text) } } ?? []
        }
        func any(_ list: [[Unicode.Scalar]], _ words: [String]) -> Bool {
            let needles = words.map { Array($0.unicodeScalars) }
            return list.contains { label in needles.contains { TableText.contains(label[...], $0) } }
        }
        let t2Labels = labels(t2)
        if any(t2Labels, ["本年制发", "本年废止", "现行有效"]) { return .t2021 }
        if any(t2Labels, ["新制作", "上一年项目", "集中采购"]) { return .t2019 }
        let t3Labels = labels(t3)
        if any(t3Labels, ["不补正", "缴纳费用", "收费通知"]) { return .t2021 }
        if any(t3Labels, ["其他处理"]), let t3 {
            // （六）其他处理 printing its own values on its line: the 2019 row.
            let word = Array("其他处理".unicodeScalars)
            if t3.lines.contains(where: { line in
                line.tokens.contains { $0.kind == .number || $0.kind == .glued || $0.kind == .blank && line.delimited }
                    && line.tokens.contains { $0.kind == .text && TableText.contains(TableText.compact($0.text)[...], word) }
            }) { return .t2019 }
        }
        return .other
    }
}

extension Substring {
    /// The section body without its heading line's first characters (`二、主动公开…`), so the heading is no cell label.
    func dropFirst(heading: Range<String.Index>?) -> Substring {
        guard let heading else { return self }
        let afterHeading = self[heading.upperBound...]
        // A heading line that runs on into its table (`…申请情况（本列数据…）申请人情况自然人…一、本年新收…640020470`)
        // keeps what follows, as a page copied onto one line does.
        if let newline = afterHeading.unicodeScalars.firstIndex(of: "\n"), afterHeading.unicodeScalars[..<newline].count <= 60 { return self[newline...] }
        return afterHeading
    }

    /// A page copied onto one line keeps its heading's title in the body (`存在的主要问题及改进情况2019年，…`):
    /// the title ends after its 情况 (within 30 characters), else at the first bracket, space or sentence stop
    /// within 40.
    func droppingTitle() -> Substring {
        guard let first = first, first != "\n" else { return self }
        if let end = prefix(30).utf8Range(of: "情况")?.upperBound { return self[end...].drop { " 。:：".contains($0) } }
        guard let end = prefix(40).firstIndex(where: { "(（ 。:：".contains($0) }) else { return self }
        return self[end...].drop { " 。:：".contains($0) }
    }
}
