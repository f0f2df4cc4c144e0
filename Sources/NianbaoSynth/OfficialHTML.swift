import Foundation
import NianbaoKit

/// How a government site marks up a report page: the editor or export behind it.
public enum SiteStyle: String, CaseIterable, Sendable, Codable {
    /// Word's "save as web page": `class=MsoNormalTable`, `<p class=MsoNormal><span lang=EN-US>` in every cell,
    /// unquoted attributes, a line per tag, and the zero-height row of empty cells that closes Word's tables.
    case word
    /// A web editor (TRS, UEditor) as on 平潭's site: inline border styles, `<p style="text-indent: 0em;">` in
    /// cells, long labels broken over two `<p>`s padded with `&nbsp;`, the whole page body on one line.
    case editor
    /// Hand-written markup: `<th>` headers in a `<thead>`, bare `<td>` cells, `<h3>` section headings.
    case plain
    /// An older CMS as on 上海's site: `nowrap` cells with pixel widths, `<p align="center">`, `<br />` in long
    /// labels, `&nbsp;` in empty cells, a table of the page's index data above the report.
    case legacy
}

/// The markup quirks of one page, drawn for its site style.
public struct PageMarkup: Sendable, Equatable {
    public var style: SiteStyle
    /// Numbers split over several runs (`<span>2</span><span>0</span>`), as edited Word text leaves them.
    public var splitDigits: Bool
    /// Padding before some cells' text (`&nbsp;` or U+3000), or none.
    public var padding: String?
    /// Long labels broken over two lines (`<br>`, or two paragraphs).
    public var breakLabels: Bool
    /// An empty row closing each table.
    public var extraRow: Bool
    /// An empty cell closing each row.
    public var extraColumn: Bool
    /// Each table wrapped in a layout `<div>`.
    public var wrapDiv: Bool
    /// 表二 of the 2019 template in 上海's five-column grid (header and value cells spanning differently).
    public var shanghaiGrid: Bool
    /// 表三's corner cell states the balance rule; otherwise it is empty.
    public var cornerNote: Bool
    /// The amount's unit after the number in its cell (`251000元`) rather than in the column header.
    public var unitInCell: Bool
    /// Seeds the page's small choices: which cells are padded, where labels break, how numbers are split.
    public var seed: UInt64

    /// Quirks drawn for a style; `template` decides whether 上海's grid and a unit in the cell can occur.
    public static func random(_ rng: inout SplitMix64, style: SiteStyle, template: Template) -> PageMarkup {
        func chance(_ p: Double) -> Bool { rng.unit() < p }
        var m = PageMarkup(style: style, splitDigits: false, padding: nil, breakLabels: false, extraRow: false,
                           extraColumn: false, wrapDiv: false, shanghaiGrid: false, cornerNote: chance(0.8),
                           unitInCell: template == .t2019 && chance(0.4), seed: rng.next())
        switch style {
        case .word:
            m.splitDigits = chance(0.6)
            m.padding = chance(0.2) ? "&nbsp;" : nil
            m.breakLabels = chance(0.5)
            m.extraRow = chance(0.7)
            m.wrapDiv = true
        case .editor:
            m.splitDigits = chance(0.2)
            m.padding = chance(0.4) ? "&nbsp;" : nil
            m.breakLabels = chance(0.6)
            m.extraRow = chance(0.15)
            m.extraColumn = chance(0.1)
            m.wrapDiv = chance(0.3)
        case .plain:
            m.splitDigits = chance(0.1)
            m.padding = chance(0.3) ? "\u{3000}" : nil
            m.breakLabels = chance(0.3)
            m.extraRow = chance(0.25)
            m.extraColumn = chance(0.25)
            m.wrapDiv = chance(0.6)
        case .legacy:
            m.splitDigits = chance(0.1)
            m.padding = chance(0.3) ? (chance(0.5) ? "&nbsp;" : "\u{3000}") : nil
            m.breakLabels = chance(0.5)
            m.extraRow = chance(0.2)
            m.extraColumn = chance(0.2)
            m.wrapDiv = chance(0.2)
            m.shanghaiGrid = template == .t2019 && chance(0.5)
        }
        return m
    }

