import Foundation

/// Checks a proposed outbreak profile and says what it changes, before anyone saves it.
public enum ProfileReview {
    /// Every value out of its sensible range, by key path; empty when the profile can be used.
    public static func problems(_ p: OutbreakProfile) -> [String] {
        var out: [String] = []
        func range(_ key: String, _ value: Int, _ r: ClosedRange<Int>) {
            if !r.contains(value) { out.append("\(key): \(value) is outside \(r.lowerBound)…\(r.upperBound)") }
        }
        range("retentionDays", p.retentionDays, 1...90)
        range("tracing.windowDaysBeforeOnset", p.tracing.windowDaysBeforeOnset, 0...21)
        range("tracing.closeContactMinutes", p.tracing.closeContactMinutes, 1...1440)
        range("tracing.transportSeatRows", p.tracing.transportSeatRows, 0...50)
        range("tracing.transportMinimumMinutes", p.tracing.transportMinimumMinutes, 0...1440)
        range("tracing.companionMinutes", p.tracing.companionMinutes, 1...1440)
        if p.tracing.closeContactPlaceKinds.isEmpty { out.append("tracing.closeContactPlaceKinds: at least one kind of place") }
        range("colours.quarantineDays", p.colours.quarantineDays, 1...60)
        range("colours.quarantineCheckIns", p.colours.quarantineCheckIns, 0...60)
        range("colours.testWithinLastDays", p.colours.testWithinLastDays, 0...14)
        range("colours.yellowDays", p.colours.yellowDays, 1...60)
        range("colours.yellowCheckIns", p.colours.yellowCheckIns, 0...60)
        range("colours.arrivalWindowDays", p.colours.arrivalWindowDays, 1...60)
        range("colours.overrideMaxDays", p.colours.overrideMaxDays, 1...30)
        range("colours.appealDeadlineDays", p.colours.appealDeadlineDays, 1...30)
        range("colours.dayOffsetMinutes", p.colours.dayOffsetMinutes, -720...840)
        if !(35.0...42.0).contains(p.colours.feverCelsius) { out.append("colours.feverCelsius: \(p.colours.feverCelsius) is outside 35…42") }
        for region in p.colours.highRiskRegions where region.isEmpty || region.count > 12 {
            out.append("colours.highRiskRegions: \"\(region)\" is not a region code")
        }
        range("riskAreas.windowDays", p.riskAreas.windowDays, 1...60)
        range("riskAreas.mediumCases", p.riskAreas.mediumCases, 1...1000)
        range("riskAreas.highCases", p.riskAreas.highCases, 1...1000)
        if p.riskAreas.highCases < p.riskAreas.mediumCases { out.append("riskAreas.highCases: must not be below mediumCases") }
        range("grid.verifyArrivalHours", p.grid.verifyArrivalHours, 1...168)
        range("grid.quarantineOrderHours", p.grid.quarantineOrderHours, 1...168)
        range("grid.screeningHours", p.grid.screeningHours, 1...168)
        range("grid.missedCheckInHours", p.grid.missedCheckInHours, 1...168)
        range("grid.escalateEveryHours", p.grid.escalateEveryHours, 1...168)
        range("grid.reportCutoffMinutes", p.grid.reportCutoffMinutes, 0...1439)
        range("grid.lostAfterDays", p.grid.lostAfterDays, 1...14)
        let e = p.epidemiology
        if !(1.1...30).contains(e.serialIntervalMean) { out.append("epidemiology.serialIntervalMean: \(e.serialIntervalMean) is outside 1.1…30 days") }
        if !(0.1...20).contains(e.serialIntervalSD) { out.append("epidemiology.serialIntervalSD: \(e.serialIntervalSD) is outside 0.1…20 days") }
        range("epidemiology.windowDays", e.windowDays, 1...28)
        if !(0.01...100).contains(e.priorShape) { out.append("epidemiology.priorShape: \(e.priorShape) is outside 0.01…100") }
        if !(0.01...100).contains(e.priorScale) { out.append("epidemiology.priorScale: \(e.priorScale) is outside 0.01…100") }
        range("epidemiology.minimumCases", e.minimumCases, 0...1000)
        range("epidemiology.projectionDays", e.projectionDays, 0...28)
        for (key, minutes) in p.feeds.expectedMinutes.sorted(by: { $0.key < $1.key }) {
            if key.isEmpty || key.count > 64 { out.append("feeds.expectedMinutes: \"\(key)\" is not a source or kind") }
            range("feeds.expectedMinutes.\(key)", minutes, 1...10_080)
        }
        // Codes: a lifetime that never ends, or a skew that makes every code valid forever, would
        // switch expiry off (and a lifetime past Int64 seconds would trap on every code page).
        range("credentials.phoneLifetimeSeconds", p.credentials.phoneLifetimeSeconds, 30...3_600)
        range("credentials.paperLifetimeDays", p.credentials.paperLifetimeDays, 1...30)
        range("credentials.clockSkewSeconds", p.credentials.clockSkewSeconds, 0...600)
        range("credentials.offlineWindowHours", p.credentials.offlineWindowHours, 1...168)
        if p.credentials.issuer.isEmpty || p.credentials.issuer.count > 32 {
            out.append("credentials.issuer: \"\(p.credentials.issuer)\" must be 1…32 characters")
        }
        let s = p.supplies
        range("supplies.quotaUnits", s.quotaUnits, 1...10_000)
        range("supplies.periodDays", s.periodDays, 1...90)
        range("supplies.elderlyAge", s.elderlyAge, 50...120)
        range("supplies.pickupDays", s.pickupDays, 1...30)
        if s.products.isEmpty { out.append("supplies.products: at least one product") }
        for product in s.products where product.id.isEmpty || product.id.count > 32 || product.zh.isEmpty || product.en.isEmpty {
            out.append("supplies.products: \"\(product.id)\" needs an id of 1…32 characters and both names")
        }
        for group in s.priorityGroups {
            if !["medical", "elderly-alone"].contains(group.id) { out.append("supplies.priorityGroups: \"\(group.id)\" is not medical or elderly-alone") }
            range("supplies.priorityGroups.\(group.id).units", group.units, 1...10_000)
            range("supplies.priorityGroups.\(group.id).periodDays", group.periodDays, 1...90)
        }
        return out
    }

    /// One changed value: its key path and both values as JSON text.
    public struct Change: Sendable, Equatable {
        public var key: String
        public var old: String
        public var new: String
    }

    /// The values that differ between two profiles (the version aside), by key path.
    public static func diff(_ old: OutbreakProfile, _ new: OutbreakProfile) throws -> [Change] {
        let a = try flatten(old)
        let b = try flatten(new)
        return Set(a.keys).union(b.keys).subtracting(["version"]).sorted().compactMap { key in
            a[key] == b[key] ? nil : Change(key: key, old: a[key] ?? "—", new: b[key] ?? "—")
        }
    }

    static func flatten(_ p: OutbreakProfile) throws -> [String: String] {
        let object = try JSONSerialization.jsonObject(with: JSONEncoder().encode(p))
        var out: [String: String] = [:]
        func walk(_ value: Any, _ path: String) {
            if let dict = value as? [String: Any] {
                for (k, v) in dict { walk(v, path.isEmpty ? k : "\(path).\(k)") }
            } else if let data = try? JSONSerialization.data(withJSONObject: value, options: [.fragmentsAllowed, .sortedKeys]) {
                out[path] = String(decoding: data, as: UTF8.self)
            }
        }
        walk(object, "")
        return out
    }
}
