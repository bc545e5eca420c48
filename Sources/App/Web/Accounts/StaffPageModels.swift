/// The staff list: a page of accounts, the search, the new-account form (as typed when refused)
/// and the bulk import.
struct StaffListPage: PageModel {
    let accounts: [StaffRow]
    let empty: Bool
    let pager: Pager
    let query: String
    let roles: [RoleOption]
    let typed: StaffForm
    let problem: String?
    let message: String?
    /// "Roles you may create: …", so an officer knows before trying.
    let assignable: String
}

/// One account as the list and its page show it: names, not ids (the area's code is secondary).
struct StaffRow: Sendable {
    let username: String
    let name: String
    let role: String
    let area: String
    let areaCode: String
    let phone: String?
    let state: String
    let disabled: Bool
    /// The reader may open and change it (the list also shows colleagues they may not manage).
    var manageable = true
}

struct RoleOption: Sendable {
    let value: String
    let label: String
    let selected: Bool
}

/// One account: the change form, the actions, and (administrators) its tokens.
struct StaffAccountPage: PageModel {
    let account: StaffRow
    let typed: StaffForm
    let roles: [RoleOption]
    let problem: String?
    let actionProblem: String?
    let tokenProblem: String?
    let message: String?
    let mayTokens: Bool
    let tokens: [TokenRow]
    let noTokens: Bool
    let tokenLabel: String
    let tokenScopes: String
    let tokenDays: String
}

struct TokenRow: Sendable {
    let label: String
    /// The SHA-256 the store keeps, in hex: names the token to revoke (it signs in to nothing).
    let hash: String
    let scopes: String
    let created: String
    let lastUsed: String
    let expires: String?
    /// Revoked or expired; nil while it works.
    let state: String?
    let active: Bool
}

/// A secret shown once: a one-time password or a token.
struct IssuedPage: PageModel {
    let title: String
    let note: String
    let who: String
    let username: String
    let secret: String
    let back: String
}

/// What a bulk import did: the new accounts with their one-time passwords, and the refused lines.
struct StaffImportPage: PageModel {
    let summary: String
    let created: [IssuedRow]
    let hasCreated: Bool
    let hasProblems: Bool
    let problems: [ProblemRow]
}

struct IssuedRow: Sendable {
    let username: String
    let name: String
    let secret: String
}

struct ProblemRow: Sendable {
    let line: String
    let field: String
    let reason: String
}

/// The own-password form.
struct PasswordPage: PageModel {
    /// For password managers (the form's hidden user name field).
    let username: String
    let mustChange: Bool
    let problem: String?
    let message: String?
}
