/// One schema change: its version, the name it is recorded under, and its statements.
///
/// The name is recorded the same on both backends: GRDB's migrator keeps it as the migration's
/// identifier (`grdb_migrations.identifier`) on SQLite; PostgreSQL keeps it beside the version in
/// `schema_migrations (version, name)`, and decides what is applied by the version.
public struct Migration: Sendable {
    public let version: Int
    public let name: String
    public let statements: [MigrationStatement]

    public init(version: Int, name: String, statements: [MigrationStatement]) {
        self.version = version
        self.name = name
        self.statements = statements
    }

    /// The statements this dialect runs, in order.
    public func statements(for dialect: SQLDialect) -> [String] {
        statements.compactMap { $0.text(for: dialect) }
    }
}

/// One statement of a migration, without a trailing semicolon.
///
/// `.both` is written once in a neutral text: types as PostgreSQL spells them (SQLite's affinity
/// rules read `BIGINT` as INTEGER and `DOUBLE PRECISION` as REAL), except blobs, written `BLOB`
/// (PostgreSQL's `BYTEA`), and the columns PostgreSQL compares bytewise declared `COLLATE "C"`
/// (SQLite compares bytewise already, so the clause is dropped there); an auto-numbered key is
/// `BIGSERIAL PRIMARY KEY` (SQLite's `INTEGER PRIMARY KEY AUTOINCREMENT`, never reused after a
/// purge). What the two databases genuinely do differently (append-only triggers, BOOLEAN flags, which
/// SQLite keeps as INTEGER 0/1, and indexes SQLite manages outside the migrations) is a `.sqlite`
/// and `.postgres` pair, each in its own dialect and used as written.
public enum MigrationStatement: Sendable {
    case both(String)
    case sqlite(String)
    case postgres(String)

    /// The statement for this dialect, or nil when it is the other dialect's only.
    public func text(for dialect: SQLDialect) -> String? {
        switch (self, dialect) {
        case (.both(let text), .sqlite):
            text.replacing(" COLLATE \"C\"", with: "").replacing("BIGSERIAL PRIMARY KEY", with: "INTEGER PRIMARY KEY AUTOINCREMENT")
        case (.both(let text), .postgres): Self.replacing(word: "BLOB", with: "BYTEA", in: text)
        case (.sqlite(let text), .sqlite), (.postgres(let text), .postgres): text
        case (.sqlite, .postgres), (.postgres, .sqlite): nil
        }
    }

    /// `text` with each whole-token `word` (not part of a longer name) replaced.
    static func replacing(word: String, with replacement: String, in text: String) -> String {
        func isNamePart(_ c: Character) -> Bool { c.isLetter || c.isNumber || c == "_" }
        var result = ""
        var rest = text[...]
        while let range = rest.firstRange(of: word) {
            let startsToken = range.lowerBound == text.startIndex || !isNamePart(text[text.index(before: range.lowerBound)])
            let endsToken = range.upperBound == text.endIndex || !isNamePart(text[range.upperBound])
            result += rest[..<range.lowerBound]
            result += (startsToken && endsToken) ? replacement : String(text[range])
            rest = rest[range.upperBound...]
        }
        result += rest
        return result
    }
}

