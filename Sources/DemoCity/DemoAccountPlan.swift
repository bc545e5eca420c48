import Domain

/// One demo sign-in per role, bound to a jurisdiction inside the demo city.
public struct DemoAccountPlan: Sendable, Equatable {
    public var role: Role
    public var username: String
    public var displayName: String
    /// The area for staff; nil for residents and proxies.
    public var jurisdictionID: String?
    /// The resident who signs in, for residents and proxies.
    public var residentID: String?
}

extension DemoCity {
    /// Staff at every level along the first grid's branch of the tree, plus a resident and a proxy
    /// who live in that grid. A second grid worker in another grid shows that jurisdictions separate.
    public var accountPlans: [DemoAccountPlan] {
        let grid = grids[0].area
        let path = grid.path.split(separator: "/").map(String.init)
        let (city, district, street, community) = (path[0], path[1], path[2], path[3])
        var plans: [DemoAccountPlan] = [
            .init(role: .admin, username: "admin", displayName: "系统管理员 Admin", jurisdictionID: city),
            .init(role: .commandCentre, username: "command", displayName: "指挥中心 Command centre", jurisdictionID: city),
            .init(role: .epidemiologist, username: "epi", displayName: "流调员 Epidemiologist", jurisdictionID: city),
            .init(role: .districtOfficer, username: "district", displayName: "区防控办 District officer", jurisdictionID: district),
            .init(role: .streetOfficer, username: "street", displayName: "街道干部 Street officer", jurisdictionID: street),
            .init(role: .communityOfficer, username: "community", displayName: "社区干部 Community officer", jurisdictionID: community),
            .init(role: .gridWorker, username: "grid", displayName: "网格员 Grid worker", jurisdictionID: grid.id),
            .init(role: .checkpointOperator, username: "checkpoint", displayName: "卡口值守 Checkpoint operator", jurisdictionID: community),
            .init(role: .dataFeed, username: "feed", displayName: "数据接口 Data feed", jurisdictionID: city),
            .init(role: .resident, username: "resident", displayName: "居民 Resident", residentID: ResidentStream.demoResidentID),
            .init(role: .proxy, username: "proxy", displayName: "代办人 Proxy", residentID: ResidentStream.demoProxyID),
            // An enterprise in the first grid's community, back at work: its manager and health officer.
            .init(role: .enterpriseManager, username: "enterprise", displayName: "企业管理员 Enterprise manager", jurisdictionID: community),
            .init(role: .enterpriseHealth, username: "enterprise-health", displayName: "企业防疫专员 Enterprise health officer", jurisdictionID: community),
            // The first grid's pharmacy, and the two people of the ledger office (one enters, the other approves).
            .init(role: .pharmacist, username: "pharmacy", displayName: "药店 Pharmacy", jurisdictionID: grid.id),
            .init(role: .ledgerOfficer, username: "ledger", displayName: "台账员 Ledger officer", jurisdictionID: city),
            .init(role: .ledgerOfficer, username: "ledger2", displayName: "台账复核 Ledger reviewer", jurisdictionID: city),
        ]
        if grids.count > 1 {
            plans.insert(.init(role: .gridWorker, username: "grid2", displayName: "网格员 Grid worker 2", jurisdictionID: grids[grids.count - 1].area.id), at: 7)
        }
        return plans
    }
}
