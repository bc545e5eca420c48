import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import TestSupport

/// A `cordon serve` of the build under test, run as a process of its own (as an orchestrator runs
/// it), its log kept in a file the test reads.
final class ServerProcess: @unchecked Sendable {
    let process = Process()
    let port: Int
    let log: URL

    /// Starts `cordon serve --port PORT ARGUMENTS` on a free port.
    init(_ arguments: [String], environment extra: [String: String] = [:]) throws {
        port = try FreePort.pick()
        log = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("cordon-serve-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: log.path, contents: nil)
        process.executableURL = Self.binary
        process.arguments = ["serve", "--host", "127.0.0.1", "--port", "\(port)"] + arguments
        var environment = ProcessInfo.processInfo.environment
        environment["CORDON_BCRYPT_COST"] = "4"
        for (k, v) in extra { environment[k] = v }
        process.environment = environment
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
    }

    deinit {
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: log)
    }

    /// The `cordon` built next to the test bundle.
    static var binary: URL {
        var binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("cordon")
        while !FileManager.default.fileExists(atPath: binary.path), binary.pathComponents.count > 3 {
            binary = binary.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("cordon")
        }
        return binary
    }

    var logText: String { (try? String(contentsOf: log, encoding: .utf8)) ?? "" }

    /// Status and body of a GET, or nil when nothing answers.
    func get(_ path: String, headers: [String: String] = [:]) async -> (status: Int, body: String)? {
        await send("GET", path, headers: headers).map { ($0.status, $0.body) }
    }

    /// One request as a browser or a feed sends it, redirects not followed, cookies left to the caller.
    func send(_ method: String, _ path: String, headers: [String: String] = [:], body: Data? = nil) async -> HTTPAnswer? {
        guard let url = URL(string: "http://127.0.0.1:\(port)\(path)") else { return nil }
        var request = URLRequest(url: url)
        request.httpMethod = method
        request.timeoutInterval = 10
        request.httpShouldHandleCookies = false
        for (k, v) in headers { request.setValue(v, forHTTPHeaderField: k) }
        request.httpBody = body
        return await withCheckedContinuation { continuation in
            Self.session.dataTask(with: request) { data, response, _ in
                guard let http = response as? HTTPURLResponse else { return continuation.resume(returning: nil) }
                let fields = http.allHeaderFields.reduce(into: [String: String]()) { $0[String(describing: $1.key).lowercased()] = String(describing: $1.value) }
                continuation.resume(returning: HTTPAnswer(status: http.statusCode, headers: fields, body: String(decoding: data ?? Data(), as: UTF8.self)))
            }.resume()
        }
    }

    struct HTTPAnswer: Sendable {
        let status: Int
        /// Lower-cased names.
        let headers: [String: String]
        let body: String
    }

    /// Redirects are answers to look at, not to follow.
    final class NoRedirects: NSObject, URLSessionTaskDelegate, @unchecked Sendable {
        func urlSession(
            _ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse, newRequest request: URLRequest,
            completionHandler: @escaping (URLRequest?) -> Void
        ) { completionHandler(nil) }
    }

    nonisolated(unsafe) static let session: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.httpCookieAcceptPolicy = .never
        configuration.httpShouldSetCookies = false
        return URLSession(configuration: configuration, delegate: NoRedirects(), delegateQueue: nil)
    }()

    /// Waits until `condition` holds, checking every 100 ms; false when `deadline` passes first.
    static func waitFor(_ deadline: Duration, _ condition: () async -> Bool) async -> Bool {
        let end = ContinuousClock.now + deadline
        while ContinuousClock.now < end {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return await condition()
    }

    /// Waits for GET `path` to answer `status`.
    func waitFor(_ path: String, status: Int, within deadline: Duration) async -> Bool {
        await Self.waitFor(deadline) { await get(path)?.status == status }
    }

    /// Sends SIGTERM and waits for the process to end; true when it ended within `deadline`.
    func terminate(within deadline: Duration) async -> Bool {
        kill(process.processIdentifier, SIGTERM)
        return await Self.waitFor(deadline) { !process.isRunning }
    }

    /// How many times the log says `text`.
    func occurrences(of text: String) -> Int { logText.components(separatedBy: text).count - 1 }
}

/// A TCP port nobody listens on now (the kernel's choice for a socket bound to port 0).
enum FreePort {
    static func pick() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestSupportError("socket() failed") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        let bound = withUnsafePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) } }
        guard bound == 0 else { throw TestSupportError("bind() failed") }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) } }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A TCP relay in front of the test's PostgreSQL: killing it is the database going away for the
/// server (every connection cut, new ones refused); starting it again on its port brings it back.
final class DatabaseRelay: @unchecked Sendable {
    let port: Int
    let target: (host: String, port: Int)
    private var process: Process?

    init(target: (host: String, port: Int)) throws {
        self.port = try FreePort.pick()
        self.target = target
    }

    deinit { cut() }

    static let script = """
        import socket, sys, threading
        listen, host, port = int(sys.argv[1]), sys.argv[2], int(sys.argv[3])
        server = socket.socket()
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", listen))
        server.listen(64)
        print("ready", flush=True)
        def pipe(a, b):
            try:
                while True:
                    data = a.recv(65536)
                    if not data:
                        break
                    b.sendall(data)
            except OSError:
                pass
            for s in (a, b):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
        while True:
            client, _ = server.accept()
            try:
                upstream = socket.create_connection((host, port))
            except OSError:
                client.close()
                continue
            threading.Thread(target=pipe, args=(client, upstream), daemon=True).start()
            threading.Thread(target=pipe, args=(upstream, client), daemon=True).start()
        """

    /// Starts relaying (again); returns once it listens.
    func start() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", Self.script, "\(port)", target.host, "\(target.port)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        // The first line comes once the socket listens.
        let line = pipe.fileHandleForReading.availableData
        guard String(decoding: line, as: UTF8.self).hasPrefix("ready") else { throw TestSupportError("the relay did not start") }
        self.process = process
    }

    /// The database goes away: the relay dies, the kernel closes every connection through it.
    func cut() {
        guard let process, process.isRunning else { return }
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        self.process = nil
    }
}
