import Domain

/// Refusals of the permission table in the reader's language, naming what was refused and why.
extension Strings {
    /// What a permission allows, in Chinese (a switch, so a new permission cannot go untranslated).
    static func permissionZh(_ p: Permission) -> String {
        switch p {
        case .readAreas: "查看辖区及统计"
        case .readPeople: "查看人员信息（记入审计）"
        case .writePeople: "为人员打卡、申报、申诉、走访或随访"
        case .contactPeople: "查看住址并电话联系（每次显示号码均记入审计）"
        case .holdCodes: "持有健康码（本人及代办对象）"
        case .printPaperCodes: "打印纸质健康码"
        case .traceCases: "查看病例并追踪密接"
        case .editCases: "确诊、排除或修改病例时间"
        case .editProfile: "修改疫情规则配置"
        case .readRiskAreas: "查看风险地区及变更记录"
        case .approveDisclosures: "起草并审核病例信息发布"
        case .proposeOverrides: "提出人工调整健康码"
        case .decideOverrides: "批准或驳回人工调整健康码"
        case .reviewAppeals: "处理申诉"
        case .workTasks: "查看并处理网格任务"
        case .createTasks: "派发网格任务"
        case .submitReports: "提交日报告和零报告"
        case .readReports: "查看报告完成情况"
        case .followUpQuarantine: "居家隔离随访"
        case .manageRosters: "安排卡口值守"
        case .assignStaff: "调整人员分工"
        case .manageStaff: "创建、修改、停用下级账号"
        case .scan: "卡口扫码查验"
        case .publish: "发布通告和辟谣"
        case .ingestAreas: "导入区域数据"
        case .ingestPlaces: "导入场所数据"
        case .ingestResidents: "导入居民数据"
        case .ingestPresence: "导入时空数据"
        case .ingestLabs: "导入检测结果"
        case .ingestArrivals: "导入来返人员数据"
        case .changeOwnPassword: "修改本人密码（工作人员）"
        case .readAudit: "查看并导出审计日志"
        case .readFeeds: "查看各数据源送达情况及延迟"
        case .readDashboard: "查看本辖区指挥大屏（病例、赋码、任务、报告、扫码）"
        case .sendDirectives: "向下级区域下发指令并查看签收情况"
        case .acknowledgeDirectives: "查看并签收发给本辖区的指令"
        case .registerEnterprises: "登记并查看辖区内的企业"
        case .approveEnterprises: "审核企业登记"
        case .manageEmployees: "添加本企业员工，查看其码色和能否上岗（不含原因）"
        case .applyReturnToWork: "申请本企业复工、登记点对点包车、打印证明"
        case .reportStaffHealth: "提交本企业员工健康日报（有症状的员工转网格核查）"
        case .manageEnterpriseAccounts: "为本企业防疫专员开通账号"
        case .bookMasks: "参加口罩预约摇号（本人及代办对象）并持有取货码"
        case .keepStock: "更新本药店库存"
        case .handOutPickups: "在本药店扫描取货码"
        case .manageSupplies: "为辖区药店开通账号、组织预约摇号、登记优先人群"
        case .enterLedger: "录入捐赠台账（须另一人审核）"
        case .approveLedger: "审核他人录入的捐赠台账"
        case .receiveSupplies: "确认本辖区收到的物资并下拨到下级"
        case .administer: "管理令牌和密钥"
        }
    }

    static let recordKindZh: [String: String] = [
        "person": "人员", "household": "住户", "area": "区域", "task": "任务", "report": "报告", "roster": "排班", "account": "账号", "case": "病例",
        "appeal": "申诉", "disclosure": "病例发布",
    ]

    /// "你的角色（网格员）无权查看病例并追踪密接。" / "A grid worker may not list cases and trace their contacts."
    static func denial(_ denial: AccessPolicy.Denial, _ lang: Language) -> String {
        switch denial {
        case .roleMayNot(let role, let permission):
            let what = lang == .zh ? permissionZh(permission) : permission.summary
            return text("denied.role", lang, text("role.\(role.rawValue)", lang), what)
        case .outsideJurisdiction(let kind, let id):
            return text("denied.outside", lang, lang == .zh ? recordKindZh[kind] ?? kind : kind, id)
        case .tokenScope(let permission, _):
            return text("denied.tokenScope", lang, lang == .zh ? permissionZh(permission) : permission.summary)
        }
    }
}
