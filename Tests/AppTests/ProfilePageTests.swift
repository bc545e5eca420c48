import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// The outbreak profile page: validation, the diff, the two-step save, versions and the audit.
@Suite("Outbreak profile page")
struct ProfilePageTests {
    @Test("an epidemiologist changes a threshold: checked, shown as a diff, saved as version 2 after confirming, audited")
    func editProfile() async throws {
        let city = try await TestCity.make(.sqlite, residents: 300)
        var changed = OutbreakProfile.standard
        changed.tracing.closeContactMinutes = 20
        changed.colours.highRiskRegions = ["420100", "310000"]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let text = String(decoding: try encoder.encode(changed), as: UTF8.self)
        var bad = changed
        bad.tracing.closeContactMinutes = 0
        let badText = String(decoding: try encoder.encode(bad), as: UTF8.self)
        try await city.test { client in
            let epi = try await client.signIn(try city.account("epi"))
            #expect(try await client.get("/profile", cookie: epi, language: "en").text.contains("Outbreak profile"))
            let review = try await client.postForm("/profile", ["text": text], cookie: epi)
            #expect(review.status == .ok)
            #expect(review.text.contains("tracing.closeContactMinutes"))
            #expect(review.text.contains("colours.highRiskRegions"))
            #expect(city.services.profiles.profile.version == 1)  // nothing saved yet

            let saved = try await client.postForm("/profile", ["text": text, "confirm": "yes"], cookie: epi)
            #expect(saved.status == .seeOther)
            #expect(saved.headers[.location] == "/profile?saved=v2")
            #expect(city.services.profiles.profile.version == 2)
            #expect(city.services.profiles.profile.tracing.closeContactMinutes == 20)

            let refused = try await client.postForm("/profile", ["text": badText, "confirm": "yes"], cookie: epi)
            #expect(refused.status == .badRequest)
            #expect(refused.text.contains("tracing.closeContactMinutes: 0 is outside"))
            #expect(try await client.postForm("/profile", ["text": "{\"tracing\": {\"closeContactMinutes\": \"many\"}}"], cookie: epi).status == .badRequest)
            // Expiry cannot be switched off: a huge clock skew or a lifetime past Int64 is refused, naming the field.
            for (field, value) in [("clockSkewSeconds", "999999999"), ("phoneLifetimeSeconds", "9223372036854775807")] {
                var json = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
                var credentials = json["credentials"] as? [String: Any] ?? [:]
                credentials[field] = NSNumber(value: Int64(value) ?? 0)
                json["credentials"] = credentials
                let hostile = String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
                let answer = try await client.postForm("/profile", ["text": hostile, "confirm": "yes"], cookie: epi)
                #expect(answer.status == .badRequest && answer.text.contains("credentials.\(field): \(value) is outside"), "\(field)")
            }
            #expect(city.services.profiles.profile.version == 2)

            let grid = try await client.signIn(try city.account("grid"))
            #expect(try await client.get("/profile", cookie: grid).status == .forbidden)
        }
        let directory = city.services.settings.dataDirectory
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("profiles/v2.json").path))
        let reloaded = try JSONDecoder().decode(OutbreakProfile.self, from: Data(contentsOf: directory.appendingPathComponent("profile.json")))
        #expect(reloaded.version == 2 && reloaded.tracing.closeContactMinutes == 20)
        // A profile file edited by hand past the limits stops the start-up, naming the field.
        var hostile = reloaded
        hostile.credentials.clockSkewSeconds = 86_400 * 365
        let hostileFile = directory.appendingPathComponent("hostile-profile.json")
        try JSONEncoder().encode(hostile).write(to: hostileFile)
        #expect(throws: ProfileError.self) { try OutbreakProfile.load(from: hostileFile) }
        let entry = try await city.services.store.recentAudit(subjectID: "v2", limit: 1).first
        #expect(entry?.event.action == "profile.update")
        #expect(entry?.event.detail.contains("tracing.closeContactMinutes: 15 → 20") == true)
        // Statuses computed from now on name the version that produced them.
        #expect(try await city.services.statuses.refresh("R00000010").profileVersion == 2)
        try await city.close()
    }
}
