import Foundation

/// "Near me" (实时查询周边疫情): what lies within a radius of a point, by great-circle distance.
public enum NearMe {
    /// Metres between two points (haversine on a 6,371 km sphere).
    public static func metres(_ a: (lat: Double, lon: Double), _ b: (lat: Double, lon: Double)) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6_371_000 * asin(min(1, h.squareRoot()))
    }

    /// The items within `radius` metres of `point`, nearest first, with their distance.
    public static func within<T>(_ radius: Double, of point: (lat: Double, lon: Double), _ items: [T], position: (T) -> (lat: Double, lon: Double)?)
        -> [(item: T, metres: Double)]
    {
        items.compactMap { item in position(item).map { (item, metres(point, $0)) } }.filter { $0.1 <= radius }.sorted { $0.1 < $1.1 }
    }
}
