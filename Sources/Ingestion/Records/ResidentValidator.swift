import Domain

/// A validated resident with the path of their area, ready to be sealed.
public struct ValidatedResident: Sendable {
    public var resident: Resident
    public var areaPath: String
}

/// Validates `residents` records: the identity number against GB 11643 (length, check digit, a real
/// birth date that agrees with `birthDate`), the phone, the sex, the area and the compound.
public struct ResidentValidator: ParallelValidator {
    let areas: [String: AreaRef]
    let places: [String: PlaceKind]
    /// Today as `yyyymmdd`: no birth date may lie after it.
    let today: Int

    public init(areas: [String: AreaRef], places: [String: PlaceKind], today: CalendarDate) {
        self.areas = areas
        self.places = places
        self.today = today.yyyymmdd
    }

    public mutating func validate(_ r: RawRecord) throws(ImportProblem) -> ValidatedResident {
        let id = try RecordID.check(try r.required("id"), field: "id", line: r.line)
        let name = try r.required("name")
        guard name.count <= 100 else { throw ImportProblem(line: r.line, field: "name", reason: "is longer than 100 characters") }
        var idType = try r.choice("idType", IdentityDocumentType.self)
        var idNumber = r.optional("idNumber")
        var birthDate: CalendarDate? = nil
        if let text = r.optional("birthDate") {
            guard let date = CalendarDate(iso: text), date.yyyymmdd <= today else {
                throw ImportProblem(line: r.line, field: "birthDate", reason: "\"\(text)\" is not a real past date (YYYY-MM-DD)")
            }
            birthDate = date
        }
        if let number = idNumber {
            if idType == nil { idType = .residentID }
            switch idType {
            case .residentID:
                do {
                    idNumber = try ResidentIDNumber.validate(number, today: today)
                } catch {
                    throw ImportProblem(line: r.line, field: "idNumber", reason: error.description)
                }
                let encoded = CalendarDate(iso: ResidentIDNumber.birthDate(of: number))
                if let birthDate, birthDate != encoded {
                    throw ImportProblem(line: r.line, field: "birthDate", reason: "\(birthDate) differs from the birth date in the ID number")
                }
                birthDate = birthDate ?? encoded
            case .passport:
                guard (5...20).contains(number.count), number.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                    throw ImportProblem(line: r.line, field: "idNumber", reason: "a passport number has 5–20 letters and digits")
                }
            default: break
            }
        }
        let sex: Sex
        if let text = r.optional("sex") {
            guard let s = Sex(feedValue: text) else { throw ImportProblem(line: r.line, field: "sex", reason: "\"\(text)\" is not male, female or unknown") }
            sex = s
        } else {
            sex = .unknown
        }
        var phone: String? = nil
        if let text = r.optional("phone") {
            do { phone = try PhoneNumber.normalize(text) } catch { throw ImportProblem(line: r.line, field: "phone", reason: "\"\(text)\" \(error.description)") }
        }
        let household = try r.optional("household").map { v throws(ImportProblem) in try RecordID.check(v, field: "household", line: r.line) }
        var areaPath = "/"
        let area = r.optional("area")
        if let area {
            guard let ref = areas[area] else { throw ImportProblem(line: r.line, field: "area", reason: "unknown area \"\(area)\"") }
            areaPath = ref.path
        }
        let building = r.optional("building")
        if let building, building.count > 20 { throw ImportProblem(line: r.line, field: "building", reason: "is longer than 20 characters") }
        let compound = r.optional("compound")
        if let compound {
            guard let kind = places[compound] else { throw ImportProblem(line: r.line, field: "compound", reason: "unknown place \"\(compound)\"") }
            guard kind == .compound else { throw ImportProblem(line: r.line, field: "compound", reason: "place \"\(compound)\" is a \(kind.rawValue), not a compound") }
        }
        let resident = Resident(
            id: id, name: name, idType: idType ?? .other, idNumber: idNumber, sex: sex, birthDate: birthDate, phone: phone,
            householdID: household, areaID: area, compoundID: compound, address: r.optional("address"), building: building)
        return ValidatedResident(resident: resident, areaPath: areaPath)
    }
}
