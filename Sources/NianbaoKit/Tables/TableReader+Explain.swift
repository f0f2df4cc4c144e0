extension ReportParser {
    /// How the table reader saw each table of a document: its segments (label pieces, value slots, shape, lines)
    /// and the form row each value segment was given to. For `nianbao parse --segments`.
    public static func explainTables(_ document: Document) -> String {
        let (text, wideText, gridRows) = document.normalizedTexts()
        let wide = Array(wideText.unicodeScalars)
        let located = Sections.locate(text)
        var grids: [Int: [TableText.Line]] = [:]
        func gridLine(_ line: Int) -> TableText.Line? {
            guard let at = gridRows[line], case .table(let grid) = document.blocks[at.table] else { return nil }
            if grids[at.table] == nil { grids[at.table] = TableText.gridLines(grid) }
            return grids[at.table]![at.row]
        }
        var out: [String] = []
        let tables = [(TableID.t2, 1), (.t3, 2), (.t4, 3)]
        var t2: TableText?, t3: TableText?
        var texts: [TableID: TableText] = [:]
        for (id, section) in tables {
            guard let body = Sections.body(text, located, section) else { continue }
            texts[id] = tableText(body.dropFirst(heading: located[section]), in: text, wide: wide, gridLine: gridRows.isEmpty ? nil : gridLine)
        }
        t2 = texts[.t2]; t3 = texts[.t3]
        let template = detectTemplate(t2: t2, t3: t3)
        out.append("template \(template.rawValue)")
        for (id, _) in tables {
            guard let tableText = texts[id] else { out.append("\(id.rawValue): no section"); continue }
            let segments = tableText.joiningWrappedNumbers(width: id == .t4 ? 15 : id == .t3 ? 7 : 3).segments()
            var rowOf: [Int: String] = [:]
            var evidenceOf: [Int: String] = [:]
            if id != .t4 {
                let form = Form.table(id, template: template == .t2019 ? .t2019 : .t2021)
                let alignment = Alignment.align(segments, table: form)
                let windows = Alignment.labelWindows(segments, rows: form.rows, matcher: Alignment.Matcher(rows: form.rows, segments: segments))
                for (i, s) in segments.enumerated() where s.hasValues {
                    let crowded = segments.filter { $0.hasValues && $0.firstLine == s.firstLine }.count > 1
                    let scored = form.rows.indices.map { j in (form.rows[j].key, windows[j].reduce(0) { max($0, $1.score * Alignment.proximity($1, s, index: i, crowded: crowded)) }) }
                        .filter { $0.1 > 0 }.sorted { $0.1 > $1.1 }.prefix(3)
                    evidenceOf[i] = scored.map { "\($0.0) \(formatNumber(($0.1 * 100).rounded() / 100))" }.joined(separator: ", ")
                }
                for (j, list) in alignment.rows.enumerated() { for i in list { rowOf[i] = form.rows[j].key } }
                out.append("\(id.rawValue): \(segments.count) segments, alignment score \(alignment.score)")
                let (anchors, blocks) = TableReader.anchors(segments, table: form, alignment: alignment)
                for (width, a) in anchors.sorted(by: { $0.key < $1.key }) {
                    out.append("  anchors for \(width) cells: \(a.coordinate)\(a.fromHeader ? " (header)" : "") " + a.centers.map(formatNumber).joined(separator: " "))
                }
                for (block, list) in blocks.sorted(by: { $0.key < $1.key }) {
                    for (width, a) in list { out.append("  page \(block), \(width) cells: \(a.coordinate) " + a.centers.map(formatNumber).joined(separator: " ")) }
                }
            } else {
                out.append("\(id.rawValue): \(segments.count) segments")
                if let longest = segments.filter(\.hasValues).max(by: { $0.numbers < $1.numbers }) {
                    let anchors = TableReader.t4HeaderAnchors(segments, values: longest)
                    out.append("  header anchors: " + (anchors.map { "\($0.coordinate) " + $0.centers.map { formatNumber($0) }.joined(separator: " ") } ?? "none"))
                }
            }
            for (i, s) in segments.enumerated() {
                let pieces = s.pieces.map { String(scalars: $0) }.joined(separator: "｜")
                let slots = s.slots.map { slot in
                    (slot.isBlank ? "_" : String(scalars: slot.text))
                        + "@\(slot.cell >= 0 ? "c\(slot.cell)" : "\(slot.start)/\(slot.wstart)")"
                }.joined(separator: " ")
                let glued = s.glued.map { " glued " + String(scalars: $0) } ?? ""
                out.append("  [\(i)] L\(s.firstLine)-\(s.lastLine) b\(s.block) \(s.shape)\(s.grid ? " grid" : "") «\(pieces)» \(slots)\(glued)"
                           + (rowOf[i].map { "  → \($0)" } ?? "") + (evidenceOf[i].map { "  [\($0)]" } ?? ""))
            }
        }
        return out.joined(separator: "\n")
    }
}
