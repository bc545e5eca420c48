import Domain
import Foundation
import Testing
@testable import HealthRules

@Suite("Risk areas")
struct RiskAreaEngineTests {
    static let engine = RiskAreaEngine(rules: .standard)
    static let day0 = Date(timeIntervalSince1970: 1_761_962_400)
    static func day(_ d: Double) -> Date { day0.addingTimeInterval(d * 86_400) }
    static func cases(_ n: Int, area: String = "CMP1", day d: Double = 0) -> [RiskAreaEngine.AreaCase] {
        (0..<n).map { RiskAreaEngine.AreaCase(area: area, person: "\(area)-P\($0)-\(d)", at: day(d)) }
    }

    @Test("one case makes a medium risk area, four stay medium, the fifth makes it high")
    func thresholds() {
        #expect(Self.engine.levels(Self.cases(1), at: Self.day(1))["CMP1"] == .medium)
        #expect(Self.engine.levels(Self.cases(4), at: Self.day(1))["CMP1"] == .medium)
        #expect(Self.engine.levels(Self.cases(5), at: Self.day(1))["CMP1"] == .high)
        #expect(Self.engine.levels(Self.cases(1), at: Self.day(-1))["CMP1"] == nil)
    }

    @Test("an area goes back down 14 days after its last case, not a day earlier")
    func downgrade() {
        let cases = Self.cases(5) + Self.cases(1, day: 10)
        #expect(Self.engine.levels(cases, at: Self.day(13.9))["CMP1"] == .high)
        #expect(Self.engine.levels(cases, at: Self.day(14))["CMP1"] == .medium)
        #expect(Self.engine.levels(cases, at: Self.day(23.9))["CMP1"] == .medium)
        #expect(Self.engine.levels(cases, at: Self.day(24))["CMP1"] == nil)
        let history = Self.engine.history(cases, until: Self.day(30))
        #expect(history.map(\.to) == [.high, .medium, .low])
        #expect(history.map(\.at) == [Self.day(0), Self.day(14), Self.day(24)])
    }
}
