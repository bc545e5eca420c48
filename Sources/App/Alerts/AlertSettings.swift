import Configuration
import Foundation

/// How notifications leave Cordon. An SMS provider is driven by an HTTP webhook (a JSON POST signed
/// with HMAC-SHA256); a file gateway writes JSON lines for development; without either, messages go
/// to the log and `DATA_DIR/outbox-dev.log`.
public struct AlertSettings: Sendable {
    /// `CORDON_NOTIFY_WEBHOOK_URL` and `CORDON_NOTIFY_WEBHOOK_SECRET`.
    public var webhookURL: URL?
    public var webhookSecret: String?
    /// `CORDON_NOTIFY_FILE`: append each message as a JSON line.
    public var file: URL?
    /// `CORDON_NOTIFY_LANGUAGE`: `zh` (default) or `en`.
    public var language = "zh"
    /// The same person gets one message of a kind in this many seconds at most (`CORDON_NOTIFY_WINDOW`, 6 h).
    public var window: TimeInterval = 6 * 3600
    /// Sends per second at most (`CORDON_NOTIFY_RATE`), as providers limit their clients.
    public var ratePerSecond = 50
    /// A failed send is retried after base × 2^(attempt-1) seconds, up to `maxAttempts` attempts.
    public var retryBaseSeconds: Double = 2
    public var maxAttempts = 8

    public init() {}

    init(env: ConfigReader) {
        if let url = env.string(forKey: "cordon.notify.webhook.url"), !url.isEmpty { webhookURL = URL(string: url) }
        webhookSecret = env.string(forKey: "cordon.notify.webhook.secret")
        if let path = env.string(forKey: "cordon.notify.file"), !path.isEmpty { file = URL(fileURLWithPath: path) }
        language = env.string(forKey: "cordon.notify.language", default: "zh")
        window = Double(env.int(forKey: "cordon.notify.window", default: 6 * 3600))
        ratePerSecond = max(1, env.int(forKey: "cordon.notify.rate", default: 50))
    }
}
