import Dispatch

/// Streams an import file through parsing, validation, preparation (sealing personal data) and
/// the store.
///
/// Records are handled in batches. The reader cuts a batch of whole records serially; parsing,
/// validating and preparing it then run on every core (validators of kinds whose records do not
/// depend on each other are `ParallelValidator`s); while that happens the store writes the
/// previous batch in its own transaction, which is also when that batch becomes durable. Memory
/// holds at most two batches, whatever the size of the file.
public struct ImportPipeline<Validator: RecordValidator, Stored: Sendable> {
    public var batchSize: Int
    public var maxRecords: Int?
    let prepare: @Sendable (Validator.Output) throws -> Stored
    let write: @Sendable ([Stored]) async throws -> Int

    /// `prepare` turns a validated record into what the store keeps (on the validating thread);
    /// `write` stores one batch and returns how many records were new.
    public init(
        batchSize: Int = 4096, maxRecords: Int? = nil, prepare: @escaping @Sendable (Validator.Output) throws -> Stored,
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

        func collect(_ previous: Task<(Int, Int), any Error>?) async throws {
            guard let previous else { return }
            let (count, written) = try await previous.value
            report.loaded += written
            report.unchanged += count - written
        }

        // With a record limit (request bodies, already in memory) the first batch reads one record
        // past the limit, so an oversized body is refused before anything is written.
        let readSize = maxRecords.map { max(batchSize, $0 + 1) } ?? batchSize
        while true {
            let units = try reader.nextUnits(limit: readSize)
            if units.isEmpty { break }
            seen += units.count
            if let maxRecords, seen > maxRecords { throw ImportFailure.bodyTooLarge(limit: maxRecords) }
            guard let parser = reader.parser else { break }
            let batch = try validator.prepareBatch(units, parser: parser, prepare: prepare)
            for problem in batch.problems { report.reject(problem) }
            let stored = batch.accepted
            try await collect(pendingWrite)
            let write = self.write
            pendingWrite = Task { (stored.count, try await write(stored)) }
            progress(ImportProgress(bytesRead: reader.bytesConsumed, totalBytes: reader.totalBytes, records: seen))
        }
        try await collect(pendingWrite)
        report.format = reader.format?.rawValue ?? "empty"
        progress(ImportProgress(bytesRead: reader.bytesConsumed, totalBytes: reader.totalBytes, records: seen))
        return report
    }
}

/// A validator whose verdict on a record depends on that record alone, so a batch can be split
/// across cores, each part with its own copy of the validator.
public protocol ParallelValidator: RecordValidator, Sendable {}

extension ParallelValidator {
    /// Splits the batch across cores: each part parses, validates and prepares its records in one
    /// pass; the parts are joined in line order.
    public mutating func prepareBatch<Stored>(
        _ units: [RecordUnit], parser: RecordParser, prepare: @Sendable (Output) throws -> Stored
    ) throws -> PreparedBatch<Stored> {
        let parts = units.count >= 1024 ? max(1, min(8, units.count / 512)) : 1
        let size = (units.count + parts - 1) / parts
        let slots = ResultSlots<Result<PreparedBatch<Stored>, any Error>>(count: parts)
        let original = self
        withoutActuallyEscaping(prepare) { prepare in
            let run = { @Sendable (part: Int) in
                var copy = original
                let slice = units[min(units.count, part * size)..<min(units.count, (part + 1) * size)]
                slots.store(part, [Result { try copy.prepareSequentially(slice, parser: parser, prepare: prepare) }])
            }
            if parts == 1 { run(0) } else { DispatchQueue.concurrentPerform(iterations: parts, execute: run) }
        }
        var prepared = try slots.joined().map { try $0.get() }
        return PreparedBatch(joining: &prepared)
    }

    private mutating func prepareSequentially<Stored>(
        _ units: ArraySlice<RecordUnit>, parser: RecordParser, prepare: (Output) throws -> Stored
    ) throws -> PreparedBatch<Stored> {
        var batch = PreparedBatch<Stored>()
        batch.accepted.reserveCapacity(units.count)
        for unit in units {
            switch parser.parse(unit).flatMap({ raw in Result { () throws(ImportProblem) in try validate(raw) } }) {
            case .success(let value): batch.accepted.append(try prepare(value))
            case .failure(let problem): batch.problems.append(problem)
            }
        }
        return batch
    }
}
