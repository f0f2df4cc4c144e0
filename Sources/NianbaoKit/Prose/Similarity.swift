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
        for scalar in text.unicodeScalars where isCompared(scalar.value) { out.append(scalar.value) }
        return out
    }

    /// Whether a character is compared: ASCII letters, and everything beyond ASCII but CJK and general punctuation
    /// and spaces.
    @inline(__always) static func isCompared(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) || (v >= 0x61 && v <= 0x7A) }
        return !(v == 0x3000 || (v >= 0x3001 && v <= 0x303F) || (v >= 0xFF00 && v <= 0xFF0F) || (v >= 0xFF1A && v <= 0xFF20)
            || (v >= 0x2000 && v <= 0x206F) || v == 0xA0)
    }

    /// `comparable`, each character with its place among the text's unicode scalars.
    static func comparableWithPlaces(_ text: String) -> (chars: [UInt32], places: [Int32]) {
        var chars: [UInt32] = [], places: [Int32] = []
        for (i, scalar) in text.unicodeScalars.enumerated() where isCompared(scalar.value) {
            chars.append(scalar.value)
            places.append(Int32(i))
        }
        return (chars, places)
    }

    /// The longest passage two sections share, as printed in the first, and its length in compared characters
    /// (without spaces, digits or punctuation, as the sections were compared); nil when they share fewer than
    /// `shingleLength` characters in a row. Linear in the sections' lengths (a suffix automaton of the first).
    public static func longestSharedPassage(_ a: String, _ b: String) -> (passage: String, length: Int)? {
        PassageFinder(a).shared(with: b)
    }

    /// One section made ready to be compared with many (the pairs of one report come together).
    struct PassageFinder {
        let scalars: [Unicode.Scalar]
        let places: [Int32]
        let automaton: SuffixAutomaton

        init(_ text: String) {
            let (chars, places) = Similarity.comparableWithPlaces(text)
            scalars = text.scalarArray
            self.places = places
            automaton = SuffixAutomaton(chars)
        }

        func shared(with other: String) -> (passage: String, length: Int)? {
            let y = Similarity.comparable(other)
            guard !places.isEmpty, !y.isEmpty, let (end, length) = automaton.longestCommon(y),
                  length >= Similarity.shingleLength else { return nil }
            let from = Int(places[end - length + 1]), to = Int(places[end])
            return (Prose.text(scalars[from...to]), length)
        }
    }

    /// FNV-1a over scalar values, 64-bit.
    static func fnv(_ chars: ArraySlice<UInt32>) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for c in chars { h = (h ^ UInt64(c)) &* 0x100000001b3 }
        return h
    }

    /// The distinct shingles' hashes (`fnv`).
    static func shingles(_ text: String) -> Set<UInt64> {
        let chars = comparable(text)
        guard chars.count >= shingleLength else { return [] }
        var out = Set<UInt64>(minimumCapacity: chars.count)
        for i in 0...(chars.count - shingleLength) { out.insert(fnv(chars[i..<(i + shingleLength)])) }
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

    /// The section's sentences, each as a hash of its comparable text (no digits, punctuation or spaces), without
    /// repeats: a sentence that most reports share is the template's boilerplate, learnt over the corpus at search time.
    public static func sentenceHashes(_ text: String) -> [UInt64] {
        var out: [UInt64] = []
        var seen = Set<UInt64>()
        for sentence in Prose.sentences(text) {
            let chars = comparable(sentence)
            guard chars.count >= 8 else { continue }
            let h = fnv(chars[...])
            if seen.insert(h).inserted { out.append(h) }
        }
        return out
    }

    /// Whether a pair of sections is alike only through boilerplate: every sentence they share is one that many
    /// reports print, and such sentences are at least half of each section. Sentences edited in the copy share no
    /// hash, so a copy made of them is never taken for boilerplate.
    public static func onlyBoilerplate(_ a: ArraySlice<UInt64>, _ b: ArraySlice<UInt64>, boilerplate: Set<UInt64>) -> Bool {
        // Sections hold a few dozen sentences: scanned, not hashed into sets (this runs for every pair found).
        var shared = false
        for x in a where b.contains(x) {
            if !boilerplate.contains(x) { return false }
            shared = true
        }
        func mostly(_ s: ArraySlice<UInt64>) -> Bool { s.count { boilerplate.contains($0) } * 2 >= s.count }
        return shared && mostly(a) && mostly(b)
    }

    /// The share of equal positions: an estimate of the Jaccard similarity of the shingle sets.
    public static func estimate(_ a: [UInt32], _ b: [UInt32]) -> Double {
        Double(zip(a, b).filter { $0 == $1 }.count) / Double(min(a.count, b.count))
    }

    /// Candidate pairs (indexes into `signatures`) that share a band, then those whose estimate reaches
    /// `threshold`, sorted. Each band of `hashes / bands` rows is one bucket key.
    public static func similarPairs(_ signatures: [[UInt32]], threshold: Double,
                                    candidate: (Int, Int) -> Bool = { _, _ in true }) -> [(Int, Int, Double)] {
        var out: [(Int, Int, Double)] = []
        similarPairs(flat: signatures.flatMap { $0 }, threshold: threshold, candidate: candidate) { out.append(($0, $1, $2)) }
        return out.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }

    /// The same over signatures laid end to end (`hashes` values each), in memory that grows with the signatures
    /// only: one band at a time, its keys sorted rather than hashed into buckets, and a pair compared only in the
    /// first band it shares (no set of pairs seen). `candidate` rules pairs out before they are compared; pairs
    /// come in no particular order.
    public static func similarPairs(flat: [UInt32], threshold: Double, candidate: (Int, Int) -> Bool,
                                    found: (Int, Int, Double) -> Void) {
        let rows = hashes / bands
        let count = flat.count / hashes
        func estimate(_ i: Int, _ j: Int) -> Double {
            var equal = 0
            for k in 0..<hashes where flat[i * hashes + k] == flat[j * hashes + k] { equal += 1 }
            return Double(equal) / Double(hashes)
        }
        func sameBand(_ i: Int, _ j: Int, _ band: Int) -> Bool {
            (band * rows..<(band + 1) * rows).allSatisfy { flat[i * hashes + $0] == flat[j * hashes + $0] }
        }
        var keyed: [(key: UInt64, index: Int32)] = []
        keyed.reserveCapacity(count)
        // Per band, whether each signature was among the members compared in its bucket (not cut by the cap).
        var compared = [[Bool]](repeating: [Bool](repeating: false, count: count), count: bands)
        for band in 0..<bands {
            keyed.removeAll(keepingCapacity: true)
            for index in 0..<count {
                var key: UInt64 = 0xcbf29ce484222325
                for k in (band * rows)..<((band + 1) * rows) { key = (key ^ UInt64(flat[index * hashes + k])) &* 0x100000001b3 }
                keyed.append((key, Int32(index)))
            }
            keyed.sort { $0.key != $1.key ? $0.key < $1.key : $0.index < $1.index }
            var start = 0
            while start < keyed.count {
                var end = start + 1
                while end < keyed.count && keyed[end].key == keyed[start].key { end += 1 }
                // A bucket shared by thousands (one template filled in by a whole province) is compared over its
                // first 2,000 members only, to bound the work.
                let members = keyed[start..<min(end, start + 2_000)].map { Int($0.index) }
                start = end
                guard members.count > 1 else { continue }
                for i in members { compared[band][i] = true }
                for x in members.indices {
                    for y in members.indices where y > x {
                        let (i, j) = (members[x], members[y])
                        // Equal keys with unequal values (a hash collision), or a pair compared in an earlier band.
                        guard sameBand(i, j, band),
                              !(0..<band).contains(where: { compared[$0][i] && compared[$0][j] && sameBand(i, j, $0) }),
                              candidate(i, j) else { continue }
                        let s = estimate(i, j)
                        if s >= threshold { found(i, j, s) }
                    }
                }
            }
        }
    }
}