    /// The quirks in a few words, for a gold's notes.
    public var summary: String {
        var parts = [style.rawValue]
        if splitDigits { parts.append("digits split over spans") }
        if let padding { parts.append(padding == "&nbsp;" ? "&nbsp; padding" : "U+3000 padding") }
        if breakLabels { parts.append("labels broken over lines") }
        if extraRow { parts.append("an extra empty row") }
        if extraColumn { parts.append("an extra empty column") }
        if wrapDiv { parts.append("tables in a layout div") }
        if shanghaiGrid { parts.append("上海's five-column 表二 grid") }
        if !cornerNote { parts.append("empty 表三 corner") }
        if unitInCell { parts.append("amount unit in the cell") }
        return parts.joined(separator: ", ")
    }
}

/// A whole report as a government site publishes it: site chrome, the title `<agency><year>年政府信息公开工作年度报告`,
/// the six sections with some prose, the three tables of the printed template in its official structure
/// (spans and all), a signature and a date, marked up in one site style with its quirks.
///
///     var rng = SplitMix64(seed: 5)
///     let agency = SynthAgency.random(&rng)
///     let tables = FormTables.random(&rng, template: .t2021)
///     let page = OfficialHTML(agency: agency, year: 2023, tables: tables, rng: &rng)
///     page.render().contains("三、本年度办理结果")  // true
public struct OfficialHTML: Sendable {
    public var agency: SynthAgency
    public var year: Int
    public var tables: FormTables
    public var markup: PageMarkup

    public init(agency: SynthAgency, year: Int, tables: FormTables, markup: PageMarkup) {
        self.agency = agency
        self.year = year
        self.tables = tables
        self.markup = markup
    }

    /// A page in a random site style.
    public init(agency: SynthAgency, year: Int, tables: FormTables, rng: inout SplitMix64) {
        let style = SiteStyle.allCases[rng.below(SiteStyle.allCases.count)]
        self.init(agency: agency, year: year, tables: tables,
                  markup: .random(&rng, style: style, template: tables.template))
    }

    public var title: String { "\(agency.name)\(year)年政府信息公开工作年度报告" }

    /// The page's HTML (UTF-8 text).
    public func render() -> String {
        var rng = SplitMix64(seed: markup.seed)
        let prose = OfficialProse(agency: agency, year: year, tables: tables, rng: &rng)
        var page = PageWriter(markup: markup, rng: rng)
        var body = ""
        for paragraph in prose.intro { body += page.paragraph(paragraph) }
        body += page.heading("一、总体情况")
        for paragraph in prose.overview { body += page.paragraph(paragraph) }
        body += page.heading("二、主动公开政府信息情况")
        body += page.table(OfficialTables.table2(tables, unitPlacement: markup.unitInCell ? .cell : .header,
                                                 shanghaiGrid: markup.shanghaiGrid), headerRows: 0, labelColumns: 1)
        body += page.heading("三、收到和处理政府信息公开申请情况")
        body += page.table(OfficialTables.table3(tables, corner: markup.cornerNote ? OfficialTables.balanceNote : ""), headerRows: 3,
                           labelColumns: 3)
        body += page.heading(tables.template == .t2019 ? "四、因政府信息公开工作被申请行政复议、提起行政诉讼情况"
                                                       : "四、政府信息公开行政复议、行政诉讼情况")
        body += page.table(OfficialTables.table4(tables), headerRows: 3, labelColumns: 0)
        body += page.heading(tables.template == .t2019 ? "五、政府信息公开工作存在的主要问题及改进情况" : "五、存在的主要问题及改进情况")
        for paragraph in prose.problems { body += page.paragraph(paragraph) }
        body += page.heading("六、其他需要报告的事项")
        for paragraph in prose.other { body += page.paragraph(paragraph) }
        body += page.signature([agency.name, prose.signed])
        return page.document(title: title, agency: agency, published: prose.published, body: body)
    }
}

