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
