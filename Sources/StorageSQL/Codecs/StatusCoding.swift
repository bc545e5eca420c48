import Domain
import Foundation

/// The stored form of a status (JSON with RFC 3339-free epoch seconds).
enum StatusCoding {
    static func encode(_ status: HealthStatus) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        encoder.dateEncodingStrategy = .secondsSince1970
        return String(decoding: try encoder.encode(status), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> HealthStatus {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        return try decoder.decode(HealthStatus.self, from: Data(text.utf8))
    }

    /// A history entry is written when the colour, the reasons or the end changed, not on every recompute.
    static func changed(_ previousBody: String?, _ status: HealthStatus) -> Bool {
        guard let previousBody, let previous = try? decode(previousBody) else { return true }
        return previous.colour != status.colour || previous.reasons != status.reasons || previous.until != status.until
    }
}
