import Domain
import Foundation
import Logging
import ServiceLifecycle

/// Sends what the outbox holds. This issue ships the development gateway, which writes each SMS
/// to the log (and to `DATA_DIR/outbox-dev.log`), so a demo can sign residents in without an SMS
/// provider; the alerts issue adds the real gateways behind the same loop.
public struct OutboxDispatcher: Service {
    let services: CordonServices
    let interval: Duration

    public init(services: CordonServices, interval: Duration = .milliseconds(500)) {
        self.services = services
        self.interval = interval
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                try await dispatchPending()
            } catch {
                services.logger.error("outbox dispatch failed: \(error)")
            }
            try? await Task.sleep(for: interval)
        }
    }

    /// Sends every pending message once; returns how many were sent.
    @discardableResult
    public func dispatchPending() async throws -> Int {
        let messages = try await services.store.pendingMessages(limit: 100)
        for message in messages {
            let phone = (try? services.vault.open(message.recipientSealed)) ?? message.recipientMasked
            services.logger.notice("SMS (development gateway) to \(phone): \(message.body)")
            appendToDevLog("\(ISO8601DateFormatter().string(from: services.now()))\t\(phone)\t\(message.body)\n")
            try await services.store.markSent(
                id: message.id, at: services.now(),
                audit: services.event("system:outbox", "notify.\(message.channel)", kind: "message", id: message.id, detail: "\(message.kind) to \(message.recipientMasked)"))
        }
        return messages.count
    }

    private func appendToDevLog(_ line: String) {
        let url = services.settings.dataDirectory.appendingPathComponent("outbox-dev.log")
        if !FileManager.default.fileExists(atPath: url.path) {
            FileManager.default.createFile(atPath: url.path, contents: nil, attributes: [.posixPermissions: 0o600])
        }
        guard let handle = try? FileHandle(forWritingTo: url) else { return }
        defer { try? handle.close() }
        _ = try? handle.seekToEnd()
        try? handle.write(contentsOf: Data(line.utf8))
    }
}
