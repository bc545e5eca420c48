import Foundation
import PostgresNIO

/// Reads `postgres://user:password@host:port/database?sslmode=disable|prefer|require`.
enum PostgresURL {
    static func configuration(from text: String) throws -> PostgresClient.Configuration {
        guard let url = URLComponents(string: text), url.scheme == "postgres" || url.scheme == "postgresql" else {
            throw StoreErrorText("--database-url must look like postgres://user:password@host:5432/database")
        }
        guard let host = url.host, !host.isEmpty else { throw StoreErrorText("--database-url has no host") }
        guard let user = url.user, !user.isEmpty else { throw StoreErrorText("--database-url has no user name") }
        let database = url.path.hasPrefix("/") ? String(url.path.dropFirst()) : url.path
        let mode = url.queryItems?.first(where: { $0.name == "sslmode" })?.value ?? (host == "127.0.0.1" || host == "localhost" ? "disable" : "prefer")
        let tls: PostgresClient.Configuration.TLS
        switch mode {
        case "disable": tls = .disable
        case "require": tls = .require(.makeClientConfiguration())
        default: tls = .prefer(.makeClientConfiguration())
        }
        var configuration = PostgresClient.Configuration(
            host: host, port: url.port ?? 5432, username: user, password: url.password?.removingPercentEncoding ?? url.password,
            database: database.isEmpty ? nil : database, tls: tls)
        configuration.options.maximumConnections = 20
        configuration.options.connectTimeout = .seconds(5)
        return configuration
    }
}

/// A configuration mistake, shown as is.
struct StoreErrorText: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
