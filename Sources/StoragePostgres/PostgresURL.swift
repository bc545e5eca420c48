import Foundation
import NIOSSL
import PostgresNIO

/// Reads `postgres://user:password@host:port/database?sslmode=…` with libpq's modes: `disable`,
/// `prefer`, `require` (encrypted, unverified), `verify-ca`, `verify-full` (the certificate and the
/// host name checked). A database on another machine defaults to `verify-full`: the identity
/// numbers and movements of a city do not cross a network unencrypted or to an impostor. On
/// loopback the default is `disable`.
enum PostgresURL {
    static func configuration(from text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql" else {
            throw StoreErrorText("--database-url must look like postgres://user:password@host:5432/database")
        }
        guard let host = url.host, !host.isEmpty else { throw StoreErrorText("--database-url has no host") }
        guard let user = url.user, !user.isEmpty else { throw StoreErrorText("--database-url has no user name") }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let tls: PostgresClient.Configuration.TLS
        switch try sslMode(host: host, asked: url.queryItems?.first(where: { $0.name == "sslmode" })?.value) {
        case .disable: tls = .disable
        case .prefer: tls = .prefer(.makeClientConfiguration())
        case .require:
            var unverified = TLSConfiguration.makeClientConfiguration()
            unverified.certificateVerification = .none
            tls = .require(unverified)
        case .verifyCA:
            var chainOnly = TLSConfiguration.makeClientConfiguration()
            chainOnly.certificateVerification = .noHostnameVerification
            tls = .require(chainOnly)
        case .verifyFull: tls = .require(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password?.removingPercentEncoding ?? url.password,
            database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.maximumConnections = 20
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}

extension PostgresURL {
    /// libpq's `sslmode` values Cordon speaks.
    enum SSLMode: String, CaseIterable {
        case disable, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"
    }

    /// The mode asked for in the URL, else the default for the host: `verify-full` off this machine.
    static func sslMode(host: String, asked: String?) throws -> SSLMode {
        guard let asked else { return isLoopback(host) ? .disable : .verifyFull }
        guard let mode = SSLMode(rawValue: asked) else {
            throw StoreErrorText("--database-url: sslmode=\(asked) is not one of \(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return mode
    }
}

/// 127.0.0.1/8, ::1 and localhost: the database on this machine.
func isLoopback(_ host: String) -> Bool {
    host == "localhost" || host == "::1" || host == "[::1]" || host.hasPrefix("127.")
}

/// A configuration mistake, shown as is.
struct StoreErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
