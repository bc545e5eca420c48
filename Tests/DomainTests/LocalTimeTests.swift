import Domain
import Foundation
import Testing

@Suite("The city's clock and body temperatures")
struct LocalTimeTests {
    @Test("form times are read on the profile's offset, not a hard-coded one")
    func offsets() throws {
        let beijing = LocalTime(offsetMinutes: 480)
        let at = try #require(beijing.date(fromInput: "2026-11-25T14:30"))
        #expect(Timestamp.format(at) == "2026-11-25T06:30:00Z")
        #expect(beijing.input(at) == "2026-11-25T14:30")
        #expect(beijing.date(fromInput: "2026-11-25T14:30:15").map(Timestamp.format) == "2026-11-25T06:30:15Z")
        #expect(beijing.date(fromInput: "25/11/2026 14:30") == nil)
        let kathmandu = LocalTime(offsetMinutes: 345)
        #expect(kathmandu.offset == "+05:45")
        #expect(kathmandu.date(fromInput: "2026-11-25T14:30").map(Timestamp.format) == "2026-11-25T08:45:00Z")
        #expect(LocalTime(offsetMinutes: -300).offset == "-05:00")
        let day = try #require(CalendarDate(iso: "2026-11-25"))
        #expect(Timestamp.format(beijing.noon(of: day)) == "2026-11-25T04:00:00Z")
    }

    @Test("a body temperature is 34–43 °C, with a comma or a point; empty is none")
    func temperatures() throws {
        #expect(try BodyTemperature.parse("37,5").get() == 37.5)
        #expect(try BodyTemperature.parse(" ").get() == nil)
        #expect(throws: BodyTemperature.Implausible.self) { try BodyTemperature.parse("99").get() }
        #expect(throws: BodyTemperature.Implausible.self) { try BodyTemperature.parse("nan").get() }
    }
}
