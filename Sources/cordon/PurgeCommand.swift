import App
import ArgumentParser
import Foundation

/// `cordon purge`
struct PurgeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: "Delete presence older than the retention window (profile retentionDays, default 21).",
        discussion: "A running server does this once a day on its own. The purge is written to the audit log with how many events went. Lab results, arrivals and residents are kept.")

    @Option(help: "Keep this many days instead of the profile's retentionDays.")
    var days: Int?

    @OptionGroup var store: StoreOptions

    func run() async throws {
        let (keep, deleted) = try await store.withServices { services in
            let keep = days ?? services.profiles.profile.retentionDays
            guard keep >= 1 else { throw ValidationError("--days must be at least 1") }
            let cutoff = services.clock.now().addingTimeInterval(-Double(keep) * 86_400)
            let deleted = try await services.store.purgePresence(
                endedBefore: cutoff, audit: services.clock.event("cli:\(NSUserName())", .presencePurge, kind: "presence", id: "*"))
            return (keep, deleted)
        }
        print("purged \(deleted) presence events that ended more than \(keep) days ago")
    }
}
