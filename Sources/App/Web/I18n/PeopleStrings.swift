import Domain

/// The texts of people and accounts: staff administration, tokens, passwords.
extension Strings {
    static let peopleTable: [String: (zh: String, en: String)] = [
        "staff": ("人员账号", "Staff accounts"),
        "staff.search": ("按用户名或姓名查找", "Find by user name or name"),
        "staff.new": ("新建账号", "New account"),
        "staff.username": ("用户名", "User name"),
        "staff.displayName": ("姓名", "Name"),
        "staff.role": ("角色", "Role"),
        "staff.area": ("负责区域", "Area"),
        "staff.phone": ("工作电话", "Work phone"),
        "staff.state": ("状态", "State"),
        "staff.active": ("正常", "Active"),
        "staff.disabled": ("已停用", "Disabled"),
        "staff.oneTime": ("待首次登录改密", "One-time password"),
        "staff.create": ("创建并生成一次性密码", "Create with a one-time password"),
        "staff.save": ("保存修改", "Save changes"),
        "staff.disable": ("停用账号", "Disable the account"),
        "staff.enable": ("启用账号", "Enable the account"),
        "staff.resetPassword": ("重置密码", "Reset the password"),
        "staff.import": ("批量导入", "Import in bulk"),
        "staff.importHelp": ("CSV 首行为 username,displayName,role,area,phone；可粘贴或选择文件。重复导入不会重复创建。", "CSV with the header username,displayName,role,area,phone; paste it or choose a file. Importing the same list again creates nothing twice."),
        "staff.importFile": ("选择文件", "Choose a file"),
        "staff.importRun": ("导入", "Import"),
        "staff.imported": ("新建 {0} 个，更新 {1} 个，未变 {2} 个，拒绝 {3} 行。", "{0} created, {1} updated, {2} unchanged, {3} lines refused."),
        "staff.line": ("第 {0} 行", "Line {0}"),
        "staff.issuedTitle": ("一次性密码", "One-time password"),
        "staff.issuedNote": ("只显示这一次，请当面或电话告知本人；首次登录时须设置新密码。", "Shown this once: hand it to the person directly; they choose a new password at the first sign-in."),
        "staff.created": ("账号已创建。", "Account created."),
        "staff.saved": ("已保存。", "Saved."),
        "staff.disabledNow": ("账号已停用，其登录已全部退出。", "Account disabled; its sessions have ended."),
        "staff.enabledNow": ("账号已启用。", "Account enabled."),
        "staff.assignable": ("您可以创建的角色：{0}", "Roles you may create: {0}"),
        "staff.none": ("没有符合条件的账号。", "No accounts match."),
        "staff.back": ("返回账号列表", "Back to the accounts"),
        "tokens": ("API 令牌", "API tokens"),
        "tokens.label": ("名称", "Label"),
        "tokens.scopes": ("权限范围", "Scopes"),
        "tokens.scopesHelp": ("逗号分隔，如 ingest:labs、scan、read；留空为该角色的全部权限。", "Comma-separated, e.g. ingest:labs, scan, read; empty: everything the role may."),
        "tokens.expires": ("有效天数", "Valid for days"),
        "tokens.expiresHelp": ("留空为直至吊销。", "Empty: until revoked."),
        "tokens.create": ("生成令牌", "Create a token"),
        "tokens.lastUsed": ("最近使用", "Last used"),
        "tokens.never": ("从未使用", "Never used"),
        "tokens.revoke": ("吊销", "Revoke"),
        "tokens.revoked": ("已吊销", "Revoked"),
        "tokens.expired": ("已过期", "Expired"),
        "tokens.revokedNow": ("令牌已吊销，30 秒内在所有实例上失效。", "Token revoked; it stops on every instance within 30 seconds."),
        "tokens.issuedTitle": ("新令牌", "New token"),
        "tokens.issuedNote": ("只显示这一次，请复制到数据接口的配置中；系统只保存其哈希。", "Shown this once: copy it into the feed's configuration; only its hash is kept."),
        "tokens.none": ("没有令牌。", "No tokens."),
        "password.title": ("修改密码", "Change your password"),
        "password.mustChange": ("您使用的是一次性密码，请先设置自己的新密码。", "You signed in with a one-time password: choose your own before going on."),
        "password.current": ("当前密码", "Current password"),
        "password.new": ("新密码（至少 10 位）", "New password (at least 10 characters)"),
        "password.confirm": ("再次输入新密码", "New password again"),
        "password.save": ("保存新密码", "Save the new password"),
        "password.changed": ("密码已修改。", "Password changed."),
        "denied.tokenScope": ("此令牌的权限范围不包括：{0}。", "This token's scopes do not allow it to {0}."),
    ]

    /// A refused account or token change, naming the field, in the reader's language.
    static func staffProblem(_ problem: StaffProblem, _ lang: Language) -> String {
        guard lang == .zh else { return problem.description }
        switch problem {
        case .invalidUsername(let u): return "用户名“\(u)”不合规：3–64 位小写字母、数字或 . _ -，以字母或数字开头。"
        case .usernameTaken(let u): return "用户名 \(u) 已被使用。"
        case .missingDisplayName: return "姓名：请填写。"
        case .unknownRole(let r): return "角色“\(r)”不是工作人员角色。"
        case .unknownArea(let a): return "负责区域：没有区域“\(a)”。"
        case .badPhone(let p): return "工作电话“\(p)”不是有效号码（11 位手机号或 +国家码号码）。"
        case .refused(let r):
            switch r {
            case .roleNotBeneath(let actor, let asked):
                return "角色：\(text("role.\(actor.rawValue)", .zh))无权管理\(text("role.\(asked.rawValue)", .zh))账号（只能管理低于自己的角色）。"
            case .areaNotBelow(let id): return "负责区域：\(id) 不在您所辖区域之下。"
            case .wrongLevel(let role, let level): return "角色：\(text("role.\(role.rawValue)", .zh))不能负责\(text("level.\(level.rawValue)", .zh))级区域。"
            case .notAStaffRole(let role): return "角色：\(text("role.\(role.rawValue)", .zh))不是工作人员角色，居民用手机号登录。"
            case .ownAccount: return "不能修改自己账号的角色、区域或停用自己。"
            }
        case .noSuchAccount(let u): return "没有账号 \(u)。"
        case .passwordTooShort: return "新密码：至少 \(StaffProblem.minimumPasswordLength) 位。"
        case .passwordIsUsername: return "新密码：不能与用户名相同。"
        case .passwordUnchanged: return "新密码：必须与原密码不同。"
        case .passwordsDiffer: return "再次输入新密码：两次输入不一致。"
        case .wrongCurrentPassword: return "当前密码不正确。"
        case .emptyLabel: return "名称：请为令牌命名（如数据来源系统）。"
        case .unknownScope(let s): return "权限范围：“\(s)”不是有效范围（read、scan、ingest:类型或权限表中的权限）。"
        case .scopeBeyondRole(let s, let role): return "权限范围：\(text("role.\(role.rawValue)", .zh))账号无权 \(s)，令牌只能缩小账号权限。"
        case .noRoleHoldsScopes(let s): return "权限范围：没有一个角色同时拥有 \(s.joined(separator: "、"))，请分别生成令牌。"
        case .scopeNeeded: return "权限范围：请填写令牌的用途。"
        case .tokenAreaOutside(let a): return "区域：\(a) 不在该账号管辖范围内，令牌只能缩小范围。"
        case .badExpiry(let e): return "有效天数：“\(e)”不是 1–3650 之间的天数。"
        case .noSuchToken: return "没有这个有效令牌。"
        }
    }
}
