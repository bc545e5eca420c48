import Foundation
import GRDB
import Testing
import TestSupport

/// A gate uploads its queue in batches; the server is killed (kill -9) in the middle of them. The
/// gate sends everything again to the restarted server: what was answered before the kill is
/// there (each such scan now answers "already recorded"), and nothing is recorded twice.
@Suite("Batched scans across a crash", .serialized)
struct BatchUploadCrashTests {
    @Test("kill -9 during batch uploads: no answered scan lost, none duplicated when the gate sends the batches again")
    func killDuringBatches() async throws {
        let data = try TestDirectory.make("crash").path
        _ = try TwoInstancesTests.cordon(["demo", "--residents", "2000", "--data-dir", data])
        let file = data + "/scans.txt"
        _ = try TwoInstancesTests.cordon(["bench", "scan-codes", "--count", "6000", "--residents", "2000", "--out", file, "--data-dir", data])
        let lines = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").map(String.init)
        let token = lines[0]
        let gates = lines[1].split(separator: ",").map(String.init)
        let codes = Array(lines.dropFirst(2))
        // One minute for every scan, the gate's: a scan sent again names the same visit.
        let minute = ISO8601DateFormatter().string(from: Date().addingTimeInterval(-60))
        let batches: [Data] = stride(from: 0, to: codes.count, by: 100).map { start in
            let scans = (start..<min(codes.count, start + 100)).map { #"{"text":"\#(codes[$0])","place":"\#(gates[$0 % gates.count])","scannedAt":"\#(minute)"}"# }
            return Data(#"{"scans":[\#(scans.joined(separator: ","))]}"#.utf8)
        }
        let headers = ["Authorization": "Bearer \(token)", "Content-Type": "application/json"]

        // Four uploaders; the server is killed once a dozen batches are answered.
        let first = try ServerProcess(["--data-dir", data])
        #expect(await first.waitFor("/livez", status: 200, within: .seconds(120)), "\(first.logText)")
        let answered = Answered()
        await withTaskGroup(of: Void.self) { group in
            for lane in 0..<4 {
                group.addTask {
                    for i in stride(from: lane, to: batches.count, by: 4) {
                        guard let answer = await first.send("POST", "/api/v1/scans/batch", headers: headers, body: batches[i]) else { return }
                        if answer.status == 200 { await answered.add(i, answer.body) }
                    }
                }
            }
            group.addTask {
                _ = await ServerProcess.waitFor(.seconds(120)) { await answered.count >= 12 }
                kill(first.process.processIdentifier, SIGKILL)
            }
        }
        let before = await answered.bodies
        #expect(before.count >= 12 && before.count < batches.count, "the kill came after \(before.count) of \(batches.count) batches")
        #expect(before.values.allSatisfy { !$0.contains("\"recorded\":false") }, "fresh codes are recorded the first time")

        // Restarted, the gate sends every batch again.
        let second = try ServerProcess(["--data-dir", data])
        #expect(await second.waitFor("/livez", status: 200, within: .seconds(120)), "\(second.logText)")
        for (i, body) in batches.enumerated() {
            let answer = try #require(await second.send("POST", "/api/v1/scans/batch", headers: headers, body: body))
            #expect(answer.status == 200)
            let results = try #require((try JSONSerialization.jsonObject(with: Data(answer.body.utf8)) as? [String: Any])?["results"] as? [[String: Any]])
            let verdicts = results.compactMap { $0["verdict"] as? [String: Any] }
            #expect(verdicts.count == results.count && verdicts.allSatisfy { $0["valid"] as? Bool == true })
            // Answered before the kill: durable, so nothing of it is new now.
            if before[i] != nil { #expect(verdicts.allSatisfy { $0["recorded"] as? Bool == false }, "batch \(i) was answered, then lost") }
        }
        #expect(await second.terminate(within: .seconds(10)))
        let rows = try await DatabaseQueue(path: data + "/cordon.sqlite").read { db in
            try Int.fetchOne(db, sql: "SELECT count(*) FROM presence WHERE source = 'checkpoint-scan'") ?? 0
        }
        #expect(rows == codes.count, "each code once")
    }

    actor Answered {
        var bodies: [Int: String] = [:]
        var count: Int { bodies.count }
        func add(_ batch: Int, _ body: String) { bodies[batch] = body }
    }
}
