import Foundation

/// An enterprise as its registration form gives it, checked before anything is stored: every
/// problem names its field, and the form is shown again with what was typed.
public struct EnterpriseDraft: Sendable, Equatable {
    public var name: String
    public var creditCode: String
    public var address: String
    /// The community (or any area) the premises are in: an id, or an area's exact name.
    public var area: String
    public var contactName: String
    public var contactPhone: String

    public init(name: String, creditCode: String, address: String, area: String, contactName: String, contactPhone: String) {
        (self.name, self.creditCode, self.address, self.area, self.contactName, self.contactPhone) = (name, creditCode, address, area, contactName, contactPhone)
    }

    public static let maxText = 200

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case missing(field: String)
        case tooLong(field: String, Int)
        case creditCode(CreditCode.Problem)
        case phone(String)
        case unknownArea(String)
        case areaOutside(String)
        case alreadyRegistered(String)

        public var field: String {
            switch self {
            case .missing(let f), .tooLong(let f, _): f
            case .creditCode, .alreadyRegistered: "creditCode"
            case .phone: "contactPhone"
            case .unknownArea, .areaOutside: "area"
            }
        }

        public var description: String {
            switch self {
            case .missing(let f): "\(f): required"
            case .tooLong(let f, let n): "\(f): \(n) characters, at most \(EnterpriseDraft.maxText)"
            case .creditCode(let p): "creditCode: \(p)"
            case .phone(let p): "contactPhone: \"\(p)\" is not a phone number (11-digit mobile or +country number)"
            case .unknownArea(let a): "area: no area \"\(a)\""
            case .areaOutside(let a): "area: \(a) is outside your jurisdiction"
            case .alreadyRegistered(let code): "creditCode: \(code) is already registered"
            }
        }
    }

    /// The checked fields (the area is resolved by the caller, who knows the map).
    public func check() throws(Problem) -> (name: String, code: CreditCode, address: String, contactName: String, contactPhone: String) {
        func text(_ value: String, _ field: String) throws(Problem) -> String {
            let t = value.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { throw .missing(field: field) }
            guard t.count <= Self.maxText else { throw .tooLong(field: field, t.count) }
            return t
        }
        let name = try text(self.name, "name")
        guard !creditCode.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missing(field: "creditCode") }
        let code: CreditCode
        do { code = try CreditCode(creditCode) } catch { throw .creditCode(error) }
        let address = try text(self.address, "address")
        guard !area.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missing(field: "area") }
        let contact = try text(contactName, "contactName")
        guard !contactPhone.trimmingCharacters(in: .whitespaces).isEmpty else { throw .missing(field: "contactPhone") }
        let phone: String
        do { phone = try PhoneNumber.normalize(contactPhone) } catch { throw .phone(contactPhone) }
        return (name, code, address, contact, phone)
    }
}
