@testable import StoragePostgres
import Testing

/// The database URL's TLS defaults: a city's data never crosses a network unencrypted or to an impostor.
@Suite("PostgreSQL URL")
struct PostgresURLTests {
    @Test("a database on another machine defaults to verify-full, loopback to no TLS; a mode can be asked for; a wrong one is refused")
    func tlsDefaults() throws {
        #expect(try PostgresURL.sslMode(host: "db.example.org", asked: nil) == .verifyFull)
        #expect(try PostgresURL.sslMode(host: "10.0.0.5", asked: nil) == .verifyFull)
        #expect(try PostgresURL.sslMode(host: "127.0.0.1", asked: nil) == .disable)
        #expect(try PostgresURL.sslMode(host: "localhost", asked: nil) == .disable)
        #expect(try PostgresURL.sslMode(host: "db.example.org", asked: "require") == .require)
        #expect(throws: (any Error).self) { try PostgresURL.sslMode(host: "db.example.org", asked: "allow-all") }
        #expect(throws: (any Error).self) { try PostgresURL.configuration(from: "postgres://cordon:pw@db.example.org/cordon?sslmode=allow-all") }
        #expect(throws: (any Error).self) { try PostgresURL.configuration(from: "mysql://cordon:pw@db.example.org/cordon") }
        _ = try PostgresURL.configuration(from: "postgres://cordon:pw@db.example.org:5432/cordon")
    }
}
