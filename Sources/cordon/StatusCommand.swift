import App
import ArgumentParser
import Domain
import Foundation

/// `cordon status P [--json]`, `cordon status recompute`
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "A person's health colour and why, or recompute everyone's.",
        discussion: "`cordon status PERSON --json` prints {\"person\", \"colour\" (red|yellow|green), \"reasons\": [{\"rule\", \"facts\"}], \"until\"} (DESIGN §5), with the actions left and the profile version. The status is computed now from the stored facts and stored, with a history entry when it changed. `cordon status recompute` does that for every resident.",
        subcommands: [Show.self, Recompute.self], defaultSubcommand: Show.self)

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "show", abstract: "One person's colour, reasons and end.")

        @Argument(help: "The resident's import id.")
        var person: String

        @Flag(help: "Print the DESIGN §5 JSON contract.")
        var json = false

        @Option(help: "The colour at a past time (RFC 3339), and why, from the person's status history.")
        var at: String?

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let status: HealthStatus = try await store.withServices { services in
                guard try await services.store.resident(id: person) != nil else {
                    throw ValidationError("no resident with id \(person)")
                }
                let status: HealthStatus
                if let at {
                    guard let seconds = Timestamp.parse(at) else {
                        throw ValidationError("--at \"\(at)\" is not an RFC 3339 time (2026-11-24T08:30:00+08:00)")
                    }
                    let moment = Date(timeIntervalSince1970: Double(seconds))
                    let history = try await services.store.statusHistory(person: person)
                    // The last change at or before that moment; before the first one the person was green.
                    status = history.last { $0.computedAt <= moment }
                        ?? HealthStatus(person: person, colour: .green, reasons: [], until: nil, actions: [], profileVersion: services.profiles.profile.version, computedAt: moment)
                } else {
                    status = try await services.statuses.refresh(person)
                }
                try await services.store.appendAudit(services.clock.event("cli:\(NSUserName())", .statusRead, kind: "person", id: person, detail: status.colour.rawValue))
                return status
            }
            let report = StatusReport(status)
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
                return
            }
            print("\(report.person): \(report.colour.rawValue)\(report.until.map { " until \($0)" } ?? "")")
            for r in report.reasons {
                print("  \(r.rule) (\(r.colour.rawValue)): " + r.facts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
            }
            for a in report.actions { print("  to do: \(a)") }
        }
    }

    struct Recompute: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Recompute and store every resident's status.")

        @OptionGroup var store: StoreOptions

        func run() async throws {
            let (started, counts) = try await store.withServices { services in
                let started = Date()
                let bar = ProgressBar("status recompute")
                let total = try await services.store.residentCount(within: "/")
                let counts = try await services.statuses.recomputeAll(residents: total) { bar.update(done: $0, total: max(1, total), records: $0) }
                bar.finish()
                return (started, counts)
            }
            let seconds = String(format: "%.1f", Date().timeIntervalSince(started))
            print("recomputed in \(seconds) s: \(counts[.red] ?? 0) red, \(counts[.yellow] ?? 0) yellow, \(counts[.green] ?? 0) green")
        }
    }
}
