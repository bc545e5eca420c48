import Domain
import Foundation
import Ingestion
import Privacy

/// Runs an import of one kind from a file (CLI) or a request body (API) into the store, with the
/// reference data each kind is checked against. One audit entry per committed batch says who
/// loaded what.
public struct ImportRunner: Sendable {
    let store: any AreaRepository & PlaceRepository & ResidentRepository & FeedRepository
    let vault: PersonalDataVault
    let timeline: TimelineService
    let clock: WallClock
    let cases: CaseService
    let statuses: StatusService
    let merges: SelfDeclaredMerge
    let review: DeclarationReview
    public var batchSize = 16_384

    /// `scope`: the area every record must lie within (a feed's token scoped to it), nil for none.
    /// What the run stored counts for its source's health (`actor`: a token, a CLI user).
    public func run(
        _ kind: ImportKind, reader: RecordReader, actor: String, source: String, maxRecords: Int? = nil, within scope: AreaPath? = nil,
        progress: (ImportProgress) -> Void = { _ in }
    ) async throws -> ImportReport {
        let report = try await load(kind, reader: reader, actor: actor, source: source, maxRecords: maxRecords, within: scope, progress: progress)
        // Records already known count too: the source delivered them.
        let delivered = report.loaded + report.unchanged
        if delivered > 0 { try await store.recordFeedDelivery(kind: kind.rawValue, source: actor, records: delivered, at: clock.now()) }
        return report
    }

