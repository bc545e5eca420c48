import Foundation

/// A resident as the import contract describes them, with identifiers in plain text.
/// This value never reaches the store as is: `PersonalDataVault.seal` turns it into a `SealedResident`.
public struct Resident: Sendable, Equatable, Identifiable {
    public var id: String
    public var name: String
    public var idType: IdentityDocumentType
    public var idNumber: String?
    public var sex: Sex
    public var birthDate: CalendarDate?
    public var phone: String?
    public var householdID: String?
    public var areaID: String?
    public var compoundID: String?
    public var address: String?
    /// The building (楼栋) within the compound: where door-to-door screening is counted.
    public var building: String?

    public init(
        id: String, name: String, idType: IdentityDocumentType = .residentID, idNumber: String? = nil, sex: Sex = .unknown,
        birthDate: CalendarDate? = nil, phone: String? = nil, householdID: String? = nil, areaID: String? = nil,
        compoundID: String? = nil, address: String? = nil, building: String? = nil
    ) {
        self.id = id
        self.name = name
        self.idType = idType
        self.idNumber = idNumber
        self.sex = sex
        self.birthDate = birthDate
        self.phone = phone
        self.householdID = householdID
        self.areaID = areaID
        self.compoundID = compoundID
        self.address = address
        self.building = building
    }
}
