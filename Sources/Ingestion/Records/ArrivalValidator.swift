import Domain
import Foundation

/// Validates `arrivals` records: a known person, the region they came from, and when.
public struct ArrivalValidator: ParallelValidator {
    let people: KnownPeople
    let now: Int64

    public init(people: KnownPeople, now: Date) {
        self.people = people
        self.now = Int64(now.timeIntervalSince1970)
    }

    public mutating func validate(_ r: RawRecord) throws(ImportProblem) -> Arrival {
        let id = try RecordID.check(try r.required("id"), field: "id", line: r.line)
        let person = try r.person(people)
        let from = try RecordID.check(try r.required("from"), field: "from", line: r.line)
        let arrived = try r.instant("arrivedAt")
        try r.notFuture(arrived, field: "arrivedAt", now: now)
        return Arrival(
            id: id, person: person, from: from, arrivedAt: Date(timeIntervalSince1970: Double(arrived)), mode: r.optional("mode"),
            trip: r.optional("trip"))
    }
}