/// Writes the markup of one page in its site style.
struct PageWriter {
    var markup: PageMarkup
    var rng: SplitMix64
    var style: SiteStyle { markup.style }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Word's runs: ASCII text in `lang=EN-US` spans, Chinese text in 宋体 (or `font`) spans; with `split`, digit
    /// runs cut into pieces of one or two characters.
    mutating func wordRuns(_ text: String, font: String = "宋体", size: String = "10.5pt", split: Bool = false) -> String {
        var runs: [(ascii: Bool, text: String)] = []
        for ch in text {
            let ascii = ch.isASCII
            if let last = runs.last, last.ascii == ascii { runs[runs.count - 1].text.append(ch) } else { runs.append((ascii, String(ch))) }
        }
        var out = ""
        for run in runs {
            if run.ascii {
                var pieces = [run.text]
                if split && run.text.count > 1 {
                    pieces = []
                    var rest = Substring(run.text)
                    while !rest.isEmpty {
                        let n = min(rest.count, 1 + rng.below(2))
                        pieces.append(String(rest.prefix(n)))
                        rest = rest.dropFirst(n)
                    }
                }
                for piece in pieces {
                    out += "<span lang=EN-US style='font-size:\(size);font-family:\"Times New Roman\"'>\(Self.escape(piece))</span>"
                }
            } else {
                out += "<span style='font-size:\(size);font-family:\(font)'>\(Self.escape(run.text))</span>"
            }
        }
        return out
    }

    /// A number cut over plain spans: `<span>2</span><span>0</span>`.
    mutating func spans(_ text: String) -> String {
        var out = "", rest = Substring(text)
        while !rest.isEmpty {
            let n = min(rest.count, 1 + rng.below(2))
            out += "<span>\(Self.escape(String(rest.prefix(n))))</span>"
            rest = rest.dropFirst(n)
        }
        return out
    }

    // MARK: Prose

    mutating func heading(_ text: String) -> String {
        switch style {
        case .word:
            return "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt'>"
                + wordRuns(text, font: "黑体", size: "16.0pt") + "</p>\n\n"
        case .editor:
            return "<p style=\"text-indent: 2em;\"><span style=\"font-family: 黑体, SimHei;\">\(Self.escape(text))</span></p>"
        case .plain:
            return "<h3>\(Self.escape(text))</h3>\n"
        case .legacy:
            return "<p><strong>\(Self.escape(text))</strong></p>"
        }
    }

    mutating func paragraph(_ text: String) -> String {
        switch style {
        case .word:
            return "<p class=MsoNormal style='text-indent:32.0pt;mso-char-indent-count:2.0;line-height:28.0pt'>"
                + wordRuns(text, font: "仿宋_GB2312", size: "16.0pt") + "</p>\n\n"
        case .editor:
            return "<p style=\"text-indent: 2em;\">\(Self.escape(text))</p>"
        case .plain:
            return "<p>\(Self.escape(text))</p>\n"
        case .legacy:
            return "<p>\u{3000}\u{3000}\(Self.escape(text))</p>"
        }
    }

    mutating func signature(_ lines: [String]) -> String {
        lines.map { line in
            switch style {
            case .word:
                return "<p class=MsoNormal align=right style='text-align:right;line-height:28.0pt'>"
                    + wordRuns(line, font: "仿宋_GB2312", size: "16.0pt") + "</p>\n\n"
            case .editor: return "<p style=\"text-align: right;\">\(Self.escape(line))</p>"
            case .plain: return "<p class=\"sign\" style=\"text-align:right\">\(Self.escape(line))</p>\n"
            case .legacy: return "<p align=\"right\">\(Self.escape(line))</p>"
            }
        }.joined()
    }

    // MARK: Tables

