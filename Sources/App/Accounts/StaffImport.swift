import Domain
import Foundation
import Ingestion

/// Staff in bulk: a CSV (`username,displayName,role,area,phone`) or NDJSON file with those fields,
/// as a district hands over its list of grid workers. Like every import: a bad line is refused with
/// its line number, field and reason, and the good lines still load; loading the same file again
/// changes nothing (a user name already there with the same fields is left alone, with other
/// fields it is updated — within what the importer may manage).
extension StaffAdministration {
    public struct StaffImportReport: Sendable {
        /// New accounts with their one-time passwords (shown once).
        public var created: [Issued] = []
        public var updated: [String] = []
        public var unchanged = 0
        public var problems: [ImportProblem] = []

        public init() {}
    }

    public static let staffFields = ["username", "displayName", "role", "area", "phone"]

    public func importStaff(_ bytes: [UInt8], as actor: Principal, progress: (_ done: Int, _ total: Int) -> Void = { _, _ in }) async throws -> StaffImportReport {
        try await directory.authorize(actor, .manageStaff, kind: "account", id: "import")
        var report = StaffImportReport()
        let reader = RecordReader(bytes: bytes)
        while true {
            let units: [RecordUnit]
            do { units = try reader.nextUnits(limit: 256) } catch { throw StaffImportFailure(reason: error.description) }
            if units.isEmpty { break }
            guard let parser = reader.parser else { break }
            for unit in units {
                switch parser.parse(unit) {
                case .failure(let problem): report.problems.append(problem)
                case .success(let record): try await load(record, as: actor, into: &report)
                }
            }
            progress(reader.bytesConsumed, reader.totalBytes)
        }
        return report
    }

    private func load(_ record: RawRecord, as actor: Principal, into report: inout StaffImportReport) async throws {
        let draft: StaffDraft
        do {
            draft = StaffDraft(
                username: try record.required("username"), displayName: try record.required("displayName"), role: try record.required("role"),
                area: try record.required("area"), phone: record.optional("phone"))
        } catch let problem as ImportProblem {
            report.problems.append(problem)
            return
        }
        do {
            if let existing = try await store.account(username: draft.username) {
                let before = existing
                let after = try await update(username: draft.username, to: draft, as: actor)
                if after == before { report.unchanged += 1 } else { report.updated.append(draft.username) }
            } else {
                report.created.append(try await create(draft, as: actor))
            }
        } catch let problem as StaffProblem {
            report.problems.append(ImportProblem(line: record.line, field: problem.field, reason: problem.description))
        } catch let denial as AccessPolicy.Denial {
            report.problems.append(ImportProblem(line: record.line, field: nil, reason: denial.description))
        }
    }
}

/// The file as a whole cannot be read (not CSV or NDJSON, a header without the fields).
public struct StaffImportFailure: Error, CustomStringConvertible {
    public var reason: String
    public var description: String { reason }
}
