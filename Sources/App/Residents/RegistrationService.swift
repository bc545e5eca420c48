import Domain
import Foundation
import GridWork
import Privacy

/// Applying for a code (申领, the seeds' 自主申报 on arrival): a visitor, a returning worker or a
/// tenant who is not in the register proves their phone with an SMS code and declares who they
/// are, where they live and where they come from. They get a code at once, coloured by the rules
/// from what they declared (arrival from a high-risk region or symptoms: yellow), and stay
/// *self-declared* until their grid worker confirms them; a task asks the grid to.
///
/// An identity number already in the register is never a second record: with the phone the
/// register holds it is that person signing in and declaring; with another phone nothing is
/// linked (anyone may know a neighbour's number) and the grid checks who it is.
public struct RegistrationService: Sendable {
    let store: any ResidentRepository & PlaceRepository & AreaRepository & FeedRepository & RegistrationRepository & AuditLogRepository
    let vault: PersonalDataVault
    let profiles: ProfileStore
    let clock: WallClock
    let accounts: AccountService
    let declarations: DeclarationService
    let checkIns: CheckInService
    let statuses: StatusService
    let directory: PersonDirectory
    let timeline: TimelineService
    let review: DeclarationReview

    var offset: Int { profiles.profile.colours.dayOffsetMinutes }

    /// What an application led to.
    public enum Outcome: Sendable, Equatable {
        /// A new, self-declared record and a session for it.
        case registered(residentID: String, session: String)
        /// The register's own person (same identity number, same phone): signed in, declaration added.
        case signedIn(residentID: String, session: String)
        /// The identity number is in the register with another phone: the grid will check; no session.
        case claimPending
    }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case field(CodeApplication.Problem)
        /// The compound typed is none (or several) of the city's; `suggestions` are names that contain it.
        case unknownCompound(String, suggestions: [String])

        public var field: String {
            switch self {
            case .field(let p): p.field
            case .unknownCompound: "compound"
            }
        }