    /// A cell's contents: its text (broken, padded, split as the quirks say) inside the style's paragraphs and runs.
    mutating func contents(_ cell: PageCell) -> String {
        if cell.text.isEmpty {
            switch style {
            case .word: return "<p class=MsoNormal align=center style='text-align:center'><span lang=EN-US>&nbsp;</span></p>"
            case .editor: return rng.below(2) == 0 ? "<br/>" : "<p style=\"text-indent: 0em;\"><br/></p>"
            case .plain: return ""
            case .legacy: return rng.below(2) == 0 ? "&nbsp;" : "<p align=\"center\">&nbsp;</p>"
            }
        }
        var lines = [cell.text]
        let chars = Array(cell.text)
        // Narrow columns break long labels; a heading across the table stays whole.
        if markup.breakLabels && cell.kind != .value && cell.colspan < 4 && chars.count >= 6 && rng.below(3) == 0 {
            let cut = max(3, chars.count / 3) + rng.below(max(1, chars.count - 1 - max(3, chars.count / 3)))
            lines = [String(chars[..<cut]), String(chars[cut...])]
        }
        let split = markup.splitDigits && cell.kind == .value && rng.below(2) == 0
        let pad = markup.padding.flatMap { rng.below(3) == 0 ? $0 : nil } ?? ""
        let center = cell.kind != .label
        switch style {
        case .word:
            let align = center ? " align=center style='text-align:center'" : ""
            return lines.enumerated().map { i, line in
                "<p class=MsoNormal\(align)>" + (i == 0 ? pad : "") + wordRuns(line, split: split) + "</p>"
            }.joined(separator: "\n  ")
        case .editor:
            return lines.enumerated().map { i, line in
                let text = split ? spans(line) : Self.escape(line)
                // 平潭's broken labels: a newline and &nbsp; padding after the second part.
                let tail = i > 0 ? "\n" + String(repeating: " &nbsp;", count: 8) : ""
                return "<p style=\"text-indent: 0em;\">" + (i == 0 ? pad : "") + text + tail + "</p>"
            }.joined()
        case .plain:
            let text = lines.map { split ? spans($0) : Self.escape($0) }.joined(separator: "<br>")
            return pad + text + (pad == "&nbsp;" ? pad : "")
        case .legacy:
            let text = lines.map { split ? spans($0) : Self.escape($0) }.joined(separator: "<br />")
            return "<p\(center ? " align=\"center\"" : "")>" + pad + text + "</p>"
        }
    }

    /// A cell's opening tag: spans, and the style's widths (`width` pixels), borders and alignment.
    func open(_ cell: PageCell, header: Bool, width: Int) -> String {
        var spanAttrs = ""
        let quote = style == .word ? "" : "\""
        if cell.colspan > 1 { spanAttrs += " colspan=\(quote)\(cell.colspan)\(quote)" }
        if cell.rowspan > 1 { spanAttrs += " rowspan=\(quote)\(cell.rowspan)\(quote)" }
        switch style {
        case .word:
            let pt = String(format: "%.1f", Double(width) * 0.75)
            return "<td width=\(width)\(spanAttrs) valign=top style='width:\(pt)pt;border:solid windowtext 1.0pt;"
                + "border-top:none;mso-border-top-alt:solid windowtext .5pt;mso-border-alt:solid windowtext .5pt;"
                + "padding:0cm 5.4pt 0cm 5.4pt;height:20.0pt'>"
        case .editor:
            // As on 平潭's page: labels may break anywhere, numbers not.
            let breakAll = cell.kind == .value ? "" : " word-break: break-all;"
            return "<td\(spanAttrs) style=\"padding: 0px 4px; border-left: 1px solid windowtext; border-right: 1px solid windowtext; "
                + "border-top: none; border-bottom: 1px solid windowtext;\(breakAll)\" valign=\"center\">"
        case .plain:
            return header ? "<th\(spanAttrs) scope=\"col\">" : "<td\(spanAttrs)>"
        case .legacy:
            return "<td\(spanAttrs) nowrap=\"nowrap\" style=\"width:\(width)px;\">"
        }
    }

    /// A whole table: `headerRows` rows in a `<thead>` in the plain style, then the style's extra row and column.
    /// The first `labelColumns` grid columns are drawn wider than the columns of values.
    mutating func table(_ rows: [[PageCell]], headerRows: Int, labelColumns: Int) -> String {
        let (width, starts) = OfficialTables.grid(rows)
        let labelWidths = labelColumns == 3 ? [26 + rng.below(14), 60 + rng.below(40), 150 + rng.below(80)] : [90 + rng.below(80)]
        let columnWidths = (0..<width).map { c in c < labelColumns ? labelWidths[min(c, labelWidths.count - 1)] : 38 + rng.below(24) }
        let sep = style == .word ? "\n " : style == .plain ? "\n  " : ""
        var out = ""
        switch style {
        case .word:
            out += "<div align=center>\n\n<table class=MsoNormalTable border=1 cellspacing=0 cellpadding=0 width=\(560 + rng.below(80)) "
                + "style='border-collapse:collapse;border:none;mso-border-alt:solid windowtext .5pt;mso-yfti-tbllook:1184;"
                + "mso-padding-alt:0cm 5.4pt 0cm 5.4pt'>\n"
        case .editor:
            out += "<table style=\"font-family: 'Times New Roman';font-size: 13px;border-collapse: collapse;border: none;"
                + "width: auto !important;margin: 0 auto;\" cellspacing=\"0\" align=\"center\" border=\"1\"><tbody>"
        case .plain:
            out += "<table class=\"table table-bordered\" border=\"1\" cellpadding=\"4\" cellspacing=\"0\">\n"
        case .legacy:
            out += "<table align=\"center\" border=\"1\" cellspacing=\"1\"><tbody>"
        }
        for (i, row) in rows.enumerated() {
            if style == .plain && i == 0 { out += headerRows > 0 ? "<thead>\n" : "<tbody>\n" }
            if style == .plain && i == headerRows && i > 0 { out += "</thead>\n<tbody>\n" }
            switch style {
            case .word: out += "<tr style='mso-yfti-irow:\(i);\(i == 0 ? "mso-yfti-firstrow:yes;" : "")height:20.0pt'>"
            case .editor: out += i == 0 ? "<tr style=\"height: 19px\" class=\"firstRow\">" : "<tr style=\"height: 19px\">"
            case .plain: out += "<tr>"
            case .legacy: out += "<tr>"
            }
            let header = i < headerRows || row.allSatisfy { $0.kind == .header }
            for (cell, start) in zip(row, starts[i]) {
                let tag = style == .plain && header && cell.kind == .header ? "th" : "td"
                let pixels = columnWidths[start..<min(width, start + cell.colspan)].reduce(0, +)
                out += sep + open(cell, header: header && cell.kind == .header, width: pixels) + contents(cell) + "</\(tag)>"
            }
            if markup.extraColumn { out += sep + (style == .plain ? "<td></td>" : "<td>&nbsp;</td>") }
            out += (style == .word ? "\n" : style == .plain ? "\n" : "") + "</tr>" + (style == .editor || style == .legacy ? "" : "\n")
        }
        if markup.extraRow {
            if style == .word {
                // Word's row that fixes the column widths.
                out += "<![if !supportMisalignedColumns]>\n<tr height=0>\n"
                    + columnWidths.map { " <td width=\($0) style='border:none'></td>\n" }.joined()
                    + "</tr>\n<![endif]>\n"
            } else {
                out += "<tr>" + String(repeating: style == .plain ? "<td></td>" : "<td>&nbsp;</td>", count: width + (markup.extraColumn ? 1 : 0)) + "</tr>"
            }
        }
        switch style {
        case .word: out += "</table>\n\n</div>\n\n"
        case .editor, .legacy: out += "</tbody></table>"
        case .plain: out += "</tbody>\n</table>\n"
        }
        if markup.wrapDiv && style != .word {
            out = "<div class=\"table-wrap\" style=\"overflow-x:auto;width:100%;\">" + out + "</div>" + (style == .plain ? "\n" : "")
        }
        return out
    }

    // MARK: The page

    /// The page around the report: head, site chrome, the article (with an index table in the legacy style) and a footer.
    mutating func document(title: String, agency: SynthAgency, published: (year: Int, month: Int, day: Int), body: String) -> String {
        let site = agency.county + "人民政府"
        let date = String(format: "%d-%02d-%02d", published.year, published.month, published.day)
        let e = Self.escape
        let head = """
            <!DOCTYPE html>
            <html lang="zh-CN">
            <head>
            <meta http-equiv="Content-Type" content="text/html; charset=utf-8">
            <meta name="ArticleTitle" content="\(e(title))">
            <meta name="PubDate" content="\(date) 09:\(String(format: "%02d", rng.below(60)))">
            <meta name="ContentSource" content="\(e(agency.name))">
            <title>\(e(title))_\(e(site))</title>
            <link rel="stylesheet" href="/images/common.css">
            <script type="text/javascript" src="/js/jquery.min.js"></script>
            <style>.article_content p{line-height:2em;font-size:16px}.footer{color:#666}</style>
            </head>
            <body>
            <div class="header"><div class="logo">\(e(site))</div>
            <ul class="nav"><li><a href="/">首页</a></li><li><a href="/zwgk/">政务公开</a></li><li><a href="/zmhd/">政民互动</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>
            <div class="crumb">当前位置：<a href="/">首页</a> &gt; <a href="/zfxxgk/">政府信息公开</a> &gt; <a href="/zfxxgk/ndbg/">政府信息公开年报</a></div>

            """
        var article = ""
        if style == .legacy && rng.below(2) == 0 {
            let index = String(format: "%09d", rng.below(1_000_000_000)) + "/\(published.year)-\(String(format: "%05d", 1 + rng.below(300)))"
            article += "<table class=\"xxgk_info\" width=\"100%\"><tr><td>索引号：</td><td>\(index)</td><td>分类：</td><td>政府信息公开年报</td></tr>"
                + "<tr><td>发布机构：</td><td>\(e(agency.name))</td><td>发文日期：</td><td>\(date)</td></tr>"
                + "<tr><td>名称：</td><td colspan=\"3\">\(e(title))</td></tr></table>\n"
        }
        switch style {
        case .word, .plain:
            article += "<h1 class=\"title\">\(e(title))</h1>\n<div class=\"info\">发布时间：\(date)　来源：\(e(agency.name))　浏览次数：\(50 + rng.below(3000))</div>\n"
        case .editor:
            article += "<div class=\"article_title\">\(e(title))</div>\n<div class=\"article_info\"><span>发布时间：\(date)</span><span>来源：\(e(agency.name))</span></div>\n"
        case .legacy:
            article += "<p style='text-align: center;font-weight: bold;'>\(e(title))</p>\t<p style='text-align: center'>发布日期：\(date)</p>"
        }
        switch style {
        case .word:
            article += "<div class=\"article_content\">\n<div class=WordSection1 style='layout-grid:15.6pt'>\n\n\(body)</div>\n</div>\n"
        case .editor:
            article += "<div class=\"article_content\"><div class=TRS_Editor>\(body)</div></div>\n"
        case .plain, .legacy:
            article += "<div class=\"article_content\">\n\(body)\n</div>\n"
        }
        let footer = """
            <div class="share">分享到：<a href="javascript:void(0)">微信</a> <a href="javascript:void(0)">微博</a>　【打印本页】【关闭窗口】</div>
            <div class="footer"><p>主办单位：\(e(site))办公室　网站标识码：\(String(format: "%010d", rng.below(2_000_000_000)))</p>
            <p>ICP备\(String(format: "%08d", rng.below(100_000_000)))号　公网安备 \(String(format: "%014d", rng.below(1_000_000_000)))号</p></div>
            <script type="text/javascript">var _hmt = _hmt || [];</script>
            </body>
            </html>

            """
        return head + "<div class=\"main\">\n" + article + "</div>\n" + footer
    }
}
