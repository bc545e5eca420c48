import Foundation

/// An official notice or a rumour rebuttal (捉谣记: the claim, the verdict, the explanation and its
/// sources), as the command centre publishes it, in Chinese and English.
public struct PublicPost: Sendable, Equatable, Codable, Identifiable {
    public enum Kind: String, Sendable, Codable { case notice, rebuttal }

    public var id: String
    public var kind: Kind
    public var title: Text
    public var body: Text
    /// For a rebuttal: the verdict (false, misleading, true).
    public var verdict: String?
    public var sources: [String]
    public var publishedAt: Date
    public var author: String

    public struct Text: Sendable, Equatable, Codable {
        public var zh: String
        public var en: String

        public init(zh: String, en: String) {
            self.zh = zh
            self.en = en
        }

        public func text(_ language: String) -> String { language.hasPrefix("en") && !en.isEmpty ? en : zh }
    }

    public init(id: String, kind: Kind, title: Text, body: Text, verdict: String? = nil, sources: [String] = [], publishedAt: Date, author: String) {
        self.id = id
        self.kind = kind
        self.title = title
        self.body = body
        self.verdict = verdict
        self.sources = sources
        self.publishedAt = publishedAt
        self.author = author
    }
}
