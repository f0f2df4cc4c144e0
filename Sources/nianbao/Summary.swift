import ArgumentParser
import NianbaoKit

extension Nianbao {
    struct Summary: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reports by year and template, with application and outcome totals.",
            discussion: """
                Totals add up the 总计 column of 表三 over the reports of each group; a blank, missing or
                ambiguous cell adds nothing. reports_with_applications counts the reports whose 本年新收 总计 was read.

                Example: nianbao summary --format csv -o summary.csv
                """
        )

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try database.open(readOnly: true)
            try output.emit(try store.summary(), defaultFormat: .table)
        }
    }
}
