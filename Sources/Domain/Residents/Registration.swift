import Foundation

/// An application for a code (申领, 自主申报): what a person declared about themselves, and whether
/// their grid has confirmed it. A new person stays *self-declared* until their grid worker does.
public struct Registration: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Not in the register: a new record was made from the declaration.
        case new
        /// Already in the register with this phone: the declaration was added to their record.
        case existing
        /// An identity number already in the register, with another phone: nothing was linked;
        /// the grid checks who this is.
        case claim
    }

    public var id: String
    public var person: String
    public var kind: Kind
    public var createdAt: Date
    /// Where they came from within the last 14 days (a region code), nil: did not leave the city.
    public var fromRegion: String?
    public var arrivedOn: CalendarDate?
    public var symptoms: [String]
    /// What the feeds say against the declaration (an arrival from elsewhere), in the feed's words.
    public var conflict: String?
    public var confirmedAt: Date?
    public var confirmedBy: String?
    /// The self-declared record this registration was made under, when a residents feed later
    /// brought the same identity number and the record was merged into the register's.
    public var mergedFrom: String?
    /// Claims: the phone that applied (blind index, masked), and what the grid decided.
    public var phoneIndex: Data?
    public var phoneMasked: String?
    public var decision: ClaimDecision?

    public init(
        id: String, person: String, kind: Kind, createdAt: Date, fromRegion: String? = nil, arrivedOn: CalendarDate? = nil, symptoms: [String] = [],
        conflict: String? = nil, confirmedAt: Date? = nil, confirmedBy: String? = nil, mergedFrom: String? = nil,
        phoneIndex: Data? = nil, phoneMasked: String? = nil, decision: ClaimDecision? = nil
    ) {
        (self.mergedFrom, self.phoneIndex, self.phoneMasked, self.decision) = (mergedFrom, phoneIndex, phoneMasked, decision)
        self.id = id
        self.person = person
        self.kind = kind
        self.createdAt = createdAt
        self.fromRegion = fromRegion
        self.arrivedOn = arrivedOn
        self.symptoms = symptoms
        self.conflict = conflict
        self.confirmedAt = confirmedAt
        self.confirmedBy = confirmedBy
    }

    /// Self-declared and not yet confirmed by the grid.
    public var isPending: Bool { confirmedAt == nil }
}

/// What the grid decided about a claim, having seen the person and their papers.
public enum ClaimDecision: String, Sendable, CaseIterable {
    /// It is the register's person: the phone that applied becomes theirs.
    case linked
    /// Someone else: nothing changes.
    case rejected
}

/// The application form as typed, checked before anything is stored: each problem names its field.
public struct CodeApplication: Sendable, Equatable {
    public var phone: String
    public var name: String
    public var idType: String
    public var idNumber: String
    /// The compound (小区) by name or id: it places the person in a grid.
    public var compound: String
    /// Building, unit and room (楼栋 单元 房号).
    public var address: String
    public var fromRegion: String
    public var arrivedOn: String
    public var symptoms: [String]
    public var temperature: String

    public init(
        phone: String, name: String, idType: String = "resident-id", idNumber: String, compound: String, address: String = "", fromRegion: String = "",
        arrivedOn: String = "", symptoms: [String] = [], temperature: String = ""
    ) {
        (self.phone, self.name, self.idType, self.idNumber, self.compound, self.address) = (phone, name, idType, idNumber, compound, address)
        (self.fromRegion, self.arrivedOn, self.symptoms, self.temperature) = (fromRegion, arrivedOn, symptoms, temperature)
    }

    public static let knownSymptoms = ["fever", "cough", "fatigue", "sore-throat"]
    /// How far back the travel declaration reaches.
    public static let travelWindowDays = 14

    /// A field and what is wrong with it.
    public struct Problem: Error, Equatable, Sendable, CustomStringConvertible {
        public var field: String
        public var reason: String
        public init(_ field: String, _ reason: String) { (self.field, self.reason) = (field, reason) }
        public var description: String { "\(field): \(reason)" }
    }

    /// The application with its values normalised (phone, identity number, region, day), or the
    /// first problem found, in form order.
    public func checked(today: CalendarDate) throws(Problem) -> Checked {
        let phone: String
        do { phone = try PhoneNumber.normalize(self.phone) } catch { throw Problem("phone", error.description) }
        let name = self.name.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 50 else { throw Problem("name", "give the name as on the identity document (at most 50 characters)") }
        guard let type = IdentityDocumentType(rawValue: idType) else { throw Problem("idType", "\"\(idType)\" is not resident-id, passport or other") }
        let typed = idNumber.trimmingCharacters(in: .whitespaces)
        var number = typed
        var birthDate: CalendarDate? = nil
        var sex = Sex.unknown
        if type == .residentID {
            do { number = try ResidentIDNumber.validate(typed, today: today.yyyymmdd) } catch { throw Problem("idNumber", error.description) }
            birthDate = CalendarDate(iso: ResidentIDNumber.birthDate(of: number))
            let digit = Array(number.utf8)[16] - UInt8(ascii: "0")
            sex = digit % 2 == 1 ? .male : .female
        } else {
            guard (5...20).contains(number.count), number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw Problem("idNumber", "a document number of 5–20 letters and digits")
            }
            number = number.uppercased()
        }
        let compound = self.compound.trimmingCharacters(in: .whitespaces)
        guard !compound.isEmpty else { throw Problem("compound", "name the compound (小区) you live in") }
        let address = self.address.trimmingCharacters(in: .whitespaces)
        guard address.count <= 100 else { throw Problem("address", "at most 100 characters") }
        let region = fromRegion.trimmingCharacters(in: .whitespaces)
        var arrived: CalendarDate? = nil
        if !region.isEmpty {
            guard region.count <= 12, region.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw Problem("fromRegion", "a region code of letters and digits (at most 12)")
            }
            guard let day = CalendarDate(iso: arrivedOn.trimmingCharacters(in: .whitespaces)), day <= today,
                today.daysSinceEpoch - day.daysSinceEpoch <= Self.travelWindowDays
            else { throw Problem("arrivedOn", "the day you arrived, within the last \(Self.travelWindowDays) days") }
            arrived = day
        }
        let symptoms = self.symptoms.filter { !$0.isEmpty }
        if let unknown = symptoms.first(where: { !Self.knownSymptoms.contains($0) }) { throw Problem("symptoms", "\"\(unknown)\" is not a symptom this form knows") }
        return Checked(
            phone: phone, name: name, idType: type, idNumber: number, birthDate: birthDate, sex: sex, compound: compound,
            address: address.isEmpty ? nil : address, fromRegion: region.isEmpty ? nil : region, arrivedOn: arrived, symptoms: symptoms.sorted(),
            temperature: temperature.trimmingCharacters(in: .whitespaces))
    }

    public struct Checked: Sendable, Equatable {
        public var phone: String
        public var name: String
        public var idType: IdentityDocumentType
        public var idNumber: String
        public var birthDate: CalendarDate?
        public var sex: Sex
        public var compound: String
        public var address: String?
        public var fromRegion: String?
        public var arrivedOn: CalendarDate?
        public var symptoms: [String]
        public var temperature: String
    }
}
