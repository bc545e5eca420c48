import Domain
import Foundation
import Logging
import ServiceLifecycle

/// Sends what the outbox holds through the configured gateway (webhook, file, or the development
/// log), at most `ratePerSecond`, retrying a failed send with exponential back-off until
/// `maxAttempts`; every attempt is audited and the message's status says where it stands.
public struct OutboxDispatcher: Service {
    let services: CordonServices
    let interval: Duration
    let gateway: any AlertGateway
    let retryBaseSeconds: Double
    /// How long a sender holds the messages it takes, so another instance never sends one it is sending.
    static let claimSeconds: Double = 300

    /// `gateway` and `retryBaseSeconds` default to the settings (tests pass their own).
    public init(
        services: CordonServices, interval: Duration = .milliseconds(500), gateway: (any AlertGateway)? = nil, retryBaseSeconds: Double? = nil
    ) {
        self.services = services
        self.interval = interval
        self.gateway = gateway ?? Self.configuredGateway(services)
        self.retryBaseSeconds = retryBaseSeconds ?? services.settings.notifications.retryBaseSeconds
    }

    static func configuredGateway(_ services: CordonServices) -> any AlertGateway {
        let settings = services.settings.notifications
        if let url = settings.webhookURL { return WebhookGateway(url: url, secret: settings.webhookSecret ?? "") }
        if let file = settings.file { return FileGateway(file: file) }
        return DevelopmentLogGateway(services: services)
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

    /// Sends the messages that are due, one second's worth at most; returns how many were delivered.
    @discardableResult
    public func dispatchPending() async throws -> Int {
        let settings = services.settings.notifications
        let started = ContinuousClock.now
        var delivered = 0
        // A batch that runs long (webhook calls timing out after 10 s each) stops a minute before its
        // claim lapses; what it left is due again when the claim does.
        for message in try await services.store.claimDueMessages(at: services.now(), limit: settings.ratePerSecond, lease: Self.claimSeconds) {
            if ContinuousClock.now - started > .seconds(Self.claimSeconds - 60) { break }
            let to = (try? services.vault.open(message.recipientSealed)) ?? message.recipientMasked
            let delivery = Delivery(id: message.id, channel: message.channel.rawValue, to: to, kind: message.kind.rawValue, body: message.body, createdAt: message.createdAt)
            let attempt = message.attempts + 1
            do {
                try await gateway.send(delivery)
                try await services.store.markSent(
                    id: message.id, at: services.now(),
                    audit: services.event(
                        "system:outbox", .notify(message.channel.rawValue), kind: "message", id: message.id,
                        detail: "\(message.kind.rawValue) to \(message.recipientMasked) via \(gateway.name), attempt \(attempt)"))
                delivered += 1
            } catch {
                let retry = attempt < settings.maxAttempts
                let delay = retryBaseSeconds * pow(2, Double(attempt - 1))
                try await services.store.markFailed(
                    id: message.id, attempts: attempt, retryAt: retry ? services.now().addingTimeInterval(delay) : nil, error: "\(error)",
                    audit: services.event(
                        "system:outbox", retry ? .notifyRetry : .notifyFailed, kind: "message", id: message.id,
                        detail: "\(message.kind.rawValue) to \(message.recipientMasked) via \(gateway.name), attempt \(attempt): \(error)"))
            }
        }
        // The rate limit: a batch of `ratePerSecond` takes at least a second.
        let spent = ContinuousClock.now - started
        if delivered >= settings.ratePerSecond, spent < .seconds(1) { try? await Task.sleep(for: .seconds(1) - spent) }
        return delivered
    }
}

/// Without a gateway configured: each SMS to the log and to `DATA_DIR/outbox-dev.log`, so a demo can
/// sign residents in without an SMS provider.
struct DevelopmentLogGateway: AlertGateway {
    let services: CordonServices
    var name: String { "development log" }

    func send(_ delivery: Delivery) async throws {
        services.logger.notice("SMS (development gateway) to \(delivery.to): \(delivery.body)")
        try await FileGateway(file: services.settings.dataDirectory.appendingPathComponent("outbox-dev.log")).send(delivery)
    }
}
