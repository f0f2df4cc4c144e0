/// Small text tools shared by the prose readers: sentences, clauses, quoted names, quantities.
/// The readers work on Unicode scalars: report text is NFC Chinese and ASCII, where a scalar is a
/// character, and comparing scalars costs a fraction of comparing `Character`s.
public enum Prose {
    static let enders: Set<UInt32> = Set("。！？!?\n".unicodeScalars.map(\.value))
    static let lineEnders: Set<UInt32> = Set("。！？；：:;!?）)".unicodeScalars.map(\.value))
    static let clauseSeparators: Set<Unicode.Scalar> = ["，", "；", ",", ";"]

    /// Sentences: split at 。！？ and at line ends, except where a line was only wrapped (as PDF text is:
    /// a prose line that ends without punctuation continues on the next). Table rows (with tabs) stay lines.
    public static func sentences(_ text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        func flush() {
            var start = 0, end = current.count
            while start < end, current[start] == 0x20 || current[start] == 0x09 { start += 1 }
            while end > start, current[end - 1] == 0x20 || current[end - 1] == 0x09 { end -= 1 }
            if start < end { out.append(String(decoding: current[start..<end], as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, line) in lines.enumerated() {
            let bytes = line.utf8
            var last: Unicode.Scalar?
            var pieceStart = bytes.startIndex
            for index in line.unicodeScalars.indices {
                let scalar = line.unicodeScalars[index]
                last = scalar
                if enders.contains(scalar.value) {
                    current.append(contentsOf: bytes[pieceStart..<index])
                    flush()
                    pieceStart = line.unicodeScalars.index(after: index)
                }
            }
            current.append(contentsOf: bytes[pieceStart...])
            guard i + 1 < lines.count else { break }
            let next = lines[i + 1]
            let wrapped = !line.utf8.contains(0x09) && !next.utf8.contains(0x09)
                && !next.unicodeScalars.allSatisfy(\.properties.isWhitespace)
                && line.utf8.count >= 36 && !(last.map { lineEnders.contains($0.value) } ?? true)
            if !wrapped { flush() }
        }
        flush()
        return out
    }

    /// Words by their first scalar, so a scan tries only the words that can start where it stands.
    struct WordIndex {
        var byFirst: [UInt32: [(word: String, chars: [Unicode.Scalar])]] = [:]
        init(_ words: [String]) {
            for w in words { if let f = w.unicodeScalars.first { byFirst[f.value, default: []].append((w, Array(w.unicodeScalars))) } }
        }
        /// The first word of the list (in its order) that starts at `i`, with its length in scalars.
        func match(_ chars: [Unicode.Scalar], at i: Int) -> (word: String, length: Int)? {
            guard let words = byFirst[chars[i].value] else { return nil }
            return words.first { Prose.matches($0.chars, chars, at: i) }.map { ($0.word, $0.chars.count) }
        }
    }

    /// Clauses: a sentence split at ，；,;.
    static func clauses(_ sentence: String) -> [String] {
        sentence.unicodeScalars.split(whereSeparator: { clauseSeparators.contains($0) }).map { String($0) }
    }

    /// Every “quoted” name in a sentence.
    static func quoted(_ sentence: String) -> [String] {
        var out: [String] = []
        var current: String.UnicodeScalarView?
        for c in sentence.unicodeScalars {
            if c == "“" { current = String.UnicodeScalarView() } else if c == "”" {
                if let q = current { out.append(String(q)) }
                current = nil
            } else { current?.append(c) }
        }
        return out
    }

    /// `word` at `i` in `chars`.
    static func matches(_ word: String, _ chars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i >= 0 else { return false }
        var j = i
        for c in word.unicodeScalars {
            guard j < chars.count, chars[j] == c else { return false }
            j += 1
        }
        return true
    }

    static func matches(_ word: [Unicode.Scalar], _ chars: [Unicode.Scalar], at i: Int) -> Bool {
        guard i >= 0, i + word.count <= chars.count else { return false }
        for k in word.indices where chars[i + k] != word[k] { return false }
        return true
    }

    /// The first of `words` at `i`, with its length in scalars.
    static func firstMatch(_ words: [String], _ chars: [Unicode.Scalar], at i: Int) -> (word: String, length: Int)? {
        for word in words where matches(word, chars, at: i) { return (word, word.unicodeScalars.count) }
        return nil
    }

    static func isDigit(_ c: Unicode.Scalar) -> Bool { c.value >= 0x30 && c.value <= 0x39 }

    /// The text of a run of scalars.
    static func text(_ chars: ArraySlice<Unicode.Scalar>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: chars)
        return String(view)
    }

    /// A number at `i` (`23019`, `1.2万`, `3亿`, `1,200`), with 万/亿 applied, and whether it is approximate
    /// (`1000余`, `1000多`, `约`); nil when no digits stand there.
    static func quantity(_ chars: [Unicode.Scalar], at start: Int) -> (Double, approximate: Bool, end: Int)? {
        guard start < chars.count, isDigit(chars[start]) else { return nil }
        var i = start
        var digits = ""
        while i < chars.count, isDigit(chars[i]) || chars[i] == "." || chars[i] == "," {
            if chars[i] != "," { digits.unicodeScalars.append(chars[i]) }
            i += 1
        }
        while i < chars.count, chars[i] == " " { i += 1 }
        guard !digits.isEmpty, var value = Double(digits) else { return nil }
        var approximate = false
        if i < chars.count, chars[i] == "余" || chars[i] == "多" { approximate = true; i += 1 }
        if i < chars.count, chars[i] == "万" { value *= 10_000; i += 1 } else if i < chars.count, chars[i] == "亿" { value *= 100_000_000; i += 1 }
        if i < chars.count, chars[i] == "余" || chars[i] == "多" { approximate = true; i += 1 }
        return (value.rounded() == value ? value : (value * 1e6).rounded() / 1e6, approximate, i)
    }
}
