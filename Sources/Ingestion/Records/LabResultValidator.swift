import Domain
import Foundation

/// Validates `labs` records: a known person, a sample time, a result, and a test (PCR by default).
public struct LabResultValidator: ParallelValidator {
    let people: KnownPeople
    let now: Int64

    public init(people: KnownPeople, now: Date) {
        self.people = people
        self.now = Int64(now.timeIntervalSince1970)
    }

    public mutating func validate(_ r: RawRecord) throws(ImportProblem) -> LabResult {
        let id = try RecordID.check(try r.required("id"), field: "id", line: r.line)
        let person = try r.person(people)
        let sampled = try r.instant("sampledAt")
        try r.notFuture(sampled, field: "sampledAt", now: now)
        guard let result = try r.choice("result", LabOutcome.self) else { throw ImportProblem(line: r.line, field: "result", reason: "is required") }
        let test = try r.choice("test", LabTest.self) ?? .pcr
        return LabResult(
            id: id, person: person, sampledAt: Date(timeIntervalSince1970: Double(sampled)), result: result, test: test, lab: r.optional("lab"))
    }
}
