import App
import ArgumentParser
import DemoCity
import Domain
import Foundation
import Ingestion

/// `cordon bench import`: loads N synthetic residents from one CSV file with `cordon import`'s
/// pipeline (validation, AES-GCM, blind index, durable batches) and, in the same run, the same
/// file with `sqlite3 .import` into a plain table with the same keys and look-up indexes.
struct BenchImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Resident import rows/s against sqlite3 .import of the same CSV.")

    @Option(help: "How many residents.")
    var residents = 1_000_000

    @Option(help: "Scratch directory (default: a new folder under /tmp); it is removed afterwards unless --keep.")
    var workDir: String?

    @Flag(help: "Keep the scratch directory (the CSV file and both databases) to rerun or inspect.")
    var keep = false

    func run() async throws {
        let dir = URL(fileURLWithPath: workDir ?? NSTemporaryDirectory() + "cordon-bench-\(ProcessInfo.processInfo.processIdentifier)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer {
            if keep { print("kept \(dir.path)") } else { try? FileManager.default.removeItem(at: dir) }
        }

        let csv = dir.appendingPathComponent("residents.csv")
        let (report, ours) = try await CordonServices.withOpen(CordonSettings(dataDirectory: dir.appendingPathComponent("data"))) { services in
            let spec = DemoCitySpec(residents: residents, seed: 7, today: .today(Date()))
            let city = DemoCity(spec: spec)
            _ = try await services.store.insertAreas(city.areas, audit: nil)
            _ = try await services.store.insertPlaces(city.places, audit: nil)
            try writeCSV(city: city, to: csv)
            let size = (try FileManager.default.attributesOfItem(atPath: csv.path)[.size] as? NSNumber)?.intValue ?? 0
            print("input: \(residents) residents, \(size / 1_000_000) MB CSV")

            let bar = ProgressBar("cordon import")
            let t0 = Shell.startClock()
            let report = try await services.imports.run(.residents, reader: try RecordReader(path: csv.path), actor: "bench", source: "bench") {
                bar.update(done: $0.bytesRead, total: $0.totalBytes, records: $0.records)
            }
            let ours = Date().timeIntervalSince(t0)
            bar.finish()
            return (report, ours)
        }
        guard report.loaded == residents else { throw ValidationError("cordon loaded \(report.loaded) of \(residents): \(report.problems.prefix(3))") }

        let anchorDB = dir.appendingPathComponent("anchor.sqlite").path
        let schema = """
            PRAGMA journal_mode=WAL;
            CREATE TABLE residents (id TEXT PRIMARY KEY NOT NULL, name TEXT, idType TEXT, idNumber TEXT, sex TEXT, birthDate TEXT, phone TEXT,
              household TEXT, area TEXT, compound TEXT, address TEXT);
            CREATE INDEX r_phone ON residents(phone); CREATE INDEX r_idn ON residents(idNumber);
            CREATE INDEX r_area ON residents(area, id); CREATE INDEX r_household ON residents(household);
            CREATE INDEX r_name ON residents(lower(name), area, id);
            """
        try Self.sqlite3(anchorDB, input: schema)
        let t1 = Date()
        try Self.sqlite3(anchorDB, input: ".import --csv --skip 1 \(csv.path) residents\n")
        let anchor = Date().timeIntervalSince(t1)

        let floor = try sqliteFloor(dir: dir, cordonDB: dir.appendingPathComponent("data/cordon.sqlite").path)

        let oursRate = Double(residents) / ours
        let anchorRate = Double(residents) / anchor
        print(String(format: "cordon import residents : %8.2f s  %10.0f rows/s  (validated, AES-GCM identity envelope, 2 blind indexes, synchronous=FULL)", ours, oursRate))
        print(String(format: "sqlite3 .import (anchor): %8.2f s  %10.0f rows/s  (plain text, same keys and indexes)", anchor, anchorRate))
        print(String(format: "ratio cordon/sqlite3    : %.2fx", oursRate / anchorRate))
        print(String(format: "sqlite3 alone, Cordon's stored rows: %.2f s (%.2f s INSERT…SELECT of the sealed rows into Cordon's schema, one transaction, "
            + "+ %.2f s building the look-up indexes) = %.2f of the anchor's time, before any parsing, validation or encryption",
            floor.insert + floor.indexes, floor.insert, floor.indexes, (floor.insert + floor.indexes) / anchor))
    }

    /// What SQLite alone needs to store the rows Cordon stores: the sealed rows the import just wrote,
    /// copied by the sqlite3 shell into an empty table of the same schema (primary key and the two
    /// indexes kept during a load, one transaction), then the look-up indexes built as an
    /// import builds them at its end. No parsing, validation or encryption: the floor of any import.
    private func sqliteFloor(dir: URL, cordonDB: String) throws -> (insert: TimeInterval, indexes: TimeInterval) {
        let schemaFile = dir.appendingPathComponent("floor-schema.sql").path
        try Self.sqlite3(cordonDB, input: ".output \(schemaFile)\n.schema residents\n")
        let lookup = ["residents_phone", "residents_compound", "residents_id_number", "residents_name"]
        let statements = try String(contentsOfFile: schemaFile, encoding: .utf8).components(separatedBy: ";\n")
        let table = statements.filter { s in !lookup.contains { s.contains($0) } }.joined(separator: ";\n")
        let indexes = statements.filter { s in lookup.contains { s.contains($0) } }.joined(separator: ";\n") + ";\n"
        let floorDB = dir.appendingPathComponent("floor.sqlite").path
        try Self.sqlite3(floorDB, input: "PRAGMA journal_mode=WAL;\n" + table)
        let t0 = Date()
        try Self.sqlite3(floorDB, input: "PRAGMA cache_size=-65536;\nATTACH '\(cordonDB)' AS o;\nBEGIN;\nINSERT INTO residents SELECT * FROM o.residents;\nCOMMIT;\n")
        let insert = Date().timeIntervalSince(t0)
        let t1 = Date()
        try Self.sqlite3(floorDB, input: "PRAGMA cache_size=-65536;\n" + indexes)
        return (insert, Date().timeIntervalSince(t1))
    }

    private func writeCSV(city: DemoCity, to url: URL) throws {
        try CSVFile.write(url, header: "id,name,idType,idNumber,sex,birthDate,phone,household,area,compound,address") { out in
            var stream = ResidentStream(city: city)
            while let batch = stream.nextBatch(limit: 10_000) {
                for r in batch {
                    let fields = [
                        r.id, r.name, r.idType.rawValue, r.idNumber ?? "", r.sex.rawValue, r.birthDate?.description ?? "", r.phone ?? "",
                        r.householdID ?? "", r.areaID ?? "", r.compoundID ?? "", r.address ?? "",
                    ]
                    out.line(fields.map(csvCell).joined(separator: ","))
                }
            }
        }
    }

    private func csvCell(_ s: String) -> String {
        s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
    }

    private static func sqlite3(_ db: String, input: String) throws {
        try Shell.run("/usr/bin/sqlite3", ["-bail", db], input: input)
    }
}
