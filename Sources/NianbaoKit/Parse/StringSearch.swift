#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension StringProtocol {
    /// Substring test on UTF-8 bytes. For NFC text such as report labels this is the same as
    /// `contains(_:)`, without Foundation's locale-aware search, which dominated parsing time.
    ///
    ///     "三、本年度办理结果".has("办理")  // true
    func has(_ needle: String) -> Bool {
        // Native strings and their substrings are contiguous UTF-8: searched in place, without a copy.
        if let found = utf8.withContiguousStorageIfAvailable({ h in Self.search(h, needle) }) { return found }
        var haystack = String(self)
        return haystack.withUTF8 { Self.search($0, needle) }
    }

    /// The first occurrence of `needle`, found on UTF-8 bytes (as `has`). `needle` must begin and end
    /// on whole characters, as a word does.
    func utf8Range(of needle: String) -> Range<Index>? {
        guard let offset = utf8.withContiguousStorageIfAvailable({ h in Self.offset(h, needle) }) ?? String(self).utf8Range(of: needle)
            .map({ String(self).utf8.distance(from: String(self).startIndex, to: $0.lowerBound) }) else { return nil }
        let lower = utf8.index(startIndex, offsetBy: offset)
        return lower..<utf8.index(lower, offsetBy: needle.utf8.count)
    }

    static func offset(_ h: UnsafeBufferPointer<UInt8>, _ needle: String) -> Int? {
        var needle = needle
        return needle.withUTF8 { n in
            guard n.count <= h.count else { return nil }
            if n.isEmpty { return 0 }
            let first = n[0], last = h.count - n.count
            var i = 0
            while i <= last {
                if h[i] == first && memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return i }
                i += 1
            }
            return nil
        }
    }

    /// `needle`'s UTF-8 bytes within `h`.
    static func search(_ h: UnsafeBufferPointer<UInt8>, _ needle: String) -> Bool {
        var needle = needle
        return needle.withUTF8 { n in
            guard n.count <= h.count else { return false }
            if n.isEmpty { return true }
            let first = n[0], last = h.count - n.count
            var i = 0
            while i <= last {
                if h[i] == first && memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return true }
                i += 1
            }
            return false
        }
    }
}

extension StringProtocol {
    /// Runs `body` on the text's UTF-8 bytes, in place when they are contiguous (native strings and their substrings).
    func withUTF8Bytes<T>(_ body: (UnsafeBufferPointer<UInt8>) -> T) -> T {
        if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
        var copy = String(self)
        return copy.withUTF8(body)
    }

    /// The byte offsets at which `needle` starts, each after the end of the one before (not overlapping).
    func utf8Offsets(of needle: String) -> [Int] {
        var needle = needle
        return needle.withUTF8 { n in
            withUTF8Bytes { h in
                var out: [Int] = []
                guard !n.isEmpty, n.count <= h.count else { return out }
                var i = 0
                let first = n[0], last = h.count - n.count
                while i <= last {
                    if h[i] == first && memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 {
                        out.append(i)
                        i += n.count
                    } else {
                        i += 1
                    }
                }
                return out
            }
        }
    }

    /// Whether the text's UTF-8 holds `byte` (an ASCII character).
    func containsByte(_ byte: UInt8) -> Bool {
        withUTF8Bytes { h in h.count > 0 && memchr(h.baseAddress!, Int32(byte), h.count) != nil }
    }

    /// Whether the text holds an ASCII digit.
    var containsDigit: Bool {
        withUTF8Bytes { h in h.contains { $0 &- 0x30 < 10 } }
    }

    /// How many times `needle` occurs, not overlapping (Foundation's `components(separatedBy:).count - 1`).
    func occurrences(of needle: String) -> Int { utf8Offsets(of: needle).count }