        public var description: String {
            switch self {
            case .field(let p): p.description
            case .unknownCompound(let typed, let names):
                "compound: no compound is called \"\(typed)\"" + (names.isEmpty ? "" : " (did you mean \(names.joined(separator: ", "))?)")
            }
        }
    }

    public func requestCode(phone: String, client: String) async throws {
        try await accounts.requestApplicationCode(phone: phone, client: client)
    }

    /// Checks the form, then the code, then registers; nothing is stored when any of them fails.
    public func apply(_ form: CodeApplication, code: String, client: String) async throws -> Outcome {
        let today = CalendarDate(localDayOf: clock.now(), offsetMinutes: profiles.profile.colours.dayOffsetMinutes)
        let checked: CodeApplication.Checked
        do { checked = try form.checked(today: today) } catch { throw Problem.field(error) }
        let compound = try await resolveCompound(checked.compound)
        guard let gridID = compound.areaID, let grid = try await store.area(id: gridID) else {
            throw Problem.unknownCompound(checked.compound, suggestions: [])
        }
        if !checked.temperature.isEmpty, case .failure(let problem) = BodyTemperature.parse(checked.temperature) {
            throw Problem.field(CodeApplication.Problem("temperature", "\"\(problem.text)\" is not a body temperature (34–43 °C)"))
        }
        try await accounts.verifyPhone(checked.phone, code: code, client: client)

        let now = clock.now()
        let id = "SD-" + SecretToken.shortID(5).uppercased()
        let person = Resident(
            id: id, name: checked.name, idType: checked.idType, idNumber: checked.idNumber, sex: checked.sex, birthDate: checked.birthDate,
            phone: checked.phone, areaID: grid.id, compoundID: compound.id, address: checked.address)
        let sealed = try vault.seal(person, areaPath: grid.path)
        let due = now.addingTimeInterval(Double(profiles.profile.grid.verifyArrivalHours) * 3_600)
        func registration(_ person: String, _ kind: Registration.Kind) -> Registration {
            Registration(
                id: "REG-" + SecretToken.shortID(6), person: person, kind: kind, createdAt: now,
                fromRegion: checked.fromRegion, arrivedOn: checked.arrivedOn, symptoms: checked.symptoms)
        }
        func task(_ kind: TaskKind, for r: Registration, home: SealedResident, note: String) -> GridTask {
            let key = Self.taskKey(kind, r)
            return GridTask(
                id: TaskRules.id(for: key), kind: kind, factKey: key, gridID: home.areaID ?? grid.id, gridPath: home.areaPath, person: r.person, note: note,
                createdAt: now, createdBy: "system:registration", dueAt: due)
        }

        if let index = sealed.idNumberIndex, let existing = try await store.residents(idNumberIndex: index).first {
            guard existing.phoneIndex == sealed.phoneIndex else {
                var claim = registration(existing.id, .claim)
                (claim.phoneIndex, claim.phoneMasked) = (sealed.phoneIndex, Masking.phone(checked.phone))
                try await store.register(
                    claim, resident: nil, tasks: [task(.verifyRegistration, for: claim, home: existing, note: "claim · \(Masking.phone(checked.phone))")],
                    audit: clock.event("anonymous", .registrationClaim, kind: "person", id: existing.id, detail: Masking.phone(checked.phone)))
                return .claimPending
            }
            let declaration = registration(existing.id, .existing)
            try await store.register(
                declaration, resident: nil, tasks: [],
                audit: clock.event("resident:\(existing.id)", .registrationDeclare, kind: "person", id: existing.id, detail: declared(checked)))
            try await declare(checked, person: existing.id, name: existing.name)
            // What the feeds already say about them, held against what they have just declared.
            if let conflict = declaration.contradiction(with: try await review.evidence(of: existing.id), offsetMinutes: offset) {
                try await review.record(conflict, on: declaration, actor: "system:registration")
            }
            return .signedIn(residentID: existing.id, session: try await accounts.openResidentSession(existing.id, client: client))
        }
        let new = registration(id, .new)
        try await store.register(
            new, resident: sealed, tasks: [task(.verifyRegistration, for: new, home: sealed, note: "new")],
            audit: clock.event("resident:\(id)", .registrationNew, kind: "person", id: id, detail: "\(compound.id) · \(declared(checked))"))
        // Feeds name them from now on (a presence or lab file checks its people against the index).
        if await timeline.isLoaded { await timeline.addPeople([(id, nil)], refreshHouseholds: false) }
        try await declare(checked, person: id, name: checked.name)
        return .registered(residentID: id, session: try await accounts.openResidentSession(id, client: client))
    }

    /// The grid task a registration raises: one per registration and kind.
    static func taskKey(_ kind: TaskKind, _ r: Registration) -> String { "\(kind.rawValue):\(r.person):\(r.id)" }

    /// The grid worker (or an officer above) confirms a self-declared person: no longer marked so.
    public func confirm(_ personID: String, as principal: Principal) async throws -> Bool {
        // Field staff only (never the person themselves): the ones who can knock and see the papers.
        try await directory.authorize(principal, .contactPeople, kind: "person", id: personID)
        _ = try await directory.resident(personID, as: principal, for: .contactPeople)
        return try await store.confirmRegistrations(
            person: personID, by: principal.auditName, at: clock.now(),
            audit: clock.event(principal.auditName, .registrationConfirm, kind: "person", id: personID)) > 0
    }

    /// The register's person a self-declared record was merged into, nil when it never was.
    public func mergedInto(_ id: String) async throws -> String? {
        try await store.mergedInto(id)
    }

    /// The person's latest registration.
    public func latest(_ personID: String) async throws -> Registration? {
        try await store.registrations(person: personID).first
    }

    /// A record made from their own application, not yet confirmed by their grid or a feed.
    public func isSelfDeclared(_ personID: String) async throws -> Bool {
        try await store.registrations(person: personID).contains { $0.kind == .new && $0.isPending }
    }

    /// What the person's page says about their registrations: self-declared and unconfirmed, the
    /// latest contradiction the feeds found, the self-declared record a feed merged into them.
    public func summary(_ personID: String) async throws -> (selfDeclared: Bool, conflict: String?, mergedFrom: Registration?) {
        let all = try await store.registrations(person: personID)
        return (all.contains { $0.kind == .new && $0.isPending }, all.first { $0.conflict != nil }?.conflict, all.first { $0.mergedFrom != nil })
    }

    /// What was declared goes where the rules read it: travel as a declared arrival, symptoms (and
    /// a temperature) as a check-in, both as the person themselves.
    private func declare(_ c: CodeApplication.Checked, person: String, name: String) async throws {
        let principal = Principal(subject: .resident(residentID: person), role: .resident, displayName: Masking.name(name))
        if let region = c.fromRegion, let day = c.arrivedOn {
            try await declarations.declare(.init(person: person, region: region, travelDate: day.description), as: principal)
        }
        if !c.symptoms.isEmpty || !c.temperature.isEmpty {
            try await checkIns.checkIn(person: person, temperature: c.temperature.isEmpty ? nil : c.temperature, symptoms: c.symptoms, as: principal)
        }
        try await statuses.refresh(person)
    }

    private func declared(_ c: CodeApplication.Checked) -> String {
        let travel = c.fromRegion.map { "from \($0) on \(c.arrivedOn?.description ?? "?")" } ?? "no travel"
        return travel + (c.symptoms.isEmpty ? "" : ", symptoms " + c.symptoms.joined(separator: ","))
    }

    /// A compound by id, or by its exact name (one only); otherwise up to five that contain it.
    private func resolveCompound(_ typed: String) async throws -> Place {
        if let place = try await store.place(id: typed), place.kind == .compound { return place }
        let similar = try await store.places(named: typed, within: .everywhere, limit: 20).filter { $0.kind == .compound }
        let exact = similar.filter { $0.name == typed }
        if exact.count == 1, let only = exact.first { return only }
        throw Problem.unknownCompound(typed, suggestions: Array(similar.prefix(5).map(\.name)))
    }
}