/// Versioned schema changes, applied in order at start-up (on PostgreSQL under an advisory lock,
/// so several instances starting together migrate once). Never edit a shipped migration: add one.
public enum Migrations {
    public static let all: [Migration] = [
        Migration(
            version: 1, name: "v1-foundation",
            statements: [
                .both(
                    """
                    CREATE TABLE areas (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        level TEXT NOT NULL,
                        parent_id TEXT REFERENCES areas(id),
                        geometry TEXT,
                        path TEXT COLLATE "C" NOT NULL
                    )
                    """),
                .both("CREATE INDEX areas_parent ON areas(parent_id)"),
                .both("CREATE INDEX areas_path ON areas(path)"),
                .both(
                    """
                    CREATE TABLE places (
                        id TEXT PRIMARY KEY NOT NULL,
                        kind TEXT NOT NULL,
                        name TEXT NOT NULL,
                        area_id TEXT REFERENCES areas(id),
                        area_path TEXT COLLATE "C",
                        lat DOUBLE PRECISION,
                        lon DOUBLE PRECISION
                    )
                    """),
                .both("CREATE INDEX places_area_path ON places(area_path)"),
                .both(
                    """
                    CREATE TABLE households (
                        id TEXT PRIMARY KEY NOT NULL,
                        area_id TEXT,
                        area_path TEXT COLLATE "C" NOT NULL
                    )
                    """),
                .both(
                    """
                    CREATE TABLE residents (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        id_type TEXT NOT NULL,
                        identity_sealed BLOB,
                        id_number_index BLOB,
                        id_number_masked TEXT,
                        sex TEXT NOT NULL,
                        birth_date TEXT,
                        phone_index BLOB,
                        phone_masked TEXT,
                        household_id TEXT,
                        area_id TEXT,
                        area_path TEXT COLLATE "C" NOT NULL,
                        compound_id TEXT
                    )
                    """),
                // The blind-index look-ups: permanent on PostgreSQL; on SQLite they are `lookupIndexes`,
                // dropped during bulk loads and recreated at start-up.
                .postgres("CREATE INDEX residents_phone ON residents(phone_index) WHERE phone_index IS NOT NULL"),
                .postgres("CREATE INDEX residents_id_number ON residents(id_number_index) WHERE id_number_index IS NOT NULL"),
                .both("CREATE INDEX residents_area_path ON residents(area_path, id)"),
                .both("CREATE INDEX residents_household ON residents(household_id) WHERE household_id IS NOT NULL"),
                .both(
                    """
                    CREATE TABLE proxy_links (
                        proxy_id TEXT NOT NULL,
                        dependant_id TEXT NOT NULL,
                        PRIMARY KEY (proxy_id, dependant_id)
                    )
                    """),
                // Flags: PostgreSQL has BOOLEAN; SQLite keeps 0/1 in INTEGER columns (a BOOLEAN
                // declaration would have NUMERIC affinity there, not INTEGER).
                .sqlite(
                    """
                    CREATE TABLE accounts (
                        id TEXT PRIMARY KEY NOT NULL,
                        username TEXT NOT NULL UNIQUE,
                        display_name TEXT NOT NULL,
                        role TEXT NOT NULL,
                        jurisdiction_id TEXT NOT NULL,
                        jurisdiction_path TEXT NOT NULL,
                        password_hash TEXT,
                        disabled INTEGER NOT NULL DEFAULT 0,
                        created_at INTEGER NOT NULL
                    )
                    """),
                .postgres(
                    """
                    CREATE TABLE accounts (
                        id TEXT PRIMARY KEY,
                        username TEXT NOT NULL UNIQUE,
                        display_name TEXT NOT NULL,
                        role TEXT NOT NULL,
                        jurisdiction_id TEXT NOT NULL,
                        jurisdiction_path TEXT COLLATE "C" NOT NULL,
                        password_hash TEXT,
                        disabled BOOLEAN NOT NULL DEFAULT false,
                        created_at BIGINT NOT NULL
                    )
                    """),
                .sqlite(
                    """
                    CREATE TABLE api_tokens (
                        token_hash BLOB PRIMARY KEY NOT NULL,
                        account_id TEXT NOT NULL REFERENCES accounts(id),
                        label TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        revoked INTEGER NOT NULL DEFAULT 0
                    )
                    """),
                .postgres(
                    """
                    CREATE TABLE api_tokens (
                        token_hash BYTEA PRIMARY KEY,
                        account_id TEXT NOT NULL REFERENCES accounts(id),
                        label TEXT NOT NULL,
                        created_at BIGINT NOT NULL,
                        revoked BOOLEAN NOT NULL DEFAULT false
                    )
                    """),
                .both(
                    """
                    CREATE TABLE sessions (
                        token_hash BLOB PRIMARY KEY NOT NULL,
                        subject TEXT NOT NULL,
                        created_at BIGINT NOT NULL,
                        expires_at BIGINT NOT NULL
                    )
                    """),
                .both(
                    """
                    CREATE TABLE one_time_codes (
                        phone_index BLOB PRIMARY KEY NOT NULL,
                        code_hash BLOB NOT NULL,
                        resident_id TEXT NOT NULL,
                        issued_at BIGINT NOT NULL,
                        expires_at BIGINT NOT NULL,
                        attempts_left INTEGER NOT NULL
                    )
                    """),
                .both(
                    """
                    CREATE TABLE outbox (
                        id TEXT PRIMARY KEY NOT NULL,
                        created_at BIGINT NOT NULL,
                        channel TEXT NOT NULL,
                        recipient_sealed BLOB NOT NULL,
                        recipient_masked TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        body TEXT NOT NULL,
                        status TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        sent_at BIGINT
                    )
                    """),
                .both("CREATE INDEX outbox_pending ON outbox(status, created_at)"),
                // The store numbers entries itself (seq of the chain). On SQLite `INTEGER PRIMARY KEY`
                // makes seq the rowid; PostgreSQL's BIGINT key has no default.
                .sqlite(
                    """
                    CREATE TABLE audit_log (
                        seq INTEGER PRIMARY KEY NOT NULL,
                        at INTEGER NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        subject_kind TEXT NOT NULL,
                        subject_id TEXT NOT NULL,
                        detail TEXT NOT NULL,
                        prev_hash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    )
                    """),
                .postgres(
                    """
                    CREATE TABLE audit_log (
                        seq BIGINT PRIMARY KEY,
                        at BIGINT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        subject_kind TEXT NOT NULL,
                        subject_id TEXT NOT NULL,
                        detail TEXT NOT NULL,
                        prev_hash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX audit_subject ON audit_log(subject_id, seq)"),
            ] + appendOnly("audit_log")),
        // Times are seconds since 1970 (UTC). `seq` only grows, so the timeline index can follow new
        // rows by asking for seq > N: on SQLite AUTOINCREMENT (never reused after a purge); on
        // PostgreSQL presence inserts hold an advisory lock, so `seq` values become visible in order.
        Migration(
            version: 2, name: "v2-feeds",
            statements: [
                .both(
                    """
                    CREATE TABLE presence (
                        seq BIGSERIAL PRIMARY KEY,
                        id TEXT NOT NULL UNIQUE,
                        person TEXT NOT NULL,
                        place TEXT NOT NULL,
                        start_at BIGINT NOT NULL,
                        end_at BIGINT NOT NULL,
                        seat TEXT,
                        source TEXT
                    )
                    """),
                .both("CREATE INDEX presence_end ON presence(end_at)"),
                .both(
                    """
                    CREATE TABLE lab_results (
                        id TEXT PRIMARY KEY NOT NULL,
                        person TEXT NOT NULL,
                        sampled_at BIGINT NOT NULL,
                        result TEXT NOT NULL,
                        test TEXT NOT NULL,
                        lab TEXT
                    )
                    """),
                .both("CREATE INDEX lab_results_person ON lab_results(person, sampled_at)"),
                .both("CREATE INDEX lab_results_positive ON lab_results(sampled_at) WHERE result = 'positive'"),
                .both(
                    """
                    CREATE TABLE arrivals (
                        id TEXT PRIMARY KEY NOT NULL,
                        person TEXT NOT NULL,
                        from_region TEXT NOT NULL,
                        arrived_at BIGINT NOT NULL,
                        mode TEXT,
                        trip TEXT
                    )
                    """),
                .both("CREATE INDEX arrivals_person ON arrivals(person, arrived_at)"),
            ]),
        // Health facts and statuses. A status is kept whole as JSON (its reasons and actions are
        // shown, not queried); the colour is a column for counts and lists.
        Migration(
            version: 3, name: "v3-health",
            statements: [
                .both(
                    """
                    CREATE TABLE check_ins (
                        seq BIGSERIAL PRIMARY KEY,
                        person TEXT NOT NULL,
                        at BIGINT NOT NULL,
                        temperature DOUBLE PRECISION,
                        symptoms TEXT NOT NULL,
                        by TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX check_ins_person ON check_ins(person, at)"),
                .both(
                    """
                    CREATE TABLE case_records (
                        person TEXT PRIMARY KEY NOT NULL,
                        status TEXT NOT NULL,
                        onset BIGINT,
                        isolated_at BIGINT,
                        outcome TEXT,
                        updated_by TEXT NOT NULL,
                        updated_at BIGINT NOT NULL
                    )
                    """),
                .both(
                    """
                    CREATE TABLE exposures (
                        person TEXT NOT NULL,
                        case_id TEXT NOT NULL,
                        category TEXT NOT NULL,
                        last_exposure BIGINT NOT NULL,
                        place TEXT,
                        PRIMARY KEY (person, case_id)
                    )
                    """),
                .both("CREATE INDEX exposures_case ON exposures(case_id)"),
                .both(
                    """
                    CREATE TABLE override_requests (
                        id TEXT PRIMARY KEY NOT NULL,
                        person TEXT NOT NULL,
                        colour TEXT NOT NULL,
                        legal_basis TEXT NOT NULL,
                        until BIGINT NOT NULL,
                        proposer TEXT NOT NULL,
                        proposed_at BIGINT NOT NULL,
                        state TEXT NOT NULL,
                        approver TEXT,
                        decided_at BIGINT,
                        decision_note TEXT
                    )
                    """),
                .both("CREATE INDEX override_requests_person ON override_requests(person)"),
                .both("CREATE INDEX override_requests_state ON override_requests(state, proposed_at)"),
                .both(
                    """
                    CREATE TABLE statuses (
                        person TEXT PRIMARY KEY NOT NULL,
                        colour TEXT NOT NULL,
                        computed_at BIGINT NOT NULL,
                        body TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX statuses_colour ON statuses(colour)"),
                .both(
                    """
                    CREATE TABLE status_history (
                        seq BIGSERIAL PRIMARY KEY,
                        person TEXT NOT NULL,
                        computed_at BIGINT NOT NULL,
                        colour TEXT NOT NULL,
                        body TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX status_history_person ON status_history(person, seq)"),
            ] + appendOnly("status_history")),
        Migration(
            version: 4, name: "v4-appeals",
            statements: [
                .both(
                    """
                    CREATE TABLE appeals (
                        id TEXT PRIMARY KEY NOT NULL,
                        person TEXT NOT NULL,
                        fact_kind TEXT NOT NULL,
                        fact_id TEXT,
                        reason TEXT NOT NULL,
                        submitted_by TEXT NOT NULL,
                        submitted_at BIGINT NOT NULL,
                        deadline BIGINT NOT NULL,
                        state TEXT NOT NULL,
                        decided_by TEXT,
                        decided_at BIGINT,
                        decision TEXT
                    )
                    """),
                .both("CREATE INDEX appeals_person ON appeals(person)"),
                .both("CREATE INDEX appeals_open ON appeals(state, deadline)"),
                .both(
                    """
                    CREATE TABLE fact_corrections (
                        person TEXT NOT NULL,
                        fact_kind TEXT NOT NULL,
                        fact_id TEXT NOT NULL,
                        appeal_id TEXT NOT NULL,
                        at BIGINT NOT NULL,
                        PRIMARY KEY (person, fact_kind, fact_id)
                    )
                    """),
            ]),
        Migration(
            version: 5, name: "v5-credentials",
            statements: [
                .both("CREATE TABLE credential_subjects (subject BLOB PRIMARY KEY NOT NULL, person TEXT NOT NULL)")
            ]),
        // Codes carry their subject sealed (CodeSubject): a scan no longer looks the person up.
        Migration(
            version: 6, name: "v6-sealed-code-subjects",
            statements: [
                .both("DROP TABLE credential_subjects")
            ]),
        // Grid management: the records are JSON documents beside the columns that are queried.
        // The grid tables (issue 6). Each record is kept whole as JSON (`doc`); the columns beside it
        // are the ones looked up or filtered on, so the completeness of 85,000 grids never decodes a
        // document.
        Migration(
            version: 7, name: "v7-grid",
            statements: [
                .both(
                    """
                    CREATE TABLE assignments (
                        seq BIGSERIAL PRIMARY KEY,
                        account_id TEXT NOT NULL, area_id TEXT NOT NULL, from_at BIGINT NOT NULL, to_at BIGINT, by TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX assignments_account ON assignments(account_id, seq)"),
                .both(
                    """
                    CREATE TABLE grid_tasks (
                        id TEXT PRIMARY KEY NOT NULL, fact_key TEXT NOT NULL UNIQUE, grid_path TEXT NOT NULL COLLATE "C", state TEXT NOT NULL,
                        due_at BIGINT NOT NULL, escalation INTEGER NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX grid_tasks_path ON grid_tasks(grid_path)"),
                .both("CREATE INDEX grid_tasks_due ON grid_tasks(state, due_at)"),
                .both(
                    """
                    CREATE TABLE household_visits (
                        id TEXT PRIMARY KEY NOT NULL, household TEXT NOT NULL, grid_path TEXT NOT NULL COLLATE "C", at BIGINT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX household_visits_path ON household_visits(grid_path, at)"),
                .both(
                    """
                    CREATE TABLE follow_ups (
                        person TEXT NOT NULL, day TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (person, day)
                    )
                    """),
                // Flags, as accounts: BOOLEAN on PostgreSQL, INTEGER 0/1 on SQLite.
                .sqlite(
                    """
                    CREATE TABLE daily_reports (
                        grid_id TEXT NOT NULL, day TEXT NOT NULL, grid_path TEXT NOT NULL, zero INTEGER NOT NULL, late INTEGER NOT NULL,
                        doc TEXT NOT NULL, PRIMARY KEY (grid_id, day)
                    )
                    """),
                .postgres(
                    """
                    CREATE TABLE daily_reports (
                        grid_id TEXT NOT NULL, day TEXT NOT NULL, grid_path TEXT NOT NULL COLLATE "C", zero BOOLEAN NOT NULL, late BOOLEAN NOT NULL,
                        doc TEXT NOT NULL, PRIMARY KEY (grid_id, day)
                    )
                    """),
                .both("CREATE INDEX daily_reports_day ON daily_reports(day, grid_path)"),
                .both(
                    """
                    CREATE TABLE duty_shifts (
                        id TEXT PRIMARY KEY NOT NULL, place TEXT NOT NULL, starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX duty_shifts_place ON duty_shifts(place, starts_at)"),
                .both("CREATE INDEX areas_level_path ON areas(level, path)"),
                // A blind-index look-up: permanent on PostgreSQL, one of SQLite's `lookupIndexes`.
                .postgres("CREATE INDEX residents_compound ON residents(compound_id) WHERE compound_id IS NOT NULL"),
            ]),
        // Notifications: who a message is about and which fact (de-duplication), and retries.
        Migration(
            version: 8, name: "v8-notices",
            statements: [
                .both("ALTER TABLE outbox ADD COLUMN person TEXT"),
                .both("ALTER TABLE outbox ADD COLUMN fact_key TEXT"),
                .both("ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0"),
                .both("ALTER TABLE outbox ADD COLUMN last_error TEXT"),
                .both("CREATE UNIQUE INDEX outbox_fact ON outbox(fact_key) WHERE fact_key IS NOT NULL"),
                .both("CREATE INDEX outbox_person_kind ON outbox(person, kind, created_at) WHERE person IS NOT NULL"),
                .both("CREATE INDEX outbox_due ON outbox(status, next_attempt_at)"),
            ]),
        // Public information: case disclosures (the case's person id stays in its own column, never
        // in the published document) and notices and rumour rebuttals.
        Migration(
            version: 9, name: "v9-public",
            statements: [
                .both(
                    """
                    CREATE TABLE disclosures (
                        id TEXT PRIMARY KEY NOT NULL, case_person TEXT NOT NULL UNIQUE, number INTEGER NOT NULL UNIQUE, state TEXT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both(
                    "CREATE TABLE public_posts (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, published_at BIGINT NOT NULL, doc TEXT NOT NULL)"),
                .both("CREATE INDEX public_posts_kind ON public_posts(kind, published_at)"),
            ]),
        // Messages for a resident without a phone go to their proxies: found by the dependant.
        Migration(
            version: 10, name: "v10-proxy-lookup",
            statements: [
                .both("CREATE INDEX proxy_links_dependant ON proxy_links(dependant_id)")
            ]),
        // A failed trace keeps the case's earlier exposures; the failure is shown and retried.
        Migration(
            version: 11, name: "v11-trace-failures",
            statements: [
                .both(
                    "CREATE TABLE trace_failures (case_id TEXT PRIMARY KEY NOT NULL, first_failed_at BIGINT NOT NULL, last_failed_at BIGINT NOT NULL, reason TEXT NOT NULL, attempts INTEGER NOT NULL)"
                )
            ]),
        // Task lists are filtered and counted by kind in the store: the kind gets a column of its
        // own (it never changes after a task is made), filled from the stored documents.
        Migration(
            version: 12, name: "v12-task-kind",
            statements: [
                .both("ALTER TABLE grid_tasks ADD COLUMN kind TEXT NOT NULL DEFAULT ''"),
                .sqlite("UPDATE grid_tasks SET kind = json_extract(doc, '$.kind')"),
                .postgres("UPDATE grid_tasks SET kind = (doc::json)->>'kind'"),
                .both("CREATE INDEX grid_tasks_path_kind ON grid_tasks(grid_path, kind, state)"),
            ]),
        // An area's English name, where the area import gives one (`nameEn`): English pages show it.
        Migration(version: 13, name: "v13-area-name-en", statements: [.both("ALTER TABLE areas ADD COLUMN name_en TEXT")]),
        // Sign-in attempts counted per phone (its blind index) and per client, independent of any
        // pending code; and the outbox's priority, so a sign-in code never waits behind bulk alerts.
        Migration(
            version: 14, name: "v14-sign-in-limits",
            statements: [
                .both("CREATE TABLE sign_in_attempts (key TEXT NOT NULL, kind TEXT NOT NULL, at BIGINT NOT NULL)"),
                .both("CREATE INDEX sign_in_attempts_key ON sign_in_attempts(key, kind, at)"),
                .both("CREATE INDEX sign_in_attempts_at ON sign_in_attempts(at)"),
                .both("ALTER TABLE outbox ADD COLUMN priority INTEGER NOT NULL DEFAULT 1"),
                .both("CREATE INDEX outbox_priority_due ON outbox(status, priority, next_attempt_at)"),
            ]),
        // A token's scopes: the import kinds it may send, comma-separated (NULL: its role's).
        Migration(version: 15, name: "v15-token-scopes", statements: [.both("ALTER TABLE api_tokens ADD COLUMN scopes TEXT")]),
        // Only the birth year stays in clear; the full date moves into the sealed envelope when
        // `cordon keys rotate-data-key` re-seals the row (which then clears birth_date).
        Migration(
            version: 16, name: "v16-birth-year",
            statements: [
                .both("ALTER TABLE residents ADD COLUMN birth_year INTEGER"),
                .both("UPDATE residents SET birth_year = CAST(substr(birth_date, 1, 4) AS INTEGER) WHERE birth_date IS NOT NULL"),
            ]),
        // A staff account's second factor: its TOTP secret, sealed, and the last step used (a code
        // works once); and the area a token is scoped to (NULL: its account's jurisdiction).
        Migration(
            version: 17, name: "v17-second-factor-token-area",
            statements: [
                .both("ALTER TABLE accounts ADD COLUMN totp_sealed BLOB"),
                .both("ALTER TABLE accounts ADD COLUMN totp_step BIGINT NOT NULL DEFAULT 0"),
                .both("ALTER TABLE api_tokens ADD COLUMN area_path TEXT"),
            ]),
        // Staff administration: a one-time password must be changed at the first sign-in; the
        // work phone residents see for their grid worker; a token's expiry and last use.
        Migration(
            version: 18, name: "v18-staff-administration",
            statements: [
                .sqlite("ALTER TABLE accounts ADD COLUMN must_change_password INTEGER NOT NULL DEFAULT 0"),
                .postgres("ALTER TABLE accounts ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT false"),
                .both("ALTER TABLE accounts ADD COLUMN work_phone TEXT"),
                .both("ALTER TABLE api_tokens ADD COLUMN expires_at BIGINT"),
                .both("ALTER TABLE api_tokens ADD COLUMN last_used_at BIGINT"),
                .both("CREATE INDEX accounts_path ON accounts(jurisdiction_path, username)"),
            ]),
        // Applications for a code (申领): what a person declared, and the grid's confirmation.
        Migration(
            version: 19, name: "v19-registrations",
            statements: [
                .both(
                    """
                    CREATE TABLE registrations (
                        id TEXT PRIMARY KEY,
                        person TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        created_at BIGINT NOT NULL,
                        from_region TEXT,
                        arrived_on TEXT,
                        symptoms TEXT NOT NULL,
                        conflict TEXT,
                        confirmed_at BIGINT,
                        confirmed_by TEXT
                    )
                    """),
                .both("CREATE INDEX registrations_person ON registrations(person, created_at)"),
            ]),
        // The audit log viewer filters by who acted and by action, newest first.
        Migration(
            version: 20, name: "v20-audit-viewer",
            statements: [
                .both("CREATE INDEX audit_actor ON audit_log(actor, seq)"),
                .both("CREATE INDEX audit_action ON audit_log(action, seq)"),
            ]),
        // Requests to hold someone's codes (a proxy), confirmed by the dependant's grid.
        Migration(
            version: 21, name: "v21-proxy-requests",
            statements: [
                .both(
                    """
                    CREATE TABLE proxy_requests (
                        id TEXT PRIMARY KEY,
                        proxy TEXT NOT NULL,
                        dependant TEXT NOT NULL,
                        relation TEXT NOT NULL,
                        created_at BIGINT NOT NULL,
                        state TEXT NOT NULL,
                        decided_by TEXT,
                        decided_at BIGINT
                    )
                    """),
                .both("CREATE INDEX proxy_requests_dependant ON proxy_requests(dependant, state)"),
            ]),
        // Help requests and reports (求助、反映): only the sender's phone index and masked form.
        Migration(
            version: 22, name: "v22-help-requests",
            statements: [
                .sqlite(
                    """
                    CREATE TABLE help_requests (
                        id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, category TEXT NOT NULL, text TEXT NOT NULL, compound_id TEXT NOT NULL,
                        address TEXT, grid_id TEXT NOT NULL, grid_path TEXT NOT NULL, sender_resident TEXT, sender_phone_index BLOB,
                        sender_phone_masked TEXT, follow_hash BLOB NOT NULL UNIQUE, created_at INTEGER NOT NULL, state TEXT NOT NULL,
                        answer TEXT, answered_by TEXT, answered_at INTEGER
                    )
                    """),
                .postgres(
                    """
                    CREATE TABLE help_requests (
                        id TEXT PRIMARY KEY, kind TEXT NOT NULL, category TEXT NOT NULL, text TEXT NOT NULL, compound_id TEXT NOT NULL,
                        address TEXT, grid_id TEXT NOT NULL, grid_path TEXT COLLATE "C" NOT NULL, sender_resident TEXT, sender_phone_index BYTEA,
                        sender_phone_masked TEXT, follow_hash BYTEA NOT NULL UNIQUE, created_at BIGINT NOT NULL, state TEXT NOT NULL,
                        answer TEXT, answered_by TEXT, answered_at BIGINT
                    )
                    """),
                .both("CREATE INDEX help_requests_sender ON help_requests(sender_resident, created_at)"),
            ]),
        // Buildings (楼栋) under compounds: addresses and door-to-door screening count by them.
        Migration(version: 23, name: "v23-buildings", statements: [.both("ALTER TABLE residents ADD COLUMN building TEXT")]),
        // A self-declared record merged into the register's (a residents feed brought the same
        // identity number): the registration keeps the old id, so its page can point to the new.
        // Declarations are held against later feeds by the day they were made.
        Migration(
            version: 24, name: "v24-registration-merges-and-claims",
            statements: [
                .both("ALTER TABLE registrations ADD COLUMN merged_from TEXT"),
                .both("CREATE INDEX registrations_merged_from ON registrations(merged_from) WHERE merged_from IS NOT NULL"),
                // Feed imports hold the last 14 days' declarations against what they bring.
                .both("CREATE INDEX registrations_created ON registrations(created_at)"),
                // A claim (the register's identity number, another phone): the phone that applied, as
                // its blind index and masked, so the grid can link it once they have seen the person.
                .both("ALTER TABLE registrations ADD COLUMN phone_index BLOB"),
                .both("ALTER TABLE registrations ADD COLUMN phone_masked TEXT"),
                .both("ALTER TABLE registrations ADD COLUMN decision TEXT"),
            ]),
        // Feed health: records each source stored, by the hour.
        Migration(
            version: 25, name: "v25-feed-activity",
            statements: [
                .both(
                    """
                    CREATE TABLE feed_activity (
                        kind TEXT NOT NULL, source TEXT NOT NULL, hour BIGINT NOT NULL, records BIGINT NOT NULL, last_at BIGINT NOT NULL,
                        PRIMARY KEY (kind, source, hour)
                    )
                    """)
            ]),
        // The daily arrivals list reads arrivals by time, then their residents by key.
        Migration(version: 26, name: "v26-arrivals-by-time", statements: [.both("CREATE INDEX arrivals_arrived ON arrivals(arrived_at)")]),
        // The command centre's dashboard counts colours by cause and by end without decoding status
        // bodies (filled in from the bodies once, here), checkpoint scans and refusals by the hour,
        // and keeps each day's colours of the city and its districts for the "colours over time" chart.
        Migration(
            version: 27, name: "v27-dashboard",
            statements: [
                .both("ALTER TABLE statuses ADD COLUMN cause TEXT"),
                .both("ALTER TABLE statuses ADD COLUMN until_at BIGINT"),
                .sqlite(
                    """
                    UPDATE statuses SET until_at = CAST(json_extract(body, '$.until') AS INTEGER),
                        cause = (SELECT json_extract(r.value, '$.rule') FROM json_each(statuses.body, '$.reasons') r
                                 WHERE json_extract(r.value, '$.colour') = statuses.colour ORDER BY r.key LIMIT 1)
                    """),
                .postgres(
                    """
                    UPDATE statuses SET until_at = CAST(FLOOR(CAST(CAST(body AS jsonb)->>'until' AS DOUBLE PRECISION)) AS BIGINT),
                        cause = (SELECT r.value->>'rule' FROM jsonb_array_elements(CAST(statuses.body AS jsonb)->'reasons') WITH ORDINALITY AS r(value, n)
                                 WHERE r.value->>'colour' = statuses.colour ORDER BY r.n LIMIT 1)
                    """),
                .both(
                    """
                    CREATE TABLE checkpoint_hours (
                        place TEXT NOT NULL, hour BIGINT NOT NULL, scans BIGINT NOT NULL, refused BIGINT NOT NULL, PRIMARY KEY (place, hour)
                    )
                    """),
                .both("CREATE INDEX checkpoint_hours_hour ON checkpoint_hours(hour)"),
                .both(
                    """
                    CREATE TABLE colour_days (
                        area_id TEXT NOT NULL, day TEXT NOT NULL, red BIGINT NOT NULL, yellow BIGINT NOT NULL, green BIGINT NOT NULL,
                        PRIMARY KEY (area_id, day)
                    )
                    """),
            ]),
        // Directives down the tree and each recipient area's acknowledgement.
        Migration(
            version: 28, name: "v28-directives",
            statements: [
                .both(
                    """
                    CREATE TABLE directives (
                        id TEXT PRIMARY KEY NOT NULL, area_path TEXT NOT NULL COLLATE "C", created_at BIGINT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX directives_area ON directives(area_path, created_at)"),
                .both(
                    """
                    CREATE TABLE directive_recipients (
                        directive_id TEXT NOT NULL, area_id TEXT NOT NULL, area_path TEXT NOT NULL COLLATE "C", level_rank INTEGER NOT NULL,
                        deadline_at BIGINT NOT NULL, acknowledged_by TEXT, acknowledged_at BIGINT, escalation INTEGER NOT NULL,
                        PRIMARY KEY (directive_id, area_id)
                    )
                    """),
                .both("CREATE INDEX directive_recipients_area ON directive_recipients(area_id)"),
                .both("CREATE INDEX directive_recipients_path ON directive_recipients(area_path)"),
                .both("CREATE INDEX directive_recipients_due ON directive_recipients(deadline_at) WHERE acknowledged_at IS NULL"),
            ]),
        // Where the person of a status lives, kept with the status (a resident's area path never
        // changes): the dashboard counts colours by area from this index alone, instead of looking
        // up every red or yellow person's residence (a 1M city's colours took 3× a COUNT(*) that way).
        Migration(
            version: 29, name: "v29-status-areas",
            statements: [
                .both("ALTER TABLE statuses ADD COLUMN area_path TEXT COLLATE \"C\""),
                .both("UPDATE statuses SET area_path = (SELECT r.area_path FROM residents r WHERE r.id = statuses.person)"),
                .both("CREATE INDEX statuses_area ON statuses(area_path, colour, cause, until_at)"),
            ]),
        // Enterprises back to work: the enterprise (its credit code unique), the accounts acting for
        // one, and the links of people to it (a link counts once the person consented).
        Migration(
            version: 30, name: "v30-enterprises",
            statements: [
                .both(
                    """
                    CREATE TABLE enterprises (
                        id TEXT PRIMARY KEY NOT NULL, credit_code TEXT NOT NULL UNIQUE, name TEXT NOT NULL, area_path TEXT NOT NULL COLLATE "C",
                        state TEXT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX enterprises_area ON enterprises(area_path, state)"),
                .both("ALTER TABLE accounts ADD COLUMN enterprise_id TEXT"),
                .both(
                    """
                    CREATE TABLE employments (
                        enterprise_id TEXT NOT NULL REFERENCES enterprises(id), person TEXT NOT NULL, state TEXT NOT NULL, proposed_at BIGINT NOT NULL,
                        doc TEXT NOT NULL, PRIMARY KEY (enterprise_id, person)
                    )
                    """),
                .both("CREATE INDEX employments_person ON employments(person)"),
            ]),
        Migration(
            version: 31, name: "v31-work-applications",
            statements: [
                .both(
                    """
                    CREATE TABLE work_applications (
                        id TEXT PRIMARY KEY NOT NULL, enterprise_id TEXT NOT NULL REFERENCES enterprises(id), area_path TEXT NOT NULL COLLATE "C",
                        state TEXT NOT NULL, submitted_at BIGINT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX work_applications_area ON work_applications(area_path, state)"),
                .both("CREATE INDEX work_applications_enterprise ON work_applications(enterprise_id, submitted_at)"),
                .both(
                    """
                    CREATE TABLE staff_reports (
                        enterprise_id TEXT NOT NULL REFERENCES enterprises(id), day TEXT NOT NULL, area_path TEXT NOT NULL COLLATE "C",
                        submitted_at BIGINT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (enterprise_id, day)
                    )
                    """),
                .both("CREATE INDEX staff_reports_day ON staff_reports(day, area_path)"),
            ]),
        Migration(
            version: 32, name: "v32-chartered-trips",
            statements: [
                .both(
                    """
                    CREATE TABLE chartered_trips (
                        id TEXT PRIMARY KEY NOT NULL, enterprise_id TEXT NOT NULL REFERENCES enterprises(id), departure_at BIGINT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX chartered_trips_enterprise ON chartered_trips(enterprise_id, departure_at)"),
                .both(
                    """
                    CREATE TABLE force_majeure (
                        id TEXT PRIMARY KEY NOT NULL, enterprise_id TEXT NOT NULL REFERENCES enterprises(id), area_path TEXT NOT NULL COLLATE "C",
                        state TEXT NOT NULL, requested_at BIGINT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX force_majeure_area ON force_majeure(area_path, state)"),
            ]),
        Migration(
            version: 33, name: "v33-mask-reservation",
            statements: [
                .both("ALTER TABLE accounts ADD COLUMN pharmacy_id TEXT"),
                .both(
                    """
                    CREATE TABLE pharmacy_stock (
                        pharmacy TEXT NOT NULL REFERENCES places(id), product TEXT NOT NULL, units BIGINT NOT NULL, updated_at BIGINT NOT NULL,
                        updated_by TEXT NOT NULL, PRIMARY KEY (pharmacy, product)
                    )
                    """),
                .both(
                    """
                    CREATE TABLE mask_rounds (
                        id TEXT PRIMARY KEY NOT NULL, product TEXT NOT NULL, area_path TEXT NOT NULL COLLATE "C", state TEXT NOT NULL,
                        opens_at BIGINT NOT NULL, closes_at BIGINT NOT NULL, token_key TEXT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX mask_rounds_area ON mask_rounds(area_path, opens_at)"),
                .both("CREATE INDEX mask_rounds_state ON mask_rounds(state, closes_at)"),
                .both(
                    """
                    CREATE TABLE round_entries (
                        round TEXT NOT NULL REFERENCES mask_rounds(id), person TEXT NOT NULL, token TEXT NOT NULL, pharmacy TEXT NOT NULL,
                        won BIGINT NOT NULL DEFAULT 0, entered_at BIGINT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (round, person)
                    )
                    """),
                .both("CREATE UNIQUE INDEX round_entries_token ON round_entries(round, token)"),
                .both("CREATE INDEX round_entries_person ON round_entries(person)"),
                .both(
                    """
                    CREATE TABLE pickup_allocations (
                        id TEXT PRIMARY KEY NOT NULL, round TEXT NOT NULL REFERENCES mask_rounds(id), person TEXT NOT NULL, pharmacy TEXT NOT NULL,
                        product TEXT NOT NULL, units BIGINT NOT NULL, state TEXT NOT NULL, drawn_at BIGINT NOT NULL, expires_at BIGINT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX pickup_allocations_person ON pickup_allocations(person, drawn_at)"),
                .both("CREATE INDEX pickup_allocations_expiry ON pickup_allocations(product, state, expires_at)"),
                .both(
                    """
                    CREATE TABLE supply_priority (
                        person TEXT NOT NULL, grp TEXT NOT NULL, added_by TEXT NOT NULL, added_at BIGINT NOT NULL, PRIMARY KEY (person, grp)
                    )
                    """),
            ]),
        Migration(
            version: 34, name: "v34-donation-ledger",
            statements: [
                .both(
                    """
                    CREATE TABLE ledger_entries (
                        seq BIGINT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, item TEXT NOT NULL, amount BIGINT NOT NULL, delta BIGINT NOT NULL,
                        direction TEXT NOT NULL, corrects BIGINT, party TEXT NOT NULL, day TEXT NOT NULL, hash TEXT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX ledger_entries_item ON ledger_entries(item)"),
                .both("CREATE INDEX ledger_entries_corrects ON ledger_entries(corrects) WHERE corrects IS NOT NULL"),
            ] + appendOnly("ledger_entries") + [
                .both(
                    """
                    CREATE TABLE ledger_drafts (
                        id TEXT PRIMARY KEY NOT NULL, state TEXT NOT NULL, entered_at BIGINT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX ledger_drafts_state ON ledger_drafts(state, entered_at)"),
                .both(
                    """
                    CREATE TABLE supply_shipments (
                        id TEXT PRIMARY KEY NOT NULL, item TEXT NOT NULL, quantity BIGINT NOT NULL, from_area TEXT, from_path TEXT COLLATE "C",
                        to_area TEXT NOT NULL, to_path TEXT NOT NULL COLLATE "C", state TEXT NOT NULL, sent_at BIGINT NOT NULL, doc TEXT NOT NULL
                    )
                    """),
                .both("CREATE INDEX supply_shipments_to ON supply_shipments(to_path, state)"),
                .both("CREATE INDEX supply_shipments_from ON supply_shipments(from_path)"),
            ]),
        // Retention purges whole days. An index on the end instant took a random place in a large
        // B-tree for every imported event (on SQLite two thirds of a bulk load's time once it
        // outgrew the page cache); by day, each event joins the end of its day's run of entries.
        Migration(
            version: 35, name: "v35-presence-end-day",
            statements: [
                .both("DROP INDEX presence_end"),
                .both("CREATE INDEX presence_end_day ON presence((end_at / 86400))"),
            ]),
        // PostgreSQL: presence partitioned by the day its stay ended, so retention drops whole days
        // instead of deleting rows one by one. A unique key must hold the partition key, so an id is
        // unique per end (a feed re-sending an event sends its end too). The table keeps its name and
        // sequence; the rows move from `presence_unpartitioned` after the migrations, in chunks with
        // progress (`PresencePartitions.moveRows`). Each day's partition is made before the first
        // row of that day is written; the default partition catches what comes in between.
        Migration(
            version: 36, name: "v36-presence-by-day",
            statements: [
                .postgres("ALTER TABLE presence RENAME TO presence_unpartitioned"),
                .postgres("ALTER INDEX presence_pkey RENAME TO presence_unpartitioned_pkey"),
                .postgres("ALTER INDEX presence_id_key RENAME TO presence_unpartitioned_id_key"),
                .postgres("ALTER INDEX presence_end_day RENAME TO presence_unpartitioned_end_day"),
                .postgres("ALTER SEQUENCE presence_seq_seq OWNED BY NONE"),
                .postgres("ALTER TABLE presence_unpartitioned ALTER COLUMN seq DROP DEFAULT"),
                .postgres(
                    """
                    CREATE TABLE presence (
                        seq BIGINT NOT NULL DEFAULT nextval('presence_seq_seq'),
                        id TEXT NOT NULL,
                        person TEXT NOT NULL,
                        place TEXT NOT NULL,
                        start_at BIGINT NOT NULL,
                        end_at BIGINT NOT NULL,
                        seat TEXT,
                        source TEXT,
                        PRIMARY KEY (seq, end_at),
                        UNIQUE (id, end_at)
                    ) PARTITION BY RANGE (end_at)
                    """),
                .postgres("ALTER SEQUENCE presence_seq_seq OWNED BY presence.seq"),
                .postgres("CREATE TABLE presence_default PARTITION OF presence DEFAULT"),
            ]),
        // Staff find people by the beginning of their name: in name order, with where they live,
        // from the index alone. (SQLite keeps it among `lookupIndexes`, dropped during bulk loads.)
        Migration(
            version: 37, name: "v37-residents-by-name",
            statements: [
                .postgres(#"CREATE INDEX residents_name ON residents((lower(name) COLLATE "C"), area_path, id)"#)
            ]),
    ]

    /// Refuses changes to a table's rows: SQLite each updated or deleted row; PostgreSQL the
    /// statement (UPDATE, DELETE, and TRUNCATE, which has no row triggers).
    static func appendOnly(_ table: String) -> [MigrationStatement] {
        [
            .sqlite("CREATE TRIGGER \(table)_no_update BEFORE UPDATE ON \(table)\n    BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END"),
            .sqlite("CREATE TRIGGER \(table)_no_delete BEFORE DELETE ON \(table)\n    BEGIN SELECT RAISE(ABORT, '\(table) is append-only'); END"),
            .postgres(
                "CREATE FUNCTION \(table)_append_only() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN RAISE EXCEPTION '\(table) is append-only'; END $$"),
            .postgres(
                "CREATE TRIGGER \(table)_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON \(table) FOR EACH STATEMENT EXECUTE FUNCTION \(table)_append_only()"),
        ]
    }

    /// SQLite only: the blind-index look-up indexes, dropped during bulk loads and recreated (if
    /// missing) at every start-up, so a load interrupted by a crash heals itself. (PostgreSQL
    /// creates the same indexes once, in v1 and v7, and keeps them.)
    public static let lookupIndexes: [String] = [
        "CREATE INDEX IF NOT EXISTS residents_phone ON residents(phone_index) WHERE phone_index IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS residents_compound ON residents(compound_id) WHERE compound_id IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS residents_id_number ON residents(id_number_index) WHERE id_number_index IS NOT NULL",
        "CREATE INDEX IF NOT EXISTS residents_name ON residents(lower(name), area_path, id)",
    ]
}
