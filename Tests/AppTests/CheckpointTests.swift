import App
import Credentials
import Crypto
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Privacy
import Testing
import TestSupport

/// The resident's code page and the checkpoint: a scanned code gives a verdict and becomes presence.
@Suite("Codes and checkpoints")
struct CheckpointTests {
    @Test("a resident's code is scanned at a checkpoint: valid verdict with the masked name, recorded once as presence; a changed code is refused",
        arguments: Backend.available)
    func scan(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let resident = try city.account("resident")
        let person = try #require(resident.residentID)
        let operatorAccount = try city.account("checkpoint")
        let community = try #require(operatorAccount.jurisdiction)
        let checkpoint = "CP-\(community)"
        #expect(try await store.placeKinds()[checkpoint] == .checkpoint)
        try await city.test { client in
            let me = try await client.signInResident(try #require(resident.phone), store: store)
            let page = try await client.get("/code", cookie: me, language: "en")
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg"))
            let (text, _) = try await city.services.credentials.issue(for: person)

            let op = try await client.signIn(operatorAccount)
            #expect(try await client.get("/checkpoint", cookie: op, language: "en").text.contains(checkpoint))
            let before = try await store.presenceCount()
            let verdict = try await client.postForm("/checkpoint", ["text": text, "place": checkpoint], cookie: op, language: "en")
            #expect(verdict.status == .ok)
            #expect(verdict.text.contains("verdict"))
            #expect(!verdict.text.contains("code-colour\">Not valid"))
            #expect(try await store.presenceCount() == before + 1)
            let recorded = try await store.presence(after: 0, limit: 1_000_000).last { $0.event.person == person }
            #expect(recorded?.event.place == checkpoint)
            #expect(recorded?.event.source == "checkpoint-scan")

            var chars = Array(text)
            chars[chars.count - 12] = chars[chars.count - 12] == "A" ? "B" : "A"
            let refused = try await client.postForm("/checkpoint", ["text": String(chars), "place": checkpoint], cookie: op, language: "en")
            #expect(refused.text.contains("code-colour\">Not valid"))
            // Why, in words (not the code `bad-signature`), in the page's language.
            #expect(refused.text.contains("Invalid signature: not issued by this system, or altered.") && !refused.text.contains(">bad-signature<"))
            let refusedZh = try await client.postForm("/checkpoint", ["text": String(chars), "place": checkpoint], cookie: op, language: "zh-CN")
            #expect(refusedZh.text.contains("签名无效：此码不是本系统签发或已被篡改"))
            #expect(refusedZh.text.contains("data-reasons=\""))
            #expect(try await store.presenceCount() == before + 1)
            // The JSON endpoint scanner apps use, with a scan queued offline a little while ago and then
            // the same queue uploaded again: recorded once. (The time is the scanner's, so the second
            // upload names the same minute however long the first one took.)
            let (second, _) = try await city.services.credentials.issue(for: person)
            let body: [String: Any] = ["text": second, "place": checkpoint, "scannedAt": Timestamp.format(Date().addingTimeInterval(-30))]
            for upload in 1...2 {
                let api = try await client.execute(
                    uri: "/api/v1/scans", method: .post, headers: [.contentType: "application/json", .cookie: op],
                    body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: body)))
                let answer = try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any]
                #expect(answer?["valid"] as? Bool == true)
                #expect(answer?["recorded"] as? Bool == (upload == 1))
                #expect(try await store.presenceCount() == before + 2)
            }
            // Only checkpoint operators (and the command centre) scan.
            let grid = try await client.signIn(try city.account("grid"))
            #expect(try await client.get("/checkpoint", cookie: grid).status == .forbidden)
        }
        try await city.close()
    }

    @Test("scans arriving together are each recorded exactly once; a code's subject is sealed and unlinkable; a gate outside the operator's area is refused",
        arguments: Backend.available)
    func concurrentScans(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        let store = city.services.store
        let operatorDemo = try city.account("checkpoint")
        let account = try #require(try await store.account(username: operatorDemo.username))
        let op = Principal(staff: account)
        let gate = "CP-\(try #require(operatorDemo.jurisdiction))"
        let credentials = city.services.credentials
        let people = (0..<40).map { String(format: "R%08d", $0 * 7 + 1) }
        var issued: [String] = []
        for person in people { issued.append(try await credentials.issue(for: person).text) }
        let codes = issued

        // The subject names nobody to a reader of the code, and two codes of one person differ.
        let first = try credentials.verify(codes[0])
        let again = try credentials.verify(try await credentials.issue(for: people[0]).text)
        #expect(first.subject != again.subject)
        #expect(!String(decoding: first.subject, as: UTF8.self).contains(people[0]))
        #expect(city.services.vault.openSubject(first.subject)?.person == people[0])

        let before = try await store.presenceCount()
        // One minute for every scan below: a scan's id holds its minute, and a slow run must not
        // turn the repeated codes into new visits.
        let base = city.services
        let minute = Date()
        let frozen = CordonServices(
            settings: base.settings, store: base.store, vault: base.vault, logger: base.logger, profile: base.profiles.profile, now: { minute })
        let scanner = frozen.scans
        let recorded = try await withThrowingTaskGroup(of: Bool.self) { group in
            for code in codes { group.addTask { try await scanner.scan(code, at: gate, by: op).recorded } }
            return try await group.reduce(into: [Bool]()) { $0.append($1) }
        }
        #expect(recorded.count == codes.count && recorded.allSatisfy { $0 })
        #expect(try await store.presenceCount() == before + codes.count)
        // The same codes again (a queue uploaded twice): valid, but nothing new is recorded.
        let repeated = try await withThrowingTaskGroup(of: ScanService.Verdict.self) { group in
            for code in codes { group.addTask { try await scanner.scan(code, at: gate, by: op) } }
            return try await group.reduce(into: [ScanService.Verdict]()) { $0.append($1) }
        }
        #expect(repeated.allSatisfy { $0.valid && !$0.recorded })
        #expect(try await store.presenceCount() == before + codes.count)
        // The same code at the same gate two minutes later (a paper code passing again): a second visit.
        let later = CordonServices(
            settings: base.settings, store: base.store, vault: base.vault, logger: base.logger, profile: base.profiles.profile, now: { minute.addingTimeInterval(120) })
        #expect(try await later.scans.scan(codes[0], at: gate, by: op).recorded)
        #expect(try await store.presenceCount() == before + codes.count + 1)
        let scans = try await store.presence(after: 0, limit: 1_000_000).filter { $0.event.source == "checkpoint-scan" }
        #expect(Set(scans.map(\.event.person)) == Set(people))
        // A queued scan older than a day is refused with why.
        await #expect(throws: ScanService.Refusal.self) {
            try await scanner.scan(codes[3], at: gate, by: op, scannedAt: city.services.clock.now().addingTimeInterval(-2 * 86_400))
        }
        // A scan dated before its code was issued (backdating a visit): not valid then, nothing recorded.
        let issuedAt = try credentials.verify(codes[4]).issuedAt
        let backdated = try await scanner.scan(codes[4], at: gate, by: op, scannedAt: issuedAt.addingTimeInterval(-600))
        #expect(!backdated.valid && !backdated.recorded && backdated.error == .notYetValid)
        // The window is the profile's: two hours, and a scan queued three hours ago is refused.
        var shortWindow = base.profiles.profile
        shortWindow.credentials.offlineWindowHours = 2
        let strict = CordonServices(settings: base.settings, store: base.store, vault: base.vault, logger: base.logger, profile: shortWindow, now: { minute })
        await #expect(throws: ScanService.Refusal.self) {
            try await strict.scans.scan(codes[5], at: gate, by: op, scannedAt: minute.addingTimeInterval(-3 * 3600))
        }
        // Every scan is audited with its batch, the repeated ones too: who scanned how many at which gate.
        let audit = try await store.auditEntries(after: 0, limit: 100_000).filter { $0.event.action == "checkpoint.scan" }
        #expect(audit.map { Int($0.event.detail.split(separator: " ")[0]) ?? 0 }.reduce(0, +) == 2 * codes.count + 1)

        // A checkpoint of another community is outside this operator's jurisdiction.
        var elsewhere: String? = nil
        for (id, kind) in try await store.placeKinds() where kind == .checkpoint && id != gate {
            if let path = try await city.services.checkpoints.checkpoint(id)?.areaPath, !path.hasPrefix(account.jurisdictionPath) { elsewhere = id }
        }
        let other = try #require(elsewhere)
        await #expect(throws: ScanService.Refusal.outsideJurisdiction(other)) { try await scanner.scan(codes[1], at: other, by: op) }
        try await city.test { client in
            let cookie = try await client.signIn(operatorDemo)
            let api = try await client.execute(
                uri: "/api/v1/scans", method: .post, headers: [.contentType: "application/json", .cookie: cookie],
                body: ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["text": codes[2], "place": other])))
            #expect(api.status == .forbidden)
        }
        try await city.close()
    }

    @Test("a gate's queue in one batch: an answer per scan in order, valid ones recorded once in one go, refusals named by index; sent again, nothing twice",
        arguments: Backend.available)
    func batch(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        let store = city.services.store
        let operatorDemo = try city.account("checkpoint")
        let gate = "CP-\(try #require(operatorDemo.jurisdiction))"
        var other: String? = nil
        for (id, kind) in try await store.placeKinds() where kind == .checkpoint && id != gate {
            if let path = try await city.services.checkpoints.checkpoint(id)?.areaPath, !path.contains(try #require(operatorDemo.jurisdiction)) { other = id }
        }
        let elsewhere = try #require(other)
        var issued: [String] = []
        for i in 0..<40 { issued.append(try await city.services.credentials.issue(for: String(format: "R%08d", i * 7 + 1)).text) }
        let codes = issued
        // The scanner's own minute: a re-sent queue names the same one however long a run takes.
        let at = Timestamp.format(Date().addingTimeInterval(-30))
        var scans: [[String: Any]] = codes.map { ["text": $0, "place": gate, "scannedAt": at] }
        scans.append(["text": "CDN1:NOT-A-CODE", "place": gate])  // 40: not valid
        scans.append(["text": codes[0], "place": elsewhere])  // 41: another community's gate
        scans.append(["text": codes[1], "place": gate, "scannedAt": Timestamp.format(Date().addingTimeInterval(-3 * 86_400))])  // 42: too old
        scans.append(["text": codes[2], "place": gate, "scannedAt": at])  // 43: the same scan twice in one batch
        scans.append(["text": codes[3], "place": "NO-SUCH-GATE"])  // 44: no such checkpoint
        let body = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["scans": scans]))
        let sent = scans.count
        let before = try await store.presenceCount()
        try await city.test { client in
            let op = try await client.signIn(operatorDemo)
            for upload in 1...2 {
                let answer = try await client.execute(uri: "/api/v1/scans/batch", method: .post, headers: [.contentType: "application/json", .cookie: op], body: body)
                #expect(answer.status == .ok)
                let results = try #require((try JSONSerialization.jsonObject(with: Data(buffer: answer.body)) as? [String: Any])?["results"] as? [[String: Any]])
                #expect(results.count == sent)
                let verdicts = results.map { $0["verdict"] as? [String: Any] }
                let firstTime = upload == 1
                let codesAnswered = verdicts[0..<40].allSatisfy { v in v?["valid"] as? Bool == true && v?["recorded"] as? Bool == firstTime }
                #expect(codesAnswered)
                #expect(verdicts[40]?["valid"] as? Bool == false && verdicts[40]?["recorded"] as? Bool == false)
                #expect(results[41]["error"] as? String == "forbidden" && (results[41]["message"] as? String)?.hasPrefix("scans[41]: ") == true)
                #expect(results[42]["error"] as? String == "bad_request" && (results[42]["message"] as? String)?.contains("offline window") == true)
                #expect(verdicts[43]?["valid"] as? Bool == true && verdicts[43]?["recorded"] as? Bool == false)
                #expect(results[44]["error"] as? String == "not_found")
                #expect(try await store.presenceCount() == before + 40)
            }
            // Too many for one batch: refused whole, saying how many it takes.
            let many = ByteBuffer(bytes: try JSONSerialization.data(withJSONObject: ["scans": Array(repeating: ["text": codes[0], "place": gate], count: ScanService.maxBatch + 1)]))
            let refused = try await client.execute(uri: "/api/v1/scans/batch", method: .post, headers: [.contentType: "application/json", .cookie: op], body: many)
            #expect(refused.status == .badRequest && refused.text.contains("scans"))
            // Only those who scan may send a batch.
            let grid = try await client.signIn(try city.account("grid"))
            #expect(try await client.execute(uri: "/api/v1/scans/batch", method: .post, headers: [.contentType: "application/json", .cookie: grid], body: body).status == .forbidden)
        }
        // Audited like single scans: who sent how many to which gate.
        let audit = try await store.auditEntries(after: 0, limit: 100_000).filter { $0.event.action == "checkpoint.scan" }
        let audited: Int = audit.map { entry -> Int in Int(entry.event.detail.split(separator: " ")[0]) ?? 0 }.reduce(0, +)
        #expect(audited == 2 * 40)
        try await city.close()
    }

    @Test("scans reach the loaded timeline (so tracing sees them) without being read back, also when another writer's presence came between",
        arguments: Backend.available)
    func scansReachTimeline(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        let services = city.services
        let operatorDemo = try city.account("checkpoint")
        let op = Principal(staff: try #require(try await services.store.account(username: operatorDemo.username)))
        let gate = "CP-\(try #require(operatorDemo.jurisdiction))"
        try await services.timeline.load()
        let credentials = services.credentials
        let scanner = services.scans

        /// Events of a person at the gate in the index (the demo city has some already).
        func atGate(_ person: String) async -> Int {
            let index = await services.timeline.snapshot()
            let place = index.places.number(of: gate)
            return index.people.number(of: person).map { p in index.events(of: p).filter { $0.place == place }.count } ?? 0
        }
        /// The same, once the background hand-over has had time to reach `count`.
        func atGate(_ person: String, reaching count: Int) async throws -> Int {
            for _ in 0..<200 where await atGate(person) < count { try await Task.sleep(for: .milliseconds(25)) }
            return await atGate(person)
        }

        let first = "R00000011", fed = "R00000012", second = "R00000013"
        let before = [first: await atGate(first), fed: await atGate(fed), second: await atGate(second)]
        #expect(try await scanner.scan(try await credentials.issue(for: first).text, at: gate, by: op).recorded)
        #expect(try await atGate(first, reaching: before[first]! + 1) == before[first]! + 1)
        // Another writer (a feed import) stores presence; the next scan no longer continues the index
        // by itself, so the timeline reads the store: both events arrive, each once.
        let now = services.clock.now()
        _ = try await services.store.insertPresence(
            [PresenceEvent(id: "FEED-1", person: fed, place: gate, start: now.addingTimeInterval(-600), end: now.addingTimeInterval(-300), source: "feed")],
            audit: nil)
        #expect(try await scanner.scan(try await credentials.issue(for: second).text, at: gate, by: op).recorded)
        #expect(try await atGate(second, reaching: before[second]! + 1) == before[second]! + 1)
        #expect(try await atGate(fed, reaching: before[fed]! + 1) == before[fed]! + 1)
        #expect(await atGate(first) == before[first]! + 1)
        try await city.close()
    }

    @Test("a paper code is printed for a resident of the worker's grid (audited), refused for another grid, and stops working once revoked")
    func paperCode() async throws {
        let city = try await TestCity.make(.sqlite, residents: 600)
        let store = city.services.store
        let own = try #require(try await store.residents(within: city.city.grids[0].area.path, after: nil, limit: 1).first)
        let lastGrid = city.city.grids[city.city.grids.count - 1].area
        let foreign = try #require(try await store.residents(within: lastGrid.path, after: nil, limit: 1).first)
        try await city.test { client in
            let cookie = try await client.signIn(try city.account("grid"))
            // Printing issues a credential: a POST, never a link; a GET changes nothing.
            #expect(try await client.get("/code/paper/\(own.id)", cookie: cookie).status == .notFound)
            let page = try await client.postForm("/code/paper/\(own.id)", [:], cookie: cookie, language: "en")
            #expect(page.status == .ok)
            #expect(page.text.contains("<svg") && page.text.contains("Paper health code") && page.text.contains("data-print"))
            #expect(try await client.postForm("/code/paper/\(foreign.id)", [:], cookie: cookie).status == .forbidden)
            // The printed code's number is on the page and in the audit log; revoking it refuses the code.
            let printed = try #require(try await store.recentAudit(subjectID: own.id, limit: 10).first { $0.event.action == "credential.print" })
            #expect(page.text.contains(printed.event.detail))
            let checkpoint = try await client.get("/checkpoint", cookie: try await client.signIn(try city.account("checkpoint")))
            #expect(checkpoint.text.contains("/static/checkpoint.js"))
            #expect(try await client.get("/static/checkpoint.js").text.contains("verifyOffline"))
        }
        let credentials = city.services.credentials
        // A paper code printed red, checked online after the person turned green, shows green (and the
        // other way round): the gate shows today's colour, not the printed one.
        let now = city.services.clock.now()
        let operatorAccount = try #require(try await store.account(username: try city.account("checkpoint").username))
        let gate = "CP-\(try #require(try city.account("checkpoint").jurisdiction))"
        let gateArea = try #require(try await city.services.checkpoints.checkpoint(gate)?.areaPath)
        let atGate = try #require(try await store.residents(within: gateArea, after: nil, limit: 1).first)
        #expect(try await city.services.statuses.current(atGate.id).colour == .green)
        let (kid, key) = try city.services.signingKeys.activeKey(now: now)
        let printedRed = HealthCredential(
            issuer: "CN-330100", keyID: kid, colour: "red", subject: try city.services.vault.seal(CodeSubject(person: atGate.id, maskedName: "张*")),
            issuedAt: now.addingTimeInterval(-86_400), expiresAt: now.addingTimeInterval(6 * 86_400), id: Array(repeating: 7, count: 16), kind: "paper")
        let verdict = try await city.services.scans.scan(try printedRed.signed(with: key), at: gate, by: Principal(staff: operatorAccount))
        #expect(verdict.valid && verdict.colour == "green")

        let (text, credential) = try await credentials.issue(for: own.id, kind: .paper)
        #expect(credential.expiresAt.timeIntervalSince(credential.issuedAt) == Double(city.services.profiles.profile.credentials.paperLifetimeDays) * 86_400)
        #expect(try credentials.verify(text).kind == "paper")
        try await credentials.revoke(credential.id.map { String(format: "%02x", $0) }.joined(), actor: "test")
        #expect(throws: CredentialError.revoked) { try credentials.verify(text) }
        try await city.close()
    }

    @Test("the trust list is signed by the root key, names the active key and the revoked codes, and verifies a code offline")
    func trustList() async throws {
        let city = try await TestCity.make(.sqlite, residents: 300)
        let credentials = city.services.credentials
        let (text, _) = try await credentials.issue(for: "R00000010")
        try await city.test { client in
            let response = try await client.get("/api/v1/trust-list")
            #expect(response.status == .ok)
            let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String] ?? [:]
            let document = try #require(body["document"])
            let rootBytes = try #require(Data(base64Encoded: body["rootKey"] ?? ""))
            let signatureBytes = try #require(Data(base64Encoded: body["signature"] ?? ""))
            let root = try P256.Signing.PublicKey(x963Representation: rootBytes)
            let signature = try P256.Signing.ECDSASignature(rawRepresentation: signatureBytes)
            #expect(root.isValidSignature(signature, for: Data(document.utf8)))
            // An offline verifier built from the document alone accepts the code.
            let parsed = try JSONSerialization.jsonObject(with: Data(document.utf8)) as? [String: Any]
            var keys: [[UInt8]: P256.Signing.PublicKey] = [:]
            for k in parsed?["keys"] as? [[String: String]] ?? [] {
                let raw = try #require(Data(base64Encoded: k["publicKey"] ?? ""))
                let key = try P256.Signing.PublicKey(x963Representation: raw)
                keys[TrustList.keyID(key)] = key
            }
            #expect(keys.count == 2)  // the active key and the next one, published before it signs
            #expect(try CredentialVerifier(trustList: TrustList(keys: keys)).verify(text, at: Date()).kind == "phone")
            let expiresText = try #require(parsed?["expiresAt"] as? String)
            let expiresAt = Date(timeIntervalSince1970: Double(try #require(Timestamp.parse(expiresText))))
            let window = Double(city.services.profiles.profile.credentials.offlineWindowHours) * 3600
            #expect(abs(expiresAt.timeIntervalSinceNow - window) < 120)

            // The checkpoint page's own script, run in Node: it takes only a list signed by the pinned root, unexpired.
            let page = try await client.get("/checkpoint", cookie: try await client.signIn(try city.account("checkpoint")))
            #expect(page.text.contains("data-root=\"\(body["rootKey"] ?? "-")\""))
            #expect(page.text.contains("/static/offline-verify.js"))
            var altered = Array(text)
            altered[40] = altered[40] == "A" ? "B" : "A"
            let certificate = try city.services.credentials.issueCertificate(
                kind: "return-to-work", enterpriseName: "杭州示范电子科技有限公司", creditCode: "91330100799655058B", detail: "RTW-1").text
            let verdicts = try Self.runOfflineVerifier([
                "list": body, "code": text, "alteredCode": String(altered), "now": Date().timeIntervalSince1970, "certificate": certificate,
                "afterWindow": expiresAt.timeIntervalSince1970 + 60,
                "otherRoot": P256.Signing.PrivateKey().publicKey.x963Representation.base64EncodedString(),
            ])
            #expect(verdicts["valid"] == "green" || verdicts["valid"] == "yellow" || verdicts["valid"] == "red")
            #expect(verdicts["tampered"] == "bad-trust-list")
            #expect(verdicts["otherRoot"] == "bad-trust-list")
            #expect(verdicts["expired"] == "trust-list-expired")
            #expect(verdicts["alteredCode"] != verdicts["valid"])
            #expect(verdicts["certificate"] == "杭州示范电子科技有限公司")
        }
        try await city.close()
    }

    /// Runs `Static/offline-verify.js` under Node (scripts/setup.sh installs it) on a fixture.
    static func runOfflineVerifier(_ fixture: [String: Any]) throws -> [String: String] {
        let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        let verifier = here.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Sources/App/Static/offline-verify.js")
        let file = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("offline-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: file) }
        try JSONSerialization.data(withJSONObject: fixture).write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["node", here.appendingPathComponent("Scripts/offline-verify-check.js").path, verifier.path, file.path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSupportError("node exited \(process.terminationStatus): is nodejs installed (scripts/setup.sh)?") }
        return try JSONSerialization.jsonObject(with: data) as? [String: String] ?? [:]
    }
}

/// Caches keyed by what clients send stay bounded however many made-up keys arrive.
@Suite("Bounded caches")
struct BoundedCacheTests {
    @Test("made-up checkpoint ids and bulletins of many days do not grow the caches past their capacity")
    func bounded() async throws {
        let city = try await TestCity.make(.sqlite, residents: 300)
        let directory = CheckpointDirectory(store: city.services.store, capacity: 50)
        for i in 0..<500 { #expect(try await directory.checkpoint("CP-MADE-UP-\(i)") == nil) }
        #expect(directory.cachedEntries <= 50)
        let gate = "CP-\(try #require(try city.account("checkpoint").jurisdiction))"
        #expect(try await directory.checkpoint(gate)?.areaPath != nil)

        try await city.test { client in
            let today = CalendarDate(localDayOf: Date(), offsetMinutes: 480)
            for back in 1...2_050 {
                let day = CalendarDate(daysSinceEpoch: today.daysSinceEpoch - back)
                let status = try await client.get("/public/bulletin/\(day)").status
                #expect(status == .ok)
            }
        }
        #expect(city.services.publicCache.cachedEntries > 0 && city.services.publicCache.cachedEntries <= 2_000)
        try await city.close()
    }
}
