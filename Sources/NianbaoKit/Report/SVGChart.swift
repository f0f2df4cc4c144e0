import Foundation

/// Charts as inline SVG: plain shapes and text, no script, no external resource. Pure functions of
/// their series.
///
///     SVGChart.bars([("2023", 290), ("2024", 312)], title: "本年新收申请")
public enum SVGChart {
    static let palette = ["#3366aa", "#66aa55", "#ee9933", "#cc4444", "#8866bb", "#999999"]
    static let font = "font-family=\"Noto Sans CJK SC, Source Han Sans SC, sans-serif\""

    /// Vertical bars, one per label (years).
    public static func bars(_ series: [(String, Double)], title: String, percent: Bool = false) -> String {
        let width = 640.0, height = 300.0, left = 60.0, bottom = 40.0, top = 36.0
        let top1 = niceMaximum(max(series.map(\.1).max() ?? 0, percent ? 0.01 : 1), percent: percent)
        let plot = height - top - bottom
        let slot = (width - left - 20) / Double(max(series.count, 1))
        var body = axis(width: width, height: height, left: left, bottom: bottom, top: top, maximum: top1, percent: percent)
        for (i, (label, value)) in series.enumerated() {
            let h = plot * value / top1
            let x = left + Double(i) * slot + slot * 0.15
            body += rect(x, height - bottom - h, slot * 0.7, h, palette[0], tip: "\(label): \(format(value, percent))")
            body += text(x + slot * 0.35, height - bottom + 16, label, anchor: "middle")
            body += text(x + slot * 0.35, height - bottom - h - 4, format(value, percent), anchor: "middle", size: 11)
        }
        return svg(width, height, title, body)
    }

    /// Stacked bars of shares (each label's parts sum to at most 1), with a legend.
    /// `notes`: a second line under each label (`n=23`: the reports a bar rests on).
    public static func stacked(_ series: [(String, [Double])], names: [String], title: String, notes: [String] = []) -> String {
        let width = 640.0, height = 320.0, left = 60.0, bottom = 60.0, top = 36.0
        let plot = height - top - bottom
        let slot = (width - left - 20) / Double(max(series.count, 1))
        var body = axis(width: width, height: height, left: left, bottom: bottom, top: top, maximum: 1, percent: true)
        for (i, (label, parts)) in series.enumerated() {
            var y = height - bottom
            let x = left + Double(i) * slot + slot * 0.15
            for (k, share) in parts.enumerated() where share > 0 {
                let h = plot * share
                y -= h
                body += rect(x, y, slot * 0.7, h, palette[k % palette.count], tip: "\(label) \(names[k]): \(format(share, true))")
            }
            body += text(x + slot * 0.35, height - bottom + 16, label, anchor: "middle")
            if i < notes.count { body += text(x + slot * 0.35, height - bottom + 30, notes[i], anchor: "middle", size: 10) }
        }
        body += legend(names, y: height - 12, left: left)
        return svg(width, height, title, body)
    }

    /// Grouped bars of rates per label, a missing value drawn as nothing (not 0); `tips` says what each rests on.
    /// Bars side by side per group (rates by year), each labelled with its rate and, where `counts` gives them, the
    /// numerator and denominator it comes from (`5/43`); `notes` under each group's label (how many reports it covers).
    public static func grouped(_ series: [(String, [Double?])], names: [String], title: String, tips: [[String?]] = [],
                               counts: [[String?]] = [], notes: [String] = []) -> String {
        let width = 640.0, height = 320.0, left = 60.0, bottom = 60.0, top = 36.0
        let maximum = niceMaximum(max(series.flatMap { $0.1.compactMap { $0 } }.max() ?? 0, 0.01), percent: true)
        let plot = height - top - bottom
        let slot = (width - left - 20) / Double(max(series.count, 1))
        var body = axis(width: width, height: height, left: left, bottom: bottom, top: top, maximum: maximum, percent: true)
        for (i, (label, values)) in series.enumerated() {
            let bar = slot * 0.7 / Double(max(values.count, 1))
            for (k, value) in values.enumerated() {
                let x = left + Double(i) * slot + slot * 0.15 + Double(k) * bar
                guard let value else {
                    body += text(x + bar / 2, height - bottom - 4, "–", anchor: "middle", size: 11)
                    continue
                }
                let h = plot * value / maximum
                let rests = i < tips.count && k < tips[i].count ? tips[i][k].map { "（\($0)）" } ?? "" : ""
                body += rect(x, height - bottom - h, bar * 0.9, h, palette[k % palette.count], tip: "\(label) \(names[k]): \(format(value, true))\(rests)")
                let count = i < counts.count && k < counts[i].count ? counts[i][k] : nil
                body += text(x + bar * 0.45, height - bottom - h - (count == nil ? 4 : 15), format(value, true), anchor: "middle", size: 9)
                if let count { body += text(x + bar * 0.45, height - bottom - h - 4, count, anchor: "middle", size: 9) }
            }
            body += text(left + Double(i) * slot + slot / 2, height - bottom + 16, label, anchor: "middle")
            if i < notes.count { body += text(left + Double(i) * slot + slot / 2, height - bottom + 29, notes[i], anchor: "middle", size: 10) }
        }
        body += legend(names, y: height - 12, left: left)
        return svg(width, height, title, body)
    }