    private func load(
        _ kind: ImportKind, reader: RecordReader, actor: String, source: String, maxRecords: Int?, within scope: AreaPath?,
        progress: (ImportProgress) -> Void
    ) async throws -> ImportReport {
        @Sendable func audit(_ n: Int) -> AuditEvent {
            clock.event(actor, .importRecords(kind.rawValue), kind: "import", id: source, detail: "\(n) records in batch")
        }
        let outside = scope.map { "lies outside this token's area \($0.rawValue)" } ?? ""
        /// Refuses a record whose area path (`path`) is not within the scope.
        func within<Output>(field: String, path: @escaping @Sendable (Output) -> String?) -> AreaScope<Output> {
            guard let scope else { return .none }
            return AreaScope { record in
                guard let p = path(record), scope.contains(AreaPath(p)) else { return (field, outside) }
                return nil
            }
        }
        switch kind {
        case .areas:
            var validator = ScopedValidator(AreaValidator(known: try await store.areaDirectory()), refusal: within(field: "parent") { $0.path })
            let pipeline = ImportPipeline<ScopedValidator<AreaValidator>, Area>(
                batchSize: batchSize, maxRecords: maxRecords, prepare: { $0 }, write: { try await store.insertAreas($0, audit: audit($0.count)) })
            return try await pipeline.run(kind: kind.rawValue, reader: reader, validator: &validator, progress: progress)
        case .places:
            let areas = try await store.areaDirectory()
            var validator = ScopedParallelValidator(PlaceValidator(areas: areas), refusal: within(field: "area") { $0.areaID.flatMap { areas[$0]?.path } })
            let pipeline = ImportPipeline<ScopedParallelValidator<PlaceValidator>, Place>(
                batchSize: batchSize, maxRecords: maxRecords, prepare: { $0 }, write: { try await store.insertPlaces($0, audit: audit($0.count)) })
            return try await pipeline.run(kind: kind.rawValue, reader: reader, validator: &validator, progress: progress)
        case .residents:
            let selfDeclared = try await merges.identities()
            let merged = MergeCount()
            var validator = ScopedParallelValidator(
                ResidentValidator(areas: try await store.areaDirectory(), places: try await store.placeKinds(), today: CalendarDate.today(clock.now())),
                refusal: try await residentScope(scope, outside: outside))
            let pipeline = ImportPipeline<ScopedParallelValidator<ResidentValidator>, SealedResident>(
                batchSize: batchSize, maxRecords: maxRecords,
                prepare: { try vault.seal($0.resident, areaPath: $0.areaPath) },
                write: { batch in
                    let inserted = try await store.insertResidents(batch, audit: audit(batch.count))
                    // Before the timeline learns the batch: a merged person's presence is renamed to the row's id.
                    await merged.add(try await merges.merge(batch, identities: selfDeclared, actor: actor))
                    // A running server learns new residents at once, so their presence is accepted.
                    if await timeline.isLoaded {
                        await timeline.addPeople(batch.map { ($0.id, $0.householdID) }, refreshHouseholds: false)
                    }
                    return inserted
                })
            // A big file is a bulk load: build the blind-index look-ups once at the end.
            let bulk = reader.totalBytes >= Self.bulkLoadBytes
            if bulk { try await store.beginResidentBulkLoad() }
            do {
                var report = try await pipeline.run(kind: kind.rawValue, reader: reader, validator: &validator, progress: progress)
                await timeline.refreshHouseholds()
                if bulk { try await store.endResidentBulkLoad() }
                report.merged = await merged.count
                return report
            } catch {
                if bulk { try? await store.endResidentBulkLoad() }
                throw error
            }
        case .presence:
            let people = try await peopleWithin(scope)
            let (declarations, evidence) = (try await review.openDeclarations(), EvidenceLog())
            var validator = ScopedParallelValidator(
                PresenceValidator(people: try await knownPeople(), places: try await store.placeKinds(), now: clock.now()),
                refusal: within(field: "person") { people?.contains($0.person) == true ? scope?.rawValue : nil })  // a person lies where they live
            // Presence comes by the million and is a bulk load (PostgreSQL's COPY): bigger batches,
            // fewer commits (each still durable on its own).
            let pipeline = ImportPipeline<ScopedParallelValidator<PresenceValidator>, PresenceEvent>(
                batchSize: batchSize * 4, maxRecords: maxRecords, prepare: { $0 },
                write: { batch in
                    let n = try await store.insertPresence(batch, audit: audit(batch.count))
                    await evidence.add(batch.filter { declarations[$0.person] != nil }.map { ($0.person, .presence, $0.start, $0.place) }, offset: review.offset)
                    return n
                })
            var report = try await pipeline.run(kind: kind.rawValue, reader: reader, validator: &validator, progress: progress)
            if await timeline.isLoaded { try await timeline.catchUp() }
            report.contradicted = try await review.review(await evidence.byPerson, declarations: declarations, actor: actor)
            return report
        case .labs:
            let people = try await peopleWithin(scope)
            let (declarations, evidence) = (try await review.openDeclarations(), EvidenceLog())
            var validator = ScopedParallelValidator(
                LabResultValidator(people: try await knownPeople(), now: clock.now()),
                refusal: within(field: "person") { people?.contains($0.person) == true ? scope?.rawValue : nil })
            let touched = TouchedPeople()
            let pipeline = ImportPipeline<ScopedParallelValidator<LabResultValidator>, LabResult>(
                batchSize: batchSize, maxRecords: maxRecords, prepare: { $0 },
                write: { batch in
                    let n = try await store.insertLabResults(batch, audit: audit(batch.count))
                    await touched.add(positive: batch.filter { $0.result == .positive }.map(\.person), other: batch.map(\.person))
                    await evidence.add(
                        batch.filter { declarations[$0.person] != nil }.map { ($0.person, .lab, $0.sampledAt, $0.lab ?? $0.test.rawValue) }, offset: review.offset)
                    return n
                })
            var report = try await pipeline.run(kind: kind.rawValue, reader: reader, validator: &validator, progress: progress)
            report.contradicted = try await review.review(await evidence.byPerson, declarations: declarations, actor: actor)
            // A positive result makes or changes a case: trace it; any result may end a quarantine.
            let (positive, other) = await touched.people()
            for person in positive.sorted() { try await cases.caseChanged(person, actor: actor) }
            for person in other.subtracting(positive).sorted() { try await statuses.refresh(person) }
            return report
        case .arrivals:
            let people = try await peopleWithin(scope)
            let (declarations, evidence) = (try await review.openDeclarations(), EvidenceLog())
            var validator = ScopedParallelValidator(
                ArrivalValidator(people: try await knownPeople(), now: clock.now()),
                refusal: within(field: "person") { people?.contains($0.person) == true ? scope?.rawValue : nil })
            let touched = TouchedPeople()
            let pipeline = ImportPipeline<ScopedParallelValidator<ArrivalValidator>, Arrival>(
                batchSize: batchSize, maxRecords: maxRecords, prepare: { $0 },
                write: { batch in
                    let n = try await store.insertArrivals(batch, audit: audit(batch.count))
                    await touched.add(positive: [], other: batch.map(\.person))
                    await evidence.add(
                        batch.filter { declarations[$0.person] != nil && $0.mode != "declared" }.map { ($0.person, .arrival, $0.arrivedAt, $0.from) },
                        offset: review.offset)
                    return n
                })
            var report = try await pipeline.run(kind: kind.rawValue, reader: reader, validator: &validator, progress: progress)
            report.contradicted = try await review.review(await evidence.byPerson, declarations: declarations, actor: actor)
            for person in await touched.people().other.sorted() { try await statuses.refresh(person) }
            return report
        }
    }

