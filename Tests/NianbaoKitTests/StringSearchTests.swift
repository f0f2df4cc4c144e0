import Foundation
import Testing
@testable import NianbaoKit

/// The byte-level searches that replaced Foundation's in the parse give Foundation's answers, on random text made of
/// the characters reports print (ideographs, full-width and ASCII punctuation, digits, every kind of space).
@Suite struct StringSearchTests {
    static let alphabet: [String] = ["公", "开", "申", "请", "人", "民", "年", "件", "。", "；", ";", "，", "1", "2", "a",
                                     " ", "\t", "\u{3000}", "\u{00A0}", "\u{2003}", "“", "”", "入驻", "问题"]
    static let needles = ["公开", "人民", "年", "；", ";", "入驻", "公开申请", "开公", "问题", "1年"]

    static func text(_ rng: inout SplitMix64) -> String {
        (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }.joined()
    }

    @Test func theyAgreeWithFoundation() {
        var rng = SplitMix64(seed: 21)
        for _ in 0..<3000 {
            let text = Self.text(&rng)
            // A substring too, as the parse searches slices of a report.
            let cut = text.index(text.startIndex, offsetBy: text.count / 3)
            for haystack in [Substring(text), text[cut...]] {
                for needle in Self.needles {
                    #expect(haystack.occurrences(of: needle) == haystack.components(separatedBy: needle).count - 1)
                    #expect(haystack.replacingAll(needle, with: "。") == haystack.replacingOccurrences(of: needle, with: "。"))
                    let last = haystack.range(of: needle, options: .backwards).map { haystack.utf8.distance(from: haystack.startIndex, to: $0.lowerBound) }
                    #expect(haystack.lastUTF8Offset(of: needle) == last)
                    #expect(haystack.utf8Range(of: needle) == haystack.range(of: needle))
                }
                #expect(haystack.trimmingSpaces() == haystack.trimmingCharacters(in: .whitespaces))
                #expect(haystack.containsByte(0x09) == haystack.utf8.contains(0x09))
                #expect(haystack.containsDigit == haystack.unicodeScalars.contains { $0.properties.numericType == .decimal && $0.isASCII })
                #expect(String(scalars: Array(haystack.unicodeScalars)) == String(haystack))
                #expect(String(haystack).scalarArray == Array(haystack.unicodeScalars))
                #expect(haystack.scalarArray == Array(haystack.unicodeScalars))
                #expect(String(scalars: haystack.unicodeScalars.dropFirst()) == String(String.UnicodeScalarView(haystack.unicodeScalars.dropFirst())))
            }
        }
        // Scalars of every UTF-8 length, as `String(scalars:)` encodes them.
        let wide: [Unicode.Scalar] = ["a", "é", "公", "𠀀", "\u{10FFFF}", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}"]
        #expect(String(scalars: wide) == String(String.UnicodeScalarView(wide)))
        #expect(String(scalars: wide).scalarArray == wide)
    }

    /// The White_Space switch is the standard library's property, over every scalar; `collapse` gives what collapsing
    /// with the property gives, on random text with every kind of space.
    @Test func whiteSpaceIsTheProperty() {
        let differing = (UInt32(0)...0x10FFFF).compactMap { Unicode.Scalar($0) }.filter { isWhiteSpace($0) != $0.properties.isWhitespace }
        #expect(differing.isEmpty, "\(differing.map { "U+" + String($0.value, radix: 16) })")
        func reference(_ text: String) -> String {
            var out = ""
            var space = false
            for scalar in text.unicodeScalars {
                if scalar.properties.isWhitespace {
                    space = !out.isEmpty
                } else {
                    if space { out.unicodeScalars.append(" ") }
                    space = false
                    out.unicodeScalars.append(scalar)
                }
            }
            return out
        }
        var rng = SplitMix64(seed: 22)
        for _ in 0..<3000 {
            let text = Self.text(&rng) + (rng.next() % 2 == 0 ? "\n\u{2028} " : "")
            #expect(collapse(text) == reference(text))
        }
    }
}
