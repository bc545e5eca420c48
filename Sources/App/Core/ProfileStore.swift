import Domain
import Foundation
import Synchronization

/// The outbreak profile in force: `DATA_DIR/profile.json`, each saved version also kept as
/// `DATA_DIR/profiles/vN.json`. Reads are synchronous (every status and trace reads it); a change
/// is validated, written atomically, versioned and audited.
public final class ProfileStore: Sendable {
    private let current: Mutex<OutbreakProfile>
    let directory: URL

    init(directory: URL, initial: OutbreakProfile) {
        self.directory = directory
        self.current = Mutex(initial)
    }

    public var profile: OutbreakProfile { current.withLock { $0 } }

    var file: URL { directory.appendingPathComponent("profile.json") }

    /// What is wrong with a proposed profile text (JSON), or the profile and what it changes.
    public func review(_ text: String) -> Result<(OutbreakProfile, [ProfileReview.Change]), ProfileError> {
        let proposed: OutbreakProfile
        do {
            proposed = try JSONDecoder().decode(OutbreakProfile.self, from: Data(text.utf8))
        } catch {
            return .failure(.invalid([Self.describe(error)]))
        }
        let problems = ProfileReview.problems(proposed)
        guard problems.isEmpty else { return .failure(.invalid(problems)) }
        do {
            return .success((proposed, try ProfileReview.diff(profile, proposed)))
        } catch {
            return .failure(.invalid([String(describing: error)]))
        }
    }

    /// Saves a reviewed profile as the next version; returns it.
    func save(_ proposed: OutbreakProfile) throws -> OutbreakProfile {
        try current.withLock { profile in
            var next = proposed
            next.version = profile.version + 1
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            let data = try encoder.encode(next)
            let versions = directory.appendingPathComponent("profiles")
            try FileManager.default.createDirectory(at: versions, withIntermediateDirectories: true)
            try data.write(to: versions.appendingPathComponent("v\(next.version).json"), options: .atomic)
            try data.write(to: file, options: .atomic)
            profile = next
            return next
        }
    }

    static func describe(_ error: any Error) -> String {
        switch error {
        case DecodingError.typeMismatch(_, let c), DecodingError.valueNotFound(_, let c):
            return "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription)"
        case DecodingError.dataCorrupted(let c):
            return "\(c.codingPath.map(\.stringValue).joined(separator: ".")): \(c.debugDescription) \((c.underlyingError.map { "\($0)" }) ?? "")"
        default:
            return String(describing: error)
        }
    }
}
