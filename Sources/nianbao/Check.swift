import ArgumentParser
import NianbaoKit

extension Severity: ExpressibleByArgument {}

extension Nianbao {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List the findings: agency errors, warnings and the parser's doubts.",
            discussion: """
                error: the agency's own numbers disagree (recorded as printed, never repaired).
                warning: a softer problem (missing section, template and year disagree, unreadable file).
                uncertain: the parser's own doubt about what it read.

                An official checking subordinate agencies narrows it: --year, --province, --city, --county, --agency \
                (part of a name), --rule (a rule, or every rule of a table: t3.).

                Example: nianbao check --severity error
                Example: nianbao check --county 洪泽区 --year 2024 --severity error
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var filters: FilterOptions

        @Option(name: .long, help: "Only these severities (repeatable): error, warning, uncertain.")
        var severity: [Severity] = []

        func run() throws {
            let filter = try filters.filter()
            let store = try database.open(readOnly: true)
            let findings = try store.rowSet(RowSource.findings(severity.isEmpty ? Severity.allCases : severity).filtered(filter))
            try output.emit(findings, defaultFormat: .table)
            if output.output != nil || output.format == nil || output.format == .table {
                let errors = findings.rows.filter { $0[2] == .text("error") }.count
                let warnings = findings.rows.filter { $0[2] == .text("warning") }.count
                let uncertain = findings.rows.filter { $0[2] == .text("uncertain") }.count
                printError("\(errors) errors, \(warnings) warnings, \(uncertain) uncertain")
            }
        }
    }
}
