import Foundation
import NianbaoKit

/// Whole reports as government sites publish them, with the gold of each in the zoo's format: the input that
/// `scripts/zoo-synth.sh` runs through the real converters. Each report has a random agency from the gazetteer, a
/// year of 2019–2025 printed in its template (the 2019 template for 2019–2020, the 2021 one after; a few on purpose
/// in the other), random consistent tables with blanks and planted errors, and a random site style.
/// Deterministic for a seed.
///
///     for report in ZooCorpus(seed: 1, count: 12).reports() { … report.stem, report.html, report.gold.json … }
public struct ZooCorpus: Sendable {
    public var seed: UInt64
    public var count: Int
    /// The share of reports printed in the template of the other period.
    public var otherTemplateRate: Double

    public init(seed: UInt64, count: Int, otherTemplateRate: Double = 0.05) {
        self.seed = seed
        self.count = count
        self.otherTemplateRate = otherTemplateRate
    }

    public struct Report: Sendable {
        /// The file name without extension (`synth007-2023`).
        public var stem: String
        public var page: OfficialHTML
        public var gold: ZooGold
        public var html: String { page.render() }
    }

    /// Report `index` (0-based).
    public func report(_ index: Int) -> Report {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(index))
        let agency = SynthAgency.random(&rng)
        let year = 2019 + rng.below(7)
        var template: Template = year <= 2020 ? .t2019 : .t2021
        let otherTemplate = rng.unit() < otherTemplateRate
        if otherTemplate { template = template == .t2019 ? .t2021 : .t2019 }
        let tables = FormTables.random(&rng, template: template)
        let page = OfficialHTML(agency: agency, year: year, tables: tables, rng: &rng)
        let stem = String(format: "synth%03d-%d", index + 1, year)
        var notes = ["Synthetic report (nianbao-synth --zoo, seed \(seed)); markup: \(page.markup.summary)."]
        if otherTemplate { notes.append("Printed in the \(template.rawValue) template, not the one of its year.") }
        if tables.otherAsOneRow && template == .t2021 { notes.append("（六）其他处理 printed as one row.") }
        if let blank = tables.blankStyleNote { notes.append(blank) }
        if tables.amountUnit == .yuan { notes.append("Amounts printed in 元 (gold in 万元).") }
        if !tables.brokenIdentities.isEmpty {
            notes.append("Breaks \(tables.brokenIdentities.joined(separator: ", ")).")
        } else if !tables.plantedErrors.isEmpty {
            notes.append("The planted error breaks no identity as the checks count them (its parts are all blank).")
        }
        let gold = ZooGold(file: stem + ".html", agency: agency, year: year, tables: tables, notes: notes.joined(separator: " "))
        return Report(stem: stem, page: page, gold: gold)
    }

    public func reports() -> [Report] { (0..<count).map(report) }
}

extension FormTables {
    /// How blank cells are printed, when the report has any.
    var blankStyleNote: String? {
        let blanks = cells.filter { $0.value == nil }.count
        guard blanks > 0 else { return nil }
        let shown = blankStyle == .empty ? "empty cells" : "“\(blankStyle.text)”"
        return "\(blanks) blank cells printed as \(shown)."
    }
}
