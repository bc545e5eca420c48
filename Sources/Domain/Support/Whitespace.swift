extension String {
    /// The text without leading and trailing whitespace (Unicode's, so an ideographic space from a
    /// Chinese input method goes too). Hand-held scanners type a code followed by Enter or Tab.
    /// Plain standard library: Foundation's `trimmingCharacters` bridges through NSString on Linux,
    /// which cost a checkpoint scan more than its JSON.
    public func trimmingScannerWhitespace() -> String {
        let scalars = unicodeScalars
        var start = scalars.startIndex
        var end = scalars.endIndex
        while start < end, scalars[start].properties.isWhitespace { start = scalars.index(after: start) }
        while end > start, scalars[scalars.index(before: end)].properties.isWhitespace { end = scalars.index(before: end) }
        if start == scalars.startIndex && end == scalars.endIndex { return self }
        return String(scalars[start..<end])
    }
}
