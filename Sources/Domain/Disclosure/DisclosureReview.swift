import Foundation

/// What an epidemiologist may change in a draft before it is published: the compound may be
/// renamed to something coarser or hidden, and stops may be dropped from the trajectory. The
/// sex, age band, district, dates and times come from the data and are not edited here: a review
/// makes a disclosure say less, never more.
public struct DisclosureEdit: Sendable, Equatable {
    /// The compound as published; empty hides it (and its position on the map).
    public var compound: String
    /// The positions (0-based) of the trajectory's stops to keep.
    public var keptStops: Set<Int>

    public init(compound: String, keptStops: Set<Int>) {
        self.compound = compound
        self.keptStops = keptStops
    }

    public static let maxCompoundLength = 60

    /// Applies the edit to a draft, or says which field is wrong.
    public func apply(to draft: inout CaseDisclosure, by editor: String, at time: Date) throws(DisclosureReviewProblem) {
        guard draft.state == .draft else { throw .notADraft(draft.state) }
        let name = compound.trimmingCharacters(in: .whitespacesAndNewlines)
        guard name.count <= Self.maxCompoundLength else { throw .compoundTooLong(name.count) }
        // A long run of digits is a house number, a phone or an identity number: never published.
        guard !Self.hasDigitRun(name, atLeast: 5) else { throw .compoundLooksPersonal }
        if let unknown = keptStops.first(where: { $0 < 0 || $0 >= draft.trajectory.count }) { throw .unknownStop(unknown) }
        if name != (draft.compound ?? "") {
            // The drafted position belongs to the drafted compound: a renamed or hidden one loses it.
            draft.compound = name.isEmpty ? nil : name
            draft.compoundID = nil
            draft.latitude = nil
            draft.longitude = nil
        }
        draft.trajectory = draft.trajectory.indices.filter { keptStops.contains($0) }.map { draft.trajectory[$0] }
        draft.editedBy = editor
        draft.editedAt = time
    }

    static func hasDigitRun(_ text: String, atLeast n: Int) -> Bool {
        var run = 0
        for c in text {
            run = c.isNumber ? run + 1 : 0
            if run >= n { return true }
        }
        return false
    }
}

/// A draft not to be published, and why (the reason stays with staff).
public struct DisclosureRejection: Sendable, Equatable {
    public var reason: String

    public init(reason: String) { self.reason = reason }

    public static let maxReasonLength = 500

    public func apply(to draft: inout CaseDisclosure, by reviewer: String, at time: Date) throws(DisclosureReviewProblem) {
        guard draft.state == .draft else { throw .notADraft(draft.state) }
        let text = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else { throw .reasonMissing }
        guard text.count <= Self.maxReasonLength else { throw .reasonTooLong(text.count) }
        draft.state = .rejected
        draft.rejection = CaseDisclosure.Rejection(reason: text, by: reviewer, at: time)
    }
}

/// Why a review of a draft was refused, naming the field.
public enum DisclosureReviewProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case notADraft(DisclosureState)
    case compoundTooLong(Int)
    case compoundLooksPersonal
    case unknownStop(Int)
    case reasonMissing
    case reasonTooLong(Int)

    /// The form field the problem is about.
    public var field: String {
        switch self {
        case .notADraft: "state"
        case .compoundTooLong, .compoundLooksPersonal: "compound"
        case .unknownStop: "stops"
        case .reasonMissing, .reasonTooLong: "reason"
        }
    }

    public var description: String {
        switch self {
        case .notADraft(let state): "the disclosure is \(state.rawValue), not a draft: only drafts are edited, rejected or approved"
        case .compoundTooLong(let n): "compound: \(n) characters, at most \(DisclosureEdit.maxCompoundLength)"
        case .compoundLooksPersonal: "compound: five or more digits in a row look like a house number, phone or identity number"
        case .unknownStop(let i): "stops: the trajectory has no stop \(i + 1)"
        case .reasonMissing: "reason: say why the draft is not published"
        case .reasonTooLong(let n): "reason: \(n) characters, at most \(DisclosureRejection.maxReasonLength)"
        }
    }
}
