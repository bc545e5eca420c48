import Foundation

/// A resident as stored: identity number, phone and address encrypted together in one AES-GCM
/// envelope, with a keyed blind index (HMAC-SHA256) of the number and the phone for exact look-ups
/// and masked forms for lists, so pages never decrypt in bulk.
public struct SealedResident: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var idType: IdentityDocumentType
    /// The identity number, phone and address, sealed together (nil when none is known).
    public var identitySealed: Data?
    public var idNumberIndex: Data?
    public var idNumberMasked: String?
    public var sex: Sex
    public var birthDate: CalendarDate?
    public var phoneIndex: Data?
    public var phoneMasked: String?
    public var householdID: String?
    public var areaID: String?
    /// Path of `areaID` in the area tree, copied here so jurisdiction checks need no join.
    public var areaPath: String
    public var compoundID: String?

    public init(
        id: String, name: String, idType: IdentityDocumentType, identitySealed: Data?, idNumberIndex: Data?, idNumberMasked: String?,
        sex: Sex, birthDate: CalendarDate?, phoneIndex: Data?, phoneMasked: String?, householdID: String?,
        areaID: String?, areaPath: String, compoundID: String?
    ) {
        self.id = id
        self.name = name
        self.idType = idType
        self.identitySealed = identitySealed
        self.idNumberIndex = idNumberIndex
        self.idNumberMasked = idNumberMasked
        self.sex = sex
        self.birthDate = birthDate
        self.phoneIndex = phoneIndex
        self.phoneMasked = phoneMasked
        self.householdID = householdID
        self.areaID = areaID
        self.areaPath = areaPath
        self.compoundID = compoundID
    }
}
