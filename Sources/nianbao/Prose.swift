import ArgumentParser
import NianbaoKit

/// `--by year,province,…` for the prose summaries: region and year groups only.
func regionGroups(_ list: String) throws -> [GroupKey] {
    try list.split(separator: ",").map { name -> GroupKey in
        guard let key = GroupKey(rawValue: String(name).trimmingCharacters(in: .whitespaces)), key != .agency, key != .template else {
            throw ValidationError("unknown group \(name); use year, province, city, county, level")
        }
        return key
    }
}

extension Nianbao {
    struct Media: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "政务新媒体 by platform: accounts, reports naming them, stated followers and posts.",
            discussion: """
                Followers and posts are summed over the accounts whose report states them; the counts of those \
                accounts stand beside each sum. Accounts themselves: `nianbao export media`.

                Example: nianbao media --by year
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: "Also group by a comma list of: year, province, city, county, level.")
        var by = ""

        func run() throws {
            let groups = try regionGroups(by)
            try output.emit(try database.open(readOnly: true).mediaSummary(by: groups), defaultFormat: .table)
        }
    }
}

extension Nianbao {
    struct ProblemsCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "problems",
            abstract: "存在问题 by category, and the phrases that recur across reports, by year.",
            discussion: """
                Categories: the taxonomy of docs/prose.md, by rule. Phrases: normalised clauses and frequent maximal \
                substrings of this year's problems, with the reports (and their share) naming them each year. As a \
                table, the 20 most frequent phrases follow the categories; as CSV/TSV/JSON, --phrases gives them.

                Example: nianbao problems --by year
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: "Group categories by a comma list of: year, province, city, county, level.")
        var by = ""

        @Flag(name: .long, help: "Show the recurring phrases instead of the categories.")
        var phrases = false

        @Option(name: .long, help: "With --phrases: keep the N most frequent phrases.")
        var limit = 50

        func run() throws {
            let store = try database.open(readOnly: true)
            if phrases {
                try output.emit(try store.exportPhrases(limit: limit), defaultFormat: .table)
                return
            }
            let groups = try regionGroups(by)
            try output.emit(try store.problemSummary(by: groups), defaultFormat: .table)
            // On a terminal table, what recurs and how it trends follows the categories; data formats keep one
            // dataset per command (`--phrases` for the phrases alone).
            if output.output == nil && (output.format ?? .table) == .table {
                print("")
                try output.emit(try store.exportPhrases(limit: min(limit, 20)), defaultFormat: .table)
            }
        }
    }
}
