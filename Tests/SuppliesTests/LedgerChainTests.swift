import Domain
import Foundation
import Supplies
import Testing

/// The ledger's chain hashes the bytes Python's `json.dumps(sort_keys=True, separators=(",", ":"),
/// ensure_ascii=False)` writes (the README's and `scripts/verify-ledger.py`'s recipe), and any
/// edit of a sealed entry shows.
@Suite struct LedgerChainTests {
    func day(_ s: String) -> CalendarDate { CalendarDate(iso: s) ?? CalendarDate(year: 2020, month: 1, day: 1)! }

    var donation: LedgerEntry {
        var e = LedgerEntry(
            seq: 1, kind: .donation, date: day("2020-02-01"), item: "N95 口罩", amount: 5000, enteredBy: "王芳", approvedBy: "李强",
            recordedAt: Date(timeIntervalSince1970: 1_580_544_000))
        e.unit = "只"
        e.donor = "浙江\"某\"公司\n"
        return e
    }

    @Test func canonicalJSONIsPythons() {
        let sealed = LedgerChain.seal(donation, after: LedgerEntry.genesis)
        #expect(
            sealed.canonicalFields.text
                == #"{"approvedBy":"李强","date":"2020-02-01","donor":"浙江\"某\"公司\n","enteredBy":"王芳","item":"N95 口罩","kind":"donation","prev":"0000000000000000000000000000000000000000000000000000000000000000","quantity":5000,"recordedAt":"2020-02-01T08:00:00Z","seq":1,"unit":"只"}"#
        )
        #expect(sealed.hash == "dc47d275a015283cfb4139202de97ce6f501208135aaa1f89c59fe13c418e5fc")
    }

    @Test func aChainVerifiesAndAnEditShows() {
        var chain: [LedgerEntry] = []
        var prev = LedgerEntry.genesis
        for (i, amount) in [150_000, 2_000, 99].enumerated() {
            var e = LedgerEntry(
                seq: i + 1, kind: i == 1 ? .allocation : .donation, date: day("2020-02-0\(i + 1)"), item: LedgerEntry.cash, amount: amount, enteredBy: "a",
                approvedBy: "b", recordedAt: Date(timeIntervalSince1970: 1_580_544_000 + Double(i)))
            if i == 1 { e.recipient = "市第一医院" } else { e.donor = "anonymous" }
            let sealed = LedgerChain.seal(e, after: prev)
            chain.append(sealed)
            prev = sealed.hash
        }
        #expect(LedgerChain.verify(chain) == nil)
        #expect(chain[0].amountCents == 150_000 && chain[0].quantity == nil)

        var edited = chain
        edited[1].amountCents = 200
        #expect(LedgerChain.verify(edited) == .hash(seq: 2))

        // Re-sealing the edited entry breaks the next link instead.
        edited[1] = LedgerChain.seal(edited[1], after: chain[0].hash)
        #expect(LedgerChain.verify(edited) == .link(seq: 3))

        #expect(LedgerChain.verify(Array(chain.dropFirst())) == .sequence(expected: 1, found: 2))
    }

    @Test func controlCharactersAreEscapedAsJSONDoes() {
        #expect(CanonicalJSON.string("a\u{01}b\t/é").text == #""a\u0001b\t/é""#)
        #expect(CanonicalJSON.object(["b": .integer(-3), "a": .null, "c": .array([.bool(true)])]).text == #"{"a":null,"b":-3,"c":[true]}"#)
    }
}
