import App
import ArgumentParser
import Domain
import Foundation

/// `cordon notify AREA TEXT`: a bulletin to every resident of an area with a phone (queued in the
/// outbox, sent by the server's gateway), and `cordon notify --report`: where the outbox stands.
struct NotifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "notify",
        abstract: "Send a bulletin to the residents of an area, or show the delivery report of the outbox.",
        discussion: """
            The bulletin is queued in the outbox (one message per resident with a phone, audited) and sent by `cordon serve` \
            through the configured gateway: CORDON_NOTIFY_WEBHOOK_URL + CORDON_NOTIFY_WEBHOOK_SECRET (a JSON POST signed with \
            HMAC-SHA256), CORDON_NOTIFY_FILE (JSON lines), or else the development log. With --report: messages by kind and status.
            """)

    @Argument(help: "The area's id (a district, street, community or grid).") var area: String?
    @Argument(help: "The text of the bulletin.") var text: String?
    @Flag(help: "Print the delivery report (messages by kind: pending, sent, failed) instead of sending.") var report = false
    @OptionGroup var store: StoreOptions

    func run() async throws {
        try await store.withServices { services in
            if report {
                print("kind".padding(toLength: 22, withPad: " ", startingAt: 0) + "pending     sent   failed")
                var rows: [String: [OutboxMessage.Status: Int]] = [:]
                for row in try await services.store.outboxCounts() { rows[row.kind, default: [:]][row.status] = row.count }
                for (kind, counts) in rows.sorted(by: { $0.key < $1.key }) {
                    print(kind.padding(toLength: 22, withPad: " ", startingAt: 0)
                        + [OutboxMessage.Status.pending, .sent, .failed].map { String(counts[$0] ?? 0).leftPadded(7) }.joined(separator: "  "))
                }
                return
            }
            guard let area, let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("give the area's id and the text of the bulletin (or --report)")
            }
            guard let found = try await services.store.area(id: area) else { throw ValidationError("no area with id \(area)") }
            let bar = ProgressBar("notify \(found.name)")
            let queued = try await services.alerts.bulletin(area: found, text: text, actor: "cli:\(NSUserName())") {
                bar.update(done: $0, total: $1)
            }
            bar.finish()
            print("queued \(queued) messages for the residents of \(found.name) (\(found.id)) with a phone; `cordon serve` sends them")
        }
    }
}

extension String {
    fileprivate func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
