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
            let set: RowSet
            switch dataset {
            case .cells: set = try store.exportCells()
            case .reports: set = try store.exportReports()
            case .findings: set = try store.exportFindings()
            case .media: set = try store.exportMedia()
            case .facts: set = try store.exportFacts()
            case .problems: set = try store.exportProblems()
            case .phrases: set = try store.exportPhrases()
            case .duplicates: set = try store.exportDuplicates()
            }
            try output.emit(set, defaultFormat: .csv)
        }
    }
}
