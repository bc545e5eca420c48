import Domain
import Foundation
import Testing

@Suite("Notices and rebuttals as typed")
struct PostDraftTests {
    let at = Date(timeIntervalSince1970: 1_700_000_000)

    @Test("a notice needs its Chinese title and text; sources are one per line, blanks dropped")
    func notice() throws {
        let post = try PostDraft(kind: "notice", titleZh: "  通告 ", bodyZh: "内容\n", sources: "卫健委\n\n  市政府 \n").post(id: "P-1", at: at, author: "u")
        #expect(post.kind == .notice && post.title.zh == "通告" && post.body.zh == "内容" && post.verdict == nil)
        #expect(post.sources == ["卫健委", "市政府"])
        #expect(throws: PostDraft.Problem.chineseTextMissing) { try PostDraft(kind: "notice", titleZh: " ", bodyZh: "x").post(id: "P", at: at, author: "u") }
        #expect(throws: PostDraft.Problem.unknownKind("rumour")) { try PostDraft(kind: "rumour", titleZh: "t", bodyZh: "b").post(id: "P", at: at, author: "u") }
    }

    @Test("a rebuttal says whether the rumour is false, misleading or true; a notice keeps no verdict")
    func rebuttal() throws {
        #expect(throws: PostDraft.Problem.verdictMissing) { try PostDraft(kind: "rebuttal", titleZh: "t", bodyZh: "b").post(id: "P", at: at, author: "u") }
        #expect(throws: PostDraft.Problem.verdictMissing) {
            try PostDraft(kind: "rebuttal", titleZh: "t", bodyZh: "b", verdict: "maybe").post(id: "P", at: at, author: "u")
        }
        #expect(try PostDraft(kind: "rebuttal", titleZh: "t", bodyZh: "b", verdict: "misleading").post(id: "P", at: at, author: "u").verdict == "misleading")
        #expect(try PostDraft(kind: "notice", titleZh: "t", bodyZh: "b", verdict: "false").post(id: "P", at: at, author: "u").verdict == nil)
    }
}
