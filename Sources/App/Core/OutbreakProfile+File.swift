import Domain
import Foundation

extension OutbreakProfile {
    /// The profile in `file`, or the defaults of DESIGN §4 when there is none. A file that does not
    /// parse stops the start-up with the reason: running an outbreak on silently wrong rules is worse.
    /// A file whose values are out of range (edited by hand, or saved by an older version) stops it
    /// too, naming each field: the same checks as a profile saved through the page.
    public static func load(from file: URL) throws -> OutbreakProfile {
        guard FileManager.default.fileExists(atPath: file.path) else { return .standard }
        let profile: OutbreakProfile
        do {
            profile = try JSONDecoder().decode(OutbreakProfile.self, from: Data(contentsOf: file))
        } catch {
            throw ProfileError.unreadable(file.path, String(describing: error))
        }
        let problems = ProfileReview.problems(profile)
        guard problems.isEmpty else { throw ProfileError.unreadable(file.path, problems.joined(separator: "; ")) }
        return profile
    }
}

public enum ProfileError: Error, CustomStringConvertible {
    case unreadable(String, String)
    case invalid([String])

    public var description: String {
        switch self {
        case .unreadable(let path, let why): "the outbreak profile \(path) cannot be read: \(why)"
        case .invalid(let problems): problems.joined(separator: "; ")
        }
    }
}
