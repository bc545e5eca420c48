/// Runs statements: the whole database (each call on its own) or one open transaction.
///
/// Everything the repositories do is written once against this protocol; a backend implements it
/// with its driver (GRDB, PostgresNIO) and keeps only what its dialect truly needs.
public protocol SQLExecutor: Sendable {
    var dialect: SQLDialect { get }
    /// Every row of a query, each turned into a value by `map`.
    func query<T: Sendable>(_ sql: SQL, _ map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T]
    /// Runs a statement and returns how many rows it changed.
    @discardableResult func execute(_ sql: SQL) async throws -> Int
    /// Inserts many rows of one shape: the same statement per row on SQLite, multi-row `VALUES`
    /// on PostgreSQL (a round trip per thousand rows, not per row). Returns the `RETURNING` rows
    /// of the rows actually inserted, mapped.
    func insert<T: Sendable>(_ rows: RowInsert, returning map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> [T]
    /// The same without `RETURNING`: how many rows were new (bulk loads of millions of rows).
    @discardableResult func insert(_ rows: RowInsert) async throws -> Int
    /// A bulk load, the same as `insert(rows)` in effect: PostgreSQL sends the rows with COPY
    /// (and, when some are already there, through a temporary table and the conflict clause);
    /// SQLite inserts them one statement per row, which is already its fastest way.
    @discardableResult func load(_ rows: RowInsert) async throws -> Int
    /// Before rows of these days (since 1970, UTC) go into `table`: PostgreSQL makes the day
    /// partitions that are missing (`table` is partitioned by day); SQLite has nothing to do.
    func prepareDays(_ days: Set<Int64>, of table: String) async throws
    /// Drops the day partitions of `table` whose every row ended before `cutoff` (seconds) and
    /// returns how many rows they held; 0 where tables are not partitioned (SQLite).
    func dropDays(endedBefore cutoff: Int64, of table: String) async throws -> Int
    /// Serialises writers of one kind until the transaction ends (PostgreSQL's advisory lock, for
    /// instances sharing one database); SQLite has a single writer already, so it does nothing.
    func lock(_ lock: WriterLock) async throws
}

extension SQLExecutor {
    public func load(_ rows: RowInsert) async throws -> Int { try await insert(rows) }
    public func prepareDays(_ days: Set<Int64>, of table: String) async throws {}
    public func dropDays(endedBefore cutoff: Int64, of table: String) async throws -> Int { 0 }

    /// The first row of a query, if any.
    public func first<T: Sendable>(_ sql: SQL, _ map: @escaping @Sendable (any SQLRow) throws -> T) async throws -> T? {
        try await query(sql, map).first
    }

    /// One integer (a count, a sum): zero when the query returns nothing or NULL.
    public func count(_ sql: SQL) async throws -> Int {
        try await first(sql) { try $0.value(at: 0, as: Int64?.self) }.flatMap { $0 }.map { Int($0) } ?? 0
    }
}

/// The database itself: single statements (autocommit), one-snapshot reads and transactions.
public protocol SQLDatabase: SQLExecutor {
    /// Runs `body` against one consistent snapshot: every query sees the same committed state.
    func read<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T
    /// Runs `body` in one transaction: all its changes are committed together or none is.
    func write<T: Sendable>(_ body: @escaping @Sendable (any SQLExecutor) async throws -> T) async throws -> T
}

/// A backend: a database plus what only the driver can say.
public protocol SQLBackend: SQLDatabase {
    /// `sqlite` or `postgres`.
    var name: String { get }
    /// How many migrations have been applied.
    func schemaVersion() async throws -> Int
    /// Applies pending migrations of `Migrations.all`.
    func migrate() async throws
    func close() async throws
    /// Before a bulk load of residents: drop what slows inserts (SQLite drops the look-up indexes
    /// and checkpoints less often; PostgreSQL needs nothing).
    func beginBulkLoad() async throws
    /// After it (or at the next start, if the load was interrupted): restore them.
    func endBulkLoad() async throws
    /// Runs `body` while this process holds the lease `name` (see `LeaseRepository`).
    func withLease(_ name: String, _ body: @escaping @Sendable () async throws -> Void) async throws -> Bool
    /// Bytes the database engine holds in this process (SQLite's page caches and statements); nil
    /// when the database runs in a server of its own.
    var memoryBytes: Int? { get }
}

/// Rows of one shape for `SQLExecutor.insert`.
public struct RowInsert: Sendable {
    public var table: String
    public var columns: [String]
    public var rows: [[SQLValue]]
    /// `ON CONFLICT …` clause, the same text on both databases.
    public var conflict: String
    /// Columns of `RETURNING`, or nil when only the count matters.
    public var returning: String?
    /// Set by a caller whose rows give every `NOT NULL` column a value by construction (the table
    /// has no `CHECK` or foreign key either), so that the only way a row can fail is a duplicate.
    /// Then SQLite may say `INSERT OR IGNORE`, which cannot abort half-way and so needs no
    /// statement journal: `ON CONFLICT DO NOTHING` still aborts on a NULL and makes SQLite copy
    /// every page a statement changes first (5–7 % of a ten-million-event presence import). For
    /// any other insert a NULL in the wrong place must stay an error, never a silently dropped row.
    public var onlyDuplicatesCanConflict = false

    public init(into table: String, columns: [String], rows: [[SQLValue]], conflict: String = "ON CONFLICT DO NOTHING", returning: String? = nil) {
        self.table = table
        self.columns = columns
        self.rows = rows
        self.conflict = conflict
        self.returning = returning
    }

    /// The statement for `count` rows at once, with this dialect's placeholders.
    public func text(rows count: Int, for dialect: SQLDialect) -> String {
        let ignore = dialect == .sqlite && onlyDuplicatesCanConflict && conflict == "ON CONFLICT DO NOTHING"
        var text = (ignore ? "INSERT OR IGNORE INTO " : "INSERT INTO ") + "\(table) (\(columns.joined(separator: ", "))) VALUES "
        var n = 0
        for i in 0..<count {
            text += i == 0 ? "(" : ", ("
            for j in columns.indices {
                n += 1
                text += (j == 0 ? "" : ", ") + dialect.placeholder(n)
            }
            text += ")"
        }
        if !ignore { text += " " + conflict }
        if let returning { text += " RETURNING " + returning }
        return text
    }
}

/// Kinds of writer that must not interleave across instances sharing a PostgreSQL database.
public enum WriterLock: Int64, Sendable {
    /// The audit chain: read the last hash, append the next entry.
    case audit = 727002
    /// Presence inserts: sequence numbers become visible in order, so the timeline can follow `seq > N`.
    case presence = 727003
    /// Alerts: the duplicate checks and the insert of a batch.
    case outbox = 727004
    /// Disclosure numbering.
    case publicInformation = 727005
    /// Sign-in attempts: the count and the insert of one attempt.
    case signIn = 727006
    /// Supplies: the ledger's chain (tail, balance, append), pickups and shipments against what is held.
    case supplies = 727007
}
