extension Strings {
    /// Enterprises back to work (复工复产) and their employees.
    static let enterpriseTable: [String: (zh: String, en: String)] = [
        "enterprises_title": ("复工复产企业", "Enterprises back to work"),
        "enterprises_intro": (
            "企业登记后由所在区审核；通过后企业获得只能查看本企业的账号。",
            "An enterprise registers and its district decides; once approved it gets an account that sees that enterprise and nothing else."
        ),
        "enterprises_register": ("登记企业", "Register an enterprise"),
        "enterprises_registerSelf": ("企业复工登记", "Register your enterprise to return to work"),
        "enterprises_registerSelfIntro": (
            "请如实填写。所在区审核通过后，联系人手机会收到企业账号的登录名，初始密码向审核的区防控办领取。",
            "Fill in what is true. When the district approves, the contact's phone is sent the account's user name; collect the one-time password from the district office."
        ),
        "enterprises_registered": ("已登记，等待所在区审核。", "Registered: waiting for the district's decision."),
        "enterprises_name": ("企业名称", "Enterprise name"),
        "enterprises_creditCode": ("统一社会信用代码", "Unified social credit code"),
        "enterprises_address": ("经营地址", "Address"),
        "enterprises_area": ("所在社区（名称或编号）", "Community (name or code)"),
        "enterprises_contactName": ("联系人", "Contact person"),
        "enterprises_contactPhone": ("联系人手机", "Contact's mobile"),
        "enterprises_submit": ("提交登记", "Register"),
        "enterprises_none": ("辖区内还没有登记的企业。", "No enterprise is registered in your area yet."),
        "enterprises_state": ("状态", "State"),
        "enterprises_state_pending": ("待审核", "Waiting for the district"),
        "enterprises_state_approved": ("已通过", "Approved"),
        "enterprises_state_refused": ("未通过", "Refused"),
        "enterprises_filter_all": ("全部", "All"),
        "enterprises_decide": ("审核", "Decision"),
        "enterprises_approve": ("通过", "Approve"),
        "enterprises_refuse": ("不通过", "Refuse"),
        "enterprises_reason": ("理由（不通过时必填）", "Reason (required to refuse)"),
        "enterprises_decidedBy": ("审核人", "Decided by"),
        "enterprises_registeredBy": ("登记人", "Registered by"),
        "enterprises_registeredSelf": ("企业自行登记", "the enterprise itself"),
        "enterprises_approvedAccount": (
            "已通过。企业账号 {0} 的初始密码（只显示这一次，请当面交给联系人）：",
            "Approved. The one-time password of the enterprise's account {0} (shown only this once; hand it to the contact in person):"
        ),
        "enterprises_refusedNote": ("已记录不通过及理由，并短信告知联系人。", "Refused with the reason; the contact was told by SMS."),
        "enterprises_problem_missing": ("{0}：必填。", "{0}: required."),
        "enterprises_problem_tooLong": ("{0}：{1} 个字，最多 {2} 个。", "{0}: {1} characters, at most {2}."),
        "enterprises_problem_creditLength": ("统一社会信用代码：{0} 位，应为 18 位。", "Unified social credit code: {0} characters, it has 18."),
        "enterprises_problem_creditCharacter": (
            "统一社会信用代码：第 {0} 位“{1}”不是信用代码使用的字符（数字和除 I、O、S、V、Z 外的大写字母）。",
            "Unified social credit code: character {0} (\"{1}\") is not one a credit code uses (digits and capitals except I, O, S, V, Z)."
        ),
        "enterprises_problem_creditCheck": (
            "统一社会信用代码：校验位应为 {0}，填写的是 {1}，请核对是否输错。",
            "Unified social credit code: the check character should be {0}, it is {1}; a character is mistyped."
        ),
        "enterprises_problem_phone": ("联系人手机：“{0}”不是手机号码。", "Contact's mobile: \"{0}\" is not a mobile number."),
        "enterprises_problem_unknownArea": ("所在社区：没有名为“{0}”的区域。", "Community: there is no area \"{0}\"."),
        "enterprises_problem_areaOutside": ("所在社区：“{0}”不在您的辖区内。", "Community: \"{0}\" is outside your area."),
        "enterprises_problem_registered": ("统一社会信用代码：{0} 已经登记过。", "Unified social credit code: {0} is already registered."),
        "enterprises_problem_reason": ("理由：不通过时请写明理由，企业据此修改。", "Reason: say why it is refused, so the enterprise can mend it."),
        "enterprises_problem_notPending": ("该企业已审核过。", "This enterprise was already decided."),
        "employees_title": ("本企业员工", "Our employees"),
        "employees_intro": (
            "只显示员工的码色和今天能否上岗，不显示原因、行程或健康信息。员工本人同意后才显示。",
            "You see each employee's colour and whether they may come to work today, never why, where they went or their health. Only once they agreed."
        ),
        "employees_add": ("添加员工", "Add employees"),
        "employees_addHelp": (
            "每行一人：身份证号,手机号（第一行为表头 idNumber,phone）。可选择 CSV 文件。员工会收到短信，在自己的页面同意后才会显示。",
            "One person a line: identity number,phone (first line the header idNumber,phone). You may pick a CSV file. Each person is asked by SMS and shows once they agree on their own page."
        ),
        "employees_csv": ("员工名单", "Employee list"),
        "employees_file": ("CSV 文件", "CSV file"),
        "employees_submit": ("添加", "Add"),
        "employees_added": ("已请 {0} 人确认；{1} 人此前已添加。", "{0} people asked to confirm; {1} already added."),
        "employees_problems": ("以下行未添加：", "These lines were not added:"),
        "employees_line": ("第 {0} 行", "Line {0}"),
        "employees_none": ("还没有员工。", "No employees yet."),
        "employees_name": ("姓名", "Name"),
        "employees_colour": ("码色", "Colour"),
        "employees_fit": ("今天能否上岗", "May work today"),
        "employees_fitYes": ("可以", "Yes"),
        "employees_fitNo": ("不可以", "No"),
        "employees_awaiting": ("等待本人同意", "Waiting for their consent"),
        "employees_state": ("状态", "State"),
        "employment_requests": ("企业员工登记", "Employer requests"),
        "employment_requestText": (
            "{0} 申请将您登记为本企业员工。同意后，该企业只能看到您的码色和今天能否上岗。",
            "{0} asks to list you as an employee. If you agree, it sees only your code colour and whether you may work today."
        ),
        "employment_agree": ("同意", "Agree"),
        "employment_decline": ("拒绝", "Decline"),
        "employment_agreed": ("已同意。", "Agreed."),
        "employment_declined": ("已拒绝。", "Declined."),
        "enterpriseHome": ("企业账号：在“本企业员工”添加员工并查看今天能否上岗。", "Enterprise account: add your employees and see who may work today under \"Our employees\"."),
        "role.enterprise-manager": ("企业管理员", "Enterprise manager"),
        "role.enterprise-health": ("企业防疫专员", "Enterprise health officer"),
    ]
}
