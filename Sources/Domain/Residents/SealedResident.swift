import Foundation

/// A resident as stored: identity number, phone and address encrypted (AES-GCM), with a keyed blind
/// index (HMAC-SHA256) for exact look-ups and a masked form for lists, so pages never decrypt in bulk.
public struct SealedResident: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var idType: IdentityDocumentType
    public var idNumberSealed: Data?
    public var idNumberIndex: Data?
    public var idNumberMasked: String?
    public var sex: Sex
    public var birthDate: CalendarDate?
    public var phoneSealed: Data?
    public var phoneIndex: Data?
    public var phoneMasked: String?
    public var householdID: String?
    public var areaID: String?
    /// Path of `areaID` in the area tree, copied here so jurisdiction checks need no join.
    public var areaPath: String
    public var compoundID: String?
    public var addressSealed: Data?

    public init(
        id: String, name: String, idType: IdentityDocumentType, idNumberSealed: Data?, idNumberIndex: Data?, idNumberMasked: String?,
        sex: Sex, birthDate: CalendarDate?, phoneSealed: Data?, phoneIndex: Data?, phoneMasked: String?, householdID: String?,
        areaID: String?, areaPath: String, compoundID: String?, addressSealed: Data?
    ) {
        self.id = id
        self.name = name
        self.idType = idType
        self.idNumberSealed = idNumberSealed
        self.idNumberIndex = idNumberIndex
        self.idNumberMasked = idNumberMasked
        self.sex = sex
        self.birthDate = birthDate
        self.phoneSealed = phoneSealed
        self.phoneIndex = phoneIndex
        self.phoneMasked = phoneMasked
        self.householdID = householdID
        self.areaID = areaID
        self.areaPath = areaPath
        self.compoundID = compoundID
        self.addressSealed = addressSealed
    }
}
