import DemoCity
import Domain
import Foundation

/// The CSV files of the ingest benchmark: the places and people the presence names (loaded untimed
/// first, so validation has something to check against), and the presence itself.
struct PresenceBenchFiles {
    let places: URL
    let people: URL
    let presence: URL

    static func write(_ synthetic: SyntheticPresence, to dir: URL) throws -> PresenceBenchFiles {
        let files = PresenceBenchFiles(
            places: dir.appendingPathComponent("places.csv"), people: dir.appendingPathComponent("people.csv"),
            presence: dir.appendingPathComponent("presence.csv"))
        try CSVFile.write(files.places, header: "id,kind,name") { out in
            for q in 0..<synthetic.places { out.line("q\(q),\(SyntheticPresence.kind(of: q).rawValue),Place \(q)") }
        }
        try CSVFile.write(files.people, header: "id,name") { out in
            for p in 0..<synthetic.people { out.line("p\(p),Person \(p)") }
        }
        // The synthetic stays are minutes of three weeks: each minute's text is made once.
        var minutes: [UInt32: String] = [:]
        func instant(_ minute: UInt32) -> String {
            if let text = minutes[minute] { return text }
            let text = Timestamp.format(Int64(minute) * 60)
            minutes[minute] = text
            return text
        }
        var n = 0
        try CSVFile.write(files.presence, header: "id,person,place,start,end,seat,source") { out in
            synthetic.forEach { person, place, start, end, seatRow in
                let seat = seatRow > 0 ? "\(seatRow)A" : ""
                out.line("e\(n),p\(person),q\(place),\(instant(start)),\(instant(end)),\(seat),\(seatRow > 0 ? "rail" : "venue-scan")")
                n += 1
            }
        }
        return files
    }
}

/// A file written line by line through a buffer of a megabyte.
final class CSVFile {
    private let handle: FileHandle
    private var buffer = ""
    private var failure: (any Error)?

    private init(_ handle: FileHandle) { self.handle = handle }

    static func write(_ url: URL, header: String, _ body: (CSVFile) throws -> Void) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: nil) else { throw CSVFileError(path: url.path) }
        let file = CSVFile(try FileHandle(forWritingTo: url))
        defer { try? file.handle.close() }
        file.line(header)
        try body(file)
        try file.flush()
        if let failure = file.failure { throw failure }
    }

    func line(_ text: String) {
        buffer += text
        buffer += "\n"
        if buffer.utf8.count >= 1 << 20 {
            do { try flush() } catch { failure = failure ?? error }
        }
    }

    private func flush() throws {
        try handle.write(contentsOf: Data(buffer.utf8))
        buffer.removeAll(keepingCapacity: true)
    }
}

struct CSVFileError: Error, CustomStringConvertible {
    let path: String
    var description: String { "cannot write \(path)" }
}
