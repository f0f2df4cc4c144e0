import Foundation
import GRDB
import Testing
@testable import NianbaoKit
import NianbaoSynth

/// The synthetic corpus as an oracle: ingesting it reproduces its truth, in every layout and encoding.
@Suite struct SynthTests {
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
