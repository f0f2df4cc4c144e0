/// Small text tools shared by the prose readers: sentences, clauses, quoted names, quantities.
/// The readers work on Unicode scalars: report text is NFC Chinese and ASCII, where a scalar is a
/// character, and comparing scalars costs a fraction of comparing `Character`s.
public enum Prose {
    static let lineEnders: Set<UInt32> = Set("。！？；：:;!?）)".unicodeScalars.map(\.value))

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
        // Scanned on UTF-8 bytes, line by line: the enders are `!`, `?` and 。！？ (E3 80 82, EF BC 81, EF BC 9F).
        text.withUTF8Bytes { all in
            var lines: [Range<Int>] = []
            var from = 0
            for i in 0..<all.count where all[i] == 0x0A {
                lines.append(from..<i)
                from = i + 1
            }
            lines.append(from..<all.count)
            for (i, range) in lines.enumerated() {
                let bytes = UnsafeBufferPointer(rebasing: all[range])
                var pieceStart = 0, b = 0
                while b < bytes.count {
                    var ender = 0
                    switch bytes[b] {
                    case 0x21, 0x3F: ender = 1
                    case 0xE3 where b + 2 < bytes.count && bytes[b + 1] == 0x80 && bytes[b + 2] == 0x82: ender = 3
                    case 0xEF where b + 2 < bytes.count && bytes[b + 1] == 0xBC && (bytes[b + 2] == 0x81 || bytes[b + 2] == 0x9F): ender = 3
                    default: break
                    }
                    if ender > 0 {
                        current.append(contentsOf: bytes[pieceStart..<b])
                        flush()
                        pieceStart = b + ender
                        b += ender
                    } else {
                        b += 1
                    }
                }
                current.append(contentsOf: bytes[pieceStart...])
                guard i + 1 < lines.count else { break }
                let next = UnsafeBufferPointer(rebasing: all[lines[i + 1]])
                let wrapped = bytes.count >= 36 && !bytes.contains(0x09) && !next.contains(0x09)
                    && !(lastScalar(bytes).map { lineEnders.contains($0.value) } ?? true)
                    && !String(decoding: next, as: UTF8.self).unicodeScalars.allSatisfy { $0 == " " || $0.properties.isWhitespace }
                if !wrapped { flush() }
            }
        }
        flush()
        return out
    }

    /// The last scalar of valid UTF-8 bytes.
    static func lastScalar(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar? {
        guard !bytes.isEmpty else { return nil }
        var start = bytes.count - 1
        while start > 0, bytes[start] & 0xC0 == 0x80 { start -= 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self).unicodeScalars.first
    }

    /// Words by their first scalar, so a scan tries only the words that can start where it stands.
    struct WordIndex {
        var byFirst: [UInt32: [(word: String, chars: [Unicode.Scalar])]] = [:]
        /// The first scalars, as a set a scan can ask without hashing.
        var firsts = ScalarSet()
        init(_ words: [String]) {
            for w in words { if let f = w.unicodeScalars.first { byFirst[f.value, default: []].append((w, Array(w.unicodeScalars))) } }
            for f in byFirst.keys { firsts.insert(f) }
        }
        /// The first word of the list (in its order) that starts at `i`, with its length in scalars.
        func match(_ chars: [Unicode.Scalar], at i: Int) -> (word: String, length: Int)? {
            guard firsts.contains(chars[i].value), let words = byFirst[chars[i].value] else { return nil }
            return words.first { Prose.matches($0.chars, chars, at: i) }.map { ($0.word, $0.chars.count) }
        }
    }

    /// A set of scalars as a bitmap over the Basic Multilingual Plane (where report text lives), with a
    /// set for the rest: asking costs a shift and a mask, not a hash.
    struct ScalarSet {
        private var bits = [UInt64](repeating: 0, count: 0x10000 / 64)
        private var beyond: Set<UInt32> = []
        mutating func insert(_ v: UInt32) {
            if v < 0x10000 { bits[Int(v >> 6)] |= 1 << UInt64(v & 63) } else { beyond.insert(v) }
        }
        func contains(_ v: UInt32) -> Bool {
            v < 0x10000 ? bits[Int(v >> 6)] & (1 << UInt64(v & 63)) != 0 : beyond.contains(v)
        }
    }

    /// Clauses: a sentence split at ，；,;.
    static func clauses(_ sentence: String) -> [String] {
        sentence.unicodeScalars.split(whereSeparator: { $0 == "，" || $0 == "；" || $0 == "," || $0 == ";" }).map { String($0) }
    }

    /// The sentence with its names' quotes made curly: `"…"` in pairs, `「…」` and `『…』`, so that `“”` is the one quoting
    /// the readers look for.
    static func curlyQuotes(_ sentence: String) -> String {
        guard sentence.unicodeScalars.contains(where: { $0 == "\"" || $0 == "「" || $0 == "」" || $0 == "『" || $0 == "』" }) else { return sentence }
        var out = String.UnicodeScalarView()
        let straight = sentence.unicodeScalars.count { $0 == "\"" }
        var open = false
        var seen = 0
        for c in sentence.unicodeScalars {
            switch c {
            case "\"" where straight % 2 == 0 || seen < straight - 1:
                out.append(open ? "”" : "“")
                open.toggle()
                seen += 1
            case "「", "『": out.append("“")
            case "」", "』": out.append("”")
            default: out.append(c)
            }
        }
        return String(out)
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
        String(scalars: chars)
    }

    /// A number at `i` (`23019`, `1.2万`, `3亿`, `1,200`), with 万/亿 applied, and whether it is approximate
    /// (`1000余`, `1000多`, `约`); nil when no digits stand there.
    static func quantity(_ chars: [Unicode.Scalar], at start: Int) -> (Double, approximate: Bool, end: Int)? {
        guard start < chars.count, isDigit(chars[start]) else { return nil }
        var i = start
        var count = 0, dots = 0, whole = 0.0
        while i < chars.count, isDigit(chars[i]) || chars[i] == "." || chars[i] == "," {
            if chars[i] == "." { dots += 1 } else if chars[i] != "," { whole = whole * 10 + Double(chars[i].value - 0x30) }
            if chars[i] != "," { count += 1 }
            i += 1
        }
        let end = i
        while i < chars.count, chars[i] == " " { i += 1 }
        // Up to 15 digits and no point: exact as summed; else as `Double` reads the digits.
        guard count > 0, var value = dots == 0 && count <= 15 ? whole : Double(String(scalars: chars[start..<end].filter { $0 != "," })) else { return nil }
        var approximate = false
        if i < chars.count, chars[i] == "余" || chars[i] == "多" { approximate = true; i += 1 }
        if i < chars.count, chars[i] == "万" { value *= 10_000; i += 1 } else if i < chars.count, chars[i] == "亿" { value *= 100_000_000; i += 1 }
        if i < chars.count, chars[i] == "余" || chars[i] == "多" { approximate = true; i += 1 }
        return (value.rounded() == value ? value : (value * 1e6).rounded() / 1e6, approximate, i)
    }
}
