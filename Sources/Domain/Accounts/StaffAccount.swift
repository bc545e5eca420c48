import Foundation

/// A staff member or service account. Every one is bound to a jurisdiction: an area whose subtree
/// is all it may see.
public struct StaffAccount: Sendable, Equatable, Identifiable {
    public var id: String
    public var username: String
    public var displayName: String
    public var role: Role
    public var jurisdictionID: String
    public var jurisdictionPath: String
    /// bcrypt hash; nil for service accounts that only hold tokens.
    public var passwordHash: String?
    public var disabled: Bool
    public var createdAt: Date
    /// The TOTP secret, sealed (nil until the account enrolled a second factor).
    public var secondFactorSealed: Data?
    /// Set with a one-time password (a new account, a reset): the first sign-in must change it.
    public var mustChangePassword: Bool
    /// The phone the residents of a grid worker's grid call (the seeds: 有什么事直接给我打电话).
    public var workPhone: String?
    /// Set for an enterprise's account (manager, health officer): it acts for that enterprise only.
    public var enterpriseID: String?
    /// Set for a pharmacy's account: it keeps that pharmacy's stock and hands out its pickups only.
    public var pharmacyID: String?

    public init(
        id: String, username: String, displayName: String, role: Role, jurisdictionID: String, jurisdictionPath: String,
        passwordHash: String?, disabled: Bool = false, createdAt: Date, secondFactorSealed: Data? = nil, mustChangePassword: Bool = false,
        workPhone: String? = nil, enterpriseID: String? = nil
    ) {
        self.enterpriseID = enterpriseID
        self.mustChangePassword = mustChangePassword
        self.workPhone = workPhone
        self.id = id
        self.username = username
        self.displayName = displayName
        self.role = role
        self.jurisdictionID = jurisdictionID
        self.jurisdictionPath = jurisdictionPath
        self.passwordHash = passwordHash
        self.disabled = disabled
        self.createdAt = createdAt
        self.secondFactorSealed = secondFactorSealed
    }
}
