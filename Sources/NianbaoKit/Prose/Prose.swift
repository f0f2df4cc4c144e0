/// Small text tools shared by the prose readers: sentences, clauses, quoted names, quantities.
public enum Prose {
    static let enders: Set<Character> = ["。", "！", "？", "!", "?", "\n"]
    static let lineEnders: Set<Character> = ["。", "！", "？", "；", "：", ":", ";", "!", "?", "）", ")"]
    static let clauseSeparators: Set<Character> = ["，", "；", ",", ";"]

    /// Sentences: split at 。！？ and at line ends, except where a line was only wrapped (as PDF text is:
    /// a prose line that ends without punctuation continues on the next). Table rows (with tabs) stay lines.
    public static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current = ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func flush() {
            let trimmed = current.trimmingCharacters(in: " \t")
            if !trimmed.isEmpty { out.append(trimmed) }
            current = ""
        }
        for (i, line) in lines.enumerated() {
            for c in line {
                if enders.contains(c) { flush() } else { current.append(c) }
            }
            guard i + 1 < lines.count else { break }
            let next = lines[i + 1]
            let wrapped = !line.contains("\t") && !next.contains("\t") && !next.allSatisfy(\.isWhitespace)
                && line.utf8.count >= 36 && !(line.last.map { lineEnders.contains($0) } ?? true)
            if !wrapped { flush() }
        }
        flush()
        return out
    }

    /// Words by their first character, so a scan tries only the words that can start where it stands.
    /// Keyed by the first character's first scalar (hashing a `Character` costs far more than a number).
    struct WordIndex {
        var byFirst: [UInt32: [(word: String, chars: [Character])]] = [:]
        init(_ words: [String]) {
            for w in words { if let f = w.unicodeScalars.first { byFirst[f.value, default: []].append((w, Array(w))) } }
        }
        /// The first word of the list (in its order) that starts at `i`.
        func match(_ chars: [Character], at i: Int) -> String? {
            guard let first = chars[i].unicodeScalars.first, let words = byFirst[first.value] else { return nil }
            return words.first { Prose.matches($0.chars, chars, at: i) }?.word
        }
    }

    /// Clauses: a sentence split at ，；,;.
    static func clauses(_ sentence: String) -> [String] {
        sentence.split(whereSeparator: { clauseSeparators.contains($0) }).map(String.init)
    }

    /// Every “quoted” name in a sentence.
    static func quoted(_ sentence: String) -> [String] {
        var out: [String] = []
        var current: String?
        for c in sentence {
            if c == "“" { current = "" } else if c == "”" { if let q = current { out.append(q) }; current = nil } else { current?.append(c) }
        }
        return out
    }

    static func matches(_ word: String, _ chars: [Character], at i: Int) -> Bool {
        guard i >= 0 else { return false }
        var j = i
        for c in word {
            guard j < chars.count, chars[j] == c else { return false }
            j += 1
        }
        return true
    }

    static func matches(_ word: [Character], _ chars: [Character], at i: Int) -> Bool {
        guard i >= 0, i + word.count <= chars.count else { return false }
        for k in word.indices where chars[i + k] != word[k] { return false }
        return true
    }

    /// A number at `i` (`23019`, `1.2万`, `3亿`, `1,200`), with 万/亿 applied, and whether it is approximate
    /// (`1000余`, `1000多`, `约`); nil when no digits stand there.
    static func quantity(_ chars: [Character], at start: Int) -> (Double, approximate: Bool, end: Int)? {
        guard start < chars.count, chars[start].isASCII, chars[start].isNumber else { return nil }
        var i = start
        var digits = ""
        while i < chars.count, chars[i].isASCII, chars[i].isNumber || chars[i] == "." || chars[i] == "," {
            if chars[i] != "," { digits.append(chars[i]) }
            i += 1
        }
        while i < chars.count, chars[i] == " " { i += 1 }
        guard !digits.isEmpty, var value = Double(digits) else { return nil }
        var approximate = false
        if i < chars.count, "余多".contains(chars[i]) { approximate = true; i += 1 }
        if i < chars.count, chars[i] == "万" { value *= 10_000; i += 1 } else if i < chars.count, chars[i] == "亿" { value *= 100_000_000; i += 1 }
        if i < chars.count, "余多".contains(chars[i]) { approximate = true; i += 1 }
        return (value.rounded() == value ? value : (value * 1e6).rounded() / 1e6, approximate, i)
    }
}
