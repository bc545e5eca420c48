import Domain
import Foundation

/// Texts of the supplies pages: pharmacies and stock, reservation rounds, pickups, the donation
/// ledger and shipments down the city.
extension Strings {
    static let supplyTable: [String: (zh: String, en: String)] = [
        "sup_pharmacies": ("药店口罩库存", "Pharmacies and stock"),
        "sup_pharmaciesIntro": ("各药店自行更新库存，开放数据最多延迟 30 秒。", "Each pharmacy updates its own stock; the open data is at most 30 seconds behind."),
        "sup_rounds": ("口罩预约摇号", "Mask reservation rounds"),
        "sup_roundsIntro": (
            "摇号开始前公布随机种子的 SHA-256 承诺值；结束后公布所有参与凭证（不含身份信息）和种子，任何人都能按公开规则复算中签名单。",
            "Each round publishes the SHA-256 commitment of its secret seed before it opens; when it closes, every entry's opaque token (no identity) and then the seed, so anyone can recompute the winners by the published rule."
        ),
        "sup_donations": ("捐赠款物公示", "Donation ledger"),
        "sup_donationsIntro": (
            "每笔捐赠和拨付由一人录入、另一人审核后上链，精确到分；每条记录含上一条的哈希，任何修改都会被发现；更正以新记录登记，从不修改旧记录。",
            "Every donation and allocation is entered by one person and approved by another, to the cent; each line carries the previous line's hash, so any edit shows; corrections are new lines, old ones are never changed."
        ),
        "sup_product": ("品种", "Product"),
        "sup_units": ("数量", "Units"),
        "sup_stock": ("库存", "Stock"),
        "sup_updated": ("更新于", "Updated"),
        "sup_never": ("尚未上报", "not reported yet"),
        "sup_address": ("地址", "Address"),
        "sup_pharmacy": ("药店", "Pharmacy"),
        "sup_noPharmacies": ("暂无药店。", "No pharmacies yet."),
        "sup_mapNote": ("地图数据来自本系统开放数据，无需联网加载外部资源。", "The map draws on this system's open data and loads nothing from outside."),
        "sup_openData": ("开放数据", "Open data"),
        "sup_round": ("预约轮次", "Round"),
        "sup_opensAt": ("开始时间", "Opens"),
        "sup_closesAt": ("截止时间", "Closes"),
        "sup_perEntry": ("每人数量", "Units per winner"),
        "sup_totalUnits": ("投放总量", "Units offered"),
        "sup_entries": ("参与人数", "Entries"),
        "sup_winners": ("中签人数", "Winners"),
        "sup_commitment": ("种子承诺值 SHA-256", "Seed commitment (SHA-256)"),
        "sup_seed": ("公布的种子", "Revealed seed"),
        "sup_seedHidden": ("摇号结束后公布", "revealed when the round is drawn"),
        "sup_state": ("状态", "State"),
        "sup_state_open": ("进行中", "Taking entries"),
        "sup_state_scheduled": ("未开始", "Not open yet"),
        "sup_state_closed": ("已截止，待摇号", "Closed, to be drawn"),
        "sup_state_drawn": ("已摇号", "Drawn"),
        "sup_noRounds": ("暂无预约轮次。", "No rounds yet."),
        "sup_verify": ("自行核验", "Check it yourself"),
        "sup_verifyHelp": (
            "下载本轮 JSON，用下面几行 Python 即可复算中签名单（与本页公布的一致才说明摇号未被操纵）：",
            "Download this round's JSON and recompute the winners with these few lines of Python (they must match the list published here):"
        ),
        "sup_returned": ("含上轮未领取退回", "including uncollected units returned from earlier rounds"),
        "sup_yourEntries": ("我的参与记录", "My entries"),
        "sup_token": ("参与凭证", "Entry token"),
        "sup_won": ("中签", "Won"),
        "sup_lost": ("未中签", "Not drawn"),
        "sup_pending": ("待摇号", "Awaiting the draw"),
        "sup_masksTitle": ("口罩预约", "Book masks"),
        "sup_masksIntro": (
            "每个身份证号每轮只能参与一次，按配额限购；中签后凭取货码到所选药店领取。",
            "One entry per identity number per round, within your quota; winners collect at the chosen pharmacy with a pickup code."
        ),
        "sup_quota": ("配额：每 {1} 天 {0} 个", "Quota: {0} units per {1} days"),
        "sup_enterFor": ("为谁预约", "For"),
        "sup_enter": ("参与预约", "Enter"),
        "sup_entered": ("已参与，凭证 {0}", "Entered; your token is {0}"),
        "sup_openRounds": ("正在预约", "Rounds taking entries"),
        "sup_noOpenRounds": ("目前没有正在进行的预约。", "No round is taking entries now."),
        "sup_allocations": ("我的中签与取货", "My allocations"),
        "sup_pickupBy": ("请在 {0} 前到 {1} 领取", "Collect at {1} by {0}"),
        "sup_showCode": ("出示取货码", "Show pickup code"),
        "sup_collected": ("已领取", "Collected"),
        "sup_expired": ("已过期，退回下一轮", "Expired; returned to the next round"),
        "sup_pickupTitle": ("取货码", "Pickup code"),
        "sup_pickupNote": ("仅在所选药店有效，只能使用一次。", "Valid at the chosen pharmacy only, and once."),
        "sup_pharmacyTitle": ("本药店", "My pharmacy"),
        "sup_setStock": ("更新库存", "Update stock"),
        "sup_stockSaved": ("库存已更新。", "Stock updated."),
        "sup_scan": ("扫描取货码", "Scan a pickup code"),
        "sup_scanHelp": ("用扫码枪扫描或粘贴取货码文字（以 CDP1: 开头）。", "Scan with a reader or paste the code's text (it starts with CDP1:)."),
        "sup_scanButton": ("核验并发放", "Check and hand over"),
        "sup_handOver": ("请发放 {0} {1}（中签凭证 {2}…）", "Hand over {0} × {1} (entry {2}…)"),
        "sup_manageTitle": ("物资保障", "Supplies"),
        "sup_openAccount": ("开通药店账号", "Open the pharmacy's account"),
        "sup_username": ("用户名", "User name"),
        "sup_displayName": ("联系人姓名", "Contact name"),
        "sup_accountIssued": ("药店账号已开通：{0}，一次性密码 {1}（仅显示一次）", "Pharmacy account opened: {0}, one-time password {1} (shown once)"),
        "sup_newRound": ("新建预约轮次", "New round"),
        "sup_area": ("区域", "Area"),
        "sup_perPharmacy": ("每家药店投放", "Units at each pharmacy"),
        "sup_areaTotal": ("或区域投放总量（平均分配）", "Or a total for the area (shared evenly)"),
        "sup_create": ("发布", "Publish"),
        "sup_drawNow": ("立即摇号", "Draw now"),
        "sup_drawn": ("已摇号。", "Drawn."),
        "sup_priority": ("优先人群登记", "Priority groups"),
        "sup_priorityHelp": ("医护人员：每行一个身份证号。独居老人由系统按年龄和户籍自动识别。", "Medical staff: one identity number a line. Elderly people living alone are recognised from age and household."),
        "sup_priorityAdd": ("登记", "Add"),
        "sup_group": ("优先人群", "Priority group"),
        "sup_priorityAdded": ("已登记 {0} 人。", "{0} people added."),
        "sup_group_medical": ("医护人员", "Medical staff"),
        "sup_shipments": ("物资下拨与签收", "Shipments"),
        "sup_areaStocks": ("各级物资存量", "Supplies held by level"),
        "sup_onHand": ("现有", "On hand"),
        "sup_inTransit": ("在途", "On the way"),
        "sup_received": ("已签收", "Received"),
        "sup_sentOn": ("已下拨", "Sent on"),
        "sup_from": ("从", "From"),
        "sup_to": ("下拨到", "To"),
        "sup_item": ("物资", "Item"),
        "sup_quantity": ("数量", "Quantity"),
        "sup_send": ("下拨", "Send"),
        "sup_receive": ("确认签收", "Confirm receipt"),
        "sup_ship_sent": ("在途", "On the way"),
        "sup_ship_received": ("已签收", "Received"),
        "sup_cityLedger": ("市捐赠台账", "the city's ledger"),
        "sup_noShipments": ("暂无下拨记录。", "No shipments yet."),
        "led_title": ("捐赠台账录入与审核", "Ledger entry and approval"),
        "led_kind": ("类型", "Kind"),
        "led_kind_donation": ("接收捐赠", "Donation"),
        "led_kind_allocation": ("拨付", "Allocation"),
        "led_kind_correction": ("更正", "Correction"),
        "led_date": ("日期", "Date"),
        "led_item": ("物资（现金填 cash）", "Item (cash for money)"),
        "led_amount": ("金额（元）或数量", "Amount (yuan) or quantity"),
        "led_unit": ("单位", "Unit"),
        "led_donor": ("捐赠方（或 anonymous 匿名）", "Donor (or anonymous)"),
        "led_recipient": ("接收方", "Recipient"),
        "led_recipientArea": ("接收区域编号（物资下拨）", "Recipient area id (goods shipped down)"),
        "led_purpose": ("用途", "Purpose"),
        "led_corrects": ("更正第几条", "Corrects entry no."),
        "led_note": ("备注", "Note"),
        "led_submit": ("提交审核", "Submit for approval"),
        "led_entered": ("已提交，等待另一人审核。", "Entered; waiting for a second person to approve."),
        "led_pendingTitle": ("待审核", "Waiting for approval"),
        "led_noPending": ("没有待审核的记录。", "Nothing waits for approval."),
        "led_approve": ("审核通过", "Approve"),
        "led_reject": ("退回", "Reject"),
        "led_rejectReason": ("退回理由", "Why it is rejected"),
        "led_approved": ("已上链：第 {0} 条。", "Sealed as entry {0}."),
        "led_enteredBy": ("录入", "Entered by"),
        "led_approvedBy": ("审核", "Approved by"),
        "led_seq": ("序号", "No."),
        "led_hash": ("哈希", "Hash"),
        "led_balances": ("收支结余", "Balances"),
        "led_receivedTotal": ("接收", "Received"),
        "led_allocatedTotal": ("拨付", "Allocated"),
        "led_balance": ("结余", "Balance"),
        "led_byDonor": ("按捐赠方", "By donor"),
        "led_byRecipient": ("按接收方", "By recipient"),
        "led_entries": ("台账明细（最新在前）", "Entries (latest first)"),
        "led_heads": ("每日链头（可自行记录，日后核对）", "The chain's head each day (note it, check it later)"),
        "led_anonymous": ("匿名", "anonymous"),
        "led_none": ("台账暂无记录。", "The ledger is empty."),
        "led_verifyHelp": ("下载 JSON，用几行 Python 即可核验整条链：", "Download the JSON and check the whole chain with a few lines of Python:"),
        "led_correctsNote": ("更正第 {0} 条", "corrects entry {0}"),
        "role.pharmacist": ("药店", "Pharmacy"),
        "sup_pharmacyHome": ("药店账号：更新本店库存，扫描中签者的取货码。", "A pharmacy's account: keep its stock, scan winners' pickup codes."),
        "led_home": ("捐赠台账员：录入捐赠与拨付，审核同事录入的记录。", "The ledger office: enter donations and allocations, approve what a colleague entered."),
        "role.ledger-officer": ("捐赠台账员", "Ledger officer"),
    ]

