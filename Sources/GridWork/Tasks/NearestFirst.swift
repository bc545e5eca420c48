import Domain
import Foundation

/// Orders a worker's tasks by distance from where they stand (equirectangular: within a grid the
/// error is far below a doorway), tasks without a position last, ties by due time.
public enum NearestFirst {
    public static func sort(_ tasks: [GridTask], latitude: Double, longitude: Double) -> [GridTask] {
        let measured: [(task: GridTask, metres: Double)] = tasks.map { ($0, metres($0, latitude: latitude, longitude: longitude) ?? .infinity) }
        let sorted = measured.sorted { (a: (task: GridTask, metres: Double), b: (task: GridTask, metres: Double)) -> Bool in
            a.metres != b.metres ? a.metres < b.metres : a.task.dueAt < b.task.dueAt
        }
        return sorted.map(\.task)
    }

    /// Metres from the point to the task's place, nil when the task has no position.
    public static func metres(_ t: GridTask, latitude: Double, longitude: Double) -> Double? {
        guard let lat = t.latitude, let lon = t.longitude else { return nil }
        let x = (lon - longitude) * cos((lat + latitude) / 2 * .pi / 180)
        let y = lat - latitude
        return (x * x + y * y).squareRoot() * 111_195
    }
}