/// The suffix automaton of a text (Blumer et al.): every substring of the text is a path from the root, built in
/// linear time; walking another text through it finds their longest common substring in one pass.
struct SuffixAutomaton {
    var next: [[UInt32: Int32]] = [[:]]
    var link: [Int32] = [-1]
    var length: [Int32] = [0]
    /// Where each state's first occurrence ends in the text.
    var firstEnd: [Int32] = [-1]

    init(_ text: [UInt32]) {
        next.reserveCapacity(2 * text.count)
        var last: Int32 = 0
        for (i, c) in text.enumerated() {
            let current = Int32(next.count)
            next.append([:]); link.append(0); length.append(length[Int(last)] + 1); firstEnd.append(Int32(i))
            var p = last
            while p >= 0, next[Int(p)][c] == nil {
                next[Int(p)][c] = current
                p = link[Int(p)]
            }
            if p >= 0 {
                let q = next[Int(p)][c]!
                if length[Int(p)] + 1 == length[Int(q)] {
                    link[Int(current)] = q
                } else {
                    let clone = Int32(next.count)
                    next.append(next[Int(q)]); link.append(link[Int(q)]); length.append(length[Int(p)] + 1)
                    firstEnd.append(firstEnd[Int(q)])
                    while p >= 0, next[Int(p)][c] == q {
                        next[Int(p)][c] = clone
                        p = link[Int(p)]
                    }
                    link[Int(q)] = clone
                    link[Int(current)] = clone
                }
            }
            last = current
        }
    }

    /// The longest substring of the text that `other` contains: where it ends in the text, and its length.
    func longestCommon(_ other: [UInt32]) -> (end: Int, length: Int)? {
        var state: Int32 = 0, matched: Int32 = 0
        var best: (end: Int, length: Int)?
        for c in other {
            while state > 0, next[Int(state)][c] == nil {
                state = link[Int(state)]
                matched = length[Int(state)]
            }
            if let to = next[Int(state)][c] {
                state = to
                matched += 1
            }
            if matched > (best?.length ?? 0) {
                // The match ends where this state's first occurrence ends (every occurrence of a state's strings
                // ends together, and the match is a suffix of them).
                best = (Int(firstEnd[Int(state)]), Int(matched))
            }
        }
        return best
    }
}

