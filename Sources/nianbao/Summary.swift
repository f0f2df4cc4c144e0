import ArgumentParser
import Foundation
import NianbaoKit

extension GroupKey: ExpressibleByArgument {}

/// `--by`, `--measure`: shared by summary and compare.
struct MeasureOptions: ParsableArguments {
    @Option(name: .long, parsing: .singleValue,
            help: "Measures (comma list or repeated); `nianbao summary --list-measures` lists them.")
    var measure: [String] = []

    var names: [String] { measure.flatMap { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } } }
}

extension Nianbao {
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measures by group: applications, outcomes and their rates, review and litigation, 表二.",
            discussion: """
                One row per group, one column per measure. Sums add the cells of the reports in the group (a blank, \
                missing or ambiguous cell adds nothing); rates are pooled: the sum of numerators over the sum of \
                denominators, over the reports where both are known, and empty when that denominator is 0. \
                Definitions: docs/measures.md.

                Examples:
                  nianbao summary --by year,level
                  nianbao summary --by agency --measure applications,disclosure_rate --sort applications --limit 20
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var measures: MeasureOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: "Group by a comma list of: \(GroupKey.allCases.map(\.rawValue).joined(separator: ", ")).")
        var by = "year"

        @Option(name: .long, help: "Order by this measure, largest first (a ranking).")
        var sort: String?

        @Option(name: .long, help: "Keep the first N rows.")
        var limit: Int?

        @Flag(name: .long, help: "After the measures, each rate's numerator, denominator and the reports it counts (<rate>_num, _den, _reports).")
        var coverage = false

        @Flag(name: .long, help: "List the measures and their definitions.")
        var listMeasures = false

        func run() throws {
            if listMeasures {
                let rows = Measures.aggregates.map { [FieldValue.text($0.name), .text($0.label), .text($0.definition)] }
                try output.emit(RowSet(columns: ["measure", "label", "definition"], rows: rows), defaultFormat: .table)
                return
            }
            var groups: [GroupKey] = []
            for name in by.split(separator: ",") where !name.isEmpty {
                guard let key = GroupKey(rawValue: name.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("unknown group \(name); use \(GroupKey.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                groups.append(key)
            }
            let store = try database.open(readOnly: true)
            do {
                try output.emit(try store.summary(by: groups, measures: measures.names, sort: sort, limit: limit, coverage: coverage), defaultFormat: .table)
            } catch let error as AnalysisError {
                throw ValidationError(error.description)
            }
        }
    }

    struct Compare: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Year over year: both years' values, the change and the percentage change, by group.",
            discussion: """
                Columns: group,measure,from_value,to_value,change,pct_change,flag, then panel_from_value, \
                panel_to_value,panel_change: the same on the balanced panel (only the agencies with a report in both \
                years). Groups present in one year only come last, flagged only_from / only_to; a change of 50% or \
                more (and at least 10) is flagged jump. An agency group is its agency_id and name (see \
                `nianbao agencies`). Across the eras (one year before 2019, the other after), the comparable \
                measures with a column caveat (docs/measures.md).

                Example: nianbao compare --from 2023 --to 2024 --by province --measure applications,disclosure_rate
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var measures: MeasureOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: "The earlier year.")
        var from: Int

        @Option(name: .long, help: "The later year.")
        var to: Int

        @Option(name: .long, help: "Group by one of: \(GroupKey.allCases.map(\.rawValue).joined(separator: ", ")); none for the whole corpus.")
        var by: GroupKey?

        func run() throws {
            let store = try database.open(readOnly: true)
            // A year without reports compares nothing: say so rather than print a table of blanks.
            let years = try store.years()
            let absent = [from, to].filter { !years.contains($0) }
            if !absent.isEmpty {
                let held = years.isEmpty ? "none" : years.map(String.init).joined(separator: ", ")
                throw Failure("no reports for \(absent.map(String.init).joined(separator: " and ")) in the database (years held: \(held))")
            }
            do {
                try output.emit(try store.compare(from: from, to: to, by: by, measures: measures.names), defaultFormat: .table)
            } catch let error as AnalysisError {
                throw ValidationError(error.description)
            }
        }
    }

    struct Agencies: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The agencies behind the reports, and which printed names were merged into each.",
            discussion: """
                Reports are linked across years by region and institution (`淮安市洪泽区人民政府` and `洪泽区人民政府` \
                are one agency). To merge or split differently, give --aliases FILE: one line per printed name, \
                `printed name<TAB>canonical name`; every report is re-linked and the mapping is kept for later ingests.

                Example: nianbao agencies --aliases aliases.tsv
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        @Option(name: .long, help: "A TSV of `printed name<TAB>canonical name` lines.")
        var aliases: String?

        func run() throws {
            if let aliases {
                guard let text = try? String(contentsOfFile: aliases, encoding: .utf8) else {
                    throw ValidationError("\(aliases): cannot read the file")
                }
                var map: [String: String] = [:]
                for (n, line) in text.split(separator: "\n").enumerated() where !line.hasPrefix("#") {
                    let fields = line.split(separator: "\t").map { $0.trimmingCharacters(in: .whitespaces) }
                    guard fields.count == 2, !fields[0].isEmpty, !fields[1].isEmpty else {
                        throw ValidationError("\(aliases):\(n + 1): expected `printed name<TAB>canonical name`")
                    }
                    map[fields[0]] = fields[1]
                }
                let store = try database.open(readOnly: false)
                try store.setAliases(map)
                try AcrossYears.refreshAll(store)
            }
            try output.emit(try database.open(readOnly: true).agencies(), defaultFormat: .table)
        }
    }
}

extension Nianbao {
    struct Refresh: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Recompute what is derived from the stored reports: cross-year findings and the measure rollup.",
            discussion: """
                Ingest does this itself after storing anything; run it after editing the database by other means.

                Example: nianbao refresh --db Reports/nianbao.sqlite
                """
        )

        @OptionGroup var database: DatabaseOptions

        func run() throws {
            let store = try database.open(readOnly: false)
            let settled = try AcrossYears.refreshAll(store)
            printError("refreshed (\(settled) cells settled by the year before)")
        }
    }
}
