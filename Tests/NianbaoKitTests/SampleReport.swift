import Foundation
import ZIPFoundation
@testable import NianbaoKit

/// One small 2021-template report, written out as text, as an HTML page and as a Word file, so
/// that the readers can be held to the same cells. Its 表三 uses merged cells the way agencies
/// print it: a header spanning rows and columns, group labels spanning their sub-rows.
struct SampleReport {
    typealias Cell = TableGrid.Cell
    enum Part { case text(String), table([[Cell]]) }

    var parts: [Part]

    /// The report of `ExtractionTests.report(t3: consistentT3)`, with merged cells in 表三.
    /// `wideCommercial` prints every 商业企业 value cell with colspan 2, as some sites do.
    static func standard(wideCommercial: Bool = false) -> SampleReport {
        let t3 = ExtractionTests.consistentT3
        let labels = ExtractionTests.labels2021
        var rows: [[Cell]] = [
            [Cell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", rowSpan: 3, colSpan: 3),
             Cell("申请人情况", colSpan: wideCommercial ? 8 : 7)],
            [Cell("自然人", rowSpan: 2), Cell("法人或其他组织", colSpan: wideCommercial ? 6 : 5), Cell("总计", rowSpan: 2)],
            [Cell("商业企业", colSpan: wideCommercial ? 2 : 1), Cell("科研机构"), Cell("社会公益组织"), Cell("法律服务机构"), Cell("其他")],
        ]
        func values(_ i: Int) -> [Cell] {
            t3[i].enumerated().map { Cell($1, colSpan: wideCommercial && $0 == 1 ? 2 : 1) }
        }
        for i in 0..<25 {
            var row: [Cell] = []
            switch i {
            case 0, 1, 24: row.append(Cell(labels[i], colSpan: 3))
            case 2: row += [Cell("三、本年度办理结果", rowSpan: 22), Cell(labels[i], colSpan: 2)]
            case 3, 23: row.append(Cell(labels[i], colSpan: 2))
            case 4: row += [Cell("（三）不予公开", rowSpan: 8), Cell(labels[i])]
            case 12: row += [Cell("（四）无法提供", rowSpan: 3), Cell(labels[i])]
            case 15: row += [Cell("（五）不予处理", rowSpan: 5), Cell(labels[i])]
            case 20: row += [Cell("（六）其他处理", rowSpan: 3), Cell(labels[i])]
            default: row.append(Cell(labels[i]))
            }
            rows.append(row + values(i))
        }
        let plain = { (texts: [[String]]) in texts.map { $0.map { Cell($0) } } }
        return SampleReport(parts: [
            .text("测试县人民政府2023年政府信息公开工作年度报告"),
            .text("一、总体情况"), .text("正文。"),
            .text("二、主动公开政府信息情况"),
            .table(plain([["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
                          ["规章", "0", "0", "2"], ["行政规范性文件", "3", "1", "20"],
                          ["信息内容", "本年处理决定数量"], ["行政许可", "100"], ["行政处罚", "-5"], ["行政强制", "7"],
                          ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", "12.5"]])),
            .text("三、收到和处理政府信息公开申请情况"),
            .table(rows),
            .text("四、政府信息公开行政复议、行政诉讼情况"),
            .table([[Cell("行政复议", colSpan: 5), Cell("行政诉讼", colSpan: 10)],
                    Array(repeating: "结果维持 结果纠正 其他结果 尚未审结 总计".split(separator: " ").map { Cell(String($0)) }, count: 3).flatMap { $0 },
                    (["1", "1", "0", "0", "2", "0", "0", "0", "1", "1"] + ["0", "0", "0", "0", "0"]).map { Cell($0) }]),
            .text("五、存在的主要问题及改进情况"), .text("一是培训不足。"),
            .text("六、其他需要报告的事项"), .text("无。"), .text("测试县人民政府"), .text("2024年1月20日"),
        ])
    }

    /// Tables as `|` rows of their printed cells.
    var text: String {
        parts.map { part -> String in
            switch part {
            case .text(let t): return t
            case .table(let rows): return rows.map { $0.map(\.text).joined(separator: " | ") + " |" }.joined(separator: "\n")
            }
        }.joined(separator: "\n")
    }

    func html(chrome: Bool = false, charset: String = "utf-8") -> String {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        var body = ""
        for part in parts {
            switch part {
            case .text(let t): body += "<p class=\"MsoNormal\"><span>\(escape(t))</span></p>\n"
            case .table(let rows):
                body += "<table border=\"1\"><tbody>\n"
                for row in rows {
                    body += "<tr>" + row.map { cell in
                        let spans = (cell.rowSpan > 1 ? " rowspan=\"\(cell.rowSpan)\"" : "") + (cell.colSpan > 1 ? " colspan=\"\(cell.colSpan)\"" : "")
                        // Word-exported cells: text in <p><span>, a label broken by <br>, &nbsp; padding.
                        let text = cell.text.count > 8
                            ? escape(String(cell.text.prefix(4))) + "<br />" + escape(String(cell.text.dropFirst(4)))
                            : escape(cell.text)
                        return "<td\(spans)><p><span>&nbsp;\(text)</span></p></td>"
                    }.joined() + "</tr>\n"
                }
                body += "</tbody></table>\n"
            }
        }
        let head = "<head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=\(charset)\"><title>年报 - 测试县人民政府</title><script>var x = '一、总体情况';</script><style>p { margin: 0 }</style></head>"
        guard chrome else { return "<html>\(head)<body>\n\(body)</body></html>" }
        return """
            <html>\(head)<body>
            <div class="nav"><ul><li><a href="/">首页</a></li><li><a href="/zwgk">政务公开</a></li><li>政府信息公开年报</li></ul></div>
            <div class="crumb">当前位置：首页 &gt; 政务公开 &gt; 政府信息公开年度报告</div>
            <div class="list"><a href="/a">测试县人民政府2022年政府信息公开工作年度报告</a></div>
            <div class="content"><!--[if !supportLists]-->\(body)<!--[endif]--></div>
            <div class="footer"><p>版权所有：测试县人民政府 主办单位：测试县人民政府办公室</p><p>网站标识码 0000000000 ICP备00000000号</p></div>
            </body></html>
            """
    }

    /// Rich Text Format as word processors write it: characters as `\\uN\\'3f` escapes, a table row as `\\trowd` with
    /// one `\\cellx` right edge per cell (a cell spanning columns is one wider cell), a cell merged downwards as
    /// `\\clvmgf` then `\\clvmrg` in the rows below.
    func rtf() -> String {
        func escape(_ s: String) -> String {
            var out = ""
            for unit in s.utf16 {
                switch unit {
                case 0x5C, 0x7B, 0x7D: out += "\\" + String(UnicodeScalar(UInt8(unit)))
                case 0x20..<0x80: out += String(UnicodeScalar(UInt8(unit)))
                default: out += "\\u\(Int16(bitPattern: unit))\\'3f"   // the fallback character as LibreOffice writes it
                }
            }
            return out
        }
        var body = ""
        for part in parts {
            switch part {
            case .text(let t): body += "\\pard\\plain {" + escape(t) + "}\\par\n"
            case .table(let rows):
                var below: [Int: (colSpan: Int, rowsLeft: Int)] = [:]
                for row in rows {
                    var defs = "\\trowd\\trgaph108", cells = ""
                    var column = 0, edge = 0
                    var pending = row[...]
                    while !pending.isEmpty || below.keys.contains(where: { $0 >= column }) {
                        if let merged = below[column] {
                            edge += 1000 * merged.colSpan
                            defs += "\\clvmrg\\cellx\(edge)"
                            cells += "\\pard\\intbl {}\\cell"
                            below[column] = merged.rowsLeft > 1 ? (merged.colSpan, merged.rowsLeft - 1) : nil
                            column += merged.colSpan
                            continue
                        }
                        guard let cell = pending.popFirst() else { break }
                        edge += 1000 * cell.colSpan
                        defs += (cell.rowSpan > 1 ? "\\clvmgf" : "") + "\\cellx\(edge)"
                        cells += "\\pard\\intbl {" + escape(cell.text) + "}\\cell"
                        if cell.rowSpan > 1 { below[column] = (cell.colSpan, cell.rowSpan - 1) }
                        column += cell.colSpan
                    }
                    body += defs + "\n" + cells + "\\row\n"
                }
                body += "\\pard\n"
            }
        }
        return "{\\rtf1\\ansi\\ansicpg936\\uc1\\deff0{\\fonttbl{\\f0\\fnil SimSun;}}\n" + body + "}\n"
    }

    /// A minimal Word file: `[Content_Types].xml` and `word/document.xml`, merged cells as
    /// `w:gridSpan` and `w:vMerge`.
    func docx() throws -> [UInt8] {
        func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
        }
        func paragraph(_ t: String) -> String { "<w:p><w:r><w:t xml:space=\"preserve\">\(escape(t))</w:t></w:r></w:p>" }
        var body = ""
        for part in parts {
            switch part {
            case .text(let t): body += paragraph(t)
            case .table(let rows):
                body += "<w:tbl>"
                // Place the cells on the grid to know where vertical merges continue.
                var below: [Int: (colSpan: Int, rowsLeft: Int)] = [:]
                for row in rows {
                    body += "<w:tr>"
                    var column = 0
                    var pending = row[...]
                    while !pending.isEmpty || below.keys.contains(where: { $0 >= column }) {
                        if let merged = below[column] {
                            let span = merged.colSpan > 1 ? "<w:gridSpan w:val=\"\(merged.colSpan)\"/>" : ""
                            body += "<w:tc><w:tcPr>\(span)<w:vMerge/></w:tcPr><w:p/></w:tc>"
                            below[column] = merged.rowsLeft > 1 ? (merged.colSpan, merged.rowsLeft - 1) : nil
                            column += merged.colSpan
                            continue
                        }
                        guard let cell = pending.popFirst() else { break }
                        var properties = cell.colSpan > 1 ? "<w:gridSpan w:val=\"\(cell.colSpan)\"/>" : ""
                        if cell.rowSpan > 1 {
                            properties += "<w:vMerge w:val=\"restart\"/>"
                            below[column] = (cell.colSpan, cell.rowSpan - 1)
                        }
                        body += "<w:tc><w:tcPr>\(properties)</w:tcPr>\(paragraph(cell.text))</w:tc>"
                        column += cell.colSpan
                    }
                    body += "</w:tr>"
                }
                body += "</w:tbl>"
            }
        }
        let document = """
            <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>\(body)<w:sectPr/></w:body></w:document>
            """
        let types = """
            <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
            """
        return try Self.zip(["[Content_Types].xml": Data(types.utf8), "word/document.xml": Data(document.utf8)])
    }

    static func zip(_ entries: [String: Data], compression: CompressionMethod = .deflate) throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        for (path, data) in entries.sorted(by: { $0.key < $1.key }) {
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: compression) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return [UInt8](archive.data ?? Data())
    }
}
