import Foundation
import Testing
import NianbaoKit
import NianbaoSynth

/// The serializations as renderers only: each prints a whole report with its tables' values, the same for a
/// seed. Whether the parser reads them back is the property test's business, not this one's.
@Suite struct SerializationsTests {
    static let headings = [
        "一、总体情况", "二、主动公开政府信息情况", "三、收到和处理政府信息公开申请情况", "四、政府信息公开行政复议、行政诉讼情况",
        "五、存在的主要问题及改进情况", "六、其他需要报告的事项",
    ]

    /// The text as a reader sees it after NFKC: full-width digits and Kangxi radicals back to the plain ones.
    static func normalized(_ text: String) -> String { text.precomposedStringWithCompatibilityMapping }

    @Test(arguments: Serialization.allCases)
    func everyShapePrintsTheSectionsAndTheFirstRowOfTable3(_ shape: Serialization) {
        for seed in UInt64(1)...40 {
            var rng = SplitMix64(seed: seed)
            let tables = FormTables.random(&rng)
            let text = Self.normalized(Serialization.render(tables, as: shape, rng: &rng))
            #expect(text.hasSuffix("\n"))
            for heading in Self.headings { #expect(text.contains(heading), "\(shape) seed \(seed): no \(heading)") }
            for c in 0..<7 {
                let value = tables.t3Text(0, c)
                guard !value.isEmpty else { continue }
                #expect(text.contains(value), "\(shape) seed \(seed): no \(value) of 表三's first row")
            }
        }
    }

    @Test(arguments: Serialization.allCases)
    func aSeedGivesTheSameText(_ shape: Serialization) {
        for seed in UInt64(1)...10 {
            #expect(Serialization.sample(seed: seed, as: shape) == Serialization.sample(seed: seed, as: shape))
        }
        #expect(Serialization.sample(seed: 1, as: shape) != Serialization.sample(seed: 2, as: shape))
    }

    @Test func withoutQuirksTheLabelsArePlain() {
        for shape in Serialization.allCases {
            for seed in UInt64(1)...10 {
                let text = Serialization.sample(seed: seed, as: shape, quirks: [])
                let marked = text.unicodeScalars.contains { (0x2F00...0x2FDF).contains($0.value) || (0xFF10...0xFF19).contains($0.value) }
                #expect(!marked, "\(shape) seed \(seed): a Kangxi radical or a full-width digit without the quirk")
                #expect(!text.contains("\u{0C}"), "\(shape) seed \(seed): a page break without the quirk")
            }
        }
    }

    @Test func pdfShapesBreakPagesInsideTable3() {
        var breaks = 0
        for seed in UInt64(1)...20 {
            let text = Serialization.sample(seed: seed, as: .pdfLayout, quirks: .pageBreaks)
            guard let start = text.range(of: "三、收到和处理政府信息公开申请情况"),
                  let end = text.range(of: "四、政府信息公开行政复议、行政诉讼情况") else { continue }
            if text[start.upperBound..<end.lowerBound].contains("\u{0C}") { breaks += 1 }
        }
        #expect(breaks >= 5)
    }

    @Test func boxDrawingJoinsItsRules() {
        let text = Serialization.sample(seed: 3, as: .boxDrawing, quirks: [])
        let table = text.components(separatedBy: "\n").filter { $0.hasPrefix("┌") || $0.hasPrefix("│") || $0.hasPrefix("├") || $0.hasPrefix("└") }
        #expect(table.count > 40)
        // Every line of one table is as wide as its top rule, a CJK character taking two columns.
        func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ((0x2E80...0xFF60).contains($1.value) ? 2 : 1) } }
        var top = 0
        for line in table {
            if line.hasPrefix("┌") { top = width(line) }
            #expect(width(line) == top, "\(line)")
        }
    }

    @Test func loTextMarksEmptyCellsWithANoBreakSpace() {
        var rng = SplitMix64(seed: 5)
        var tables = FormTables.random(&rng, template: .t2021)
        tables.t3[0][1] = nil
        tables.blankStyle = .empty
        let text = Serialization.render(tables, as: .loText, quirks: [], rng: &rng)
        #expect(text.contains("\n\u{A0}\n"))
    }
}
