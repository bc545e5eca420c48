import Foundation

/// How often sign-in may be tried, counted per phone and per client address in sliding windows.
/// The limits hold whatever happens to a pending code: asking for a new one never buys fresh
/// guesses, so an attacker gets `guessesPerPhonePerDay` guesses at a phone's codes a day, at most.
public struct SignInLimits: Sendable, Equatable {
    /// One code per phone per interval (the form must not flood a phone with SMS).
    public var codeInterval: TimeInterval = 60
    public var codesPerPhonePerDay = 5
    /// Wrong and right guesses alike: the budget of a brute-force attack on one phone.
    public var guessesPerPhonePerDay = 10
    public var codeRequestsPerClientPerHour = 20
    public var guessesPerClientPerHour = 30
    /// Staff passwords: failures per account and per client before a pause.
    public var passwordFailuresPerAccount = 5
    public var passwordFailuresPerClient = 20
    public var passwordWindow: TimeInterval = 15 * 60

    public init() {}

    /// The rules for asking for a code for `phone` (a blind index, never the number) from `client`.
    public func codeRequest(phone: String, client: String) -> [ThrottleRule] {
        [
            ThrottleRule(key: phone, kind: "code-interval", limit: 1, window: codeInterval),
            ThrottleRule(key: phone, kind: "code-day", limit: codesPerPhonePerDay, window: 86_400),
            ThrottleRule(key: client, kind: "code-client", limit: codeRequestsPerClientPerHour, window: 3_600),
        ]
    }

    /// The rules for guessing `phone`'s code from `client`.
    public func guess(phone: String, client: String) -> [ThrottleRule] {
        [
            ThrottleRule(key: phone, kind: "guess-day", limit: guessesPerPhonePerDay, window: 86_400),
            ThrottleRule(key: client, kind: "guess-client", limit: guessesPerClientPerHour, window: 3_600),
        ]
    }

    /// The rules a staff password failure counts against (checked before the password is).
    public func password(account: String, client: String) -> [ThrottleRule] {
        [
            ThrottleRule(key: account, kind: "password-account", limit: passwordFailuresPerAccount, window: passwordWindow),
            ThrottleRule(key: client, kind: "password-client", limit: passwordFailuresPerClient, window: passwordWindow),
        ]
    }
}

/// At most `limit` attempts of `kind` under `key` within `window` seconds.
public struct ThrottleRule: Sendable, Equatable {
    public var key: String
    public var kind: String
    public var limit: Int
    public var window: TimeInterval

    public init(key: String, kind: String, limit: Int, window: TimeInterval) {
        self.key = key
        self.kind = kind
        self.limit = limit
        self.window = window
    }
}
