import Domain
import Foundation

/// Validates `areas` records: id, name, level, parent (which must exist, in the store or earlier in
/// the file, and be of a higher level), an optional English name (`nameEn`) and an optional GeoJSON
/// Polygon or MultiPolygon.
public struct AreaValidator: RecordValidator {
    var known: [String: AreaRef]

    public init(known: [String: AreaRef]) { self.known = known }

    public mutating func validate(_ r: RawRecord) throws(ImportProblem) -> Area {
        let id = try RecordID.check(try r.required("id"), field: "id", line: r.line)
        let name = try r.required("name")
        guard let level = try r.choice("level", AreaLevel.self) else { throw ImportProblem(line: r.line, field: "level", reason: "is required") }
        var parentPath: String? = nil
        let parentID = r.optional("parent")
        if let parentID {
            guard let parent = known[parentID] else {
                throw ImportProblem(line: r.line, field: "parent", reason: "unknown parent area \"\(parentID)\" (import it first, or earlier in this file)")
            }
            guard parent.level < level else {
                throw ImportProblem(line: r.line, field: "parent", reason: "a \(level.rawValue) cannot lie inside a \(parent.level.rawValue)")
            }
            parentPath = parent.path
        } else if level != .city {
            throw ImportProblem(line: r.line, field: "parent", reason: "is required for a \(level.rawValue)")
        }
        let geometry = try r.optional("geometry").map { text throws(ImportProblem) in try Self.checkGeometry(text, line: r.line) }
        let nameEn = r.optional("nameEn")?.trimmingCharacters(in: .whitespaces)
        if let nameEn, nameEn.count > 200 { throw ImportProblem(line: r.line, field: "nameEn", reason: "is longer than 200 characters") }
        let area = Area(
            id: id, name: name, level: level, parentID: parentID, geometry: geometry, path: Area.path(childID: id, parentPath: parentPath),
            nameEn: nameEn?.isEmpty == false ? nameEn : nil)
        if known[id] == nil { known[id] = AreaRef(path: area.path, level: level) }
        return area
    }

    static func checkGeometry(_ text: String, line: Int) throws(ImportProblem) -> String {
        guard let object = try? JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
            let type = object["type"] as? String
        else { throw ImportProblem(line: line, field: "geometry", reason: "is not a GeoJSON object with a type") }
        guard type == "Polygon" || type == "MultiPolygon" else {
            throw ImportProblem(line: line, field: "geometry", reason: "must be a Polygon or MultiPolygon, not \(type)")
        }
        guard object["coordinates"] is [Any] else { throw ImportProblem(line: line, field: "geometry", reason: "has no coordinates array") }
        return text
    }
}
