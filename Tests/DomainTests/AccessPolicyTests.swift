import Domain
import Testing

@Suite("Access policy: role and jurisdiction")
struct AccessPolicyTests {
    static func staff(_ role: Role, _ path: String) -> Principal {
        Principal(subject: .staff(accountID: "a"), role: role, displayName: "x", jurisdictionID: "j", jurisdictionPath: path)
    }

    let gridA = "/330100/330102/S1/C1/G1/"
    let gridB = "/330100/330102/S1/C1/G2/"

    @Test("a grid worker reads people of their grid and no other")
    func gridWorker() throws {
        let worker = Self.staff(.gridWorker, gridA)
        try AccessPolicy.check(worker, .readPeople, .person(id: "R1", areaPath: gridA))
        #expect(throws: AccessPolicy.Denial.outsideJurisdiction(kind: "person", id: "R2")) {
            try AccessPolicy.check(worker, .readPeople, .person(id: "R2", areaPath: gridB))
        }
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(worker, .readPeople, .household(id: "H2", areaPath: gridB)) }
        // The area above is visible by name, its people are not.
        try AccessPolicy.check(worker, .readAreas, .area(id: "C1", path: "/330100/330102/S1/C1/"))
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(worker, .readPeople, .person(id: "*", areaPath: "/330100/330102/S1/C1/")) }
        // A sibling grid is neither above nor within.
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(worker, .readAreas, .area(id: "G2", path: gridB)) }
    }

    @Test("a prefix that is not a path boundary does not leak: G1 does not contain G10")
    func prefixBoundary() {
        let worker = Self.staff(.gridWorker, "/330100/G1/")
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(worker, .readPeople, .person(id: "R", areaPath: "/330100/G10/")) }
        #expect(AreaPath("/330100/").nextStep(towards: AreaPath("/330100/G1/X/")) == "G1")
        #expect(AreaPath("/330100/G1/").nextStep(towards: AreaPath("/330100/G10/")) == nil)
    }

    @Test("officers see their whole subtree")
    func officers() throws {
        try AccessPolicy.check(Self.staff(.communityOfficer, "/330100/330102/S1/C1/"), .readPeople, .person(id: "R2", areaPath: gridB))
        try AccessPolicy.check(Self.staff(.commandCentre, "/330100/"), .writePeople, .person(id: "R2", areaPath: gridB))
    }

    @Test("roles that never read records are refused even inside their jurisdiction", arguments: [Role.checkpointOperator, .dataFeed, .admin])
    func nonReaders(_ role: Role) {
        #expect(throws: AccessPolicy.Denial.roleMayNot(role: role, permission: .readPeople)) {
            try AccessPolicy.check(Self.staff(role, "/330100/"), .readPeople, .person(id: "R1", areaPath: "/330100/G1/"))
        }
    }

    @Test("admins manage accounts and the map, never people or cases")
    func admin() {
        let admin = Self.staff(.admin, "/330100/")
        for p in [Permission.writePeople, .ingestResidents, .ingestPresence, .ingestLabs, .ingestArrivals, .traceCases, .editCases, .proposeOverrides, .decideOverrides, .reviewAppeals, .scan, .publish, .printPaperCodes] {
            #expect(!AccessPolicy.may(admin, p), "admin may \(p.rawValue)")
        }
        #expect(AccessPolicy.may(admin, .administer))
        #expect(AccessPolicy.may(admin, .ingestAreas) && AccessPolicy.may(admin, .ingestPlaces))
    }

    @Test("residents see themselves and their dependants only")
    func residents() throws {
        let proxy = Principal(subject: .resident(residentID: "R1"), role: .proxy, displayName: "p", dependants: ["R2"])
        try AccessPolicy.check(proxy, .readPeople, .person(id: "R1", areaPath: gridA))
        try AccessPolicy.check(proxy, .writePeople, .person(id: "R2", areaPath: gridA))
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(proxy, .readPeople, .person(id: "R3", areaPath: gridA)) }
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(proxy, .readPeople, .household(id: "H1", areaPath: gridA)) }
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(proxy, .traceCases, .person(id: "R1", areaPath: gridA)) }
    }

    @Test("every role of DESIGN §2 has an entry in the permission table, and every permission a holder")
    func tableIsComplete() {
        for role in Role.allCases { #expect(AccessPolicy.grants[role] != nil, "\(role.rawValue)") }
        for p in Permission.allCases { #expect(Role.allCases.contains { AccessPolicy.grants[$0]?.contains(p) == true }, "\(p.rawValue)") }
    }
}

@Suite("README: who may do what")
struct PermissionTableDocTests {
    @Test("the README's table is the permission table the server enforces")
    func readmeMatchesTable() throws {
        let readme = try String(contentsOfFile: #filePath.replacingOccurrences(of: "Tests/DomainTests/AccessPolicyTests.swift", with: "README.md"), encoding: .utf8)
        let begin = try #require(readme.range(of: "<!-- permissions:begin (cordon permissions) -->\n"))
        let end = try #require(readme.range(of: "\n<!-- permissions:end -->"))
        #expect(String(readme[begin.upperBound..<end.lowerBound]) == AccessPolicy.markdownTable(), "run `cordon permissions` and paste its output into the README")
    }
}
