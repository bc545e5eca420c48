import Domain
import Foundation

/// Computes a person's colour from their facts by the profile's colour rules (DESIGN §4): a case is
/// red; a household, close or transport contact is red for `quarantineDays` from the last exposure,
/// until the daily check-ins and a negative test are done; a secondary contact, a companion, an
/// arrival from a high-risk region and declared symptoms are yellow for `yellowDays` and their
/// check-ins. An approved override, and nothing else, replaces the computed colour while it lasts.
///
/// Every reason carries its rule id and facts; the status carries the profile version.
public struct StatusEngine: Sendable {
    public let rules: ColourRules
    public let profileVersion: Int

    public init(rules: ColourRules, profileVersion: Int) {
        self.rules = rules
        self.profileVersion = profileVersion
    }

    public init(profile: OutbreakProfile) {
        self.init(rules: profile.colours, profileVersion: profile.version)
    }

    public func status(_ f: PersonFacts, at now: Date) -> HealthStatus {
        var reasons: [StatusReason] = []
        var actions: [RequiredAction] = []

        if let c = f.caseFacts, c.firstPositiveSample <= now {
            reasons.append(
                StatusReason(
                    rule: c.status == .confirmed ? "case.confirmed" : "case.suspected", colour: .red,
                    facts: ["sampledAt": Timestamp.format(c.firstPositiveSample)], until: nil))
        }

        // Quarantine counts from the last exposure among all red-making contacts.
        let known = f.exposures.filter { $0.lastExposure <= now }
        if let last = known.filter(\.isRed).max(by: { $0.lastExposure < $1.lastExposure }) {
            let q = period(from: last.lastExposure, days: rules.quarantineDays, checkIns: rules.quarantineCheckIns,
                needsTest: rules.quarantineNeedsNegativeTest, facts: f, now: now)
            if q.active {
                reasons.append(StatusReason(rule: "contact.\(last.category.rawValue)", colour: .red, facts: exposureFacts(last), until: q.until))
                actions += q.actions
            }
        }
        if let last = known.filter({ !$0.isRed }).max(by: { $0.lastExposure < $1.lastExposure }) {
            let y = period(from: last.lastExposure, days: rules.yellowDays, checkIns: rules.yellowCheckIns, needsTest: false, facts: f, now: now)
            if y.active {
                reasons.append(StatusReason(rule: "contact.\(last.category.rawValue)", colour: .yellow, facts: exposureFacts(last), until: y.until))
                actions += y.actions
            }
        }

        let window = Double(rules.arrivalWindowDays) * 86_400
        let risky = Set(rules.highRiskRegions)
        if let arrival = f.arrivals.filter({ risky.contains($0.from) && $0.arrivedAt <= now && now.timeIntervalSince($0.arrivedAt) < window })
            .max(by: { $0.arrivedAt < $1.arrivedAt })
        {
            let y = period(from: arrival.arrivedAt, days: rules.yellowDays, checkIns: rules.yellowCheckIns, needsTest: false, facts: f, now: now)
            if y.active {
                reasons.append(
                    StatusReason(
                        rule: "arrival.high-risk", colour: .yellow,
                        facts: ["arrival": arrival.id, "from": arrival.from, "arrivedAt": Timestamp.format(arrival.arrivedAt)], until: y.until))
                actions += y.actions
            }
        }

        if let symptom = f.checkIns.filter({ $0.at <= now && !$0.isNormal(feverCelsius: rules.feverCelsius) }).max(by: { $0.at < $1.at }) {
            let y = period(from: symptom.at, days: rules.yellowDays, checkIns: rules.yellowCheckIns, needsTest: false, facts: f, now: now)
            if y.active {
                var facts = ["declaredAt": Timestamp.format(symptom.at)]
                if let t = symptom.temperature { facts["temperature"] = String(format: "%.1f", t) }
                if !symptom.symptoms.isEmpty { facts["symptoms"] = symptom.symptoms.joined(separator: ",") }
                // Found at a door-to-door visit or a follow-up: the visit is the reason, and says so.
                if symptom.by != f.person { facts["reportedBy"] = symptom.by }
                reasons.append(StatusReason(rule: "symptoms", colour: .yellow, facts: facts, until: y.until))
                actions += y.actions
            }
        }

        // A case is released by the epidemiologist, not by check-ins: their contact actions do not apply.
        if f.caseFacts != nil && reasons.first?.rule.hasPrefix("case.") == true { actions = [] }
        var colour = reasons.map(\.colour).max() ?? .green
        var until = Self.until(of: reasons.filter { $0.colour == colour })
        if let o = f.overrides.filter({ $0.from <= now && now < $0.until }).max(by: { $0.from < $1.from }) {
            reasons.insert(
                StatusReason(
                    rule: "override", colour: o.colour,
                    facts: ["override": o.id, "legalBasis": o.legalBasis, "proposer": o.proposer, "approver": o.approver], until: o.until), at: 0)
            colour = o.colour
            until = o.until
        }
        return HealthStatus(
            person: f.person, colour: colour, reasons: reasons, until: colour == .green ? nil : until, actions: Self.merged(actions),
            profileVersion: profileVersion, computedAt: now)
    }

