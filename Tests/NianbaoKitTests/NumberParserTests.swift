import Testing
@testable import NianbaoKit

@Suite struct NumberParserTests {
    @Test func numbersAsPrinted() {
        #expect(NumberParser.parse("0") == .number(0, unit: nil))
        #expect(NumberParser.parse("39908") == .number(39908, unit: nil))
        #expect(NumberParser.parse("6858.05") == .number(6858.05, unit: nil))
        #expect(NumberParser.parse("-3") == .number(-3, unit: nil))
        #expect(NumberParser.parse(" 1,234 ") == .number(1234, unit: nil))
        #expect(NumberParser.parse("15.68万元") == .number(15.68, unit: .wanYuan))
        #expect(NumberParser.parse("251000元") == .number(251000, unit: .yuan))
        #expect(NumberParser.parse("12件") == .number(12, unit: nil))
    }

    @Test func blanksAndLabels() {
        #expect(NumberParser.parse("") == .blank)
        #expect(NumberParser.parse("—") == .blank)
        #expect(NumberParser.parse("/") == .blank)
        #expect(NumberParser.parse("规章") == nil)
        #expect(NumberParser.parse("1.属于国家秘密") == nil)
        #expect(NumberParser.parse("1.2.3") == nil)
        #expect(NumberParser.parse(".5") == nil)
    }

    @Test func yuanToWanYuanIsExact() {
        #expect(NumberParser.toWanYuan("251000", unit: .yuan) == 25.1)
        #expect(NumberParser.toWanYuan("75394432.52", unit: .yuan) == 7539.443252)
        #expect(NumberParser.toWanYuan("5", unit: .yuan) == 0.0005)
        #expect(NumberParser.toWanYuan("-20000", unit: .yuan) == -2)
        #expect(NumberParser.toWanYuan("15.68", unit: .wanYuan) == 15.68)
    }

    @Test func formatting() {
        #expect(formatNumber(39908) == "39908")
        #expect(formatNumber(6858.05) == "6858.05")
        #expect(formatNumber(-3) == "-3")
        #expect(formatNumber(7539.443252) == "7539.443252")
    }
}
