import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The lease of one SQLite file: an exclusive `flock` on `FILE.lease-NAME`. One process serves a
/// file; a second `cordon serve` started on it by mistake waits instead of running the rules and
/// the outbox twice. The kernel drops the lock when its holder dies.
enum SQLiteLease {
    static func withLease(file: String, name: String, _ body: @escaping @Sendable () async throws -> Void) async throws -> Bool {
        let path = file + ".lease-" + name.filter { $0.isLetter || $0.isNumber || $0 == "-" }
        let fd = open(path, O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw LeaseError.cannotOpen(path, errno) }
        defer { close(fd) }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            if errno == EWOULDBLOCK { return false }
            throw LeaseError.cannotOpen(path, errno)
        }
        defer { flock(fd, LOCK_UN) }
        try await body()
        return true
    }

    enum LeaseError: Error, CustomStringConvertible {
        case cannotOpen(String, Int32)
        var description: String {
            switch self {
            case .cannotOpen(let path, let code): "cannot lock \(path): \(String(cString: strerror(code)))"
            }
        }
    }
}
