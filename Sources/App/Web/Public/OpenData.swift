import Domain
import Foundation
import Hummingbird

/// Open data documents: stable, with a schema version (served as `CachedDocument`s: an ETag and
/// caching headers, 304 to a client that sends the ETag back).
enum OpenData {
    static let schemaVersion = 1

    static func json(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        return try encoder.encode(value)
    }

    static func csv(_ header: [String], _ rows: [[String]]) -> Data {
        func field(_ raw: String) -> String {
            // A cell a spreadsheet would run as a formula (names and places come from imports and
            // reviewers) is kept as text: a leading apostrophe, the OWASP advice for CSV injection.
            let s = raw.first.map { "=+-@\t\r".contains($0) } == true ? "'" + raw : raw
            return s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        let lines = [(["schema_version"] + header).joined(separator: ",")] + rows.map { (["\(schemaVersion)"] + $0).map(field).joined(separator: ",") }
        return Data((lines.joined(separator: "\n") + "\n").utf8)
    }

    /// A GeoJSON FeatureCollection; `geometry` is GeoJSON text already (areas keep theirs as given).
    /// Each feature's properties are written with sorted keys and slashes escaped (`\/`), the bytes
    /// the documents have always had.
    static func geoJSON<Properties: Encodable>(_ features: [(geometry: String, properties: Properties)]) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var parts: [String] = []
        for f in features {
            let properties = String(decoding: try encoder.encode(f.properties), as: UTF8.self)
            parts.append("{\"type\":\"Feature\",\"geometry\":\(f.geometry),\"properties\":\(properties)}")
        }
        return Data("{\"type\":\"FeatureCollection\",\"schemaVersion\":\(schemaVersion),\"features\":[\(parts.joined(separator: ","))]}".utf8)
    }

    static func point(_ lat: Double, _ lon: Double) -> String { "{\"type\":\"Point\",\"coordinates\":[\(lon),\(lat)]}" }
}
