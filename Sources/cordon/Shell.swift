import ArgumentParser
import Foundation

/// Runs the reference tools the benchmarks measure against (sqlite3, psql).
enum Shell {
    /// Runs `tool` with `input` on standard input; throws when it fails.
    static func run(_ tool: String, _ arguments: [String], input: String) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let pipe = Pipe()
        process.standardInput = pipe
        do { try process.run() } catch { throw ValidationError("cannot run \(tool) (is its Debian package installed?): \(error)") }
        pipe.fileHandleForWriting.write(Data(input.utf8))
        try pipe.fileHandleForWriting.close()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw ValidationError("\(tool) \(arguments.first ?? "") failed (exit \(process.terminationStatus))") }
    }

    /// The start of a timed load, once the kernel has written what earlier steps left pending (a
    /// generated file, the load timed before), so that no timed run pays for another's writes.
    static func startClock() -> Date {
        sync()
        return Date()
    }

    /// Runs `tool` as `run` does; how long it took, from `startClock`.
    static func timed(_ tool: String, _ arguments: [String], input: String) throws -> TimeInterval {
        let t0 = startClock()
        try run(tool, arguments, input: input)
        return Date().timeIntervalSince(t0)
    }
}

/// Scratch databases on a PostgreSQL server: `name` + suffix, next to the database in `url`.
struct PostgresScratch {
    let url: URL
    let name: String
    private let created = Created()

    init(url: String, name: String) throws {
        guard let parsed = URL(string: url), parsed.scheme?.hasPrefix("postgres") == true else {
            throw ValidationError("--database-url: expected postgres://user:password@host:port/database, got \(url)")
        }
        self.url = parsed
        self.name = name
    }

    /// Creates `name + suffix` (dropping a leftover of that name) and returns its URL.
    func create(_ suffix: String) throws -> String {
        let database = name + suffix
        try Shell.run("/usr/bin/psql", ["-q", "-v", "ON_ERROR_STOP=1", url.absoluteString], input: "DROP DATABASE IF EXISTS \(database);\nCREATE DATABASE \(database);\n")
        created.names.append(database)
        return address(of: database)
    }

    func dropAll() {
        for database in created.names {
            try? Shell.run("/usr/bin/psql", ["-q", url.absoluteString], input: "DROP DATABASE IF EXISTS \(database) WITH (FORCE);\n")
        }
    }

    private func address(of database: String) -> String {
        var components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        components?.path = "/" + database
        return components?.string ?? url.absoluteString
    }

    private final class Created { var names: [String] = [] }
}
