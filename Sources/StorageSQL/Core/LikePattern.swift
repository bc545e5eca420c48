extension SQL {
    /// A LIKE pattern (with `ESCAPE '\'`) matching text that starts with `prefix`: the reader's `%`,
    /// `_` and `\` are taken literally, never as wildcards.
    static func likePattern(prefix: String) -> String { escapeLike(prefix) + "%" }

    /// A LIKE pattern (with `ESCAPE '\'`) matching text that contains `text` literally.
    static func likePattern(containing text: String) -> String { "%" + escapeLike(text) + "%" }

    static func escapeLike(_ text: String) -> String {
        var out = ""
        for c in text {
            if c == "\\" || c == "%" || c == "_" { out.append("\\") }
            out.append(c)
        }
        return out
    }
}
