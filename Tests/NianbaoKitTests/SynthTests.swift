import Foundation
import GRDB
import Testing
@testable import NianbaoKit
import NianbaoSynth

/// The synthetic corpus as an oracle: ingesting it reproduces its truth, in every layout and encoding.
@Suite struct SynthTests {
    /// A third of the reports copied without their title, naming their agency without its county or city and not
    /// saying where they are: every year, agency and region read is right or left open; two real agencies are never
    /// one; and the share of one agency's years linked is measured.
    @Test func untitledReportsAreNeverGivenAWrongPlaceOrAnotherAgencysIdentity() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = SynthCorpus(seed: 20261201, agencies: 150, years: 2021...2024, untitledRate: 0.35)
        var truths: [String: (index: Int, truth: SynthTruth)] = [:]
        for report in corpus.reports() {
            let url = dir.appendingPathComponent(report.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(report.bytes).write(to: url)
            let index = Int(report.name.split(separator: "/").last!.prefix { $0 != "-" })!
            truths[url.path] = (index, report.truth)
        }
        #expect(truths.values.filter { $0.truth.printedAs != nil }.count > truths.count / 5)
        let store = try Store(inMemory: nil)
        _ = try Ingester(store: store).ingest([dir.path])
        var wrong: [String] = []
        var agencyOf: [Int64: Set<String>] = [:]   // agency id → the real agencies (name at a county) behind it
        var idsOf: [Int: [Int64?]] = [:]
        var resolved = 0
        for row in try store.exportReports().rows {
            guard let (index, truth) = truths[row[0].text] else { continue }
            if case .number(let year) = row[2], Int(year) != truth.year { wrong.append("\(truth.file): year \(year)") }
            // The name as printed, from the title or (untitled) the signature.
            if !row[1].text.contains(truth.printedAs ?? truth.agency) {
                wrong.append("\(truth.file): agency \(row[1].text), printed \(truth.printedAs ?? truth.agency)")
            }
            if !row[10].text.isEmpty {
                resolved += 1
                if row[10].text != truth.province || (!row[12].text.isEmpty && row[12].text != truth.county) {
                    wrong.append("\(truth.file) \(truth.printedAs ?? truth.agency): region \(row[10].text)/\(row[11].text)/\(row[12].text), truth \(truth.province ?? "")/\(truth.county ?? "")")
                }
            }
            let id: Int64? = if case .number(let n) = row[14] { Int64(n) } else { nil }
            if let id { agencyOf[id, default: []].insert(truth.agency + "@" + (truth.county ?? "")) }
            idsOf[index, default: []].append(id)
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong, e.g. \(wrong.prefix(6))")
        // One id never stands for two real agencies (the generator may draw one real agency twice: same name, same county).
        let merged = agencyOf.filter { $0.value.count > 1 }
        #expect(merged.isEmpty, "\(merged.prefix(3))")
        var pairs = 0, linked = 0
        for ids in idsOf.values {
            for i in ids.indices { for j in ids.indices where j > i { pairs += 1; if ids[i] != nil && ids[i] == ids[j] { linked += 1 } } }
        }
        // Untitled reports are linked by the landline or new-media account they share with their agency's other
        // years, and take its region (measured at this seed: 588 of 600 placed, 900 of 900 pairs linked).
        print("untitled corpus: \(truths.count) reports, regions resolved \(resolved), years linked \(linked) of \(pairs) pairs")
        #expect(linked * 100 >= pairs * 98 && resolved * 100 >= truths.count * 96)
    }

    @Test func ingestingAGeneratedCorpusReproducesItsTruth() throws {
        let dir = try Repo.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let corpus = SynthCorpus(seed: 20261123, agencies: 60, years: 2021...2023, errorRate: 0.15)
        var truths: [String: SynthTruth] = [:]
        for report in corpus.reports() {
            let url = dir.appendingPathComponent(report.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(report.bytes).write(to: url)
            truths[url.path] = report.truth
        }
        #expect(Set(truths.values.map(\.layout)) == Set(SynthLayout.allCases.map(\.rawValue)))
        #expect(truths.values.contains { $0.encoding == "GB18030" } && truths.values.contains { $0.agencyError != nil })
        let store = try Store(inMemory: nil)
        let summary = try Ingester(store: store).ingest([dir.path])
        #expect(summary.ingested == truths.count, "\(summary.problems)")

        // Every cell: exactly the value printed, or `ambiguous` with it among the candidates (glued 表二).
        var byPath: [String: [String: (FieldValue, String)]] = [:]
        for row in try store.exportCells().rows {
            byPath[row[0].text, default: [:]]["\(row[4].text)|\(row[5].text)|\(row[6].text)"] = (row[7], row[8].text)
        }
        let candidates = try store.exportFindings(severities: [.uncertain]).rows.filter { $0[1] == .text("parse.ambiguous") }
        var ambiguous = 0, wrong: [String] = []
        for (path, truth) in truths {
            let cells = byPath[path] ?? [:]
            var expected: [(String, Double)] = truth.t2.map { ("t2|\($0.key)|", $0.value) }
            for (r, row) in Fields.t3Rows2021.enumerated() {
                for (c, column) in Fields.t3Columns.enumerated() { expected.append(("t3|\(row)|\(column)", Double(truth.t3[r][c]))) }
            }
            for (i, key) in Fields.t4.enumerated() { expected.append(("t4|\(key)|", Double(truth.t4[i]))) }
            for (key, value) in expected {
                guard let (got, status) = cells[key] else { wrong.append("\(truth.file) \(truth.layout) \(key): absent"); continue }
                if status == "ambiguous" {
                    ambiguous += 1
                    let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                    let listed = candidates.first { $0[0].text == path && $0[3].text == parts[0] && $0[4].text == parts[1] && $0[5].text == parts[2] }
                    if listed?[6].text.split(separator: "|").compactMap({ Double($0) }).contains(value) != true {
                        wrong.append("\(truth.file) \(truth.layout) \(key): ambiguous without \(formatNumber(value))")
                    }
                } else if got != .number(value) {
                    wrong.append("\(truth.file) \(truth.layout) \(key): \(got.text) [\(status)], truth \(formatNumber(value))")
                }
            }
        }
        #expect(wrong.isEmpty, "\(wrong.count) wrong cells, e.g. \(wrong.prefix(8))")
        #expect(ambiguous < truths.count * 2, "\(ambiguous) ambiguous cells")

        // Metadata, regions and levels, and the agency errors (reported, never repaired) — and no others.
        let reports = try store.exportReports().rows
        for row in reports {
            guard let truth = truths[row[0].text] else { continue }
            #expect(row[1].text == truth.agency && row[2] == .number(Double(truth.year)) && row[3] == .text("2021"), "\(truth.file): \(row[1].text)")
            #expect(row[10].text == truth.province ?? "" && row[11].text == truth.city ?? "" && row[12].text == truth.county ?? "",
                    "\(truth.file) \(truth.agency): \(row[10].text)/\(row[11].text)/\(row[12].text)")
            #expect(row[13].text == truth.level, "\(truth.file) \(truth.agency): level \(row[13].text)")
            #expect((row[7] != .number(0)) == (truth.agencyError != nil), "\(truth.file) \(truth.layout): \(row[7].text) errors, truth \(truth.agencyError ?? "none"), uncertain \(row[9].text)")
        }
        // Prose: the stated counts and the account, with its followers and posts.
        let facts = try store.exportFacts().rows
        let media = try store.exportMedia().rows
        for (path, truth) in truths.prefix(40) {
            #expect(facts.contains { $0[0].text == path && $0[1] == .text("applications_in_prose") && $0[2] == .number(Double(truth.applicationsInProse)) })
            #expect(facts.contains { $0[0].text == path && $0[1] == .text("active_disclosure_items") && $0[2] == .number(Double(truth.activeDisclosure)) })
            let account = truth.media[0].split(separator: " ").map(String.init)
            #expect(media.contains { $0[0].text == path && $0[1].text == account[0] && $0[2].text == account[1]
                && $0[3] == .number(Double(account[2])!) && $0[4] == .number(Double(account[3])!) }, "\(truth.file) media")
        }
        // Across years nothing is amiss: 上年结转 = last year's 结转下年度 by construction.
        #expect(!(try store.exportFindings(severities: [.warning]).rows.contains { $0[1] == .text("cross_year.carried_over") }))
    }
}
