import CordonAPI
import Foundation
import NIOCore
import Testing
@testable import App

/// The single scan's own JSON reading and writing give what Foundation's coders give.
@Suite("Scan JSON")
struct ScanJSONTests {
    static let sortedEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    static func foundation(_ body: [UInt8]) -> Components.Schemas.Scan? {
        try? ScanRoute.decoder.decode(Components.Schemas.Scan.self, from: Data(body))
    }

    @Test("a verdict is written byte for byte as JSONEncoder writes it, whatever the name holds")
    func verdicts() throws {
        let names: [String?] = [nil, "张*", "O'B*", "a/b", "quote \" and \\ backslash", "line\nbreak\ttab\r\u{08}\u{0C}", "\u{01}\u{1F}\u{7F}", "😀 emoji", ""]
        var written = 0
        for name in names {
            for colour in [nil, Components.Schemas.ScanVerdict.ColourPayload.green, .red] {
                for error in [nil, "bad-signature", "x/y"] {
                    for evidence in [nil, [], [Components.Schemas.ScanVerdict.TravelEvidencePayloadPayload.vaccination, .test]] {
                        for (valid, recorded) in [(true, true), (false, false), (true, false)] {
                            let verdict = Components.Schemas.ScanVerdict(
                                valid: valid, colour: colour, name: name, error: error, recorded: recorded, travelEvidence: evidence)
                            #expect(ScanJSON.encode(verdict) == Array(try Self.sortedEncoder.encode(verdict)))
                            written += 1
                        }
                    }
                }
            }
        }
        #expect(written == 729)
    }

    @Test("a gate's plain body is read as JSONDecoder reads it; anything else is left to JSONDecoder")
    func bodies() {
        let plain = [
            #"{"text":"CDN1:ABC","place":"CP-1"}"#,
            #" { "place" : "CP-1" ,"text":"CDN1:A B$%*+-./:" , "scannedAt":"2026-11-24T08:30:00+08:00" } "#,
            "{\n\t\"text\": \"HC1:杭州\",\r\n\"place\": \"门口\"}",
            #"{"text":"","place":""}"#,
        ]
        for body in plain {
            let fast = ScanJSON.plainScan(ByteBuffer(string: body))
            #expect(fast != nil, "\(body)")
            #expect(fast == Self.foundation(Array(body.utf8)))
        }
        let others = [
            #"{"text":"CDN1:\u0041","place":"CP-1"}"#,  // an escape
            #"{"text":"CDN1:A","place":"CP-1","extra":1}"#,  // another key
            #"{"text":"CDN1:A","place":"CP-1","text":"B"}"#,  // a key twice
            #"{"text":"CDN1:A"}"#,  // a field missing
            #"{"text":1,"place":"CP-1"}"#,  // a number
            #"{"text":"CDN1:A","place":"CP-1","scannedAt":"yesterday"}"#,  // not a date
            #"{"text":"CDN1:A","place":"CP-1"} x"#,  // trailing bytes
            #"{"text":"CDN1:A","place":"CP-1",}"#,  // a trailing comma
            #"["text"]"#, "", "{", #"{"text":"CDN1:A","place":"CP-1""#,
        ]
        for body in others {
            #expect(ScanJSON.plainScan(ByteBuffer(string: body)) == nil, "\(body)")
        }
        #expect(ScanJSON.plainScan(ByteBuffer(bytes: Array(#"{"text":""#.utf8) + [0xC3, 0x28] + Array(#"","place":"P"}"#.utf8))) == nil)
    }

    @Test("whatever a mangled body is, the plain reading never accepts what JSONDecoder would read otherwise (20,000 bodies)")
    func mangled() {
        var g = SystemRandomNumberGenerator()
        let seed = Array(#"{"text":"CDN1:6BF$3 X","place":"CP-1","scannedAt":"2026-11-24T08:30:00Z"}"#.utf8)
        let alphabet = Array(#"{}[]",: \t\n\\/0123456789aetxpln"#.utf8) + [0x00, 0x1F, 0xE6, 0x9D, 0xAD]
        var accepted = 0
        for _ in 0..<20_000 {
            var body = seed
            for _ in 0..<Int.random(in: 1...3, using: &g) {
                let at = Int.random(in: 0..<body.count, using: &g)
                switch Int.random(in: 0..<3, using: &g) {
                case 0: body[at] = alphabet.randomElement(using: &g) ?? 0
                case 1: body.insert(alphabet.randomElement(using: &g) ?? 0, at: at)
                default: if body.count > 1 { body.remove(at: at) }
                }
            }
            if let fast = ScanJSON.plainScan(ByteBuffer(bytes: body)) {
                accepted += 1
                #expect(fast == Self.foundation(body), "\(String(decoding: body, as: UTF8.self))")
            }
        }
        #expect(accepted > 0)
    }

    @Test("a batch's body is read as JSONDecoder reads it, and its answers written as JSONEncoder writes them")
    func batches() throws {
        let scan = #"{"text":"CDN1:A","place":"CP-1","scannedAt":"2026-11-24T08:30:00+08:00"}"#
        for body in [#"{"scans":[\#(scan)]}"#, #" {"scans" : [ \#(scan) , {"place":"P","text":"T"} ] } "#, #"{"scans":[]}"#] {
            let fast = ScanJSON.plainBatch(ByteBuffer(string: body))
            #expect(fast != nil, "\(body)")
            #expect(fast == (try? ScanRoute.decoder.decode(Components.Schemas.ScanBatch.self, from: Data(body.utf8))))
        }
        for body in [#"{"scans":[\#(scan),]}"#, #"{"scans":\#(scan)}"#, #"{"scans":[\#(scan)],"more":1}"#, #"{"scan":[\#(scan)]}"#, #"{"scans":[{"text":"\u0041","place":"P"}]}"#] {
            #expect(ScanJSON.plainBatch(ByteBuffer(string: body)) == nil, "\(body)")
        }
        let verdict = Components.Schemas.ScanVerdict(valid: true, colour: .green, name: "张*/\"", error: nil, recorded: true, travelEvidence: nil)
        let results = Components.Schemas.ScanBatchResult(results: [
            .init(verdict: verdict), .init(error: .notFound, message: "scans[1]: no checkpoint \"X/Y\""), .init(error: .forbidden),
            .init(message: "only a message"), .init(), .init(verdict: verdict, error: .badRequest, message: "scans[5]: too old"),
        ])
        #expect(ScanJSON.encode(results) == Array(try Self.sortedEncoder.encode(results)))
        #expect(ScanJSON.encode(Components.Schemas.ScanBatchResult(results: [])) == Array(try Self.sortedEncoder.encode(Components.Schemas.ScanBatchResult(results: []))))
    }
}