    /// The byte offset at which the last occurrence of `needle` starts.
    func lastUTF8Offset(of needle: String) -> Int? {
        var needle = needle
        return needle.withUTF8 { n in
            withUTF8Bytes { h in
                guard !n.isEmpty, n.count <= h.count else { return nil }
                var i = h.count - n.count
                while i >= 0 {
                    if h[i] == n[0] && memcmp(h.baseAddress! + i, n.baseAddress!, n.count) == 0 { return i }
                    i -= 1
                }
                return nil
            }
        }
    }

    /// Every occurrence of `target` replaced by `replacement`, found on UTF-8 bytes (`target` a whole word).
    func replacingAll(_ target: String, with replacement: String) -> String {
        let offsets = utf8Offsets(of: target)
        guard !offsets.isEmpty else { return String(self) }
        let length = target.utf8.count
        return withUTF8Bytes { h in
            var out = [UInt8]()
            out.reserveCapacity(h.count)
            var from = 0
            for offset in offsets {
                out += h[from..<offset]
                out += replacement.utf8
                from = offset + length
            }
            out += h[from...]
            return String(decoding: out, as: UTF8.self)
        }
    }
}

extension String {
    /// The string these scalars spell, encoded straight to UTF-8 (the standard library's scalar-view append checks
    /// and grows the string a scalar at a time, which cost more than the reading it served).
    ///
    ///     String(scalars: Array("规章".unicodeScalars))  // "规章"
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        var count = 0
        for s in scalars { count += UTF8.width(s) }
        self.init(unsafeUninitializedCapacity: count) { out in
            var i = 0
            for s in scalars { writeUTF8(s.value, out.baseAddress!, &i) }
            return i
        }
    }
}

extension String {
    /// The scalars, decoded from the UTF-8 in one pass (`Array(unicodeScalars)` walks the text twice, to count and to
    /// copy, through the view's checked indices).
    ///
    ///     "规章 12".scalarArray  // ["规", "章", " ", "1", "2"]
    var scalarArray: [Unicode.Scalar] {
        var text = self
        return text.withUTF8(decodeScalars)
    }
}

extension Substring {
    var scalarArray: [Unicode.Scalar] {
        var text = self
        return text.withUTF8(decodeScalars)
    }
}

/// The scalars of valid UTF-8.
func decodeScalars(_ bytes: UnsafeBufferPointer<UInt8>) -> [Unicode.Scalar] {
    // Exactly as many as there are bytes that start a scalar.
    var scalars = 0
    for byte in bytes where byte & 0xC0 != 0x80 { scalars += 1 }
    return [Unicode.Scalar](unsafeUninitializedCapacity: scalars) { out, count in
        var i = 0, n = 0
        while i < bytes.count {
            let lead = UInt32(bytes[i])
            var v: UInt32
            switch lead {
            case ..<0x80:
                v = lead; i += 1
            case ..<0xE0:
                v = (lead & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F); i += 2
            case ..<0xF0:
                v = (lead & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F); i += 3
            default:
                v = (lead & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
                    | UInt32(bytes[i + 3] & 0x3F); i += 4
            }
            // (A String's UTF-8 is valid: every value decoded is a scalar.)
            (out.baseAddress! + n).initialize(to: Unicode.Scalar(v) ?? "\u{FFFD}")
            n += 1
        }
        count = n
    }
}

/// A scalar's UTF-8 bytes written at `out[i]`, `i` moved past them (room for them is the caller's to make).
@inline(__always) func writeUTF8(_ v: UInt32, _ out: UnsafeMutablePointer<UInt8>, _ i: inout Int) {
    switch v {
    case ..<0x80:
        out[i] = UInt8(v); i += 1
    case ..<0x800:
        out[i] = UInt8(0xC0 | (v >> 6)); out[i + 1] = UInt8(0x80 | (v & 0x3F)); i += 2
    case ..<0x10000:
        out[i] = UInt8(0xE0 | (v >> 12)); out[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[i + 2] = UInt8(0x80 | (v & 0x3F)); i += 3
    default:
        out[i] = UInt8(0xF0 | (v >> 18)); out[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
        out[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[i + 3] = UInt8(0x80 | (v & 0x3F)); i += 4
    }
}
