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
        try AccessPolicy.check(worker, .read, .person(id: "R1", areaPath: gridA))
        #expect(throws: AccessPolicy.Denial.outsideJurisdiction(kind: "person", id: "R2")) {
            try AccessPolicy.check(worker, .read, .person(id: "R2", areaPath: gridB))
        }
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(worker, .read, .household(id: "H2", areaPath: gridB)) }
        // The area above is visible by name, its people are not.
        try AccessPolicy.check(worker, .read, .area(id: "C1", path: "/330100/330102/S1/C1/"))
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(worker, .read, .person(id: "*", areaPath: "/330100/330102/S1/C1/")) }
    }

    @Test("a prefix that is not a path boundary does not leak: G1 does not contain G10")
    func prefixBoundary() {
        let worker = Self.staff(.gridWorker, "/330100/G1/")
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(worker, .read, .person(id: "R", areaPath: "/330100/G10/")) }
    }

    @Test("officers see their whole subtree")
    func officers() throws {
        try AccessPolicy.check(Self.staff(.communityOfficer, "/330100/330102/S1/C1/"), .read, .person(id: "R2", areaPath: gridB))
        try AccessPolicy.check(Self.staff(.commandCentre, "/330100/"), .write, .person(id: "R2", areaPath: gridB))
    }

    @Test("roles that never read records are refused even inside their jurisdiction", arguments: [Role.checkpointOperator, .dataFeed])
    func nonReaders(_ role: Role) {
        #expect(throws: AccessPolicy.Denial.roleMayNot(role: role, action: .read, kind: "person")) {
            try AccessPolicy.check(Self.staff(role, "/330100/"), .read, .person(id: "R1", areaPath: "/330100/G1/"))
        }
    }

    @Test("residents see themselves and their dependants only")
    func residents() throws {
        let proxy = Principal(subject: .resident(residentID: "R1"), role: .proxy, displayName: "p", dependants: ["R2"])
        try AccessPolicy.check(proxy, .read, .person(id: "R1", areaPath: gridA))
        try AccessPolicy.check(proxy, .read, .person(id: "R2", areaPath: gridA))
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(proxy, .read, .person(id: "R3", areaPath: gridA)) }
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(proxy, .read, .household(id: "H1", areaPath: gridA)) }
    }
}
