import Logging
import PostgresNIO
import StorageSQL

/// Applies the shared migration list in order at start-up under an advisory lock, so several
/// instances starting together migrate once; `schema_migrations` records what ran.
enum PostgresSchema {
    static func migrate(_ client: PostgresClient, logger: Logger) async throws {
        try await client.withTransaction(logger: logger) { connection in
            try await connection.query("SELECT pg_advisory_xact_lock(727001)", logger: logger)
            try await connection.query(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
                logger: logger)
            var applied = Set<Int>()
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger).decode(Int.self) {
                applied.insert(version)
            }
            for migration in Migrations.all where !applied.contains(migration.version) {
                for statement in migration.statements {
                    guard let text = statement.text(for: .postgres) else { continue }
                    try await connection.query(PostgresQuery(unsafeSQL: text), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                logger.info("applied migration \(migration.name)")
            }
        }
    }

    /// Area paths are compared bytewise (`COLLATE "C"`) whatever the database; other text (ids,
    /// names) sorts by the database's collation. With a linguistic one (`en_US.UTF-8`: hyphens
    /// ignored) lists come in another order than on SQLite: say so, with how to create it instead.
    static func warnUnlessBytewiseCollation(_ client: PostgresClient, logger: Logger) async throws {
        for try await collation in try await client.query("SELECT datcollate FROM pg_database WHERE datname = current_database()", logger: logger)
            .decode(String.self)
        where !["C", "POSIX", "C.UTF-8", "C.utf8"].contains(collation) {
            logger.warning(
                "database collation is \(collation): ids and names will be listed in that language's order, not byte order as on SQLite; create the database with CREATE DATABASE cordon TEMPLATE template0 LOCALE 'C.UTF-8' for the same order everywhere")
        }
    }
}
