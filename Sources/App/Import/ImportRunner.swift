import Domain
import Foundation
import Ingestion
import Privacy

/// Runs an import of one kind from a file (CLI) or a request body (API) into the store, with the
/// reference data each kind is checked against. One audit entry per committed batch says who
/// loaded what.
public struct ImportRunner: Sendable {
    let services: CordonServices
    public var batchSize = 16_384

    public init(services: CordonServices) { self.services = services }

    public func run(
        _ kind: ImportKind, reader: RecordReader, actor: String, source: String, maxRecords: Int? = nil,
        progress: (ImportProgress) -> Void = { _ in }
    ) async throws -> ImportReport {
        let store = services.store
        let services = self.services
        @Sendable func audit(_ n: Int) -> AuditEvent {
            services.event(actor, "import.\(kind.rawValue)", kind: "import", id: source, detail: "\(n) records in batch")
        }
        switch kind {
        case .areas:
            var validator = AreaValidator(known: try await store.areaDirectory())
            let pipeline = ImportPipeline<AreaValidator, Area>(
                batchSize: batchSize, maxRecords: maxRecords, prepare: { $0 }, write: { try await store.insertAreas($0, audit: audit($0.count)) })
            return try await pipeline.run(kind: kind.rawValue, reader: reader, validator: &validator, progress: progress)
        case .places:
            var validator = PlaceValidator(areas: try await store.areaDirectory())
            let pipeline = ImportPipeline<PlaceValidator, Place>(
                batchSize: batchSize, maxRecords: maxRecords, prepare: { $0 }, write: { try await store.insertPlaces($0, audit: audit($0.count)) })
            return try await pipeline.run(kind: kind.rawValue, reader: reader, validator: &validator, progress: progress)
        case .residents:
            var validator = ResidentValidator(
                areas: try await store.areaDirectory(), places: try await store.placeKinds(), today: CalendarDate.today(services.now()))
            let vault = services.vault
            let pipeline = ImportPipeline<ResidentValidator, SealedResident>(
                batchSize: batchSize, maxRecords: maxRecords,
                prepare: { batch in try Self.sealInParallel(batch, vault: vault) },
                write: { try await store.insertResidents($0, audit: audit($0.count)) })
            return try await pipeline.run(kind: kind.rawValue, reader: reader, validator: &validator, progress: progress)
        }
    }
}

extension ImportRunner {
    /// Encryption is the costliest step of a resident import, so a batch is sealed on every core
    /// while the store writes the previous one.
    static func sealInParallel(_ batch: [ValidatedResident], vault: PersonalDataVault) throws -> [SealedResident] {
        let parts = max(1, min(ProcessInfo.processInfo.activeProcessorCount, batch.count / 512))
        let size = (batch.count + parts - 1) / max(1, parts)
        let results = SealedParts(count: parts)
        DispatchQueue.concurrentPerform(iterations: parts) { part in
            let slice = batch[min(batch.count, part * size)..<min(batch.count, (part + 1) * size)]
            results.store(part, Result { try slice.map { try vault.seal($0.resident, areaPath: $0.areaPath) } })
        }
        return try results.joined()
    }
}

/// The per-part results of a parallel seal; each part writes only its own slot.
private final class SealedParts: @unchecked Sendable {
    private var slots: [Result<[SealedResident], any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ part: Int, _ result: Result<[SealedResident], any Error>) {
        lock.lock()
        slots[part] = result
        lock.unlock()
    }

    func joined() throws -> [SealedResident] {
        try slots.flatMap { try $0?.get() ?? [] }
    }
}

extension CalendarDate {
    /// The UTC calendar date of an instant.
    public static func today(_ now: Date) -> CalendarDate {
        CalendarDate(daysSinceEpoch: Int((now.timeIntervalSince1970 / 86400).rounded(.down)))
    }
}
