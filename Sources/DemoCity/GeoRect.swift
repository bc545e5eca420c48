/// An axis-aligned box of latitude and longitude; the demo city tiles its areas with these.
public struct GeoRect: Sendable, Equatable {
    public var south: Double
    public var west: Double
    public var north: Double
    public var east: Double

    /// Splits the box into `n` tiles, as close to a square grid as possible, row by row.
    func subdivide(_ n: Int) -> [GeoRect] {
        let columns = Int(Double(n).squareRoot().rounded(.up))
        let rows = (n + columns - 1) / columns
        let dLat = (north - south) / Double(rows)
        var tiles: [GeoRect] = []
        for r in 0..<rows {
            let inRow = min(columns, n - r * columns)
            let dLon = (east - west) / Double(inRow)
            for c in 0..<inRow {
                tiles.append(GeoRect(south: south + Double(r) * dLat, west: west + Double(c) * dLon, north: south + Double(r + 1) * dLat, east: west + Double(c + 1) * dLon))
            }
        }
        return tiles
    }

    /// A GeoJSON Polygon (longitude first, ring closed), coordinates to six decimals (~0.1 m).
    var geoJSON: String {
        func p(_ lon: Double, _ lat: Double) -> String { "[\(round6(lon)),\(round6(lat))]" }
        return "{\"type\":\"Polygon\",\"coordinates\":[[\(p(west, south)),\(p(east, south)),\(p(east, north)),\(p(west, north)),\(p(west, south))]]}"
    }

    /// A point drawn inside the box.
    func randomPoint(using g: inout SeededGenerator) -> (lat: Double, lon: Double) {
        (round6(Double.random(in: south..<north, using: &g)), round6(Double.random(in: west..<east, using: &g)))
    }
}

func round6(_ x: Double) -> Double { (x * 1_000_000).rounded() / 1_000_000 }
