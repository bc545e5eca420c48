import Domain

/// Why an account or token change was refused: the field of the form (or the CSV column) it is
/// about and what is wrong with it. Pages say it in the reader's language (`PeopleStrings`).
public enum StaffProblem: Error, Equatable, Sendable, CustomStringConvertible {
    case invalidUsername(String)
    case usernameTaken(String)
    case missingDisplayName
    case unknownRole(String)
    case unknownArea(String)
    case badPhone(String)
    case refused(StaffRules.Refusal)
    case noSuchAccount(String)
    /// Passwords: at least 10 characters, not the user name, not the one-time password.
    case passwordTooShort
    case passwordIsUsername
    case passwordUnchanged
    case passwordsDiffer
    case wrongCurrentPassword
    // Tokens
    case emptyLabel
    case unknownScope(String)
    case scopeBeyondRole(scope: String, role: Role)
    case noRoleHoldsScopes([String])
    /// A token without an account (a service account's) must say what it is for.
    case scopeNeeded
    case tokenAreaOutside(String)
    case badExpiry(String)
    case noSuchToken

    public static let minimumPasswordLength = 10

    /// The form field or CSV column the problem is about.
    public var field: String {
        switch self {
        case .invalidUsername, .usernameTaken, .noSuchAccount: "username"
        case .missingDisplayName: "displayName"
        case .unknownRole: "role"
        case .unknownArea, .tokenAreaOutside: "area"
        case .badPhone: "phone"
        case .refused(let r): r.field
        case .passwordTooShort, .passwordIsUsername, .passwordUnchanged: "password"
        case .passwordsDiffer: "confirm"
        case .wrongCurrentPassword: "current"
        case .emptyLabel: "label"
        case .unknownScope, .scopeBeyondRole, .noRoleHoldsScopes, .scopeNeeded: "scope"
        case .badExpiry: "expiresInDays"
        case .noSuchToken: "token"
        }
    }

    public var description: String {
        switch self {
        case .invalidUsername(let u): "\"\(u)\" is not a user name: 3–64 lowercase letters, digits, '.', '_' or '-', starting with a letter or digit"
        case .usernameTaken(let u): "the user name \(u) is taken"
        case .missingDisplayName: "give the person's name"
        case .unknownRole(let r): "\"\(r)\" is not a staff role (\(Role.allCases.filter(\.isStaff).map(\.rawValue).joined(separator: ", ")))"
        case .unknownArea(let a): "no area \(a)"
        case .badPhone(let p): "\"\(p)\" is not a phone number: a mainland mobile (11 digits) or +country number"
        case .refused(let r): r.description
        case .noSuchAccount(let u): "no account \(u)"
        case .passwordTooShort: "the new password needs at least \(Self.minimumPasswordLength) characters"
        case .passwordIsUsername: "the new password may not be the user name"
        case .passwordUnchanged: "the new password must differ from the old one"
        case .passwordsDiffer: "the two new passwords differ"
        case .wrongCurrentPassword: "the current password is wrong"
        case .emptyLabel: "give the token a label (for example the feed's system)"
        case .unknownScope(let s): "\"\(s)\" is not a scope (read, scan, ingest:KIND or a permission of the table)"
        case .scopeBeyondRole(let s, let role): "a \(role.rawValue) account may not \(s): a token only narrows its account"
        case .noRoleHoldsScopes(let s): "no single role may do all of \(s.joined(separator: ", ")): make separate tokens"
        case .scopeNeeded: "name the token's scopes (--scope ingest:labs, scan, read…), or the account it is for (--user)"
        case .tokenAreaOutside(let a): "area \(a) lies outside the account's jurisdiction: a token can only narrow it"
        case .badExpiry(let e): "\"\(e)\" is not a number of days (1–3650)"
        case .noSuchToken: "no such active token"
        }
    }
}
