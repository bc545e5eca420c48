/// A body temperature as people type it (`37.5`, `37,5`): anything outside 34–43 °C is a typing
/// error, not a fever, and is refused rather than stored.
public enum BodyTemperature {
    public static let plausible: ClosedRange<Double> = 34...43

    /// The temperature in a text field: nil when empty; `.failure` when it is no plausible body temperature.
    public static func parse(_ text: String?) -> Result<Double?, Implausible> {
        guard let text = text?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return .success(nil) }
        guard let t = Double(text.replacingOccurrences(of: ",", with: ".")), plausible.contains(t) else { return .failure(Implausible(text: text)) }
        return .success(t)
    }

    public static func isPlausible(_ t: Double) -> Bool { plausible.contains(t) }

    public struct Implausible: Error, Equatable, CustomStringConvertible {
        public var text: String
        public var description: String { "temperature: \"\(text)\" is not a body temperature (34–43 °C)" }
    }
}
