import Foundation

/// A notice or rumour rebuttal as staff type it, checked before it becomes a `PublicPost`: the
/// Chinese title and text are required (the public reads Chinese first), and a rebuttal says what
/// the rumour is — false, misleading or true.
public struct PostDraft: Sendable, Equatable {
    public var kind: String
    public var titleZh: String
    public var titleEn: String
    public var bodyZh: String
    public var bodyEn: String
    public var verdict: String?
    /// One source per line.
    public var sources: String

    public static let verdicts = ["false", "misleading", "true"]

    public enum Problem: Error, Equatable, CustomStringConvertible {
        case unknownKind(String)
        case chineseTextMissing
        case verdictMissing

        public var description: String {
            switch self {
            case .unknownKind: "kind: notice or rebuttal"
            case .chineseTextMissing: "title and text in Chinese are required"
            case .verdictMissing: "a rebuttal needs its verdict: false, misleading or true"
            }
        }
    }

    public init(kind: String, titleZh: String, titleEn: String = "", bodyZh: String, bodyEn: String = "", verdict: String? = nil, sources: String = "") {
        (self.kind, self.titleZh, self.titleEn, self.bodyZh, self.bodyEn, self.verdict, self.sources) = (kind, titleZh, titleEn, bodyZh, bodyEn, verdict, sources)
    }

    /// The post to publish, or what is wrong with the draft.
    public func post(id: String, at: Date, author: String) throws(Problem) -> PublicPost {
        guard let kind = PublicPost.Kind(rawValue: kind) else { throw .unknownKind(self.kind) }
        let titleZh = titleZh.trimmingCharacters(in: .whitespacesAndNewlines)
        let bodyZh = bodyZh.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !titleZh.isEmpty, !bodyZh.isEmpty else { throw .chineseTextMissing }
        let verdict = verdict.flatMap { Self.verdicts.contains($0) ? $0 : nil }
        if kind == .rebuttal && verdict == nil { throw .verdictMissing }
        return PublicPost(
            id: id, kind: kind, title: .init(zh: titleZh, en: titleEn), body: .init(zh: bodyZh, en: bodyEn), verdict: kind == .rebuttal ? verdict : nil,
            sources: sources.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
            publishedAt: at, author: author)
    }
}
