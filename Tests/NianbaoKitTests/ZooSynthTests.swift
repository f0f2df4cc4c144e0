import Foundation
import Testing
import NianbaoKit
@testable import NianbaoSynth

/// The official-style pages and their golds: the forms' structure, golds that state every cell of the printed
/// template, and the same output for the same seed.
@Suite struct ZooSynthTests {
    /// Every row of a table fills its grid exactly, counting rowspans from rows above.
    func isRectangular(_ rows: [[PageCell]], width: Int) -> Bool {
        var covered = Array(repeating: 0, count: width)
        for row in rows {
            var filled = covered.map { $0 > 0 ? 1 : 0 }.reduce(0, +)
            var column = 0
            var next = covered.map { max(0, $0 - 1) }
            for cell in row {
                while column < width && covered[column] > 0 { column += 1 }
                guard column + cell.colspan <= width else { return false }
                for c in column..<(column + cell.colspan) { next[c] = cell.rowspan - 1 }
                filled += cell.colspan
                column += cell.colspan
            }
            if filled != width { return false }
            covered = next
        }
        return covered.allSatisfy { $0 == 0 }
    }

    @Test func tablesHaveTheFormsGrids() {
        var rng = SplitMix64(seed: 11)
        for template in [Template.t2019, .t2021] {
            for _ in 0..<20 {
                let t = FormTables.random(&rng, template: template)
                let t3 = OfficialTables.table3(t, corner: OfficialTables.balanceNote)
                #expect(OfficialTables.grid(t3).width == 10 && isRectangular(t3, width: 10))
                #expect(t3.count == 3 + t.t3Rows.count)
                // 三、本年度办理结果 spans the result rows and （七）总计.
                #expect(t3[5].first?.rowspan == Fields.t3ResultRows(in: t.t3Rows).count + 1)
                let t4 = OfficialTables.table4(t)
                #expect(OfficialTables.grid(t4).width == 15 && isRectangular(t4, width: 15))
                #expect(t4[3].map(\.text) == t.t4.indices.map { t.t4Text($0) })
                for shanghai in [false, true] where !shanghai || template == .t2019 {
                    let t2 = OfficialTables.table2(t, unitPlacement: .header, shanghaiGrid: shanghai)
                    let width = shanghai ? 5 : 4
                    #expect(OfficialTables.grid(t2).width == width && isRectangular(t2, width: width))
                    let values = t2.flatMap { $0.filter { $0.kind == .value }.map(\.text) }
                    #expect(values == Fields.t2(for: template).map { t.t2Text($0) })
                }
            }
        }
    }

    @Test func goldStatesEveryCellOfThePrintedTemplate() throws {
        for report in ZooCorpus(seed: 5, count: 80).reports() {
            let tables = report.gold.tables
            let json = try #require(try JSONSerialization.jsonObject(with: Data(report.gold.json.utf8)) as? [String: Any])
            #expect(json["template"] as? String == tables.template.rawValue)
            #expect(json["year"] as? Int == report.page.year)
            #expect((json["agency"] as? String)?.contains(json["agency_core"] as? String ?? "?") == true)
            #expect((json["agency_errors"] as? [String])?.count == tables.plantedErrors.count)
            let t2 = try #require(json["t2"] as? [String: Any])
            #expect(Set(t2.keys) == Set(Fields.t2(for: tables.template)))
            let t3 = try #require(json["t3"] as? [String: [String: Any]])
            var rows = Set(tables.t3Rows)
            if tables.template == .t2021 { rows.formUnion(Fields.t3Rows2021) }
            #expect(Set(t3.keys) == rows)
            for (r, row) in tables.t3Rows.enumerated() {
                for (c, column) in Fields.t3Columns.enumerated() {
                    let value = t3[row]?[column]
                    if let printed = tables.t3[r][c] { #expect(value as? Double == printed) } else { #expect(value is NSNull) }
                }
            }
            if tables.otherAsOneRow && tables.template == .t2021 {
                #expect(t3["other.no_fee"]?.values.allSatisfy { $0 is NSNull } == true)
            }
            let t4 = try #require(json["t4"] as? [String: Any])
            #expect(Set(t4.keys) == Set(Fields.t4))
            // The year's template, but for the few printed on purpose in the other one.
            let expected: Template = report.page.year <= 2020 ? .t2019 : .t2021
            #expect(tables.template == expected || report.gold.notes.contains("not the one of its year"))
            #expect(report.html.contains("<title>\(report.page.title)"))
        }
    }

    @Test func sameSeedSameOutput() {
        let a = ZooCorpus(seed: 9, count: 6).reports(), b = ZooCorpus(seed: 9, count: 6).reports()
        #expect(a.map(\.html) == b.map(\.html) && a.map(\.gold.json) == b.map(\.gold.json))
        #expect(a.map(\.html) != ZooCorpus(seed: 10, count: 6).reports().map(\.html))
        #expect(Set(ZooCorpus(seed: 9, count: 40).reports().map(\.page.markup.style)) == Set(SiteStyle.allCases))
    }
}
