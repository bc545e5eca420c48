import App
import Domain
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import TestSupport

/// A person who follows a wrong link, or opens what they may not see, gets a page in their language
/// that says what to do next; machines keep JSON; HEAD and the browser's icon request are answered.
@Suite("Error pages, HEAD and the icon")
struct ErrorPageTests {
    @Test("an unknown page, a refused record and a missing case answer an HTML page in the reader's language; the API keeps JSON",
        arguments: Backend.available)
    func refusalsArePages(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 600)
        let store = city.services.store
        let lastGrid = city.city.grids[city.city.grids.count - 1].area
        let foreign = try #require(try await store.residents(within: lastGrid.path, after: nil, limit: 1).first)
        let worker = try city.account("grid")
        let workerAreaID = try #require(worker.jurisdiction)
        let workerArea = try #require(try await store.area(id: workerAreaID))
        try await city.test { client in
            let zh = try await client.get("/no-such-page", language: "zh-CN")
            #expect(zh.status == .notFound)
            #expect(zh.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(zh.text.contains("此地址没有页面") && zh.text.contains("返回首页"))
            let en = try await client.get("/no-such-page", language: "en")
            #expect(en.text.contains("There is no page at this address") && !en.text.contains("此地址"))

            let api = try await client.get("/api/v1/no-such-thing")
            #expect(api.status == .notFound)
            #expect(api.headers[.contentType]?.hasPrefix("application/json") == true)

            let cookie = try await client.signIn(worker)
            let refused = try await client.get("/people/\(foreign.id)", cookie: cookie, language: "zh-CN")
            #expect(refused.status == .forbidden)
            #expect(refused.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(refused.text.contains("您的管辖范围：\(workerArea.name)"))
            #expect(refused.text.contains("已记入审计日志"))
            let refusedEn = try await client.get("/people/\(foreign.id)", cookie: cookie, language: "en")
            #expect(refusedEn.text.contains("Your jurisdiction: \(workerArea.name)"))

            let epi = try await client.signIn(try city.account("epi"))
            let missing = try await client.get("/cases/R99999999", cookie: epi, language: "en")
            #expect(missing.status == .notFound)
            #expect(missing.text.contains("<html") && missing.text.contains("Check the address"))
        }
        try await city.close()
    }

    @Test("HEAD answers like GET without a body; /favicon.ico is an icon", arguments: Backend.available)
    func headAndIcon(_ backend: Backend) async throws {
        let city = try await TestCity.make(backend, residents: 300)
        try await city.test { client in
            let get = try await client.get("/public")
            let head = try await client.execute(uri: "/public", method: .head)
            #expect(get.status == .ok && head.status == .ok)
            #expect(head.body.readableBytes == 0 && get.body.readableBytes > 0)
            #expect(head.headers[.contentType] == get.headers[.contentType])
            #expect(try await client.execute(uri: "/livez", method: .head).status == .ok)

            let icon = try await client.get("/favicon.ico")
            #expect(icon.status == .ok)
            #expect(icon.headers[.contentType] == "image/x-icon")
            #expect(Array(icon.body.readableBytesView.prefix(4)) == [0, 0, 1, 0])
        }
        try await city.close()
    }
}
