/// Near-duplicate sections (内容雷同) by MinHash over character shingles, with LSH banding so that a
/// corpus of 100,000 reports is not compared pair by pair.
///
///     let a = Similarity.signature("一是公开内容不够全面；二是更新不及时。")
///     Similarity.estimate(a, a)  // 1.0
public enum Similarity {
    public static let hashes = 64
    public static let bands = 16
    public static let shingleLength = 5
    /// Sections with fewer shingles are boilerplate-sized and never compared.
    public static let minimumShingles = 30

    /// The text compared, as scalar values: no whitespace, ASCII digits or punctuation, so a copy that only
    /// changed its years and numbers is still a copy.
    static func comparable(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count / 3)
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) { out.append(v) }   // letters only
                continue
            }
            if v == 0x3000 || (v >= 0x3001 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFF0F) || (v >= 0xFF1A && v <= 0xFF20)
                || (v >= 0x2000 && v <= 0x206F) || v == 0xA0 { continue }   // CJK and general punctuation, spaces
            out.append(v)
        }
        return out
    }

    /// The distinct shingles' hashes (FNV-1a over scalar values, 64-bit).
    static func shingles(_ text: String) -> Set<UInt64> {
        let chars = comparable(text)
        guard chars.count >= shingleLength else { return [] }
        var out = Set<UInt64>(minimumCapacity: chars.count)
        for i in 0...(chars.count - shingleLength) {
            var h: UInt64 = 0xcbf29ce484222325
            for k in i..<(i + shingleLength) { h = (h ^ UInt64(chars[k])) &* 0x100000001b3 }
            out.insert(h)
        }
        return out
    }

    /// The MinHash signature, or nil for a section too short to compare.
    public static func signature(_ text: String) -> [UInt32]? {
        let set = shingles(text)
        guard set.count >= minimumShingles else { return nil }
        return (0..<hashes).map { i in
            let a = UInt64(0x9E3779B97F4A7C15) &* UInt64(2 * i + 1), b = UInt64(0xBF58476D1CE4E5B9) &* UInt64(i + 7)
            var best = UInt64.max
            for h in set {
                var x = (h ^ b) &* a
                x ^= x >> 29
                if x < best { best = x }
            }
            return UInt32(truncatingIfNeeded: best >> 32)
        }
    }

    /// The share of equal positions: an estimate of the Jaccard similarity of the shingle sets.
    public static func estimate(_ a: [UInt32], _ b: [UInt32]) -> Double {
        Double(zip(a, b).filter { $0 == $1 }.count) / Double(min(a.count, b.count))
    }

    /// Candidate pairs (indexes into `signatures`) that share a band, then those whose estimate reaches
    /// `threshold`. Each band of `hashes / bands` rows is one bucket key.
    public static func similarPairs(_ signatures: [[UInt32]], threshold: Double) -> [(Int, Int, Double)] {
        let rows = hashes / bands
        var buckets: [Int: [String: [Int]]] = [:]
        for (index, signature) in signatures.enumerated() {
            for band in 0..<bands {
                let key = signature[(band * rows)..<((band + 1) * rows)].map(String.init).joined(separator: ".")
                buckets[band, default: [:]][key, default: []].append(index)
            }
        }
        var seen = Set<Int64>()
        var out: [(Int, Int, Double)] = []
        for (_, byKey) in buckets {
            // A bucket shared by thousands (one template filled in by a whole province) is compared
            // over its first 2,000 members only, to bound the work.
            for (_, all) in byKey where all.count > 1 {
                let members = all.prefix(2_000)
                for x in members.indices {
                    for y in members.indices where y > x {
                        let (i, j) = (members[x], members[y])
                        guard seen.insert(Int64(i) << 32 | Int64(j)).inserted else { continue }
                        let s = estimate(signatures[i], signatures[j])
                        if s >= threshold { out.append((i, j, s)) }
                    }
                }
            }
        }
        return out.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }
}