    /// A product's name from the profile in the reader's language (its id when the profile no longer has it).
    static func product(_ id: String, _ rules: SupplyRules, _ lang: Language) -> String {
        rules.product(id).map { lang == .zh ? $0.zh : $0.en } ?? id
    }

    /// A pharmacy's stock in words: `Adult masks 120 · Child masks 0`.
    static func stock(_ stock: [PharmacyStock], _ rules: SupplyRules, _ lang: Language) -> String {
        stock.map { "\(product($0.product, rules, lang)) \($0.units)" }.joined(separator: " · ")
    }

    /// Cents as yuan: `¥1,234.56`.
    static func yuan(_ cents: Int) -> String {
        let sign = cents < 0 ? "-" : ""
        let c = abs(cents)
        let grouped = String(c / 100).reversed().enumerated().map { $0.offset > 0 && $0.offset % 3 == 0 ? ",\($0.element)" : "\($0.element)" }.reversed().joined()
        return "\(sign)¥\(grouped).\(c % 100 < 10 ? "0" : "")\(c % 100)"
    }

    /// An amount as people read it: yuan for cash, units (with their unit) for goods.
    static func amount(_ n: Int, item: String, unit: String?) -> String {
        item == LedgerEntry.cash ? yuan(n) : "\(n)" + (unit.map { " " + $0 } ?? "")
    }