    /// A red or yellow period: active until its days have passed, its normal check-ins (one a day,
    /// from its first day) are done and, for quarantine, a negative test was taken near its end. A
    /// missed check-in extends it by a day.
    func period(from start: Date, days: Int, checkIns needed: Int, needsTest: Bool, facts: PersonFacts, now: Date)
        -> (active: Bool, until: Date, actions: [RequiredAction])
    {
        let end = start.addingTimeInterval(Double(days) * 86_400)
        let firstDay = day(start)
        let normalDays = Set(
            facts.checkIns.filter { $0.at <= now && day($0.at) >= firstDay && $0.isNormal(feverCelsius: rules.feverCelsius) }.map { day($0.at) })
        let done = normalDays.count
        let testFrom = end.addingTimeInterval(-Double(rules.testWithinLastDays) * 86_400)
        let tested = !needsTest || facts.negativeTests.contains { $0 >= testFrom && $0 <= now }
        var actions: [RequiredAction] = []
        if done < needed { actions.append(.checkIns(done: done, needed: needed)) }
        if !tested { actions.append(.negativeTest(from: testFrom)) }
        // Each missing check-in needs a day of its own, today's included if not yet done.
        let remaining = needed - done
        let today = dayStart(day(now))
        let byCheckIns = remaining > 0 ? today.addingTimeInterval(Double(remaining - (normalDays.contains(day(now)) ? 0 : 1) + 1) * 86_400) : end
        let until = max(end, byCheckIns)
        return (now < end || done < needed || !tested, until, actions)
    }

    /// The calendar day of an instant in the profile's time zone.
    func day(_ date: Date) -> Int {
        Int(((date.timeIntervalSince1970 + Double(rules.dayOffsetMinutes) * 60) / 86_400).rounded(.down))
    }

    func dayStart(_ day: Int) -> Date {
        Date(timeIntervalSince1970: Double(day) * 86_400 - Double(rules.dayOffsetMinutes) * 60)
    }

    func exposureFacts(_ e: ContactExposure) -> [String: String] {
        var facts = ["case": e.caseID, "category": e.category.rawValue, "lastExposure": Timestamp.format(e.lastExposure)]
        if let place = e.place { facts["place"] = place }
        return facts
    }

    /// The latest end among reasons of the same colour; nil when one of them has none (a case).
    static func until(of reasons: [StatusReason]) -> Date? {
        var latest: Date? = nil
        for r in reasons {
            guard let u = r.until else { return nil }
            latest = max(latest ?? u, u)
        }
        return latest
    }

    /// The strictest of each kind of action.
    static func merged(_ actions: [RequiredAction]) -> [RequiredAction] {
        var checkIns: (done: Int, needed: Int)? = nil
        var test: Date? = nil
        for a in actions {
            switch a {
            case .checkIns(let done, let needed):
                if checkIns == nil || needed - done > (checkIns?.needed ?? 0) - (checkIns?.done ?? 0) { checkIns = (done, needed) }
            case .negativeTest(let from):
                test = max(test ?? from, from)
            }
        }
        return (checkIns.map { [RequiredAction.checkIns(done: $0.done, needed: $0.needed)] } ?? []) + (test.map { [.negativeTest(from: $0)] } ?? [])
    }
}
