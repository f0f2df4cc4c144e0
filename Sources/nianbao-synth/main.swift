import ArgumentParser
import Foundation
import NianbaoSynth

/// Writes a synthetic corpus with its truth, for benchmarks and end-to-end checks.
@main
struct NianbaoSynthCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nianbao-synth",
        abstract: "Write a synthetic corpus of annual reports with known truth (a development tool).",
        discussion: """
            N agencies × the given years, in every layout the parser reads, UTF-8 and GB18030, with agency errors
            at the given rate; truth.jsonl beside the files holds every report's expected cells.

            Example: nianbao-synth --out /tmp/synth --agencies 25000 --years 2021-2024

            With --zoo N, writes instead N whole reports as government sites publish them (both templates, several
            site styles, blanks and agency errors) as OUT/<stem>.html, and the gold of each in the format of
            ../shared/zoo/gold as OUT/gold/<stem>.json (scripts/zoo-synth.sh runs them through real converters).

            Example: nianbao-synth --out /tmp/zoo --zoo 12 --seed 1

            With --serialization NAME, prints one report of random tables in that shape instead (\(Serialization.allCases.map(\.rawValue).joined(separator: ", "))).
            """
    )

    @Option(name: .long, help: "The output folder.") var out: String?
    @Option(name: .long, help: "Number of agencies.") var agencies = 100
    @Option(name: .long, help: "Years, FIRST-LAST.") var years = "2021-2024"
    @Option(name: .long, help: "Random seed.") var seed: UInt64 = 1
    @Option(name: .long, help: "Share of reports with an agency error.") var errorRate = 0.05
    @Option(name: .long, help: "Share of reports copied without their title, naming their agency without its county.")
    var untitledRate = 0.0
    @Option(name: .long, help: "Layouts (comma list; default all): \(SynthLayout.allCases.map(\.rawValue).joined(separator: ", ")).")
    var layouts: String?
    @Option(name: .long, help: "Write N official-style HTML reports and their golds instead of the corpus.")
    var zoo: Int?
    @Option(name: .long, help: "Print one report of random tables in this serialization (see below) to stdout.")
    var serialization: String?
    @Option(name: .long, help: "With --serialization: the quirks allowed, all, ordinary or none.") var quirks = "all"

    func validate() throws {
        if let zoo, zoo < 0 { throw ValidationError("--zoo N needs N ≥ 0") }
        if !(0...1).contains(untitledRate) { throw ValidationError("--untitled-rate is a share between 0 and 1") }
    }

    func run() throws {
        if let name = serialization {
            guard let shape = Serialization(rawValue: name) else { throw ValidationError("unknown serialization \(name)") }
            let allowed: [String: Serialization.Quirks] = ["all": .all, "ordinary": .ordinary, "none": []]
            guard let chosen = allowed[quirks] else { throw ValidationError("--quirks all, ordinary or none") }
            print(Serialization.sample(seed: seed, as: shape, quirks: chosen), terminator: "")
            return
        }
        guard let out else { throw ValidationError("--out FOLDER, or --serialization NAME") }
        if let zoo { return try writeZoo(zoo, out: out) }
        let bounds = years.split(separator: "-").compactMap { Int($0) }
        guard bounds.count == 2, bounds[0] <= bounds[1] else { throw ValidationError("--years FIRST-LAST, e.g. 2021-2024") }
        let chosen = try layouts.map { list in
            try list.split(separator: ",").map { name in
                guard let layout = SynthLayout(rawValue: String(name)) else { throw ValidationError("unknown layout \(name)") }
                return layout
            }
        } ?? SynthLayout.allCases
        let corpus = SynthCorpus(seed: seed, agencies: agencies, years: bounds[0]...bounds[1], errorRate: errorRate, layouts: chosen,
                                  untitledRate: untitledRate)
        let fm = FileManager.default
        try fm.createDirectory(atPath: out, withIntermediateDirectories: true)
        guard let truth = FileHandle(forWritingAtPath: out + "/truth.jsonl") ?? {
            fm.createFile(atPath: out + "/truth.jsonl", contents: nil)
            return FileHandle(forWritingAtPath: out + "/truth.jsonl")
        }() else { throw ValidationError("cannot write \(out)/truth.jsonl") }
        try truth.truncate(atOffset: 0)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var count = 0
        var made = Set<String>()
        for report in corpus.reports() {
            let path = out + "/" + report.name
            let dir = (path as NSString).deletingLastPathComponent
            if made.insert(dir).inserted { try fm.createDirectory(atPath: dir, withIntermediateDirectories: true) }
            try Data(report.bytes).write(to: URL(fileURLWithPath: path))
            truth.write(try encoder.encode(report.truth) + Data("\n".utf8))
            count += 1
        }
        try truth.close()
        FileHandle.standardError.write(Data("wrote \(count) reports to \(out)\n".utf8))
    }

    /// Writes `count` official-style reports into `out` and their golds into `out/gold`.
    func writeZoo(_ count: Int, out: String) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: out + "/gold", withIntermediateDirectories: true)
        for report in ZooCorpus(seed: seed, count: count).reports() {
            try Data(report.html.utf8).write(to: URL(fileURLWithPath: "\(out)/\(report.stem).html"))
            try Data(report.gold.json.utf8).write(to: URL(fileURLWithPath: "\(out)/gold/\(report.stem).json"))
        }
        FileHandle.standardError.write(Data("wrote \(count) reports and their golds to \(out)\n".utf8))
    }
}
