import Foundation
import NianbaoKit

/// Prints a generated report in one of the layouts the parser reads.
enum Render {
    static let t3Labels = [
        "一、本年新收政府信息公开申请数量", "二、上年结转政府信息公开申请数量", "（一）予以公开", "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        "1.属于国家秘密", "2.其他法律行政法规禁止公开", "3.危及“三安全一稳定”", "4.保护第三方合法权益",
        "5.属于三类内部事务信息", "6.属于四类过程性信息", "7.属于行政执法案卷", "8.属于行政查询事项",
        "1.本机关不掌握相关政府信息", "2.没有现成信息需要另行制作", "3.补正后申请内容仍不明确",
        "1.信访举报投诉类申请", "2.重复申请", "3.要求提供公开出版物", "4.无正当理由大量反复申请",
        "5.要求行政机关确认或重新出具已获取信息",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", "3.其他",
        "（七）总计", "四、结转下年度继续办理",
    ]
    static let applicantHeader = ["申请人情况", "自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"]
    static let t4Header = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]

    /// 表二's rows as printed: (label, the values of its cells).
    static func t2Rows(_ t: SynthTruth) -> [(String, [String])] {
        func v(_ key: String) -> String { formatNumber(t.t2[key] ?? 0) }
        return [
            ("规章", ["regulations.issued", "regulations.repealed", "regulations.in_force"].map(v)),
            ("行政规范性文件", ["normative_docs.issued", "normative_docs.repealed", "normative_docs.in_force"].map(v)),
            ("行政许可", [v("licensing.decisions")]), ("行政处罚", [v("punishment.decisions")]),
            ("行政强制", [v("coercion.decisions")]), ("行政事业性收费", [v("fees.amount")]),
        ]
    }

    static func report(_ t: SynthTruth, prose: Prose, layout: SynthLayout, rng: inout SplitMix64) -> String {
        // A report copied without its title keeps its signature, in the name it prints.
        let title = t.printedAs == nil ? "\(t.agency)\(t.year)年政府信息公开工作年度报告" : ""
        let signature = [t.printedAs ?? t.agency, "\(t.year + 1)年1月\(10 + rng.below(18))日"]
        let t3 = t.t3.map { $0.map(String.init) }
        let t4 = t.t4.map(String.init)
        let t2 = t2Rows(t)
        if layout == .html { return html(t, title: title, prose: prose, t2: t2, t3: t3, t4: t4, signature: signature) }

        var lines = (title.isEmpty ? [] : [title]) + ["一、总体情况", prose.overview, "二、主动公开政府信息情况"]
        let t2Head1 = ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]
        switch layout {
        case .pipeRows, .tabRows, .cellPerLine:
            func row(_ cells: [String]) -> [String] {
                switch layout {
                case .pipeRows: return [cells.joined(separator: " | ") + " |"]
                case .tabRows: return [cells.joined(separator: "\t")]
                default: return cells.map { $0 + " |" } + [""]
                }
            }
            lines += row(["第二十条第（一）项"]) + row(t2Head1)
            for (label, values) in t2.prefix(2) { lines += row([label] + values) }
            lines += row(["第二十条第（五）项"]) + row(["信息内容", "本年处理决定数量"]) + row([t2[2].0] + t2[2].1)
            lines += row(["第二十条第（六）项"]) + row(["信息内容", "本年处理决定数量"])
            for (label, values) in t2[3...4] { lines += row([label] + values) }
            lines += row(["第二十条第（八）项"]) + row(["信息内容", "本年收费金额（单位：万元）"]) + row([t2[5].0] + t2[5].1)
            lines.append("三、收到和处理政府信息公开申请情况")
            lines += row(applicantHeader)
            for (label, cells) in zip(t3Labels, t3) { lines += row([label] + cells) }
            lines.append("四、政府信息公开行政复议、行政诉讼情况")
            lines += row(["行政复议", "行政诉讼"]) + row(t4Header + t4Header + t4Header) + row(t4)
        case .glued:
            var body = "第二十条第（一）项信息内容本年制发件数本年废止件数现行有效件数"
            for (label, values) in t2 { body += label + values.joined() + (label == "行政许可" || label == "行政强制" ? " " : "") }
            lines.append(body)
            lines.append("三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
                + applicantHeader.joined() + zip(t3Labels, t3).map { ($0.hasPrefix("（一）") ? "三、本年度办理结果" : "") + $0 + $1.joined() }.joined())
            lines.append("四、政府信息公开行政复议、行政诉讼情况 行政复议行政诉讼" + (t4Header + t4Header + t4Header).joined() + t4.joined())
        case .stacked:
            lines += ["第二十条第（一）项", "信息内容"] + t2Head1.dropFirst()
            for (label, values) in t2 { lines += [label] + values }
            lines += ["三、收到和处理政府信息公开申请情况"] + applicantHeader
            // Consecutive blocks of rows, each listed column by column, the labels after the values.
            var start = 0
            while start < 25 {
                let size = min(25 - start, rng.below(3) == 0 ? 1 : 1 + rng.below(10))
                // As pdftotext prints them: a blank line after each column of a block (and after each value
                // of a single row).
                for c in 0..<7 {
                    for r in start..<(start + size) { lines.append(t3[r][c]) }
                    lines.append("")
                }
                start += size
            }
            lines += t3Labels
            lines += ["四、政府信息公开行政复议、行政诉讼情况", "行政复议", "行政诉讼"] + t4Header + t4
        case .html:
            break
        }
        lines += ["五、存在的主要问题及改进情况", prose.problemsSection, "六、其他需要报告的事项", "无。"] + signature
        return lines.joined(separator: "\n") + "\n"
    }

    static func html(_ t: SynthTruth, title: String, prose: Prose, t2: [(String, [String])], t3: [[String]], t4: [String],
                     signature: [String]) -> String {
        func escape(_ s: String) -> String { s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;") }
        func p(_ s: String) -> String { "<p>\(escape(s))</p>\n" }
        func table(_ rows: [[String]]) -> String {
            "<table border=\"1\">\n" + rows.map { "<tr>" + $0.map { "<td>\(escape($0))</td>" }.joined() + "</tr>\n" }.joined() + "</table>\n"
        }
        var body = (title.isEmpty ? "" : "<h1>\(escape(title))</h1>\n") + p("一、总体情况") + p(prose.overview) + p("二、主动公开政府信息情况")
        body += table([["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"]] + t2.prefix(2).map { [$0.0] + $0.1 }
                      + [["信息内容", "本年处理决定数量"]] + t2[2...4].map { [$0.0] + $0.1 }
                      + [["信息内容", "本年收费金额（单位：万元）"], [t2[5].0] + t2[5].1])
        body += p("三、收到和处理政府信息公开申请情况")
        body += table([applicantHeader] + zip(t3Labels, t3).map { [$0] + $1 })
        body += p("四、政府信息公开行政复议、行政诉讼情况")
        body += table([["行政复议", "行政诉讼"], t4Header + t4Header + t4Header, t4])
        body += p("五、存在的主要问题及改进情况") + p(prose.problemsSection) + p("六、其他需要报告的事项") + p("无。")
        body += signature.map(p).joined()
        return "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(escape(title))</title></head><body>\n\(body)</body></html>\n"
    }
}
