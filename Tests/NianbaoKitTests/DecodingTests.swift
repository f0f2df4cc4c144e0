import Testing
@testable import NianbaoKit

@Suite struct DecodingTests {
    let nian: [UInt8] = [0xE5, 0xB9, 0xB4] // 年 in UTF-8

    @Test func utf8WithAndWithoutBOM() throws {
        #expect(try TextDecoder.decode(nian + [0x31]) == "年1")
        #expect(try TextDecoder.decode([0xEF, 0xBB, 0xBF] + nian) == "年")
    }

    @Test func utf16WithBOM() throws {
        // 年 is U+5E74.
        #expect(try TextDecoder.decode([0xFF, 0xFE, 0x74, 0x5E, 0x31, 0x00]) == "年1")
        #expect(try TextDecoder.decode([0xFE, 0xFF, 0x5E, 0x74, 0x00, 0x31]) == "年1")
    }

    @Test func utf16WithoutBOM() throws {
        let text = "某县2023年政府信息公开工作年度报告\n一、总体情况 12 件\n"
        let le = Array(text.utf16).flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let be = Array(text.utf16).flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        #expect(try TextDecoder.decode(le) == text)
        #expect(try TextDecoder.decode(be) == text)
        // UTF-8 and GB18030 text has no zero bytes: never taken for UTF-16.
        #expect(TextDecoder.unmarkedUTF16(Array(text.utf8)) == nil)
    }

    @Test func gbkWhenNotUTF8() throws {
        // 年度报告 in GB2312/GBK: C4EA B6C8 B1A8 B8E6
        #expect(try TextDecoder.decode([0xC4, 0xEA, 0xB6, 0xC8, 0xB1, 0xA8, 0xB8, 0xE6]) == "年度报告")
        // A GB18030 four-byte sequence: U+20AC € is A2E3 in GB18030.
        #expect(try TextDecoder.decode([0x41, 0xA2, 0xE3]) == "A€")
    }

    @Test func declaredCharsetIsHonoured() throws {
        #expect(try TextDecoder.decode([0xC4, 0xEA], declared: "gb2312") == "年")
        // A declaration the bytes contradict (valid UTF-8 declared as GBK) falls back to detection.
        #expect(try TextDecoder.decode(nian, declared: "gbk") == "年")
    }

    @Test func emptyAndBinaryAreErrors() {
        #expect(throws: DecodingError.empty) { try TextDecoder.decode([]) }
        #expect(throws: DecodingError.empty) { try TextDecoder.decode(Array(" \n\t".utf8)) }
        var generator = SystemRandomNumberGenerator()
        let noise = (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) }
        #expect(throws: (any Error).self) { try TextDecoder.decode(noise) }
        #expect(throws: DecodingError.binary) { try TextDecoder.decode([0, 1, 2, 3, 0, 0, 5, 6, 7, 0x41]) }
    }

    @Test func normalisation() {
        #expect(TextNormalizer.normalize("（一）１２３\u{00A0}件\u{200B}") == "(一)123 件")
        #expect(TextNormalizer.normalize("a\r\nb\rc\u{3000}d\u{FEFF}") == "a\nb\nc d")
        #expect(TextNormalizer.normalize("１．属于国家秘密，：；－５") == "1.属于国家秘密,:;-5")
    }
}
