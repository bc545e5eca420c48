import Foundation

/// A resident's daily check-in (每日打卡) or declaration: temperature and symptoms, by the resident or
/// a proxy for their dependant.
public struct CheckIn: Sendable, Equatable, Codable {
    public var person: String
    public var at: Date
    public var temperature: Double?
    /// Symptom words as declared (`cough`, `fever`…); empty when none.
    public var symptoms: [String]
    /// Who submitted it (the person, or their proxy).
    public var by: String

    public init(person: String, at: Date, temperature: Double? = nil, symptoms: [String] = [], by: String? = nil) {
        self.person = person
        self.at = at
        self.temperature = temperature
        self.symptoms = symptoms
        self.by = by ?? person
    }

    /// Normal: no symptoms and no fever by the profile's threshold.
    public func isNormal(feverCelsius: Double) -> Bool {
        symptoms.isEmpty && (temperature.map { $0 < feverCelsius } ?? true)
    }
}
