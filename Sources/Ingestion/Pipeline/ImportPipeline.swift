/// Streams an import file through validation, preparation (sealing personal data) and the store.
///
/// Records are handled in batches. While the store writes batch N (in its own transaction, which
/// is also when the batch becomes durable), this task already parses, validates and prepares
/// batch N+1: on two cores that overlap is most of the speed. Memory holds at most two batches.
public struct ImportPipeline<Validator: RecordValidator, Stored: Sendable> {
    public var batchSize: Int
    public var maxRecords: Int?
    let prepare: @Sendable ([Validator.Output]) throws -> [Stored]
    let write: @Sendable ([Stored]) async throws -> Int

    /// `prepare` turns validated records into what the store keeps; `write` stores one batch and
    /// returns how many records were new.
    public init(
        batchSize: Int = 4096, maxRecords: Int? = nil, prepare: @escaping @Sendable ([Validator.Output]) throws -> [Stored],
        write: @escaping @Sendable ([Stored]) async throws -> Int
    ) {
        self.batchSize = batchSize
        self.maxRecords = maxRecords
        self.prepare = prepare
        self.write = write
    }

    public func run(
        kind: String, reader: RecordReader, validator: inout Validator, progress: (ImportProgress) -> Void = { _ in }
    ) async throws -> ImportReport {
        var report = ImportReport(kind: kind, format: "")
        var pendingWrite: Task<(Int, Int), any Error>? = nil
        var seen = 0
        var batch: [Validator.Output] = []
        batch.reserveCapacity(batchSize)

        // Preparing (sealing) batch N+1 here overlaps the store's write of batch N; only the
        // write itself is serial, because the store has one writer.
        func flush(_ items: [Validator.Output]) async throws {
            let stored = try prepare(items)
            if let previous = pendingWrite {
                let (count, written) = try await previous.value
                report.loaded += written
                report.unchanged += count - written
            }
            let write = self.write
            pendingWrite = Task { (stored.count, try await write(stored)) }
        }

        while let next = try reader.next() {
            seen += 1
            if let maxRecords, seen > maxRecords { throw ImportFailure.bodyTooLarge(limit: maxRecords) }
            switch next {
            case .success(let raw):
                do {
                    batch.append(try validator.validate(raw))
                } catch {
                    report.reject(error)
                }
            case .failure(let problem):
                report.reject(problem)
            }
            if batch.count == batchSize {
                try await flush(batch)
                batch.removeAll(keepingCapacity: true)
                progress(ImportProgress(bytesRead: reader.bytesConsumed, totalBytes: reader.totalBytes, records: seen))
            }
        }
        if !batch.isEmpty { try await flush(batch) }
        if let last = pendingWrite {
            let (count, written) = try await last.value
            report.loaded += written
            report.unchanged += count - written
        }
        report.format = reader.format?.rawValue ?? "empty"
        progress(ImportProgress(bytesRead: reader.bytesConsumed, totalBytes: reader.totalBytes, records: seen))
        return report
    }
}