    /// A supplies refusal in the reader's language, naming the field.
    static func supplyWords(_ error: any Error, _ lang: Language) -> String? {
        let zh = lang == .zh
        switch error {
        case let r as Rationing.Refusal:
            switch r {
            case .roundNotOpen: return zh ? "本轮预约当前不接受参与。" : "This round is not taking entries."
            case .alreadyEntered: return zh ? "此人已参与本轮预约（每个身份证号每轮一次）。" : "This person has already entered this round (one entry per identity number)."
            case .unknownPharmacy: return zh ? "药店：所选药店不在本轮投放范围内。" : "Pharmacy: the pharmacy chosen takes no part in this round."
            case .quotaReached(let q, let days, let used):
                return zh ? "配额已满：\(days) 天内已有 \(used) 个，上限 \(q) 个。" : "Quota reached: \(used) of \(q) units in \(days) days."
            case .otherDay(let odd):
                return zh
                    ? (odd ? "今天（单日）供身份证号末位为单数者预约。" : "今天（双日）供身份证号末位为双数（含 X）者预约。")
                    : (odd ? "Today (an odd day) is for identity numbers ending in an odd digit." : "Today (an even day) is for identity numbers ending in an even digit or X.")
            }
        case let p as PickupRefusal:
            switch p {
            case .unknown: return zh ? "取货码无效：不是本系统签发的。" : "This pickup code is not one Cordon issued."
            case .alreadyCollected(let at): return zh ? "该取货码已于 \(Timestamp.format(at)) 使用过，不能重复领取。" : "Already collected (\(Timestamp.format(at))): a code is used once."
            case .otherPharmacy: return zh ? "该取货码属于其他药店，请到所选药店领取。" : "This code is for another pharmacy: collect at the one chosen."
            case .expired: return zh ? "该取货码已过期，名额已退回下一轮。" : "This code has expired; its units went back to the next round."
            case .outOfStock(let product, let n): return zh ? "\(product) 库存不足 \(n)。" : "Stock of \(product) is below \(n)."
            }
        case let p as StockProblem:
            switch p {
            case .unknownProduct(let x): return zh ? "品种：\(x) 不在配置的品种中。" : "Product: \(x) is not a product of the profile."
            case .negative(let x, _): return zh ? "\(x) 数量：必须是不小于 0 的整数。" : "Units of \(x): a whole number from 0."
            case .notAPharmacy(let x): return zh ? "药店：\(x) 不是药店。" : "Pharmacy: \(x) is not a pharmacy."
            }
        case let p as MaskRoundService.Problem:
            let field = Strings.text("sup_" + p.field, lang)
            switch p {
            case .notClosed: return zh ? "本轮尚未截止，不能摇号。" : "The round still takes entries: it cannot be drawn yet."
            case .noPharmacies: return zh ? "区域：该区域没有药店。" : "Area: it has no pharmacies."
            case .units: return zh ? "投放数量：填写每家药店数量或区域总量，二选一，至少为 1。" : "Units: give the units at each pharmacy or a total for the area (one of the two, from 1)."
            default: return zh ? "\(field)：填写有误。" : "\(field): not valid."
            }
        case let p as LedgerForm.Problems:
            return p.all.map { problem in
                let field = Strings.text("led_" + problem.field, lang)
                switch problem {
                case .kind: return zh ? "\(field)：请选择接收捐赠、拨付或更正。" : "\(field): choose donation, allocation or correction."
                case .date: return zh ? "\(field)：格式为 YYYY-MM-DD。" : "\(field): YYYY-MM-DD."
                case .item: return zh ? "\(field)：必填（现金填 cash）。" : "\(field): required (cash for money)."
                case .amount: return zh ? "\(field)：现金为元（最多两位小数），物资为正整数。" : "\(field): cash in yuan (at most two decimals), goods in whole units from 1."
                case .donor: return zh ? "\(field)：必填，或填 anonymous。" : "\(field): required, or anonymous."
                case .recipient: return zh ? "\(field)：请填写接收方或接收区域（区域须存在）。" : "\(field): name who received it, or an existing area."
                case .corrects: return zh ? "\(field)：须为已有记录的序号。" : "\(field): the number of an existing entry."
                }
            }.joined(separator: " ")
        case let r as LedgerRules.Refusal:
            switch r {
            case .notPending: return zh ? "该记录已处理。" : "This line was already decided."
            case .samePerson: return zh ? "审核人不能是录入人（双人复核）。" : "The approver cannot be the person who entered it (two-person rule)."
            case .unknownEntry(let s): return zh ? "更正：没有第 \(s) 条记录。" : "Corrects: there is no entry \(s)."
            case .correctsCorrection(let s): return zh ? "更正：第 \(s) 条本身是更正，请更正原记录。" : "Corrects: entry \(s) is a correction; name the original entry."
            case .otherItem(let e, _): return zh ? "物资：被更正的记录是 \(e)。" : "Item: the entry corrected is of \(e)."
            case .negativeBalance(let item, let b):
                return zh ? "金额：审核后 \(item) 结余将为 \(b)，拨付不能超过接收。" : "Amount: \(item) would stand at \(b): no more can go out than came in."
            }
        case let s as SupplyShortfall:
            return zh ? "数量：\(s.item) 现有 \(s.onHand)，不足 \(s.asked)。" : "Quantity: \(s.onHand) of \(s.item) held, \(s.asked) asked."
        case let p as SupplyShipmentService.Problem:
            switch p {
            case .area(let a): return zh ? "区域：\(a) 不存在。" : "Area: \(a) does not exist."
            case .notBelow(let a): return zh ? "下拨到：\(a) 不在下拨单位的下级。" : "To: \(a) is not below the area sending."
            case .quantity: return zh ? "数量：必须是正整数。" : "Quantity: a whole number from 1."
            case .item: return zh ? "物资：必填。" : "Item: required."
            }
        default: return nil
        }
    }
}
