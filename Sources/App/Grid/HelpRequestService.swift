import Domain
import Foundation
import GridWork
import Privacy

/// Requests and reports (求助、反映): a resident (or their proxy) signed in, or anyone who proves a
/// phone with an SMS code, asks for help or reports something in a compound; it becomes a task for
/// that compound's grid, and the sender follows its state and answer with a link shown once.
/// Three a day per phone. Nothing here changes anyone's colour: a report is something to check.
public struct HelpRequestService: Sendable {
    let store: any HelpRequestRepository & PlaceRepository & AreaRepository & AccountRepository & ResidentRepository & AuditLogRepository
    let vault: PersonalDataVault
    let profiles: ProfileStore
    let clock: WallClock
    let accounts: AccountService
    let directory: PersonDirectory

    public static let perPhonePerDay = 3

    /// What the form carries.
    public struct Draft: Sendable, Equatable {
        public var kind: String
        public var category: String
        public var text: String
        public var compound: String
        public var address: String

        public init(kind: String, category: String, text: String, compound: String, address: String = "") {
            (self.kind, self.category, self.text, self.compound, self.address) = (kind, category, text, compound, address)
        }
    }

    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var field: String
        public var reason: String
        public var description: String { "\(field): \(reason)" }
    }

    /// The request made and the secret of the link to follow it (shown once).
    public struct Sent: Sendable {
        public var request: HelpRequest
        public var followSecret: String
    }

    public func requestCode(phone: String, client: String) async throws {
        try await accounts.requestApplicationCode(phone: phone, client: client)
    }

    /// From a signed-in resident or proxy (`principal`), or from a phone proved by `code`.
    public func send(_ draft: Draft, as principal: Principal?, phone: String?, code: String?, client: String) async throws -> Sent {
        guard let kind = HelpRequest.Kind(rawValue: draft.kind) else { throw Problem(field: "kind", reason: "help or report") }
        guard let category = HelpRequest.Category(rawValue: draft.category), category.kinds.contains(kind) else {
            throw Problem(field: "category", reason: "not a category of a \(kind.rawValue)")
        }
        let text = draft.text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (2...500).contains(text.count) else { throw Problem(field: "text", reason: "say what is needed or what you saw (2–500 characters)") }
        let address = draft.address.trimmingCharacters(in: .whitespaces)
        guard address.count <= 100 else { throw Problem(field: "address", reason: "at most 100 characters") }
        let compound = try await resolveCompound(draft.compound)
        guard let gridID = compound.areaID, let grid = try await store.area(id: gridID) else { throw Problem(field: "compound", reason: "not in a grid") }

        var senderResident: String? = nil
        var phoneIndex: Data? = nil
        var masked: String? = nil
        if let principal, case .resident(let id) = principal.subject {
            senderResident = id
            let me = try await directory.resident(id, as: principal)
            (phoneIndex, masked) = (me.phoneIndex, me.phoneMasked)
        } else {
            guard let phone, let code else { throw Problem(field: "code", reason: "prove your phone with the SMS code") }
            let normalized: String
            do { normalized = try PhoneNumber.normalize(phone) } catch { throw Problem(field: "phone", reason: error.description) }
            try await accounts.verifyPhone(normalized, code: code, client: client)
            (phoneIndex, masked) = (vault.blindIndex(normalized, kind: "phone"), Masking.phone(normalized))
        }
        // Three a day per phone (or per resident without one): a channel, not a way to flood a grid.
        let key = phoneIndex?.base64EncodedString() ?? senderResident ?? "anonymous"
        if let until = try await store.admitSignInAttempt(
            at: clock.now(), rules: [ThrottleRule(key: key, kind: "help-request", limit: Self.perPhonePerDay, window: 86_400)])
        {
            throw AccountService.SignInError.throttled(until: until)
        }
        let now = clock.now()
        let id = "REQ-" + Hex.encode(Array(SecretToken.hash(SecretToken.generate()).prefix(5))).uppercased()
        let secret = SecretToken.generate()
        let request = HelpRequest(
            id: id, kind: kind, category: category, text: text, compoundID: compound.id, address: address.isEmpty ? nil : address, gridID: grid.id,
            gridPath: grid.path, senderResident: senderResident, senderPhoneIndex: phoneIndex, senderPhoneMasked: masked,
            followHash: SecretToken.hash(secret), createdAt: now)
        let factKey = "help-request:" + id
        let task = GridTask(
            id: TaskRules.id(for: factKey), kind: .helpRequest, factKey: factKey, gridID: grid.id, gridPath: grid.path, person: nil, place: compound.id,
            note: "\(id) · \(kind.rawValue) · \(category.rawValue)", createdAt: now, createdBy: "system:help",
            dueAt: now.addingTimeInterval(kind == .help ? 4 * 3_600 : 24 * 3_600))
        try await store.createHelpRequest(
            request, task: task,
            audit: clock.event(principal?.auditName ?? "phone:\(masked ?? "")", .helpRequestCreate, kind: "help-request", id: id, detail: "\(kind.rawValue) \(category.rawValue) in \(compound.id)"))
        return Sent(request: request, followSecret: secret)
    }

    /// The sender's view by the link they were given.
    public func follow(_ secret: String) async throws -> HelpRequest? {
        try await store.helpRequest(followHash: SecretToken.hash(secret))
    }

    /// A resident's own requests, for their home page.
    public func mine(_ residentID: String) async throws -> [HelpRequest] {
        try await store.helpRequests(senderResident: residentID, limit: 10)
    }

    /// The request for the staff of its grid (and officers above).
    public func request(_ id: String, as principal: Principal) async throws -> HelpRequest {
        try await directory.authorize(principal, .workTasks, kind: "help-request", id: id)
        guard let request = try await store.helpRequest(id: id) else { throw StoreError.notFound(kind: "help request", id: id) }
        try await directory.authorize(principal, .workTasks, .gridWork(kind: "help-request", id: id, path: request.gridPath))
        return request
    }

    /// The grid's answer, once; the task is done with it.
    public func answer(_ id: String, text raw: String, as principal: Principal) async throws -> Bool {
        let request = try await request(id, as: principal)
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (2...500).contains(text.count) else { throw Problem(field: "answer", reason: "2–500 characters") }
        return try await store.answerHelpRequest(
            id: request.id, answer: text, by: principal.auditName, at: clock.now(),
            audit: clock.event(principal.auditName, .helpRequestAnswer, kind: "help-request", id: id))
    }

    private func resolveCompound(_ typed: String) async throws -> Place {
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { throw Problem(field: "compound", reason: "name the compound (小区)") }
        if let place = try await store.place(id: text), place.kind == .compound { return place }
        let exact = try await store.places(named: text, within: .everywhere, limit: 20).filter { $0.kind == .compound && $0.name == text }
        guard exact.count == 1, let only = exact.first else { throw Problem(field: "compound", reason: "no compound is called \"\(text)\"") }
        return only
    }
}
