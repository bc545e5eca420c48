import Foundation
import Testing

/// The command line as users and scripts drive it: exit codes, reports, files written.
@Suite("cordon command line")
struct CLITests {
    /// Runs the `cordon` built next to the test bundle.
    static func cordon(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        let directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        var binary = directory.appendingPathComponent("cordon")
        while !FileManager.default.fileExists(atPath: binary.path), binary.pathComponents.count > 3 {
            binary = binary.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("cordon")
        }
        process.executableURL = binary
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["CORDON_BCRYPT_COST"] = "4"
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    static func scratch() throws -> URL {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cordon-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test("import reports loaded, unchanged and rejected lines and exits 3 when some were rejected; audit verify then passes")
    func importAndAudit() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path
        let areas = dir.appendingPathComponent("areas.ndjson")
        try """
            {"id":"330100","name":"杭州市","level":"city"}
            {"id":"330102","name":"上城区","level":"district","parent":"330100"}
            {"id":"G1","name":"网格一","level":"grid","parent":"330102"}
            {"id":"G2","name":"孤儿","level":"grid","parent":"NOPE"}
            """.write(to: areas, atomically: true, encoding: .utf8)
        let first = try Self.cordon(["import", "areas", areas.path, "--data-dir", data])
        #expect(first.status == 3)
        #expect(first.output.contains("areas (ndjson): 3 loaded, 0 unchanged, 1 rejected"))
        #expect(first.output.contains("line 4, field parent: unknown parent area \"NOPE\""))

        let residents = dir.appendingPathComponent("residents.csv")
        try "id,name,idNumber,phone,area\nR1,张三,11010519491231002X,13812345678,G1\nR2,李四,110105194912310023,,G1\n"
            .write(to: residents, atomically: true, encoding: .utf8)
        let loaded = try Self.cordon(["import", "residents", residents.path, "--data-dir", data, "--json"])
        #expect(loaded.status == 3)
        let report = try JSONSerialization.jsonObject(with: Data(loaded.output.utf8)) as? [String: Any]
        #expect(report?["loaded"] as? Int == 1)
        #expect(report?["rejected"] as? Int == 1)

        let again = try Self.cordon(["import", "areas", areas.path, "--data-dir", data])
        #expect(again.output.contains("0 loaded, 3 unchanged, 1 rejected"))

        let audit = try Self.cordon(["audit", "verify", "--data-dir", data])
        #expect(audit.status == 0)
        #expect(audit.output.contains("audit log intact"))

        // The database file never holds the identity number or phone in clear.
        let db = try Data(contentsOf: URL(fileURLWithPath: data + "/cordon.sqlite"))
        #expect(db.range(of: Data("11010519491231002X".utf8)) == nil)
        #expect(db.range(of: Data("13812345678".utf8)) == nil)
        // Nor the birth date (only the year stays in clear).
        #expect(db.range(of: Data("1949-12-31".utf8)) == nil)

        // A signed head of the chain, kept outside, still holds after more entries; a forged one does not.
        let anchor = try Self.cordon(["audit", "anchor", "--data-dir", data])
        #expect(anchor.status == 0)
        let anchorFile = dir.appendingPathComponent("anchor.json")
        try anchor.output.write(to: anchorFile, atomically: true, encoding: .utf8)
        let rotated = try Self.cordon(["keys", "rotate-data-key", "--data-dir", data])
        #expect(rotated.status == 0)
        #expect(rotated.output.contains("re-sealed 1 of 1 sealed fields"))
        #expect(rotated.output.contains("rotation finished"))
        let holds = try Self.cordon(["audit", "verify", "--anchor", anchorFile.path, "--data-dir", data])
        #expect(holds.status == 0)
        #expect(holds.output.contains("anchor holds"))
        try anchor.output.replacingOccurrences(of: "\"sequence\":", with: "\"sequence\":1").write(to: anchorFile, atomically: true, encoding: .utf8)
        let forged = try Self.cordon(["audit", "verify", "--anchor", anchorFile.path, "--data-dir", data])
        #expect(forged.status == 2)
        #expect(forged.output.contains("anchor FORGED"))
    }

    @Test("bad invocations explain themselves")
    func badInput() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let unknownKind = try Self.cordon(["import", "people", "x.csv", "--data-dir", dir.path])
        #expect(unknownKind.status != 0)
        #expect(unknownKind.output.contains("unknown kind \"people\""))
        let missing = try Self.cordon(["import", "areas", dir.appendingPathComponent("nope.csv").path, "--data-dir", dir.path])
        #expect(missing.status != 0)
        #expect(missing.output.contains("no such file"))
    }