    /// A scoped residents import: the resident's area, their compound and an existing household
    /// they join must all lie within the scope (a household elsewhere would let tracing reach it).
    func residentScope(_ scope: AreaPath?, outside: String) async throws -> AreaScope<ValidatedResident> {
        guard let scope else { return .none }
        let compounds = Set(try await store.places(kind: .compound, within: scope).map(\.id))
        var householdsWithin = Set<String>(), households = Set<String>()
        var after: String? = nil
        while true {
            let page = try await store.residentHouseholds(after: after, limit: 100_000)
            guard let last = page.last else { break }
            for r in page { if let h = r.household { households.insert(h) } }
            after = last.resident
        }
        after = nil
        while true {
            let page = try await store.residents(within: scope.rawValue, after: after, limit: 10_000)
            guard let last = page.last else { break }
            for r in page { if let h = r.householdID { householdsWithin.insert(h) } }
            after = last.id
        }
        return AreaScope { [householdsWithin, households] v in
            if !scope.contains(AreaPath(v.areaPath)) { return ("area", outside) }
            if let c = v.resident.compoundID, !compounds.contains(c) { return ("compound", outside) }
            if let h = v.resident.householdID, households.contains(h), !householdsWithin.contains(h) { return ("household", outside) }
            return nil
        }
    }

    /// The residents who live within a scoped token's area (paged from the store), nil without a scope.
    func peopleWithin(_ scope: AreaPath?) async throws -> Set<String>? {
        guard let scope else { return nil }
        var ids = Set<String>()
        var after: String? = nil
        while true {
            let page = try await store.residents(within: scope.rawValue, after: after, limit: 10_000)
            guard let last = page.last else { break }
            ids.formUnion(page.map(\.id))
            after = last.id
        }
        return ids
    }

    /// The residents feeds may name: the server's timeline knows them all; a command reads their ids.
    func knownPeople() async throws -> KnownPeople {
        if await timeline.isLoaded {
            let people = await timeline.snapshot().people
            return KnownPeople { people.number(of: $0) != nil }
        }
        var ids = Set<String>()
        var after: String? = nil
        while true {
            let page = try await store.residentHouseholds(after: after, limit: 100_000)
            guard let last = page.last else { break }
            for r in page { ids.insert(r.resident) }
            after = last.resident
        }
        return KnownPeople(ids)
    }

    /// Files from this size on (about 100,000 residents) are loaded as a bulk load.
    public static let bulkLoadBytes = 16 << 20
}

extension CalendarDate {
    /// The UTC calendar date of an instant.
    public static func today(_ now: Date) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86400).rounded(.down)))
    }
}

/// People an import touched, collected across its batches.
actor TouchedPeople {
    private var positive = Set<String>()
    private var other = Set<String>()

    func add(positive: [String], other: [String]) {
        self.positive.formUnion(positive)
        self.other.formUnion(other)
    }

    func people() -> (positive: Set<String>, other: Set<String>) { (positive, other) }
}

/// Self-declared people merged by the batches of one residents import.
actor MergeCount {
    private(set) var count = 0
    func add(_ n: Int) { count += n }
}

/// Feed facts about people with a declaration open to evidence, held against it once the
/// import is done (a few people among millions of rows: only theirs are kept).
actor EvidenceLog {
    private(set) var byPerson: [String: [FeedEvidence]] = [:]

    func add(_ facts: [(person: String, kind: FeedEvidence.Kind, at: Date, detail: String)], offset: Int) {
        for f in facts { byPerson[f.person, default: []].append(FeedEvidence(f.kind, day: CalendarDate(localDayOf: f.at, offsetMinutes: offset), detail: f.detail)) }
    }
}
