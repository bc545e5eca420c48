@testable import App
import Foundation
import Testing
import TestSupport

/// "Near me" says which risk area the reader stands in, and says so when nothing is near.
@Suite("Near me: the area you stand in")
struct NearMeAreaTests {
    @Test("a point inside a polygon is in it, inside its hole or outside it is not; each part of a multipolygon counts")
    func containment() {
        let square = #"{"type":"Polygon","coordinates":[[[120,30],[121,30],[121,31],[120,31],[120,30]],[[120.4,30.4],[120.6,30.4],[120.6,30.6],[120.4,30.6],[120.4,30.4]]]}"#
        #expect(NearMeService.contains(square, (lat: 30.1, lon: 120.1)))
        #expect(!NearMeService.contains(square, (lat: 30.5, lon: 120.5)))  // in the hole
        #expect(!NearMeService.contains(square, (lat: 31.5, lon: 120.5)))
        let two = #"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,1],[0,0]]],[[[10,10],[11,10],[11,11],[10,11],[10,10]]]]}"#
        #expect(NearMeService.contains(two, (lat: 10.5, lon: 10.5)) && NearMeService.contains(two, (lat: 0.5, lon: 0.5)))
        #expect(!NearMeService.contains(two, (lat: 5, lon: 5)))
        #expect(!NearMeService.contains("not json", (lat: 0, lon: 0)))
    }

    @Test("a search far from every case says nothing is within the radius; one inside a risk area names it, in the reader's language")
    func nothingNear() async throws {
        let city = try await TestCity.make(.sqlite, residents: 1500, statuses: true)
        let area = try #require(try await city.services.riskAreaList.current().first { $0.geometry.flatMap(NearMeService.centre) != nil })
        let centre = try #require(area.geometry.flatMap(NearMeService.centre))
        try await city.test { client in
            let inside = try await client.get("/public/near?lat=\(centre.lat)&lon=\(centre.lon)&km=1", language: "en")
            #expect(inside.text.contains("-risk area: \(area.name)."))
            let en = try await client.get("/public/near?lat=10&lon=10&km=2", language: "en")
            #expect(en.text.contains("No published case or risk area within 2 km."))
            let zh = try await client.get("/public/near?lat=10&lon=10&km=2", language: "zh-CN")
            #expect(zh.text.contains("2 公里内没有已公布的病例或风险区域。"))
        }
        try await city.close()
    }
}
