import Foundation
import Testing
@testable import NianbaoKit

@Suite struct ExportTests {
    let set = RowSet(columns: ["source", "value", "message"], rows: [
        [.text("a.txt"), .number(6858.05), .text("含,逗号与\"引号\"")],
        [.text("b.txt"), .null, .text("两行\n文字")],
    ])

    @Test func csvIsRFC4180WithCRLF() {
        #expect(OutputFormat.csv.render(set) ==
            "source,value,message\r\na.txt,6858.05,\"含,逗号与\"\"引号\"\"\"\r\nb.txt,,\"两行\n文字\"\r\n")
        #expect(OutputFormat.csv.render(set, bom: true).hasPrefix("\u{FEFF}source,"))
    }

    @Test func tsvAndJSON() {
        #expect(OutputFormat.tsv.render(set) == "source\tvalue\tmessage\na.txt\t6858.05\t含,逗号与\"引号\"\nb.txt\t\t两行 文字\n")
        #expect(OutputFormat.json.render(set) ==
            "[\n{\"source\":\"a.txt\",\"value\":6858.05,\"message\":\"含,逗号与\\\"引号\\\"\"},\n{\"source\":\"b.txt\",\"value\":null,\"message\":\"两行\\n文字\"}\n]\n")
        let parsed = try? JSONSerialization.jsonObject(with: Data(OutputFormat.json.render(set).utf8)) as? [[String: Any]]
        #expect(parsed?.count == 2)
    }

    @Test func tableAlignsChineseByDisplayWidth() {
        #expect(TableWriter.width("总计") == 4)
        #expect(TableWriter.width("a总") == 3)
        let out = OutputFormat.table.render(RowSet(columns: ["名称", "n"], rows: [[.text("清镇市"), .number(1)], [.text("ab"), .number(22)]]))
        #expect(out == "名称    n\n------  --\n清镇市  1\nab      22\n")
    }

    @Test func atomicWriteLeavesNoTemporaryFile() throws {
        let dir = try Repo.temporaryDirectory()
        let path = dir.appendingPathComponent("out.csv").path
        try writeAtomically("one", to: path)
        try writeAtomically("two", to: path)
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "two")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }
}
