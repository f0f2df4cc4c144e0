/// Phrases that recur across reports' problems, with their document frequency by year.
///
/// Two kinds, both on characters (Chinese has no spaces): whole clauses, normalised (enumerators,
/// digits and punctuation dropped), and frequent maximal substrings (4–10 characters) that are not
/// just a piece of a longer substring found in as many reports.
public enum Phrases {
    public struct Row: Sendable, Equatable {
        public var phrase: String
        public var year: Int
        public var reports: Int
        public var share: Double
    }

    public static let minLength = 4
    public static let maxLength = 10

    static func normalise(_ clause: String) -> String {
        var s = Substring(clause)
        for p in ["一是", "二是", "三是", "四是", "五是", "六是", "七是", "八是"] where s.hasPrefix(p) { s = s.dropFirst(p.count) }
        // ASCII digits only: 一, 三 and 伍 are words here (三审三校, 队伍).
        return String(s.filter { !$0.isWhitespace && !($0.isASCII && $0.isNumber) && !$0.isPunctuation && !"、，。；：（）“”".contains($0) })
    }

    /// The phrases of one report: its normalised clauses and all substrings of `minLength…maxLength`.
    static func phrases(_ texts: [String]) -> Set<String> {
        var out = Set<String>()
        for text in texts {
            for clause in text.split(whereSeparator: { "，,；;。".contains($0) }) {
                let chars = Array(normalise(String(clause)))
                guard chars.count >= minLength else { continue }
                for length in minLength...min(maxLength, chars.count) {
                    for i in 0...(chars.count - length) { out.insert(String(chars[i..<(i + length)])) }
                }
                if chars.count > maxLength { out.insert(String(chars)) }
            }
        }
        return out
    }

    /// `reports`: (year, the problem texts of one report). Rows for phrases found in at least `minReports`
    /// reports overall, maximal ones only, the most frequent first (at most `limit` phrases).
    public static func mine(_ reports: [(year: Int, texts: [String])], minReports: Int = 2, limit: Int = 200, sample: Int = 5_000) -> [Row] {
        var perYear: [Int: Int] = [:]
        for report in reports { perYear[report.year, default: 0] += 1 }
        return mine(reportsPerYear: perYear, minReports: minReports, limit: limit, sample: sample) { visit in
            for report in reports { visit(report.year, report.texts) }
        }
    }

    /// The same over a corpus too large to hold: `each` streams (year, problem texts) for every report
    /// with problems, and is called twice. `reportsPerYear` counts every report (with problems or not).
    ///
    /// Up to `sample` reports, every phrase is counted. Beyond, the candidates are the phrases found in at
    /// least two reports of a fixed random sample of `sample` reports (a phrase in 0.1 % of the corpus is
    /// expected five times there); the second pass counts them exactly over every report. Memory stays
    /// bounded by the sample, not the corpus.
    public static func mine(reportsPerYear: [Int: Int], minReports: Int = 2, limit: Int = 200, sample: Int = 5_000,
                            each: (_ visit: (Int, [String]) -> Void) throws -> Void) rethrows -> [Row] {
        // Pass 1: a reservoir sample (seeded, so the same corpus gives the same rows).
        var rng = SplitMix64(seed: 0x6E69_616E_6261_6F)
        var reservoir: [[String]] = []
        var seen = 0
        try each { _, texts in
            seen += 1
            if reservoir.count < sample {
                reservoir.append(texts)
            } else {
                let j = Int(rng.next() % UInt64(seen))
                if j < sample { reservoir[j] = texts }
            }
        }
        var candidates: Set<String>?
        if seen > sample {
            var inSample: [String: Int] = [:]
            for texts in reservoir { for phrase in phrases(texts) { inSample[phrase, default: 0] += 1 } }
            candidates = Set(inSample.filter { $0.value >= 2 }.keys)
        }
        reservoir = []
        // Pass 2: exact document frequencies (of the candidates, when sampled).
        var df: [String: [Int: Int]] = [:]
        try each { year, texts in
            for phrase in phrases(texts) where candidates?.contains(phrase) ?? true { df[phrase, default: [:]][year, default: 0] += 1 }
        }
        return rows(df, reportsPerYear: reportsPerYear, minReports: minReports, limit: limit)
    }

    static func rows(_ df: [String: [Int: Int]], reportsPerYear: [Int: Int], minReports: Int, limit: Int) -> [Row] {
        let total = df.mapValues { $0.values.reduce(0, +) }.filter { $0.value >= minReports }
        // Maximal: drop a phrase when a longer phrase containing it is found in as many reports.
        let byLength = total.keys.sorted { ($0.count, $0) > ($1.count, $1) }
        var covered: [String: Int] = [:]   // a phrase → the most reports of a longer phrase containing it
        var kept: [String] = []
        for phrase in byLength {
            let n = total[phrase]!
            if let c = covered[phrase], c >= n { continue }
            kept.append(phrase)
            let chars = Array(phrase)
            for length in stride(from: chars.count - 1, through: minLength, by: -1) {
                for i in 0...(chars.count - length) {
                    let sub = String(chars[i..<(i + length)])
                    covered[sub] = max(covered[sub] ?? 0, n)
                }
            }
        }
        let top = kept.sorted { (total[$0]!, $0.count, $1) > (total[$1]!, $1.count, $0) }.prefix(limit)
        return top.flatMap { phrase in
            df[phrase]!.sorted { $0.key < $1.key }.map { year, n in
                Row(phrase: phrase, year: year, reports: n, share: Double(n) / Double(max(1, reportsPerYear[year] ?? 0)))
            }
        }
    }
}
