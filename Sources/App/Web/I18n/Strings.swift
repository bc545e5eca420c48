/// Every text a page shows, in Chinese and English. Templates read them as `{{t.key}}`.
enum Strings {
    static let table: [String: (zh: String, en: String)] = [
        "appName": ("Cordon 疫情防控指挥平台", "Cordon epidemic command platform"),
        "signIn": ("登录", "Sign in"),
        "signOut": ("退出", "Sign out"),
        "staffSignIn": ("工作人员登录", "Staff sign-in"),
        "residentSignIn": ("居民登录（手机验证码）", "Residents: sign in with your phone"),
        "username": ("用户名", "User name"),
        "password": ("密码", "Password"),
        "phone": ("手机号", "Phone number"),
        "sendCode": ("发送验证码", "Send code"),
        "code": ("验证码", "Code"),
        "codeSent": ("如果该号码已登记，验证码已发送，5分钟内有效。", "If this number is registered, a code is on its way; it is valid for 5 minutes."),
        "wrongCredentials": ("用户名或密码错误。", "Wrong user name or password."),
        "wrongCode": ("验证码错误或已过期。", "The code is wrong or has expired."),
        "badPhone": ("手机号格式不正确。", "That is not a valid phone number."),
        "role": ("角色", "Role"),
        "jurisdiction": ("管辖范围", "Jurisdiction"),
        "subAreas": ("下级区域", "Areas within"),
        "residents": ("居民", "Residents"),
        "places": ("场所", "Places"),
        "name": ("姓名", "Name"),
        "idNumber": ("证件号码", "ID number"),
        "sex": ("性别", "Sex"),
        "birthDate": ("出生日期", "Birth date"),
        "household": ("户", "Household"),
        "area": ("区域", "Area"),
        "compound": ("小区", "Compound"),
        "address": ("住址", "Address"),
        "members": ("家庭成员", "Household members"),
        "next": ("下一页", "Next page"),
        "myRecord": ("我的信息", "My record"),
        "dependants": ("我代办的家人", "People I hold codes for"),
        "auditNote": ("查看居民信息会记入审计日志。", "Opening a resident's record is written to the audit log."),
        "forbidden": ("超出您的管辖范围，已记入审计日志。", "Outside your jurisdiction; the attempt has been logged."),
        "notFound": ("未找到。", "Not found."),
        "level.city": ("市", "City"),
        "level.district": ("区县", "District"),
        "level.street": ("街道", "Street"),
        "level.community": ("社区", "Community"),
        "level.grid": ("网格", "Grid"),
        "kind.venue": ("公共场所", "Venues"),
        "kind.checkpoint": ("卡口", "Checkpoints"),
        "kind.vehicle": ("交通工具", "Vehicles"),
        "kind.cell": ("基站", "Cells"),
        "kind.compound": ("小区", "Compounds"),
        "kind.pharmacy": ("药店", "Pharmacies"),
        "role.resident": ("居民", "Resident"),
        "role.proxy": ("代办人", "Proxy"),
        "role.checkpoint-operator": ("卡口值守", "Checkpoint operator"),
        "role.grid-worker": ("网格员", "Grid worker"),
        "role.community-officer": ("社区干部", "Community officer"),
        "role.street-officer": ("街道干部", "Street officer"),
        "role.district-officer": ("区县干部", "District officer"),
        "role.epidemiologist": ("流行病学调查员", "Epidemiologist"),
        "role.command-centre": ("指挥中心", "Command centre"),
        "role.data-feed": ("数据接口", "Data feed"),
        "role.admin": ("管理员", "Administrator"),
        "sex.male": ("男", "Male"),
        "sex.female": ("女", "Female"),
        "sex.unknown": ("未知", "Unknown"),
        "checkpointHome": ("扫码核验将在健康码功能上线后开放。", "Scanning opens with the health-code feature."),
        "feedHome": ("数据接口账号使用 API 令牌推送数据。", "Data-feed accounts push data with their API token."),
    ]

    /// The table for one language, as templates consume it.
    static func dictionary(_ lang: Language) -> [String: String] {
        table.mapValues { lang == .zh ? $0.zh : $0.en }
    }

    static func text(_ key: String, _ lang: Language) -> String {
        guard let entry = table[key] else { return key }
        return lang == .zh ? entry.zh : entry.en
    }
}
