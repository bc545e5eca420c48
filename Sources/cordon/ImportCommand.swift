import App
import ArgumentParser
import Foundation
import Ingestion

/// `cordon import KIND FILE`
struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import areas, places, residents, presence, labs or arrivals from NDJSON or CSV (DESIGN §5), idempotent by id.",
        discussion: "FILE holds one JSON object a line, or CSV with the field names as header. Bad lines are reported with their line number, field and reason and the good lines still load; a record whose id is already known is left unchanged. Import areas before places, both before residents, and residents and places before the feeds (presence, labs, arrivals), which must name known people and places. Times are RFC 3339. When the command ends, every loaded record is on disk. A running server picks up imported presence within seconds. Exit status: 0 when every line loaded or was unchanged, 3 when some lines were rejected, 1 on failure.")

    @Argument(help: "What the file holds: \(ImportKind.allCases.map(\.rawValue).joined(separator: ", ")).")
    var kind: String

    @Argument(help: "The NDJSON or CSV file.")
    var file: String

    @Flag(help: "Print the report as JSON.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        guard let kind = ImportKind(rawValue: kind) else {
            throw ValidationError("unknown kind \"\(self.kind)\": use one of \(ImportKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        let reader: RecordReader
        do { reader = try RecordReader(path: file) } catch { throw ValidationError(error.description) }
        let report = try await store.withServices { services in
            let bar = ProgressBar("import \(kind.rawValue)")
            let report = try await services.imports.run(kind, reader: reader, actor: "cli:\(NSUserName())", source: file) {
                bar.update(done: $0.bytesRead, total: $0.totalBytes, records: $0.records)
            }
            bar.finish()
            return report
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        } else {
            print("\(report.kind) (\(report.format)): \(report.loaded) loaded, \(report.unchanged) unchanged, \(report.rejected) rejected")
            if report.contradicted > 0 { print("  \(report.contradicted) declarations contradicted by this file: each is now a task for the person's grid") }
            if report.merged > 0 { print("  \(report.merged) self-declared people confirmed by this file: each merged into its record with the same identity number") }
            for p in report.problems {
                print("  line \(p.line)\(p.field.map { ", field \($0)" } ?? ""): \(p.reason)")
            }
            if report.rejected > report.problems.count { print("  … and \(report.rejected - report.problems.count) more") }
        }
        if report.rejected > 0 { throw ExitCode(3) }
    }
}
