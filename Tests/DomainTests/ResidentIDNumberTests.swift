import Domain
import Testing

@Suite("Resident identity number (GB 11643)")
struct ResidentIDNumberTests {
    static let today = 2026_11_24

    @Test("valid numbers pass, a lower-case x is normalised", arguments: ["11010519491231002X", "11010519491231002x", "330102199001011234"])
    func valid(_ number: String) throws {
        #expect(try ResidentIDNumber.validate(number, today: Self.today) == number.uppercased())
    }

    @Test("each kind of bad number is refused with its reason")
    func refusals() {
        #expect(throws: ResidentIDNumber.Problem.wrongLength(17)) { try ResidentIDNumber.validate("11010519491231002", today: Self.today) }
        #expect(throws: ResidentIDNumber.Problem.invalidCharacter(position: 3)) { try ResidentIDNumber.validate("11A10519491231002X", today: Self.today) }
        #expect(throws: ResidentIDNumber.Problem.wrongCheckDigit(expected: "X", found: "3")) {
            try ResidentIDNumber.validate("110105194912310023", today: Self.today)
        }
        // 1990-02-30 does not exist; the check digit is right for those 17 digits.
        let first17 = Array("33010219900230123".utf8)
        let impossible = "33010219900230123" + String(ResidentIDNumber.checkCharacter(for: first17))
        #expect(throws: ResidentIDNumber.Problem.impossibleBirthDate("19900230")) { try ResidentIDNumber.validate(impossible, today: Self.today) }
        let future17 = Array("33010220300101123".utf8)
        let future = "33010220300101123" + String(ResidentIDNumber.checkCharacter(for: future17))
        #expect(throws: ResidentIDNumber.Problem.impossibleBirthDate("20300101")) { try ResidentIDNumber.validate(future, today: Self.today) }
    }

    @Test("the birth date is read from the number")
    func birthDate() {
        #expect(ResidentIDNumber.birthDate(of: "11010519491231002X") == "1949-12-31")
    }
}

@Suite("Phone numbers and masking")
struct PhoneAndMaskingTests {
    @Test("mainland and international numbers normalise", arguments: [
        ("13812345678", "13812345678"), ("+86 138-1234-5678", "13812345678"), ("+44 20 7946 0958", "+442079460958"),
    ])
    func normalise(_ pair: (String, String)) throws {
        #expect(try PhoneNumber.normalize(pair.0) == pair.1)
    }

    @Test("bad numbers are refused", arguments: ["12345678901", "1381234567", "138123456789", "abc", "+12", "138 1234 567a"])
    func refuse(_ raw: String) {
        #expect(throws: PhoneNumber.Problem.self) { try PhoneNumber.normalize(raw) }
    }

    @Test("identifiers are masked as pages show them")
    func masks() {
        #expect(Masking.idNumber("33010219900101123X") == "**************123X")
        #expect(Masking.phone("13812345678") == "138****5678")
        #expect(Masking.name("张三丰") == "张**")
    }

    @Test("calendar dates convert to and from day numbers")
    func calendar() throws {
        let d = try #require(CalendarDate(iso: "2024-02-29"))
        #expect(CalendarDate(daysSinceEpoch: d.daysSinceEpoch) == d)
        #expect(CalendarDate(iso: "2023-02-29") == nil)
        #expect(CalendarDate(daysSinceEpoch: 0).description == "1970-01-01")
    }
}
