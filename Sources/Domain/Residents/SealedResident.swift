import Foundation

/// A resident as stored: identity number, phone, address and birth date encrypted together in one
/// AES-GCM envelope (only the birth year in clear, for ages), with a keyed blind index (HMAC-SHA256) of the number and the phone for exact look-ups
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
    /// The year of birth: enough for an age band, and for nothing that re-identifies.
    public var birthYear: Int?
    /// The full birth date, kept in clear only by stores written before it moved into the envelope
    /// (until `cordon keys rotate-data-key` re-seals them); nil otherwise.
    public var clearBirthDate: CalendarDate?
    public var phoneIndex: Data?
    public var phoneMasked: String?
    public var householdID: String?
    public var areaID: String?
    /// Path of `areaID` in the area tree, copied here so jurisdiction checks need no join.
    public var areaPath: String
    public var compoundID: String?
    /// The building (楼栋) within the compound, in clear: a number is no secret, and screening counts by it.
    public var building: String?

    public init(
        id: String, name: String, idType: IdentityDocumentType, identitySealed: Data?, idNumberIndex: Data?, idNumberMasked: String?,
        sex: Sex, birthYear: Int?, clearBirthDate: CalendarDate? = nil, phoneIndex: Data?, phoneMasked: String?, householdID: String?,
        areaID: String?, areaPath: String, compoundID: String?, building: String? = nil
    ) {
        self.building = building
        self.id = id
        self.name = name
        self.idType = idType
        self.identitySealed = identitySealed
        self.idNumberIndex = idNumberIndex
        self.idNumberMasked = idNumberMasked
        self.sex = sex
        self.birthYear = birthYear
        self.clearBirthDate = clearBirthDate
        self.phoneIndex = phoneIndex
        self.phoneMasked = phoneMasked
        self.householdID = householdID
        self.areaID = areaID
        self.areaPath = areaPath
        self.compoundID = compoundID
    }
}
