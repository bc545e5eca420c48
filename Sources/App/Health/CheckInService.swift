import Domain
import Foundation

/// The daily check-in (每日打卡) of a resident, or of their proxy or the staff of their area for
/// them: a temperature and symptoms; a fever or a symptom turns the person yellow.
public struct CheckInService: Sendable {
    let store: any HealthRepository
    let clock: WallClock
    let directory: PersonDirectory
    let statuses: StatusService

    /// The symptoms a check-in may name (anything else is ignored, not stored).
    public static let symptoms: Set<String> = ["fever", "cough", "fatigue", "sore-throat"]

    /// Records a check-in and refreshes the person's colour; an implausible temperature is refused.
    @discardableResult
    public func checkIn(person: String, temperature text: String?, symptoms given: [String], as principal: Principal) async throws -> CheckIn {
        _ = try await directory.resident(person, as: principal, for: .writePeople)  // self, dependant or staff of the area; audited
        let temperature = try BodyTemperature.parse(text).get()
        let symptoms = given.filter(Self.symptoms.contains).sorted()
        let checkIn = CheckIn(person: person, at: clock.now(), temperature: temperature, symptoms: symptoms, by: principal.auditName)
        let said = symptoms.isEmpty ? "none" : symptoms.joined(separator: ",")
        try await store.insertCheckIn(
            checkIn,
            audit: clock.event(
                principal.auditName, .checkIn, kind: "person", id: person, detail: "temperature \(temperature.map { String($0) } ?? "-") symptoms \(said)"))
        try await statuses.refresh(person)
        return checkIn
    }
}
