import Synchronization
import Domain
import Foundation
import Logging
import Privacy
import ServiceLifecycle

/// Sends what the outbox holds through the configured gateway (webhook, file, or the development
/// log), at most `ratePerSecond`, retrying a failed send with exponential back-off until
/// `maxAttempts`; every attempt is audited and the message's status says where it stands.
public struct OutboxDispatcher: Service {
    let store: any OutboxRepository
    let vault: PersonalDataVault
    let settings: CordonSettings
    let clock: WallClock
    let logger: Logger
    let interval: Duration
    let gateway: any AlertGateway
    let retryBaseSeconds: Double
    /// Tells a database outage from a failed round (nil: every failure is logged).
    let health: DatabaseHealth?
    /// Sends only on the instance that holds the background-work lease (nil: always).
    let leadership: Leadership?
    /// How long a sender holds the messages it takes, so another instance never sends one it is sending.
    static let claimSeconds: Double = 300
    /// When the "no gateway" warning was last logged: once every ten minutes, not every half second.
    private let noGatewayWarning = Throttle(every: .seconds(600))

    /// `gateway` and `retryBaseSeconds` default to the settings (tests pass their own).
    public init(
        store: any OutboxRepository, vault: PersonalDataVault, settings: CordonSettings, clock: WallClock, logger: Logger,
        interval: Duration = .milliseconds(500), gateway: (any AlertGateway)? = nil, retryBaseSeconds: Double? = nil, health: DatabaseHealth? = nil,
        leadership: Leadership? = nil
    ) {
        self.health = health
        self.leadership = leadership
        self.store = store
        self.vault = vault
        self.settings = settings
        self.clock = clock
        self.logger = logger
        self.interval = interval
        self.gateway = gateway ?? Self.configuredGateway(settings, logger: logger)
        self.retryBaseSeconds = retryBaseSeconds ?? settings.notifications.retryBaseSeconds
    }

    static func configuredGateway(_ settings: CordonSettings, logger: Logger) -> any AlertGateway {
        let notifications = settings.notifications
        if let url = notifications.webhookURL { return WebhookGateway(url: url, secret: notifications.webhookSecret ?? "") }
        if let file = notifications.file { return FileGateway(file: file) }
        return DevelopmentLogGateway(logger: logger, dataDirectory: settings.dataDirectory)
    }

    public func run() async throws {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            do {
                if leadership?.isLeader ?? true { try await dispatchPending() }
                await health?.succeeded()
            } catch {
                if let health { await health.failed(error, in: "outbox dispatch failed") } else { logger.error("outbox dispatch failed: \(error)") }
            }
            await pauseUnlessShuttingDown(for: health?.pause(after: interval) ?? interval)
        }
    }

    /// Sends the messages that are due, one second's worth at most; returns how many were delivered.
    @discardableResult
    public func dispatchPending() async throws -> Int {
        let settings = self.settings.notifications
        guard gateway.isAvailable else {
            // No gateway may send from this store: the messages wait, pending, for one to be configured.
            if noGatewayWarning.due() {
                logger.warning("outbox: no SMS gateway for this store (CORDON_NOTIFY_WEBHOOK_URL or CORDON_NOTIFY_FILE); messages stay pending (said again every 10 minutes)")
            }
            return 0
        }
        let started = ContinuousClock.now
        var delivered = 0
        // A batch that runs long (webhook calls timing out after 10 s each) stops a minute before its
        // claim lapses; what it left is due again when the claim does.
        for message in try await store.claimDueMessages(at: clock.now(), limit: settings.ratePerSecond, lease: Self.claimSeconds) {
            if ContinuousClock.now - started > .seconds(Self.claimSeconds - 60) { break }
            // A shutdown stops the batch between two messages: the rest stay claimed and are sent
            // when the claim lapses, by this instance's next start or another instance.
            if Task.isShuttingDownGracefully || Task.isCancelled { break }
            let attempt = message.attempts + 1
            do {
                // A recipient that does not open (a key missing, a row tampered with) is a failed attempt, never a send to the masked text.
                let to = try vault.open(message.recipientSealed, as: .outboxRecipient, row: message.id)
                let delivery = Delivery(
                    id: message.id, channel: message.channel.rawValue, to: to, kind: message.kind.rawValue, body: message.body, createdAt: message.createdAt)
                try await gateway.send(delivery)
                try await store.markSent(
                    id: message.id, at: clock.now(),
                    audit: clock.event(
                        "system:outbox", .notify(message.channel.rawValue), kind: "message", id: message.id,
                        detail: "\(message.kind.rawValue) to \(message.recipientMasked) via \(gateway.name), attempt \(attempt)"))
                delivered += 1
            } catch {
                let retry = attempt < settings.maxAttempts
                let delay = retryBaseSeconds * pow(2, Double(attempt - 1))
                try await store.markFailed(
                    id: message.id, attempts: attempt, retryAt: retry ? clock.now().addingTimeInterval(delay) : nil, error: "\(error)",
                    audit: clock.event(
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
/// sign residents in without an SMS provider. Only in a store the demo made (its
/// `demo-accounts.json` is there): real people's sign-in codes never land in a log file.
struct DevelopmentLogGateway: AlertGateway {
    let logger: Logger
    let dataDirectory: URL
    var name: String { "development log" }
    var isAvailable: Bool { FileManager.default.fileExists(atPath: dataDirectory.appendingPathComponent("demo-accounts.json").path) }

    func send(_ delivery: Delivery) async throws {
        logger.notice("SMS (development gateway) to \(Masking.phone(delivery.to)): \(delivery.body)")
        try await FileGateway(file: dataDirectory.appendingPathComponent("outbox-dev.log")).send(delivery)
    }
}

/// Lets something through at most once per interval (a warning a loop would otherwise repeat).
final class Throttle: Sendable {
    private let interval: Duration
    private let last = Mutex<ContinuousClock.Instant?>(nil)

    init(every interval: Duration) { self.interval = interval }

    func due() -> Bool {
        let now = ContinuousClock.now
        return last.withLock { last in
            guard last.map({ now - $0 >= interval }) ?? true else { return false }
            last = now
            return true
        }
    }
}
