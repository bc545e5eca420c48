import Domain
import Foundation
import Ingestion
import Privacy

/// A grid worker registers a newcomer or a tenant into a household they visit (入户登记): the record
/// goes through the residents import itself, so it is checked exactly as an import line is (the
/// identity number, the phone, the area), and it lands in the household's area and compound. An
/// identity number already in the register is refused with where it lives: one person, one record.
public struct NewcomerService: Sendable {
    let store: any ResidentRepository & AuditLogRepository
    let vault: PersonalDataVault
    let directory: PersonDirectory
    let imports: ImportRunner

    public struct Newcomer: Sendable, Equatable {
        public var name: String
        public var idType: String
        public var idNumber: String
        public var sex: String
        public var phone: String
        public var address: String

        public init(name: String, idType: String = "resident-id", idNumber: String, sex: String = "", phone: String = "", address: String = "") {
            (self.name, self.idType, self.idNumber, self.sex, self.phone, self.address) = (name, idType, idNumber, sex, phone, address)
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        /// The import's own refusal: the field and why.
        case field(String?, String)
        /// Already in the register (the record's id, for the worker to open if it is theirs).
        case alreadyRegistered(personID: String)
    }

    /// Registers the newcomer into `householdID`; returns the new resident's id.
    public func register(_ n: Newcomer, household householdID: String, as principal: Principal) async throws -> String {
        let (household, members) = try await directory.household(householdID, as: principal, for: .writePeople)
        let number = n.idNumber.trimmingCharacters(in: .whitespaces).uppercased()
        if !number.isEmpty, let existing = try await store.residents(idNumberIndex: vault.blindIndex(number, kind: "id")).first {
            throw Problem.alreadyRegistered(personID: existing.id)
        }
        let id = "GR-" + Hex.encode(Array(SecretToken.hash(SecretToken.generate()).prefix(5))).uppercased()
        var record: [String: String] = ["id": id, "name": n.name, "household": household.id]
        record["area"] = household.areaID ?? members.first?.areaID
        record["compound"] = members.first?.compoundID
        for (key, value) in [("idType", n.idType), ("idNumber", number), ("sex", n.sex), ("phone", n.phone), ("address", n.address)] {
            let v = value.trimmingCharacters(in: .whitespaces)
            if !v.isEmpty { record[key] = v }
        }
        let line = try JSONSerialization.data(withJSONObject: record.compactMapValues { $0 }, options: [.sortedKeys])
        let report = try await imports.run(
            .residents, reader: RecordReader(bytes: Array(line) + [0x0A]), actor: principal.auditName, source: "household:\(household.id)",
            within: principal.jurisdiction)
        if let problem = report.problems.first { throw Problem.field(problem.field, problem.reason) }
        guard report.loaded == 1 else { throw Problem.field(nil, "the record was not stored") }
        return id
    }
}
