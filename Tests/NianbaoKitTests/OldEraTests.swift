import Foundation
import Testing
@testable import NianbaoKit

/// Reports of 2008–2018 (template `2008`, table `old`): prose, the 2014–2018 统计表 in every shape it reaches us in,
/// and the analysis across eras.
@Suite struct OldEraTests {
    static func parse(_ text: String) throws -> ParsedReport {
        try ReportParser.parse(normalizedText: TextNormalizer.normalize(text))
    }

    static func values(_ report: ParsedReport) -> [String: Double] {
        var out: [String: Double] = [:]
        for cell in report.cells where cell.table == .old && [.ok, .split, .inferred].contains(cell.status) { out[cell.row] = cell.value }
        return out
    }

    static let prose = """
        某市某县人民政府2012年政府信息公开工作年度报告

        本报告根据《中华人民共和国政府信息公开条例》要求编制。报告中所列数据的统计期限自2012年1月1日起至2012年12月31日止。
        一、概述
        2012年，我县进一步加强政府信息公开工作。截至2012年底，累计主动公开政府信息15230条。县政务服务中心全年共受理行政审批申请121510件。
        二、主动公开政府信息情况
        全年共主动公开政府信息1203条。
        三、依申请公开政府信息情况
        全年共受理政府信息公开申请12件，其中同意公开10件，同意部分公开1件，不同意公开1件。按时答复10件，延期答复2件。
        四、政府信息公开的收费及减免情况
        我县在政府信息公开工作中未收取任何费用。
        五、因政府信息公开申请行政复议、提起行政诉讼的情况
        全年未发生针对我县政府信息公开事项的行政复议和行政诉讼。
        六、政府信息公开工作存在的主要问题及改进情况
        一是信息公开的及时性有待提高；二是公开内容不够全面。
        七、其他需要报告的事项
        无。

        某县人民政府办公室
        2013年3月20日
        """

