import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// Resident sign-in codes cannot be brute-forced: guesses are counted per phone and per client,
/// whatever happens to the pending code, and refusals say how long to wait.
@Suite("Sign-in limits")
struct SignInLimitsTests {
    @Test("an attacker who asks for a new code whenever one is used up still gets at most 10 guesses a day at a phone", arguments: Backend.available)
    func guessBudget(_ backend: Backend) async throws {
        // New codes as often as asked: the guesses must still be capped by the phone's daily budget.
        let city = try await TestCity.make(backend, residents: 300) { settings in
            settings.signInLimits.codeInterval = 0
            settings.signInLimits.codesPerPhonePerDay = 1_000
            settings.signInLimits.codeRequestsPerClientPerHour = 1_000
            settings.signInLimits.guessesPerClientPerHour = 1_000
        }
        let phone = try #require(try city.account("resident").phone)
        try await city.test { client in
            var evaluated = 0, refused = 0
            for round in 0..<8 {
                _ = try await client.postForm("/signin/code-request", ["phone": phone])
                for guess in 0..<6 {
                    let wrong = String(format: "%06d", (round * 7 + guess * 13 + 1) % 1_000_000)
                    let answer = try await client.postForm("/signin/code", ["phone": phone, "code": wrong])
                    if answer.status == .tooManyRequests { refused += 1 } else { evaluated += 1 }
                }
            }
            #expect(evaluated == 10)  // the attacker's whole budget for the day
            #expect(refused == 38)
            // Even the right code is refused once the budget is spent: guessing it is no way around the limit.
            let message = try #require(try await city.services.store.pendingMessages(limit: 500).last { $0.kind == .signInCode })
            let code = try #require(message.body.firstMatch(of: /\d{6}/)).output
            let right = try await client.postForm("/signin/code", ["phone": phone, "code": String(code)], language: "en")
            #expect(right.status == .tooManyRequests && right.sessionCookie == nil)
            let wait = Int(try #require(right.headers[.retryAfter])) ?? 0
            #expect(wait > 23 * 3600 && wait <= 86_400)
            #expect(right.text.contains("Too many attempts") && right.text.contains("try again in 24 hours"))
        }
        try await city.close()
    }

    @Test("one code a minute and five a day per phone, counted for unknown numbers the same way; codes go out before bulk alerts", arguments: Backend.available)
    func codeRequests(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        let store = city.services.store
        let phone = try #require(try city.account("resident").phone)
        let unknown = "13999999998"
        try await city.test { client in
            for number in [phone, unknown] {
                let first = try await client.postForm("/signin/code-request", ["phone": number], language: "zh-CN")
                #expect(first.status == .ok)  // the same answer for a number nobody has
                let again = try await client.postForm("/signin/code-request", ["phone": number], language: "zh-CN")
                #expect(again.status == .tooManyRequests)
                #expect(again.headers[.retryAfter].flatMap { Int($0) }.map { (1...60).contains($0) } == true)
                #expect(again.text.contains("尝试次数过多") && again.text.contains("秒后再试"))
            }
        }
        // Exactly one code went out, to the known phone; none to the unknown one.
        #expect(try await store.pendingMessages(limit: 1_000).filter { $0.kind == .signInCode }.count == 1)
        // The code leaves the outbox before the demo's backlog of alerts, whatever its size.
        let due = try await store.claimDueMessages(at: Date().addingTimeInterval(1), limit: 1, lease: 60)
        #expect(due.first?.kind == .signInCode)
        try await city.close()
    }

    @Test("five wrong passwords pause an account's sign-in, even with the right one next; the audit keeps no typed text", arguments: Backend.available)
    func passwordBackOff(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        let grid = try city.account("grid")
        try await city.test { client in
            for _ in 0..<5 {
                #expect(try await client.postForm("/signin", ["username": grid.username, "password": "guess-\(UUID())"]).status == .unauthorized)
            }
            let paused = try await client.postForm("/signin", ["username": grid.username, "password": grid.password ?? ""], language: "en")
            #expect(paused.status == .tooManyRequests && paused.sessionCookie == nil && paused.headers[.retryAfter] != nil)
            #expect(paused.text.contains("try again in 15 minutes") || paused.text.contains("try again in 14 minutes"))
            // Another account from elsewhere is not paused by it.
            #expect(try await client.signIn(try city.account("community")).isEmpty == false)
            // A password typed into the name field never reaches the audit log whole.
            _ = try await client.postForm("/signin", ["username": "MySecretPassw0rd", "password": "x"])
        }
        let failures = try await city.services.store.auditEntries(after: 0, limit: 100_000).filter { $0.event.action == "login.failed" }
        #expect(!failures.contains { $0.event.subjectID.contains("MySecretPassw0rd") || $0.event.detail.contains("MySecretPassw0rd") })
        #expect(failures.contains { $0.event.subjectID == "My********" })
        try await city.close()
    }
}