    /// Horizontal bars, largest first (rankings: problems, agencies, platforms).
    public static func ranking(_ series: [(String, Double)], title: String, percent: Bool = false) -> String {
        let rows = Array(series.prefix(10))
        let width = 640.0, left = 230.0, rowHeight = 26.0, top = 36.0
        let height = top + rowHeight * Double(max(rows.count, 1)) + 16
        let maximum = max(rows.map(\.1).max() ?? 0, percent ? 0.01 : 1)
        var body = ""
        for (i, (label, value)) in rows.enumerated() {
            let y = top + Double(i) * rowHeight
            let w = (width - left - 90) * value / maximum
            body += text(left - 8, y + rowHeight * 0.65, label.count > 16 ? String(label.prefix(15)) + "…" : label, anchor: "end")
            body += rect(left, y + 4, w, rowHeight - 8, palette[0], tip: "\(label): \(format(value, percent))")
            body += text(left + w + 6, y + rowHeight * 0.65, format(value, percent), anchor: "start", size: 11)
        }
        if rows.isEmpty { body += text(width / 2, top + 16, "（无数据）", anchor: "middle") }
        return svg(width, height, title, body)
    }

    // MARK: Pieces

    static func svg(_ width: Double, _ height: Double, _ title: String, _ body: String) -> String {
        """
        <svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 \(n(width)) \(n(height))" width="\(n(width))" height="\(n(height))" role="img" aria-label="\(escape(title))">\
        <title>\(escape(title))</title>\
        \(text(width / 2, 22, title, anchor: "middle", size: 15, bold: true))\(body)</svg>
        """
    }

    static func axis(width: Double, height: Double, left: Double, bottom: Double, top: Double, maximum: Double, percent: Bool) -> String {
        var out = ""
        let plot = height - top - bottom
        let steps = tickCount(maximum, percent: percent)
        for k in 0...steps {
            let value = maximum * Double(k) / Double(steps)
            let y = height - bottom - plot * Double(k) / Double(steps)
            out += "<line x1=\"\(n(left))\" y1=\"\(n(y))\" x2=\"\(n(width - 20))\" y2=\"\(n(y))\" stroke=\"#dddddd\"/>"
            out += text(left - 6, y + 4, format(value, percent), anchor: "end", size: 11)
        }
        return out
    }

    /// The axis's top: the next round number at or above `value` (1, 2, 2.5 or 5 times a power of ten; for a
    /// share, whole percents up to 100%), so that the ticks fall on round numbers.
    static func niceMaximum(_ value: Double, percent: Bool) -> Double {
        guard value > 0 else { return percent ? 0.01 : 1 }
        if percent && value >= 0.5 { return 1 }
        let magnitude = pow(10, floor(log10(value)))
        let top = [1, 2, 2.5, 5, 10].map { $0 * magnitude }.first { $0 >= value * (1 - 1e-9) } ?? 10 * magnitude
        return percent ? max(top, 0.01) : max(top, 1)
    }

    /// Four or five intervals, whichever lands on round numbers.
    static func tickCount(_ maximum: Double, percent: Bool) -> Int {
        let magnitude = pow(10, floor(log10(maximum)))
        let lead = (maximum / magnitude).rounded()
        return lead == 1 || lead == 2 || lead == 10 ? 4 : 5
    }

    static func legend(_ names: [String], y: Double, left: Double) -> String {
        var out = ""
        var x = left
        for (k, name) in names.enumerated() {
            out += rect(x, y - 10, 12, 12, palette[k % palette.count], tip: name)
            out += text(x + 16, y, name, anchor: "start", size: 12)
            x += 24 + Double(TableWriter.width(name)) * 7
        }
        return out
    }

    static func rect(_ x: Double, _ y: Double, _ w: Double, _ h: Double, _ color: String, tip: String) -> String {
        "<rect x=\"\(n(x))\" y=\"\(n(y))\" width=\"\(n(max(w, 0)))\" height=\"\(n(max(h, 0)))\" fill=\"\(color)\"><title>\(escape(tip))</title></rect>"
    }

    static func text(_ x: Double, _ y: Double, _ s: String, anchor: String, size: Int = 12, bold: Bool = false) -> String {
        "<text x=\"\(n(x))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\" font-size=\"\(size)\" \(font)\(bold ? " font-weight=\"bold\"" : "")>\(escape(s))</text>"
    }

    static func n(_ v: Double) -> String { String(format: "%.1f", v) }

    static func format(_ v: Double, _ percent: Bool) -> String {
        if percent { return String(format: "%.1f%%", v * 100) }
        if v >= 10_000 { return String(format: "%.1f万", v / 10_000) }
        return formatGrouped(v.rounded() == v ? v : (v * 10).rounded() / 10)
    }

    static func escape(_ s: String) -> String { XLSXWriter.escape(s) }
}