    @Test func aReportOfTheOldEraIsReadFromItsProse() throws {
        let report = try Self.parse(Self.prose)
        #expect(report.template == .t2008)
        #expect(report.year == 2012)
        #expect(report.agency != nil)
        let values = Self.values(report)
        // 按时答复10件 is not the answers' total.
        #expect(values == ["active_disclosure_items": 1203, "applications_received": 12, "replies_granted": 10,
                           "replies_partially_granted": 1, "replies_denied": 1, "fees_wan_yuan": 0, "review_total": 0, "suit_total": 0],
                "the cumulative 15230 and the 审批 121510 are not the year's disclosure figures")
        let unstated = report.cells.filter { $0.row == "replies_not_exist" || $0.row == "normative_docs_issued" }
        #expect(unstated.count == 2 && unstated.allSatisfy { $0.status == .missing && $0.value == nil }, "a figure not stated is missing, not 0")
        #expect(report.cells.filter { $0.table != .old }.isEmpty)
        #expect(Checker.check(report).filter { $0.severity != .uncertain }.isEmpty, "no section of the 2019 form is asked of it")
    }

    @Test func sectionsNumberedTheOldWayMakeAReport() throws {
        // No table, no year in the title, the sections in the old order with their own numbering.
        let text = """
            政府信息公开工作年度报告
            一、概 述
            本局认真贯彻《政府信息公开条例》。
            二、主动公开政府信息的情况
            主动公开政府信息86条。
            三、依申请公开政府信息和不予公开政府信息的情况
            本年度未收到政府信息公开申请。
            四、政府信息公开的收费及减免情况
            无收费。
            五、因政府信息公开申请行政复议、提起行政诉讼的情况
            无。
            六、政府信息公开工作存在的主要问题和改进措施
            宣传不够。
            七、其他需要报告的事项
            无。
            """
        let report = try Self.parse(text)
        #expect(report.template == .t2008)
        #expect(Self.values(report)["applications_received"] == 0, "未收到申请 states 0")
        #expect(Self.values(report)["active_disclosure_items"] == 86)
        #expect(Self.values(report)["review_total"] == 0 && Self.values(report)["suit_total"] == 0, "a section on reviews that says 无")
        #expect(Self.values(report)["fees_wan_yuan"] == 0)
    }

    // MARK: The 统计表 in every shape

    /// A report's true figures: the eight kinds of answer add up to the answers; each cumulative figure is at least the year's.
    struct Truth {
        var year: [String: Double] = [:]
        var cumulative: [String: Double] = [:]
        /// The year's cells the report leaves blank (counted 0 in the sums).
        var blank: Set<String> = []

        init(_ rng: inout SplitMix64) {
            func small() -> Double { Double(Bool.random(using: &rng) ? 0 : Int.random(in: 0...40, using: &rng)) }
            func earlier(_ key: String) -> Double {
                key == "fees_wan_yuan" ? Double(Int.random(in: 0...500, using: &rng)) / 100
                    : Double(Bool.random(using: &rng) ? 0 : Int.random(in: 0...3000, using: &rng))
            }
            for key in Fields.oldReplies { year[key] = small() }
            for key in ["_apply_in_person", "_apply_fax", "_apply_online", "_apply_letter"] { year[key] = small() }
            for key in ["review_upheld", "review_corrected", "_review_other", "_suit_upheld", "_suit_corrected", "_suit_other"] {
                year[key] = Double(Int.random(in: 0...3, using: &rng))
            }
            year["active_disclosure_items"] = Double(Int.random(in: 0...6000, using: &rng))
            year["normative_docs_issued"] = small()
            year["complaints"] = Double(Int.random(in: 0...2, using: &rng))
            year["fees_wan_yuan"] = Bool.random(using: &rng) ? 0 : Double(Int.random(in: 1...99, using: &rng)) / 100
            for key in year.keys.sorted() { cumulative[key] = year[key]! + earlier(key) }
            // A third of the reports leave a few of the year's cells blank.
            if Int.random(in: 0..<3, using: &rng) == 0 {
                let parts = year.keys.sorted().filter { key in !OldEra.sums.contains { $0.total == key } }
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    let key = parts.randomElement(using: &rng)!
                    blank.insert(key)
                    year[key] = 0
                }
            }
            // The totals add up in both columns.
            for (total, parts) in OldEra.sums {
                year[total] = parts.reduce(0) { $0 + year[$1]! }
                cumulative[total] = parts.reduce(0) { $0 + cumulative[$1]! }
            }
        }
    }

    /// The national 统计表's rows, with the sub-items that are no figure of ours.
    static let rows: [(label: String, key: String?, unit: String)] = [
        ("一、主动公开情况", nil, ""), ("(一)主动公开政府信息数(不同渠道和方式公开相同信息计1条)", "active_disclosure_items", "条"),
        ("其中:主动公开规范性文件数", nil, "条"), ("制发规范性文件总数", "normative_docs_issued", "件"),
        ("二、回应解读情况", nil, ""), ("三、依申请公开情况", nil, ""), ("(一)收到申请数", "applications_received", "件"),
        ("1.当面申请数", "_apply_in_person", "件"), ("2.传真申请数", "_apply_fax", "件"), ("3.网络申请数", "_apply_online", "件"),
        ("4.信函申请数", "_apply_letter", "件"), ("(二)申请办结数", nil, "件"), ("1.按时办结数", nil, "件"),
        ("(三)申请答复数", "replies_total", "件"), ("1.属于已主动公开范围数", "replies_already_public", "件"),
        ("2.同意公开答复数", "replies_granted", "件"), ("3.同意部分公开答复数", "replies_partially_granted", "件"),
        ("4.不同意公开答复数", "replies_denied", "件"), ("其中:涉及国家秘密", nil, "件"), ("涉及个人隐私", nil, "件"),
        ("5.不属于本行政机关公开数", "replies_not_this_agency", "件"), ("6.申请信息不存在数", "replies_not_exist", "件"),
        ("7.告知作出更改补充数", "replies_unclear", "件"), ("8.告知通过其他途径办理数", "replies_other", "件"),
        ("四、行政复议数量", "review_total", "件"), ("(一)维持具体行政行为数", "review_upheld", "件"),
        ("(二)被依法纠错数", "review_corrected", "件"), ("(三)其他情形数", "_review_other", "件"), ("五、行政诉讼数量", "suit_total", "件"),
        ("(一)维持具体行政行为或者驳回原告诉讼请求数", "_suit_upheld", "件"), ("(二)被依法纠错数", "_suit_corrected", "件"),
        ("(三)其他情形数", "_suit_other", "件"), ("六、举报投诉数量", "complaints", "件"), ("七、依申请公开信息收取的费用", "fees_wan_yuan", "万元"),
    ]

    enum Shape: CaseIterable { case tabs, pipes, spaces, stacked, gluedLines, gluedOneLine, yearOnlyGlued }

    static func render(_ truth: Truth, _ shape: Shape, year: Int, rng: inout SplitMix64) -> String {
        func number(_ v: Double) -> String { formatNumber(v) }
        var lines: [String] = []
        let cumulative = shape != .yearOnlyGlued
        for row in rows {
            // A figure of ours, or a sub-item with numbers of its own.
            let y = row.key.flatMap { truth.year[$0] } ?? (row.unit.isEmpty ? nil : Double(Int.random(in: 0...9, using: &rng)))
            let c = row.key.flatMap { truth.cumulative[$0] } ?? y.map { $0 + Double(Int.random(in: 0...99, using: &rng)) }
            let printedYear = row.key.map { truth.blank.contains($0) } == true ? "" : y.map(number)
            let values = [printedYear, cumulative ? c.map(number) : nil].compactMap { $0 }
            let cells = [row.label, row.unit] + (row.unit.isEmpty ? [] : values)
            switch shape {
            case .tabs: lines.append(cells.joined(separator: "\t"))
            case .pipes: lines.append("| " + cells.joined(separator: " | ") + " |")
            case .spaces:
                // Columns aligned by runs of spaces (a text browser's dump).
                var line = ""
                for cell in cells where !cell.isEmpty {
                    line += (line.isEmpty ? "" : String(repeating: " ", count: Int.random(in: 1...4, using: &rng))) + cell
                }
                lines.append(line)
            case .stacked: lines.append(cells.filter { !$0.isEmpty }.joined(separator: "\n"))
            case .gluedLines, .gluedOneLine, .yearOnlyGlued: lines.append(cells.joined())
            }
        }
        let header = cumulative ? ["指标名称", "计量单位", "本年度", "历年累计"] : ["指标名称", "计量单位", "数量"]
        let head: String
        switch shape {
        case .tabs: head = header.joined(separator: "\t")
        case .pipes: head = "| " + header.joined(separator: " | ") + " |"
        case .spaces: head = header.joined(separator: " ")
        case .stacked: head = header.joined(separator: "\n")
        case .gluedLines, .gluedOneLine, .yearOnlyGlued: head = header.joined()
        }
        // Half the reports state their main figures in the prose too.
        let states = Bool.random(using: &rng)
        let table = ([head] + lines).joined(separator: shape == .gluedOneLine || shape == .yearOnlyGlued ? "" : "\n")
        return """
            某市某局\(year)年政府信息公开工作年度报告
            一、概述
            \(year)年，我局政府信息公开工作稳步推进。
            二、主动公开政府信息情况
            \(states && !truth.blank.contains("active_disclosure_items") ? "全年主动公开政府信息\(number(truth.year["active_disclosure_items"]!))条。" : "主动公开工作有序开展。")
            三、依申请公开政府信息情况
            \(states && !truth.blank.contains("applications_received") ? "全年共受理政府信息公开申请\(number(truth.year["applications_received"]!))件。" : "依申请公开办理及时。")
            四、政府信息公开的收费及减免情况
            见附表。
            五、因政府信息公开申请行政复议、提起行政诉讼的情况
            见附表。
            六、存在的主要问题及改进措施
            培训不足。
            附件：政府信息公开情况统计表
            \(table)
            """
    }

    @Test func theTableIsReadInEveryShapeExactOrInDoubtNeverWrong() throws {
        var rng = SplitMix64(seed: 2008)
        var exact: [Shape: Int] = [:], total: [Shape: Int] = [:]
        for trial in 0..<60 {
            let truth = Truth(&rng)
            for shape in Shape.allCases {
                let report = try Self.parse(Self.render(truth, shape, year: 2014 + trial % 5, rng: &rng))
                #expect(report.template == .t2008)
                for cell in report.cells where cell.table == .old {
                    let expected = truth.blank.contains(cell.row) ? nil : truth.year[cell.row]
                    total[shape, default: 0] += 1
                    switch cell.status {
                    case .ok, .split, .inferred:
                        #expect(cell.value == expected, "\(shape) \(cell.row): read \(cell.value.map(formatNumber) ?? "-"), printed \(expected.map(formatNumber) ?? "-")")
                        if cell.value == expected { exact[shape, default: 0] += 1 }
                    case .ambiguous, .missing: break
                    case .blank:
                        #expect(expected == nil, "\(shape) \(cell.row): blank, printed \(expected.map(formatNumber) ?? "-")")
                        if expected == nil { exact[shape, default: 0] += 1 }
                    }
                }
            }
        }
        // Cells apart with their blanks visible (tabs, `|`): every figure read. Where a blank cell leaves no trace
        // (spaces, one cell per line, runs of digits) or the year's and the cumulative number run together, the
        // readings that the order of the columns, the table's sums and the prose leave open stay in doubt.
        for shape in Shape.allCases {
            print("old-era 统计表 \(shape): \(exact[shape] ?? 0) of \(total[shape] ?? 0) figures exact, the rest in doubt")
        }
        for shape in [Shape.tabs, .pipes] { #expect(exact[shape] == total[shape], "\(shape)") }
        // Measured on 400 reports: 97.9% where a blank leaves no trace, 81% where the two columns run together.
        for (shape, floor) in [(Shape.spaces, 0.95), (.stacked, 0.95), (.yearOnlyGlued, 0.95), (.gluedLines, 0.75), (.gluedOneLine, 0.75)] {
            #expect(Double(exact[shape] ?? 0) / Double(total[shape] ?? 1) >= floor, "\(shape)")
        }
    }

    @Test func aFigureGluedToItsCumulativeIsSettledOnlyByTheTextItself() throws {
        // `3204120`: 3 and 204120, 320 and 4120, or one of the two cells left blank — the prose says 320.
        // `688`: 6 and 88 (68 > 8), or 688 alone; `00`: both cells printed (no number starts with 0).
        let table = "附件：政府信息公开情况统计表\n指标名称计量单位本年度历年累计主动公开政府信息数条3204120制发规范性文件总数件688举报投诉数量件00"
        let base = "某市某局2016年政府信息公开工作年度报告\n一、概述\n稳步推进。\n二、主动公开政府信息情况\n"
            + "%@\n三、依申请公开政府信息情况\n无。\n四、政府信息公开的收费及减免情况\n无。\n六、存在的主要问题及改进措施\n无。\n" + table
        let stated = try Self.parse(base.replacingOccurrences(of: "%@", with: "全年主动公开政府信息320条，制发规范性文件6件。"))
        #expect(Self.values(stated)["active_disclosure_items"] == 320)
        #expect(Self.values(stated)["normative_docs_issued"] == 6)
        #expect(Self.values(stated)["complaints"] == 0)
        let silent = try Self.parse(base.replacingOccurrences(of: "%@", with: "主动公开工作有序开展。"))
        #expect(silent.cells.first { $0.row == "active_disclosure_items" }?.status == .ambiguous)
        #expect(silent.cells.first { $0.row == "normative_docs_issued" }?.status == .ambiguous, "688 could be the cumulative alone")
        #expect(Self.values(silent)["complaints"] == 0)
        let doubt = silent.parseFindings.first { $0.row == "active_disclosure_items" }
        #expect(doubt?.rule == .parseAmbiguous && doubt?.expected == "3|320|3204120|空白", "every reading is named")
    }

    @Test func theAnswersThatDoNotAddUpAreTheAgencysError() throws {
        var rng = SplitMix64(seed: 7)
        var truth = Truth(&rng)
        truth.year["replies_total"]! += 1
        let report = try Self.parse(Self.render(truth, .tabs, year: 2015, rng: &rng))
        let errors = Checker.check(report).filter { $0.severity == .error }
        #expect(errors.map(\.rule) == [.oldRepliesSum])
        // The same table with one answer in doubt: no error is laid on the agency.
        var doubtful = report
        doubtful.cells = report.cells.map { $0.row == "replies_denied" ? Cell(table: .old, row: $0.row, value: nil, status: .ambiguous) : $0 }
        #expect(Checker.check(doubtful).filter { $0.severity == .error }.isEmpty)
    }

    @Test func compareGivesTheComparableMeasuresAcrossTheErasWithTheirCaveats() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        try Self.prose.write(to: dir.appendingPathComponent("2012.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.copyItem(at: Repo.corpusFile("001_0f3a3c160bddc4d1.txt"), to: dir.appendingPathComponent("2023.txt"))
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        let rows = try store.compare(from: 2012, to: 2023, by: nil)
        #expect(rows.columns.last == "caveat")
        func row(_ measure: String) -> [FieldValue]? { rows.rows.first { $0[1].text == measure } }
        #expect(row("applications")?[2] == .number(12) && row("applications")?[3] == .number(290))
        #expect(row("denied")?[2] == .number(1))
        #expect(row("denied")?[rows.columns.firstIndex(of: "caveat")!].text.contains("八项理由") == true)
        #expect(try !store.compare(from: 2023, to: 2023, by: nil).columns.contains("caveat"), "no caveat within one era")
    }
}
