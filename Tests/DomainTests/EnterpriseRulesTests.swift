import Domain
import Foundation
import Testing

@Suite("Enterprise rules")
struct EnterpriseRulesTests {
    @Test("credit codes of real enterprises pass GB 32100's check; a mistyped or malformed one is refused with what is wrong")
    func creditCodes() throws {
        // Printed on the business licences of Tencent (Shenzhen), Huawei (Shenzhen), Alibaba (Hangzhou).
        for code in ["9144030071526726XG", "914403001922038216", "91330100799655058B"] {
            #expect(try CreditCode(code).rawValue == code)
        }
        #expect(try CreditCode(" 9144 0300 7152 6726xg ").rawValue == "9144030071526726XG")
        #expect(throws: CreditCode.Problem.checkCharacter(expected: "G", found: "H")) { try CreditCode("9144030071526726XH") }
        #expect(throws: CreditCode.Problem.checkCharacter(expected: "6", found: "8")) { try CreditCode("914403001922038218") }
        #expect(throws: CreditCode.Problem.length(17)) { try CreditCode("9144030071526726X") }
        #expect(throws: CreditCode.Problem.character("I", position: 3)) { try CreditCode("91I4030071526726XG") }
        #expect(CreditCode.completing("91330100799655058") == "91330100799655058B")
    }

    @Test("a registration form names the field of each problem")
    func drafts() {
        let good = EnterpriseDraft(name: "杭州某某科技有限公司", creditCode: "91330100799655058B", address: "文一西路 969 号", area: "330106", contactName: "王经理", contactPhone: "139 0000 0001")
        #expect(throws: Never.self) { try good.check() }
        var d = good
        d.creditCode = "91330100799655058C"
        #expect(throws: EnterpriseDraft.Problem.creditCode(.checkCharacter(expected: "B", found: "C"))) { try d.check() }
        d = good
        d.name = "  "
        #expect(throws: EnterpriseDraft.Problem.missing(field: "name")) { try d.check() }
        d = good
        d.contactPhone = "12345"
        #expect(throws: EnterpriseDraft.Problem.phone("12345")) { try d.check() }
        #expect(EnterpriseDraft.Problem.phone("1").field == "contactPhone" && EnterpriseDraft.Problem.creditCode(.length(1)).field == "creditCode")
    }

    @Test("an enterprise's account reaches its own enterprise only: not another, not a person, not an area, whatever its area")
    func enterpriseAccountScope() throws {
        let account = StaffAccount(
            id: "acct-ent", username: "ent", displayName: "王经理", role: .enterpriseManager, jurisdictionID: "330106", jurisdictionPath: "/330100/330106/",
            passwordHash: nil, createdAt: Date(), enterpriseID: "ENT-A")
        let p = Principal(staff: account)
        #expect(throws: Never.self) { try AccessPolicy.check(p, .manageEmployees, .enterprise(id: "ENT-A", path: "/330100/330106/")) }
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(p, .manageEmployees, .enterprise(id: "ENT-B", path: "/330100/330106/")) }
        #expect(throws: AccessPolicy.Denial.self) { try AccessPolicy.check(p, .readPeople, .person(id: "P1", areaPath: "/330100/330106/G1/")) }
        #expect(!AccessPolicy.may(p, .readAreas, in: AreaPath("/330100/330106/")))
        // Officers cannot hand out enterprise roles through the staff pages.
        let officer = Principal(subject: .staff(accountID: "d"), role: .districtOfficer, displayName: "d", jurisdictionID: "330106", jurisdictionPath: "/330100/330106/")
        #expect(throws: StaffRules.Refusal.enterpriseRole(.enterpriseManager)) {
            try StaffRules.check(officer, role: .enterpriseManager, areaID: "G1", path: AreaPath("/330100/330106/G1/"), level: .grid)
        }
        #expect(!StaffRules.assignableRoles(for: officer).contains(.enterpriseHealth))
    }
}
