import GRDB
import StorageSQL

/// Applies the shared migration list in order at start-up; GRDB records each by its name.
enum SQLiteSchema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        for migration in Migrations.all {
            migrator.registerMigration(migration.name) { db in
                for statement in migration.statements {
                    if let text = statement.text(for: .sqlite) { try db.execute(sql: text) }
                }
            }
        }
        return migrator
    }()
}

