import App
import ArgumentParser
import ContactTracing
import Domain
import Foundation

/// `cordon trace --case P [--json]`
struct TraceCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trace",
        abstract: "List the contacts of a case with their evidence (DESIGN §4 rules, §5 JSON contract).",
        discussion: "PERSON is the resident's import id; they must have a positive lab result. The window runs from 4 days (profile: windowDaysBeforeOnset) before the first positive sample to the sample. The command loads the timeline from the store (progress on stderr), traces, and writes an audit entry. --json prints {\"case\", \"window\": {\"from\",\"to\"}, \"contacts\": [{\"person\", \"category\", \"exposureMinutes\", \"evidence\": [{\"place\",\"from\",\"to\"}]}]}. Exit status 4 when the person is not a case.")

    @Option(name: .customLong("case"), help: "The case's resident id.")
    var person: String

    @Flag(help: "Print the DESIGN §5 JSON contract.")
    var json = false

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let report: TraceReport = try await store.withServices { services in
            do {
                let report = try await services.tracing.trace(person)
                try await services.store.appendAudit(
                    services.clock.event("cli:\(NSUserName())", .caseTrace, kind: "person", id: person, detail: "\(report.contacts.count) contacts"))
                return report
            } catch StoreError.notFound(let kind, let id) {
                FileHandle.standardError.write(Data("cordon trace: no \(kind) \(id) (a case needs a positive lab result)\n".utf8))
                throw ExitCode(4)
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
            return
        }
        print("case \(report.case): window \(report.window.from) – \(report.window.to), \(report.contacts.count) contacts")
        for c in report.contacts {
            let via = c.via.map { " via \($0)" } ?? ""
            print("  \(c.person)\t\(c.category.rawValue)\t\(c.exposureMinutes) min\(via)")
            for e in c.evidence { print("      \(e.place)  \(e.from) – \(e.to)") }
        }
    }
}
