import Domain
import Foundation
import Hummingbird

/// `disclosures`: the drafts awaiting review (each as the public would read it, with forms to edit,
/// reject or approve it), the latest rejections with their reasons, and how many are approved. A
/// refused review comes back to the same card with what was typed and why, naming the field.
struct DisclosuresPage: PageModel {
    let drafts: [DraftCard]
    let hasDrafts: Bool
    let rejected: [RejectedRow]
    let hasRejected: Bool
    let approvedCount: Int
    /// What the last action did, in the reader's language.
    let done: String?

    struct DraftCard: Sendable {
        let id: String
        let number: Int
        let sex: String
        let ageBand: String
        let confirmedOn: String
        let district: String?
        /// The compound as published, or as typed in a refused edit.
        let compound: String
        let stops: [Stop]
        let hasStops: Bool
        let edited: String?
        /// Why the last review of this card was refused, and the reason as typed.
        let problem: String?
        let reason: String
    }

    struct Stop: Sendable {
        let index: Int
        let place: String
        let from: String
        let to: String
    }

    struct RejectedRow: Sendable {
        let number: Int
        let reason: String
        let by: String
        let at: String
    }

    static func make(
        drafts: [CaseDisclosure], rejected: [CaseDisclosure], approved: Int, query: Parameters, lang: Language, time: (Date) -> String
    ) -> DisclosuresPage {
        let refusedDraft = query.get("draft")
        let problem = query.get("problem").map { Strings.text("disclosureProblem.\($0)", lang) }
        let cards = drafts.map { d in
            let refused = d.id == refusedDraft
            return DraftCard(
                id: d.id, number: d.number, sex: Strings.text("sex.\(d.sex.rawValue)", lang), ageBand: d.ageBand, confirmedOn: d.confirmedOn.description,
                district: d.district, compound: refused ? query.get("compound") ?? d.compound ?? "" : d.compound ?? "",
                stops: d.trajectory.enumerated().map { Stop(index: $0.offset, place: $0.element.place, from: time($0.element.from), to: time($0.element.to)) },
                hasStops: !d.trajectory.isEmpty,
                edited: d.editedAt.map { Strings.text("disclosure.edited", lang, d.editedBy ?? "", time($0)) },
                problem: refused ? problem : nil, reason: refused ? query.get("reason") ?? "" : "")
        }
        let rejections = rejected.compactMap { d in
            d.rejection.map { RejectedRow(number: d.number, reason: $0.reason, by: $0.by, at: time($0.at)) }
        }
        return DisclosuresPage(
            drafts: cards, hasDrafts: !cards.isEmpty, rejected: rejections, hasRejected: !rejections.isEmpty, approvedCount: approved,
            done: query.get("done").map { Strings.text("disclosure.done.\($0)", lang) })
    }

    /// Where a refused review sends the reader: back to the card, the problem named by key (never
    /// free text in a link) and what they typed.
    static func refusal(_ problem: DisclosureReviewProblem, draft id: String, typed: [String: String] = [:]) -> String {
        var items = [URLQueryItem(name: "problem", value: problem.key), URLQueryItem(name: "draft", value: id)]
        for (name, value) in typed.sorted(by: { $0.key < $1.key }) { items.append(URLQueryItem(name: name, value: value)) }
        return SitePath.link("/disclosures", items, fragment: "draft-" + id)
    }
}

extension DisclosureReviewProblem {
    /// The key of the problem's message in `Strings` (`disclosureProblem.<key>`).
    var key: String {
        switch self {
        case .notADraft: "notADraft"
        case .compoundTooLong: "compoundTooLong"
        case .compoundLooksPersonal: "compoundLooksPersonal"
        case .unknownStop: "unknownStop"
        case .reasonMissing: "reasonMissing"
        case .reasonTooLong: "reasonTooLong"
        }
    }
}
