import Domain

/// Turns a raw record of one import kind into a domain value, or says what is wrong with it.
/// Validators hold the reference data they check against (known areas, places) and learn the
/// records they accept, so a file may define a parent area before its children.
public protocol RecordValidator {
    associatedtype Output: Sendable
    mutating func validate(_ record: RawRecord) throws(ImportProblem) -> Output
}

/// Identifier rules shared by every kind: ids are joined with `/` into area paths and shown in URLs.
enum RecordID {
    static func check(_ value: String, field: String, line: Int) throws(ImportProblem) -> String {
        guard value.utf8.count <= 64 else { throw ImportProblem(line: line, field: field, reason: "is longer than 64 bytes") }
        for scalar in value.unicodeScalars {
            let ok = (scalar >= "0" && scalar <= "9") || (scalar >= "A" && scalar <= "Z") || (scalar >= "a" && scalar <= "z") || scalar == "-"
                || scalar == "_" || scalar == "." || scalar == ":"
            guard ok else {
                throw ImportProblem(line: line, field: field, reason: "\"\(value)\" may hold only letters, digits and - _ . :")
            }
        }
        return value
    }
}
