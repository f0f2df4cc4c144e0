import ArgumentParser
import NianbaoKit

extension Nianbao {
    struct Export: ParsableCommand {
        enum Dataset: String, ExpressibleByArgument, CaseIterable {
            case cells, reports, findings, media, facts, problems, phrases, duplicates
        }

        static let configuration = CommandConfiguration(
            abstract: "Export cells, reports, findings, new-media accounts, prose facts, problems, phrases or duplicates.",
            discussion: """
                cells:    source,agency,year,template,table,row,column,value,status
                reports:  source,agency,year,template,published_on,title,status,errors,warnings,uncertain,
                          province,city,county,level,agency_id
                findings: source,rule,severity,table,row,column,expected,actual,message
                media:    source,platform,name,followers,posts,sentence,status
                facts:    source,fact,value,approximate,sentence,result
                problems: source,index,text,category,previous_year
                phrases:  phrase,year,reports,share
                duplicates: source_a,source_b,section,similarity,agency_a,year_a,agency_b,year_b,same_agency,
                          passage,passage_chars

                duplicates reads the files of every pair again for the longest passage the two sections share (as \
                printed in source_a, its first 300 characters; passage_chars counts it without spaces, digits or \
                punctuation); --no-passages leaves both columns empty and reads nothing.

                Filters (cells, reports, findings, media, facts, problems): --year 2023 or 2021-2023, --province, --city, \
                --county (a name or its start), --agency (part of a name), --rule (findings; t3. for every 表三 rule).

                Example: nianbao export cells -o cells.csv
                Example: nianbao export findings --province 江苏 --year 2023 --rule t3. -o jiangsu-t3.csv
                """
        )

        @Argument(help: "What to export: cells, reports, findings, media, facts, problems, phrases or duplicates.")
        var dataset: Dataset

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions
        @OptionGroup var filters: FilterOptions

        @Flag(help: "duplicates: do not read the files again for the passage each pair shares.")
        var noPassages = false

        func validate() throws {
            let filter = try filters.filter()
            if !filter.isEmpty && (dataset == .phrases || dataset == .duplicates) {
                throw ValidationError("--year, --province, --city, --county, --agency and --rule apply to cells, reports, findings, media, facts and problems")
            }
            if !filter.rules.isEmpty && dataset != .findings {
                throw ValidationError("--rule applies to findings")
            }
        }

        func run() throws {
            let filter = try filters.filter()
            let store = try database.open(readOnly: true)
            // The tables that grow with the corpus are streamed from the database, row by row.
            switch dataset {
            case .cells: try output.emit(RowSource.cells.filtered(filter), from: store, defaultFormat: .csv)
            case .reports: try output.emit(RowSource.reports.filtered(filter), from: store, defaultFormat: .csv)
            case .findings: try output.emit(RowSource.findings().filtered(filter), from: store, defaultFormat: .csv)
            case .media: try output.emit(RowSource.media.filtered(filter), from: store, defaultFormat: .csv)
            case .facts: try output.emit(RowSource.facts.filtered(filter), from: store, defaultFormat: .csv)
            case .problems: try output.emit(RowSource.problems.filtered(filter), from: store, defaultFormat: .csv)
            case .phrases: try output.emit(try store.exportPhrases(), defaultFormat: .csv)
            case .duplicates:
                var found = try store.duplicateSections()
                if !noPassages { found = found.withPassages(Ingester(store: store).sectionTexts(of: found.pathsInPairs)) }
                try output.emit(columns: DuplicateSections.columns, defaultFormat: .csv) { try found.forEach($0) }
            }
        }
    }
}
