import App
import ArgumentParser
import DemoCity
import Domain
import Foundation
import Ingestion
import Logging

/// `cordon bench ingest`: one presence CSV of N events loaded with `cordon import presence`'s
/// pipeline (parsing, validation against the residents and places, durable batches) into the
/// SQLite store, and in the same run with `sqlite3 .import` into a table with the same keys and
/// indexes; with `--database-url`, the same file into PostgreSQL both ways (Cordon's COPY against
/// `psql \copy`).
struct BenchIngestCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Presence import events/s against sqlite3 .import (and psql \\copy) of the same CSV.",
        discussion: """
            The PostgreSQL half needs a server you may create databases on: it makes two scratch databases \
            (cordon_bench_ingest_PID and …_anchor) next to the one in the URL and drops them afterwards.
            """)

    @Option(help: "How many presence events.")
    var events = 10_000_000

    @Option(help: "Also measure PostgreSQL: postgres://user:password@host:port/database (a server where databases may be created).")
    var databaseURL: String?

    @Flag(help: "Skip the SQLite half (measure PostgreSQL only).")
    var skipSqlite = false

    @Option(help: "Scratch directory (default: a new folder under /tmp); it is removed afterwards unless --keep.")
    var workDir: String?

    @Flag(help: "Keep the scratch directory (the CSV files and the SQLite databases) and the PostgreSQL databases.")
    var keep = false

    func run() async throws {
        let dir = URL(fileURLWithPath: workDir ?? NSTemporaryDirectory() + "cordon-bench-ingest-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer {
            if keep { print("kept \(dir.path)") } else { try? FileManager.default.removeItem(at: dir) }
        }
        let synthetic = SyntheticPresence(events: events)
        let files = try PresenceBenchFiles.write(synthetic, to: dir)
        let size = (try FileManager.default.attributesOfItem(atPath: files.presence.path)[.size] as? NSNumber)?.intValue ?? 0
        print("input: \(events) presence events of \(synthetic.people) people at \(synthetic.places) places, \(size / 1_000_000) MB CSV")

        var lines: [String] = []
        if !skipSqlite {
            let ours = try await importWithCordon(files, settings: CordonSettings(dataDirectory: dir.appendingPathComponent("data")), label: "cordon → SQLite")
            let anchorDB = dir.appendingPathComponent("anchor.sqlite").path
            try Shell.run("/usr/bin/sqlite3", ["-bail", anchorDB], input: """
                PRAGMA journal_mode=WAL;
                CREATE TABLE presence (id TEXT NOT NULL UNIQUE, person TEXT NOT NULL, place TEXT NOT NULL, start_at TEXT NOT NULL,
                  end_at TEXT NOT NULL, seat TEXT, source TEXT);
                CREATE INDEX presence_end_day ON presence(substr(end_at, 1, 10));
                """)
            let anchor = try Shell.timed("/usr/bin/sqlite3", ["-bail", anchorDB], input: ".import --csv --skip 1 \(files.presence.path) presence\n")
            let floor = try sqliteFloor(dir: dir)
            lines += [
                row("cordon import → SQLite", ours, "validated against residents and places, batches of 65,536 each durable (synchronous=FULL)"),
                row("sqlite3 .import (anchor)", anchor, "plain text, rowid + unique id + end-day index as Cordon's, WAL"),
                String(format: "ratio cordon/sqlite3 .import     : %.2fx   (goal ≥ 2x; headline goal 500,000 events/s)", anchor / ours),
                row("SQLite floor", floor, "sqlite3 copying Cordon's stored rows into its empty schema, one transaction: no parsing, no validation"),
                String(format: "cordon / floor                   : %.2f of the floor's rate", floor / ours),
            ]
        }
        if let databaseURL {
            let server = try PostgresScratch(url: databaseURL, name: "cordon_bench_ingest_\(ProcessInfo.processInfo.processIdentifier)")
            defer { if !keep { server.dropAll() } }
            let ours = try await importWithCordon(
                files, settings: CordonSettings(dataDirectory: dir.appendingPathComponent("pg-data"), databaseURL: try server.create("")), label: "cordon → PostgreSQL")
            let anchorURL = try server.create("_anchor")
            try Shell.run("/usr/bin/psql", ["-q", "-v", "ON_ERROR_STOP=1", anchorURL], input: """
                CREATE TABLE presence (seq BIGSERIAL PRIMARY KEY, id TEXT NOT NULL UNIQUE, person TEXT NOT NULL, place TEXT NOT NULL,
                  start_at TIMESTAMPTZ NOT NULL, end_at TIMESTAMPTZ NOT NULL, seat TEXT, source TEXT);
                CREATE INDEX presence_end_day ON presence(((end_at AT TIME ZONE 'UTC')::date));
                """)
            let anchor = try Shell.timed(
                "/usr/bin/psql", ["-q", "-v", "ON_ERROR_STOP=1", anchorURL],
                input: "\\copy presence(id, person, place, start_at, end_at, seat, source) FROM '\(files.presence.path)' CSV HEADER\n")
            lines += [
                row("cordon import → PostgreSQL", ours, "validated, COPY in batches of 65,536 each its own transaction, into day partitions"),
                row("psql \\copy (anchor)", anchor, "one COPY into one table: bigserial, unique id, the end's day indexed; Cordon's table is partitioned by that day"),
                String(format: "ratio cordon/psql \\copy          : %.2fx   (goal ≥ 1x)", anchor / ours),
            ]
        }
        print(lines.joined(separator: "\n"))
    }

    /// What SQLite alone needs to store what Cordon stored: the rows the import wrote, copied by the
    /// sqlite3 shell into an empty table of Cordon's schema (its keys and indexes), in one
    /// transaction. Below this no import into this schema can go, however it parses.
    private func sqliteFloor(dir: URL) throws -> TimeInterval {
        let cordonDB = dir.appendingPathComponent("data/cordon.sqlite").path
        let schemaFile = dir.appendingPathComponent("floor-schema.sql").path
        try Shell.run("/usr/bin/sqlite3", ["-bail", cordonDB], input: ".output \(schemaFile)\n.schema presence\n")
        let floorDB = dir.appendingPathComponent("floor.sqlite").path
        try Shell.run("/usr/bin/sqlite3", ["-bail", floorDB], input: "PRAGMA journal_mode=WAL;\n" + (try String(contentsOfFile: schemaFile, encoding: .utf8)))
        return try Shell.timed(
            "/usr/bin/sqlite3", ["-bail", floorDB],
            input: "PRAGMA cache_size=-65536;\nATTACH '\(cordonDB)' AS o;\nBEGIN;\nINSERT INTO presence SELECT * FROM o.presence ORDER BY seq;\nCOMMIT;\n")
    }

    private func row(_ label: String, _ seconds: TimeInterval, _ what: String) -> String {
        String(format: "%@ %8.2f s %10.0f events/s  (%@)", label.padding(toLength: 32, withPad: " ", startingAt: 0), seconds, Double(events) / seconds, what)
    }

    /// Loads the places and people untimed, then times the presence import alone.
    private func importWithCordon(_ files: PresenceBenchFiles, settings: CordonSettings, label: String) async throws -> TimeInterval {
        var logger = Logger(label: "cordon")
        logger.logLevel = .warning
        return try await CordonServices.withOpen(settings, logger: logger) { services in
            for (kind, file) in [(ImportKind.places, files.places), (.residents, files.people)] {
                let report = try await services.imports.run(kind, reader: try RecordReader(path: file.path), actor: "bench", source: "bench")
                guard report.problems.isEmpty else { throw ValidationError("\(kind.rawValue): \(report.problems.prefix(3))") }
            }
            let bar = ProgressBar(label)
            let t0 = Shell.startClock()
            let report = try await services.imports.run(.presence, reader: try RecordReader(path: files.presence.path), actor: "bench", source: "bench") {
                bar.update(done: $0.bytesRead, total: $0.totalBytes, records: $0.records)
            }
            let seconds = Date().timeIntervalSince(t0)
            bar.finish()
            guard report.loaded == events else { throw ValidationError("\(label) loaded \(report.loaded) of \(events): \(report.problems.prefix(3))") }
            return seconds
        }
    }
}
