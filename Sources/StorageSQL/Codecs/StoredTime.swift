import Foundation

// Times are stored as integers: seconds since 1970 for facts (feeds have whole seconds), and
// milliseconds for the audit log and the outbox (ordering within a second matters there).
extension Date {
    // `milliseconds` itself comes from Domain, which the audit chain's canonical bytes share.
    package init(milliseconds: Int64) { self.init(timeIntervalSince1970: Double(milliseconds) / 1000) }

    /// Whole seconds since 1970, as feed times are stored.
    package var seconds: Int64 { Int64(timeIntervalSince1970.rounded(.down)) }
    package init(seconds: Int64) { self.init(timeIntervalSince1970: Double(seconds)) }
}
