/// What one table cell says.
public enum CellReading: Sendable, Equatable {
    /// A number as printed, in the cell's own unit.
    case number(Double, unit: AmountUnit?)
    /// An explicit "nothing": an empty cell, `—`, `/` or `无`.
    case blank
}

public enum AmountUnit: String, Sendable, Equatable {
    case wanYuan = "万元"
    case yuan = "元"
}

/// Reads numbers as agencies print them in table cells.
///
///     NumberParser.parse("6858.05")    // .number(6858.05, unit: nil)
///     NumberParser.parse("-3")         // .number(-3, unit: nil)
///     NumberParser.parse("15.68万元")  // .number(15.68, unit: .wanYuan)
///     NumberParser.parse("—")          // .blank
///     NumberParser.parse("规章")       // nil
public enum NumberParser {
    private static let dashes: Set<String> = ["—", "——", "-", "--", "/", "／", "无", "―", "─", "－", "–"]
    private static let countSuffixes = ["件", "项", "个", "条", "次"]

    public static func parse(_ raw: String) -> CellReading? {
        // Fast path: a plain run of ASCII digits, by far the most common cell.
        if !raw.isEmpty, raw.utf8.count <= 15, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Int(raw) {
            return .number(Double(n), unit: nil)
        }
        if let first = raw.utf8.first, first >= 0xE4, raw.utf8.count > 12 {
            // Starts with a CJK character and is longer than any number with a unit: a label.
            return nil
        }
        // A label (`规章`, `（一）本年新收`): starts with a Chinese character other than 无.
        if let first = raw.unicodeScalars.first(where: { !$0.properties.isWhitespace }), first != "无", MetadataExtractor.isHan(first) {
            return nil
        }
        var text = raw.filter { !$0.isWhitespace && $0 != "," }
        if text.isEmpty || dashes.contains(text) { return .blank }
        var unit: AmountUnit?
        if text.hasSuffix("万元") {
            unit = .wanYuan
            text.removeLast(2)
        } else if text.hasSuffix("元") {
            unit = .yuan
            text.removeLast()
        } else if let suffix = countSuffixes.first(where: { text.hasSuffix($0) }) {
            text.removeLast(suffix.count)
        }
        guard isDecimal(text), let value = Double(text) else { return nil }
        return .number(value, unit: unit)
    }

    /// `parse` on scalars, without building a string for the common forms: digits with a sign, a decimal point, a
    /// count word or a unit after them; a dash. Anything else goes through `parse`.
    static func parse(scalars s: ArraySlice<Unicode.Scalar>) -> CellReading? {
        guard let first = s.first else { return .blank }
        if first == "无" { return parse(String(scalars: s)) }
        if first.value >= 0x3400 { return nil }
        var i = s.startIndex, end = s.endIndex
        var unit: AmountUnit?
        if end - i >= 3, s[end - 2] == "万", s[end - 1] == "元" { unit = .wanYuan; end -= 2 }
        else if end - i >= 2, s[end - 1] == "元" { unit = .yuan; end -= 1 }
        else if end - i >= 2, ["件", "项", "个", "条", "次"].contains(s[end - 1]) { end -= 1 }
        var negative = false
        if s[i] == "-" || s[i] == "+" { negative = s[i] == "-"; i += 1 }
        var integer = 0.0, digits = 0, fraction = 0.0, scale = 1.0, dot = false, fractionDigits = 0
        while i < end {
            let c = s[i]
            if c.value >= 0x30 && c.value <= 0x39 {
                if dot { scale /= 10; fraction += Double(c.value - 0x30) * scale; fractionDigits += 1 } else { integer = integer * 10 + Double(c.value - 0x30); digits += 1 }
            } else if c == "." && !dot && digits > 0 {
                dot = true
            } else if c.value >= 0x3400 {
                // A Chinese character after the digits: a numbered label (`1.属于国家秘密`), not a number.
                return nil
            } else {
                return parse(String(scalars: s))
            }
            i += 1
        }
        guard digits > 0, !dot || fractionDigits > 0, digits <= 15 else { return parse(String(scalars: s)) }
        // Decimals through Double(String) so that 6858.05 is the same double as elsewhere.
        let value = dot ? Double(String(scalars: s[s.startIndex..<end].drop { $0 == "+" })) ?? (integer + fraction) : integer
        return .number(negative && !dot ? -value : value, unit: unit)
    }

    /// True for `-?digits(.digits)?`.
    static func isDecimal(_ text: String) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" || digits.first == "+" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let first = parts.first, !first.isEmpty else { return false }
        return parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
    }

    /// Converts a printed amount to 万元 exactly, shifting the decimal point of the printed digits
    /// rather than dividing a binary float.
    ///
    ///     NumberParser.toWanYuan("75394432.52", unit: .yuan)  // 7539.443252
    public static func toWanYuan(_ printed: String, unit: AmountUnit?) -> Double? {
        let text = printed.filter { !$0.isWhitespace && $0 != "," }
        guard unit == .yuan else { return Double(text) }
        let negative = text.hasPrefix("-")
        let body = negative ? String(text.dropFirst()) : text
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        var integer = String(parts[0])
        let fraction = parts.count > 1 ? String(parts[1]) : ""
        while integer.count < 5 { integer = "0" + integer }
        let cut = integer.index(integer.endIndex, offsetBy: -4)
        let shifted = String(integer[..<cut]) + "." + String(integer[cut...]) + fraction
        return Double((negative ? "-" : "") + shifted)
    }
}
