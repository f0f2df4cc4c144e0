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
                media:    source,platform,name,followers,posts,sentence
                facts:    source,fact,value,approximate,sentence,result
                problems: source,index,text,category,previous_year
                phrases:  phrase,year,reports,share
                duplicates: source_a,source_b,section,similarity

                Example: nianbao export cells -o cells.csv
                """
        )

        @Argument(help: "What to export: cells, reports, findings, media, facts, problems, phrases or duplicates.")
        var dataset: Dataset

        @OptionGroup var database: DatabaseOptions
        @OptionGroup var output: OutputOptions

        func run() throws {
            let store = try database.open(readOnly: true)
            // The tables that grow with the corpus are streamed from the database, row by row.
            switch dataset {
            case .cells: try output.emit(.cells, from: store, defaultFormat: .csv)
            case .reports: try output.emit(.reports, from: store, defaultFormat: .csv)
            case .findings: try output.emit(.findings(), from: store, defaultFormat: .csv)
            case .media: try output.emit(.media, from: store, defaultFormat: .csv)
            case .facts: try output.emit(.facts, from: store, defaultFormat: .csv)
            case .problems: try output.emit(.problems, from: store, defaultFormat: .csv)
            case .phrases: try output.emit(try store.exportPhrases(), defaultFormat: .csv)
            case .duplicates:
                let found = try store.duplicateSections()
                try output.emit(columns: DuplicateSections.columns, defaultFormat: .csv) { try found.forEach($0) }
            }
        }
    }
}
