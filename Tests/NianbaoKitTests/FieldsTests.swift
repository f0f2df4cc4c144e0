import Foundation
import Testing
@testable import NianbaoKit

/// The keys in code are exactly those of `spec/fields.tsv` (copied unchanged into Fixtures/).
@Suite struct FieldsTests {
    let spec: [(table: String, key: String, templates: [String], unit: String, notes: String)] = {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fields.tsv")
        let text = try! String(contentsOf: url, encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false)
            return (String(f[0]), String(f[1]), f[3].split(separator: ",").map(String.init), String(f[4]),
                    f.count > 5 ? String(f[5]) : "")
        }
    }()

    func keys(_ table: String, _ template: String) -> Set<String> {
        Set(spec.filter { $0.table == table && $0.templates.contains(template) }.map(\.key))
    }

    @Test(arguments: ["2019", "2021"])
    func keysMatchSpec(_ template: String) {
        let t = Template(rawValue: template)!
        #expect(Set(Fields.t2(for: t)) == keys("t2", template))
        #expect(Set(Fields.t3Rows(for: t)) == keys("t3", template))
        #expect(Set(Fields.t3Columns) == keys("t3col", template))
        #expect(Set(Fields.t4) == keys("t4", template))
    }

    @Test func theOldEraKeysAreThoseOfFields2008() throws {
        let url = Bundle.module.resourceURL!.appendingPathComponent("Fixtures/fields-2008.tsv")
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(Fields.old == lines.map { $0[1] })
        #expect(lines.allSatisfy { $0[0] == "old" && $0[3] == "2008" })
        #expect(Set(Fields.oldReplies).isSubset(of: Set(Fields.old)))
        #expect(Set(OldEra.tableLabels.map(\.key)).isSubset(of: Set(Fields.old)))
    }

    @Test func signedAndAmountKeysAreThoseTheSpecNames() {
        #expect(Fields.signedKeys == Set(spec.filter { $0.notes.contains("negative") }.map(\.key)))
        #expect(Fields.amountKeys == Set(spec.filter { $0.unit == "万元" }.map(\.key)))
    }
}