    @Test("a store filled by `cordon import` alone: create-admin and create print {username, password}; staff import is idempotent and names bad lines")
    func accountsOnImportedStore() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path
        let areas = dir.appendingPathComponent("areas.ndjson")
        try """
            {"id":"3301","name":"杭州市","level":"city"}
            {"id":"330102","name":"上城区","level":"district","parent":"3301"}
            {"id":"330102001","name":"湖滨街道","level":"street","parent":"330102"}
            {"id":"330102001001","name":"东坡社区","level":"community","parent":"330102001"}
            {"id":"G1","name":"东坡一网格","level":"grid","parent":"330102001001"}

            """.write(to: areas, atomically: true, encoding: .utf8)
        #expect(try Self.cordon(["import", "areas", areas.path, "--data-dir", data]).status == 0)
        let admin = try Self.cordon(["accounts", "create-admin", "--username", "root", "--json", "--data-dir", data])
        let adminJSON = try JSONSerialization.jsonObject(with: Data(admin.output.utf8)) as? [String: String]
        #expect(admin.status == 0 && adminJSON?["username"] == "root" && adminJSON?["password"]?.count == 17)
        let officer = try Self.cordon(["accounts", "create", "--username", "chen", "--role", "district-officer", "--area", "330102", "--json", "--data-dir", data])
        #expect(officer.status == 0 && officer.output.contains("\"username\":\"chen\""))
        let wrongLevel = try Self.cordon(["accounts", "create", "--username", "wang", "--role", "grid-worker", "--area", "330102", "--data-dir", data])
        #expect(wrongLevel.status != 0 && wrongLevel.output.contains("--role: a grid-worker is not bound to a district"))
        let staff = dir.appendingPathComponent("staff.csv")
        try "username,displayName,role,area,phone\nwang,王网格,grid-worker,G1,13900000001\nli.si,李,gridworker,G1,\n".write(to: staff, atomically: true, encoding: .utf8)
        let first = try Self.cordon(["accounts", "import", staff.path, "--data-dir", data])
        #expect(first.status == 1 && first.output.contains("username,password\nwang,") && first.output.contains("staff.csv:line 3, field role:"))
        let second = try Self.cordon(["accounts", "import", staff.path, "--data-dir", data])
        #expect(second.output.contains("0 created, 0 updated, 1 unchanged, 1 refused") && !second.output.contains("username,password"))
        let listed = try Self.cordon(["accounts", "list", "--data-dir", data]).output
        #expect(listed.contains("wang\tgrid-worker\tG1\tone-time password") && listed.contains("root\tadmin\t3301"))
        #expect(try Self.cordon(["accounts", "disable", "wang", "--data-dir", data]).status == 0)
        #expect(try Self.cordon(["accounts", "list", "--matching", "wang", "--data-dir", data]).output.contains("disabled"))
        let reset = try Self.cordon(["accounts", "reset-password", "wang", "--json", "--data-dir", data])
        #expect(reset.status == 0 && reset.output.contains("\"password\""))
    }

    @Test("tokens: created scoped and shown once, listed without secrets, revoked by label; a bad scope is refused")
    func tokens() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path
        #expect(try Self.cordon(["demo", "--residents", "300", "--seed", "5", "--data-dir", data]).status == 0)
        // DESIGN §5: `--json` prints {"token", "scopes"}; a bare kind is stored as its permission.
        let created = try Self.cordon(["tokens", "create", "--user", "feed", "--label", "hospital-labs", "--scope", "labs", "--json", "--data-dir", data])
        let json = try JSONSerialization.jsonObject(with: Data(created.output.utf8)) as? [String: Any]
        let secret = try #require(json?["token"] as? String)
        #expect(created.status == 0 && secret.hasPrefix("cdn_") && json?["scopes"] as? [String] == ["ingest:labs"])
        let listed = try Self.cordon(["tokens", "list", "--user", "feed", "--data-dir", data])
        #expect(listed.output.contains("hospital-labs") && listed.output.contains("scopes ingest:labs") && listed.output.contains("never used") && !listed.output.contains(secret))
        let noArea = try Self.cordon(["tokens", "create", "--user", "feed", "--label", "x", "--area", "NOPE", "--data-dir", data])
        #expect(noArea.status != 0 && noArea.output.contains("--area: no area NOPE"))
        // Without --user: a service account named after the label, the least role holding the scopes.
        let service = try Self.cordon(["tokens", "create", "--label", "gate-scanner", "--scope", "scan", "--json", "--data-dir", data])
        let serviceJSON = try JSONSerialization.jsonObject(with: Data(service.output.utf8)) as? [String: Any]
        #expect(serviceJSON?["account"] as? String == "svc-gate-scanner" && serviceJSON?["scopes"] as? [String] == ["scan"])
        // Second factors are reset by user name (a lost phone); an unknown name says so.
        #expect(try Self.cordon(["accounts", "reset-second-factor", "admin", "--data-dir", data]).status == 0)
        let unknown = try Self.cordon(["accounts", "reset-second-factor", "nobody", "--data-dir", data])
        #expect(unknown.status != 0 && unknown.output.contains("no account nobody"))
        #expect(try Self.cordon(["tokens", "create", "--user", "feed", "--label", "x", "--scope", "everything", "--data-dir", data]).status != 0)
        #expect(try Self.cordon(["tokens", "revoke", "--user", "feed", "--label", "hospital-labs", "--data-dir", data]).status == 0)
        #expect(try Self.cordon(["tokens", "list", "--user", "feed", "--data-dir", data]).output.contains("revoked"))
        #expect(try Self.cordon(["tokens", "revoke", "--user", "feed", "--label", "hospital-labs", "--data-dir", data]).status != 0)
    }

    @Test("demo writes one sign-in per role and refuses a store that already holds a city")
    func demo() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path
        let run = try Self.cordon(["demo", "--residents", "2000", "--seed", "5", "--data-dir", data])
        #expect(run.status == 0)
        let accounts = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: data + "/demo-accounts.json"))) as? [[String: Any]]
        let roles = Set((accounts ?? []).compactMap { $0["role"] as? String })
        #expect(roles == [
            "admin", "command-centre", "epidemiologist", "district-officer", "street-officer", "community-officer", "grid-worker",
            "checkpoint-operator", "data-feed", "resident", "proxy", "enterprise-manager", "enterprise-health", "pharmacist", "ledger-officer",
        ])
        let mode = try FileManager.default.attributesOfItem(atPath: data + "/demo-accounts.json")[.posixPermissions] as? NSNumber
        #expect(mode?.intValue == 0o600)
        let again = try Self.cordon(["demo", "--residents", "10", "--data-dir", data])
        #expect(again.status != 0)
        #expect(again.output.contains("already holds a city"))
    }

    @Test("bench scan-path stores every code of a scan-codes file once, without HTTP; the same codes again exit 1 and say why")
    func benchScanPath() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path
        let codes = dir.appendingPathComponent("codes.txt").path
        #expect(try Self.cordon(["demo", "--residents", "2000", "--seed", "9", "--data-dir", data]).status == 0)
        #expect(try Self.cordon(["bench", "scan-codes", "--count", "300", "--residents", "2000", "--out", codes, "--data-dir", data]).status == 0)
        let first = try Self.cordon(["bench", "scan-path", "--codes", codes, "--callers", "8", "--data-dir", data])
        #expect(first.status == 0)
        #expect(first.output.contains("scan path without HTTP: 300 scans, 300 recorded"))
        // bench-checkpoint's line counts on this: each code is a scan stored once, or the figure is refused.
        let again = try Self.cordon(["bench", "scan-path", "--codes", codes, "--callers", "8", "--data-dir", data])
        #expect(again.status == 1)
        #expect(again.output.contains("300 of 300 codes were not recorded"))
        let queues = dir.appendingPathComponent("queues.txt").path
        #expect(try Self.cordon(["bench", "scan-codes", "--queues", "--count", "10", "--residents", "2000", "--out", queues, "--data-dir", data]).status == 0)
        let wrongFile = try Self.cordon(["bench", "scan-path", "--codes", queues, "--data-dir", data])
        #expect(wrongFile.status != 0)
        #expect(wrongFile.output.contains("a --queues file is not taken"))
    }

    @Test("trace --json prints the DESIGN §5 contract for a demo case; a non-case exits 4; purge reports what it removed")
    func trace() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path
        #expect(try Self.cordon(["demo", "--residents", "1400", "--seed", "5", "--data-dir", data]).status == 0)
        // The demo's first PCR-positive case is resident number residents / 7 + 1.
        let traced = try Self.cordon(["trace", "--case", "R00000201", "--json", "--data-dir", data])
        #expect(traced.status == 0)
        let start = try #require(traced.output.firstIndex(of: "{"))
        let json = try JSONSerialization.jsonObject(with: Data(traced.output[start...].utf8)) as? [String: Any]
        #expect(json?["case"] as? String == "R00000201")
        let window = json?["window"] as? [String: String]
        #expect(window?["from"]?.hasSuffix("Z") == true && window?["to"]?.hasSuffix("Z") == true)
        let contacts = json?["contacts"] as? [[String: Any]] ?? []
        #expect(!contacts.isEmpty)
        let categories = Set(contacts.compactMap { $0["category"] as? String })
        #expect(categories.isSubset(of: ["household", "close", "transport", "companion", "secondary"]))
        #expect(contacts.allSatisfy { $0["person"] is String && $0["exposureMinutes"] is Int && $0["evidence"] is [[String: Any]] })
        // The case's status in the DESIGN §5 contract, and its colour before anything was computed.
        let status = try Self.cordon(["status", "R00000201", "--json", "--data-dir", data])
        #expect(status.status == 0)
        let statusStart = try #require(status.output.firstIndex(of: "{"))
        let statusJSON = try JSONSerialization.jsonObject(with: Data(status.output[statusStart...].utf8)) as? [String: Any]
        #expect(statusJSON?["person"] as? String == "R00000201")
        #expect(statusJSON?["colour"] as? String == "red")
        #expect((statusJSON?["reasons"] as? [[String: Any]])?.first?["rule"] as? String == "case.confirmed")
        #expect((statusJSON?["reasons"] as? [[String: Any]])?.first?["facts"] is [String: String])
        #expect(try Self.cordon(["status", "R00000201", "--at", "2020-01-01T00:00:00Z", "--data-dir", data]).output.contains("green"))
        #expect(try Self.cordon(["status", "R00000201", "--at", "yesterday", "--data-dir", data]).status != 0)
        let recompute = try Self.cordon(["status", "recompute", "--data-dir", data])
        #expect(recompute.status == 0)
        #expect(recompute.output.contains("recomputed in"))
        let notACase = try Self.cordon(["trace", "--case", "R00000002", "--data-dir", data])
        #expect(notACase.status == 4)
        #expect(notACase.output.contains("positive lab result"))
        let purge = try Self.cordon(["purge", "--data-dir", data])
        #expect(purge.status == 0)
        #expect(purge.output.contains("purged 0 presence events"))
    }

    @Test("code prints a credential and writes its QR; verify --json accepts it, refuses a changed one (exit 1), a revoked paper code, and codes outlive a key rotation")
    func codeAndVerify() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let data = dir.appendingPathComponent("data").path
        #expect(try Self.cordon(["demo", "--residents", "300", "--seed", "5", "--data-dir", data]).status == 0)
        let svg = dir.appendingPathComponent("code.svg").path
        let code = try Self.cordon(["code", "R00000003", "--svg", svg, "--data-dir", data])
        #expect(code.status == 0)
        let text = try #require(code.output.split(separator: "\n").last { $0.hasPrefix("CDN1:") }).description
        #expect(try String(contentsOfFile: svg, encoding: .utf8).hasPrefix("<svg"))
        func verify(_ t: String) throws -> (Int32, [String: Any]) {
            let run = try Self.cordon(["verify", t, "--json", "--data-dir", data])
            let start = run.output.firstIndex(of: "{") ?? run.output.startIndex
            return (run.status, (try? JSONSerialization.jsonObject(with: Data(run.output[start...].utf8)) as? [String: Any]) ?? [:])
        }
        let (ok, json) = try verify(text)
        #expect(ok == 0)
        #expect(json["valid"] as? Bool == true)
        #expect(["red", "yellow", "green"].contains(json["colour"] as? String ?? ""))
        #expect(json["expiresAt"] is String)
        var chars = Array(text)
        chars[chars.count - 10] = chars[chars.count - 10] == "A" ? "B" : "A"
        let (bad, badJSON) = try verify(String(chars))
        #expect(bad == 1)
        #expect(badJSON["valid"] as? Bool == false)
        #expect(badJSON["error"] is String)

        let paper = try #require(try Self.cordon(["code", "R00000003", "--paper", "--data-dir", data]).output.split(separator: "\n").last).description
        let id = try #require(try verify(paper).1["id"] as? String)
        #expect(try Self.cordon(["keys", "revoke", id, "--data-dir", data]).status == 0)
        #expect(try verify(paper).1["error"] as? String == "revoked")
        #expect(try Self.cordon(["keys", "rotate", "--data-dir", data]).output.contains("retired"))
        #expect(try verify(text).0 == 0)  // signed by the retired key, still trusted until it expires
    }
}
