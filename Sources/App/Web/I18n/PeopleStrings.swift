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
        "call": ("拨打", "Call"),
        "revealReason": ("查看完整号码的原因", "Why you need the full number"),
        "revealPhone": ("显示完整号码", "Show the full number"),
        "revealAudited": ("每次显示都会记入审计日志。", "Each time it is shown is written to the audit log."),
        "reveal.visit": ("预约上门走访", "Arrange a home visit"),
        "reveal.follow-up": ("隔离随访", "Quarantine follow-up"),
        "reveal.screening": ("排查登记", "Screening"),
        "reveal.help-request": ("回应求助", "Answer a help request"),
        "reveal.emergency": ("紧急情况", "Emergency"),
        "myGridWorker": ("我的网格员", "Your grid worker"),
        "myGridWorkerNote": ("有什么事直接打电话。", "Call if you need anything."),
        "task.verify-registration": ("核实自主申报人员", "Verify a self-declared registration"),
        "task.declaration-conflict": ("申报与数据不符，核实", "A declaration the data contradicts: check"),
        "note.verify-registration.new": ("新登记（自主申报），请入户核实身份和住址。", "New registration (self-declared): verify identity and address at home."),
        "note.verify-registration.claim": ("有人用此身份证号和另一手机号（{0}）申领，请联系本人核实。", "Someone applied with this identity number and another phone ({0}): check with the person."),
        "note.declaration-conflict": ("申报：{0}；数据：{1}", "Declared: {0}; data: {1}"),
        "apply.title": ("申领健康码", "Apply for a health code"),
        "apply.intro": ("未在本市登记的人员（来访、返岗、租住）：验证手机号，如实申报身份、住址、14 天行程和症状，立即获得健康码；网格员将上门核实。", "Not registered in this city (visiting, returning to work, renting)? Prove your phone, declare who you are, where you live, where you have been in the last 14 days and any symptoms, and get a code at once; your grid worker will verify it."),
        "apply.phoneStep": ("验证手机号", "Prove your phone"),
        "apply.declareStep": ("如实申报", "Declare"),
        "apply.phone": ("手机号", "Phone"),
        "apply.code": ("短信验证码", "Code from the SMS"),
        "apply.name": ("姓名", "Name"),
        "apply.idType": ("证件类型", "Document"),
        "apply.idType.resident-id": ("居民身份证", "Resident identity card"),
        "apply.idType.passport": ("护照", "Passport"),
        "apply.idType.other": ("其他证件", "Other document"),
        "apply.idNumber": ("证件号码", "Document number"),
        "apply.compound": ("居住小区", "Compound you live in"),
        "apply.address": ("楼栋单元房号", "Building, unit, room"),
        "apply.addressHint": ("如 3幢2单元201", "e.g. building 3, unit 2, room 201"),
        "apply.travel": ("14 天内行程", "Travel in the last 14 days"),
        "apply.travelHint": ("从外地来（返）的，填写来自地区代码和到达日期；未离开本市的留空。", "If you came from elsewhere, give the region code and the day you arrived; leave empty if you did not leave the city."),
        "apply.fromRegion": ("来自地区代码", "Region code you came from"),
        "apply.arrivedOn": ("到达日期", "Day you arrived"),
        "apply.symptoms": ("症状", "Symptoms"),
        "apply.temperature": ("体温（℃，可不填）", "Temperature (°C, optional)"),
        "apply.truth": ("请如实申报：申报将与交通、检测等数据比对，不符的由网格员核实。", "Declare truthfully: declarations are compared with transport and test data, and what does not match is checked by your grid worker."),
        "apply.submit": ("提交并领取健康码", "Submit and get my code"),
        "apply.codeSent": ("验证码已发送，10 分钟内有效。", "A code is on its way; it is valid for 10 minutes."),
        "apply.claim": ("此证件号码已在本市登记，但手机号不同。为保护本人信息，未做关联；网格员将在一天内联系核实。已登记的手机号可直接登录。", "This document number is already registered with another phone. To protect that person, nothing was linked; your grid worker will contact you within a day. The registered phone can sign in directly."),
        "apply.didYouMean": ("（是否为：{0}？）", " (did you mean {0}?)"),
        "apply.problem.phone": ("手机号：请填写 11 位手机号或 +国家码号码。", "Phone: a mainland mobile number (11 digits) or a +country number."),
        "apply.problem.code": ("短信验证码：不正确或已过期，请重新获取。", "Code from the SMS: wrong or expired; ask for a new one."),
        "apply.problem.throttled": ("尝试次数过多，请于 {0} 后再试。", "Too many attempts: try again after {0}."),
        "apply.problem.name": ("请填写证件上的姓名（最多 50 字）。", "give the name as on the document (at most 50 characters)."),
        "apply.problem.idType": ("请选择证件类型。", "choose the document type."),
        "apply.problem.idNumber": ("不是有效的证件号码（身份证须 18 位、校验位正确、出生日期有效）。", "not a valid number (an identity card number has 18 characters, a valid check character and birth date)."),
        "apply.problem.compound": ("没有名为“{0}”的小区。", "no compound is called “{0}”."),
        "apply.problem.address": ("最多 100 字。", "at most 100 characters."),
        "apply.problem.fromRegion": ("地区代码为字母和数字，最多 12 位。", "a region code of letters and digits (at most 12)."),
        "apply.problem.arrivedOn": ("请填写 14 天内的到达日期。", "the day you arrived, within the last 14 days."),
        "apply.problem.symptoms": ("请从列表中选择症状。", "choose symptoms from the list."),
        "apply.problem.temperature": ("体温不在合理范围（34–43℃）。", "the temperature is not plausible (34–43 °C)."),
        "apply.applied": ("已领取健康码（自主申报，待网格员核实）。", "Your code is ready (self-declared, to be verified by your grid worker)."),
        "selfDeclared": ("自主申报，待核实", "Self-declared, not yet verified"),
        "selfDeclaredConflict": ("申报与数据不符：{0}", "The declaration does not match the data: {0}"),
        "confirmRegistration": ("核实无误", "Verified"),
        "registrationConfirmed": ("已核实。", "Verified."),
        "audit.title": ("审计日志", "Audit log"),
        "audit.person": ("人员编号", "Person id"),
        "audit.account": ("账号用户名", "Account user name"),
        "audit.action": ("操作（可填前缀）", "Action (or its beginning)"),
        "audit.from": ("起始日期", "From"),
        "audit.to": ("截止日期", "To"),
        "audit.export": ("导出 CSV", "Export CSV"),
        "audit.verify": ("校验哈希链", "Verify the chain"),
        "audit.verifyNote": ("逐条核对，与 cordon audit verify 相同。", "Checks every entry, as `cordon audit verify` does."),
        "audit.none": ("没有符合条件的记录。", "No entries match."),
        "audit.intact": ("哈希链完整：{0} 条记录均未被改动。", "The chain holds: none of its {0} entries was changed."),
        "audit.unkeyed": ("（其中前 {0} 条早于密钥链。）", "(the first {0} predate the keyed chain.)"),
        "audit.broken": ("哈希链在第 {0} 条断开：{1}", "The chain breaks at entry {0}: {1}"),
        "audit.badDay": ("日期：请按 YYYY-MM-DD 填写。", "Days: as YYYY-MM-DD."),
        "audit.noAccount": ("账号用户名：没有账号 {0}。", "Account user name: no account {0}."),
        "keys.title": ("密钥与挂失", "Keys and revocations"),
        "keys.signing": ("健康码签名密钥", "Health-code signing keys"),
        "keys.signingNote": ("轮换后，下一把密钥开始签发，当前密钥退役；已签发的码在到期前仍然有效。", "A rotation makes the next key sign and retires the active one; codes it signed stay valid until they expire."),
        "keys.rotate": ("轮换密钥", "Rotate the keys"),
        "keys.rotated": ("已轮换。", "Rotated."),
        "keys.state.next": ("待用", "next"),
        "keys.state.active": ("签发中", "active"),
        "keys.state.retired": ("已退役", "retired"),
        "keys.revocations": ("纸质码挂失", "Paper-code revocations"),
        "keys.revoke": ("挂失作废", "Revoke"),
        "keys.revokedNow": ("已挂失：卡口下次更新信任列表后拒绝此码。", "Revoked: checkpoints refuse the code from their next trust list."),
        "keys.badCode": ("码编号：应为纸质码上印的 32 位编号。", "Code number: the 32 characters printed on the paper code."),
        "keys.noRevocations": ("暂无挂失。", "No revocations."),
        "task.confirm-proxy": ("确认代办关系", "Confirm a proxy"),
        "task.help-request": ("群众求助或反映", "A help request or report"),
        "note.confirm-proxy": ("有居民申请为此人代办健康码（{0}），请核实后在其页面确认。", "A resident asks to hold this person's codes ({0}): check and confirm on their page."),
        "proxy.title": ("为家人代办健康码", "Hold codes for a family member"),
        "proxy.help": ("为没有手机的老人、孩子代办：填写其身份证号，网格员核实后生效。", "For an elderly relative or a child without a phone: give their identity number; it takes effect when the grid worker has checked."),
        "proxy.idNumber": ("对方身份证号", "Their identity number"),
        "proxy.relation": ("关系", "Relation"),
        "proxy.relation.child": ("子女", "child"),
        "proxy.relation.parent": ("父母", "parent"),
        "proxy.relation.spouse": ("配偶", "spouse"),
        "proxy.relation.relative": ("其他亲属", "relative"),
        "proxy.relation.carer": ("照护人", "carer"),
        "proxy.submit": ("提交申请", "Ask"),
        "proxy.requested": ("申请已提交：对方所在网格核实后生效。", "Asked: it takes effect when their grid has checked."),
        "proxy.remove": ("不再代办", "Stop holding their codes"),
        "proxy.removed": ("已解除代办。", "No longer a proxy."),
        "proxy.confirmed": ("已确认代办关系。", "Proxy confirmed."),
        "proxy.rejected": ("已驳回代办申请。", "Proxy request rejected."),
        "proxy.linked": ("已登记代办人。", "Proxy registered."),
        "proxy.notPending": ("此申请已处理。", "This request was already decided."),
        "proxy.pending": ("代办申请", "Proxy requests"),
        "proxy.proxies": ("代办人", "Proxies"),
        "proxy.confirm": ("确认", "Confirm"),
        "proxy.reject": ("驳回", "Reject"),
        "proxy.counter": ("窗口登记代办人（按手机号）", "Register a proxy at the counter (by phone)"),
        "proxy.counterSubmit": ("登记", "Register"),
        "proxy.problem.idNumber": ("对方身份证号：不是有效的 18 位身份证号。", "Their identity number: not a valid 18-character number."),
        "proxy.problem.relation": ("关系：请从列表中选择。", "Relation: choose one from the list."),
        "proxy.problem.phone": ("手机号：没有使用此号码的登记居民。", "Phone: no registered resident has this number."),
        "proxy.problem.own": ("不能为自己代办。", "You cannot be your own proxy."),
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
