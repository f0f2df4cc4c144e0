extension Substring {
    /// Without the leading and trailing characters of `set` (and spaces). Works on scalars: every
    /// character trimmed here (spaces, tabs, colons, punctuation) is a single scalar.
    func trimmingCharacters(in set: String) -> String {
        let trim = set.unicodeScalars
        var s = unicodeScalars[...]
        while let f = s.first, f == " " || trim.contains(f) { s = s.dropFirst() }
        while let l = s.last, l == " " || trim.contains(l) { s = s.dropLast() }
        return String(s)
    }

    /// Without leading and trailing spaces of any width and tabs (Foundation's `.whitespaces`).
    func trimmingSpaces() -> String {
        func space(_ s: Unicode.Scalar) -> Bool { s == "\t" || s.properties.generalCategory == .spaceSeparator }
        var s = unicodeScalars[...]
        while let f = s.first, space(f) { s = s.dropFirst() }
        while let l = s.last, space(l) { s = s.dropLast() }
        return String(s)
    }

    /// Empty or only whitespace.
    var isBlank: Bool { unicodeScalars.allSatisfy(\.properties.isWhitespace) }
}

extension String {
    func trimmingCharacters(in set: String) -> String { self[...].trimmingCharacters(in: set) }
    func trimmingSpaces() -> String { self[...].trimmingSpaces() }
}
