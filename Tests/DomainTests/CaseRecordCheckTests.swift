import Domain
import Foundation
import Testing

@Suite("Case record dates")
struct CaseRecordCheckTests {
    let now = Date(timeIntervalSince1970: 1_800_000_000)
    let day = 86_400.0

    func record(onset: Double? = nil, isolated: Double? = nil) -> CaseRecord {
        CaseRecord(
            person: "R1", status: .confirmed, onset: onset.map { now.addingTimeInterval($0 * day) }, isolatedAt: isolated.map { now.addingTimeInterval($0 * day) },
            updatedBy: "epi", updatedAt: now)
    }

    func problems(_ r: CaseRecord, firstPositive: Double? = -1, confirmed: Bool = false) -> [CaseRecordProblem] {
        r.problems(firstPositive: firstPositive.map { now.addingTimeInterval($0 * day) }, now: now, profile: .standard, confirmedOld: confirmed)
    }

    @Test("plausible dates pass; the future, isolation before onset and an onset long after the first positive do not")
    func bounds() {
        #expect(problems(record(onset: -3, isolated: -1)).isEmpty)
        #expect(problems(record()).isEmpty)
        #expect(problems(record(onset: 1)) == [.onsetInFuture])
        #expect(problems(record(isolated: 0.5)) == [.isolationInFuture])
        #expect(problems(record(onset: -2, isolated: -3)) == [.isolationBeforeOnset])
        // Symptoms may follow a positive test, within the quarantine period (14 days by default).
        #expect(problems(record(onset: -1), firstPositive: -10).isEmpty)
        #expect(problems(record(onset: -1), firstPositive: -16) == [.onsetLongAfterFirstPositive(days: 14)])
    }

    @Test("a date before the retention window needs the epidemiologist's confirmation")
    func retention() {
        #expect(problems(record(onset: -30), firstPositive: -30) == [.beforeRetention(days: 21)])
        #expect(problems(record(onset: -30), firstPositive: -30, confirmed: true).isEmpty)
        #expect(problems(record(onset: -20), firstPositive: -20).isEmpty)
    }
}
