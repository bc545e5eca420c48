import Logging
import PostgresNIO

/// Versioned schema changes, applied in order at start-up under an advisory lock, so several
/// instances starting together migrate once. Never edit a shipped migration: add one.
enum PostgresMigrations {
    static let all: [(version: Int, name: String, sql: [String])] = [
        (
            1, "v1-foundation",
            [
                """
                CREATE TABLE areas (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    level TEXT NOT NULL,
                    parent_id TEXT REFERENCES areas(id),
                    geometry TEXT,
                    path TEXT COLLATE "C" NOT NULL
                )
                """,
                "CREATE INDEX areas_parent ON areas(parent_id)",
                "CREATE INDEX areas_path ON areas(path)",
                """
                CREATE TABLE places (
                    id TEXT PRIMARY KEY,
                    kind TEXT NOT NULL,
                    name TEXT NOT NULL,
                    area_id TEXT REFERENCES areas(id),
                    area_path TEXT COLLATE "C",
                    lat DOUBLE PRECISION,
                    lon DOUBLE PRECISION
                )
                """,
                "CREATE INDEX places_area_path ON places(area_path)",
                "CREATE TABLE households (id TEXT PRIMARY KEY, area_id TEXT, area_path TEXT COLLATE \"C\" NOT NULL)",
                """
                CREATE TABLE residents (
                    id TEXT PRIMARY KEY,
                    name TEXT NOT NULL,
                    id_type TEXT NOT NULL,
                    identity_sealed BYTEA,
                    id_number_index BYTEA,
                    id_number_masked TEXT,
                    sex TEXT NOT NULL,
                    birth_date TEXT,
                    phone_index BYTEA,
                    phone_masked TEXT,
                    household_id TEXT,
                    area_id TEXT,
                    area_path TEXT COLLATE "C" NOT NULL,
                    compound_id TEXT
                )
                """,
                "CREATE INDEX residents_phone ON residents(phone_index) WHERE phone_index IS NOT NULL",
                "CREATE INDEX residents_id_number ON residents(id_number_index) WHERE id_number_index IS NOT NULL",
                "CREATE INDEX residents_area_path ON residents(area_path, id)",
                "CREATE INDEX residents_household ON residents(household_id) WHERE household_id IS NOT NULL",
                "CREATE TABLE proxy_links (proxy_id TEXT NOT NULL, dependant_id TEXT NOT NULL, PRIMARY KEY (proxy_id, dependant_id))",
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
                """,
                """
                CREATE TABLE api_tokens (
                    token_hash BYTEA PRIMARY KEY,
                    account_id TEXT NOT NULL REFERENCES accounts(id),
                    label TEXT NOT NULL,
                    created_at BIGINT NOT NULL,
                    revoked BOOLEAN NOT NULL DEFAULT false
                )
                """,
                "CREATE TABLE sessions (token_hash BYTEA PRIMARY KEY, subject TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT NOT NULL)",
                """
                CREATE TABLE one_time_codes (
                    phone_index BYTEA PRIMARY KEY,
                    code_hash BYTEA NOT NULL,
                    resident_id TEXT NOT NULL,
                    issued_at BIGINT NOT NULL,
                    expires_at BIGINT NOT NULL,
                    attempts_left INTEGER NOT NULL
                )
                """,
                """
                CREATE TABLE outbox (
                    id TEXT PRIMARY KEY,
                    created_at BIGINT NOT NULL,
                    channel TEXT NOT NULL,
                    recipient_sealed BYTEA NOT NULL,
                    recipient_masked TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    body TEXT NOT NULL,
                    status TEXT NOT NULL,
                    attempts INTEGER NOT NULL DEFAULT 0,
                    sent_at BIGINT
                )
                """,
                "CREATE INDEX outbox_pending ON outbox(status, created_at)",
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
                """,
                "CREATE INDEX audit_subject ON audit_log(subject_id, seq)",
                """
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
                """,
                "CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()",
            ]
        ),
        (
            // Times are seconds since 1970 (UTC), as on SQLite. Presence inserts hold an advisory
            // lock, so `seq` values become visible in order and the timeline index can follow
            // new rows by asking for seq > N.
            2, "v2-feeds",
            [
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
                """,
                "CREATE INDEX presence_end ON presence(end_at)",
                """
                CREATE TABLE lab_results (
                    id TEXT PRIMARY KEY, person TEXT NOT NULL, sampled_at BIGINT NOT NULL, result TEXT NOT NULL, test TEXT NOT NULL, lab TEXT
                )
                """,
                "CREATE INDEX lab_results_person ON lab_results(person, sampled_at)",
                "CREATE INDEX lab_results_positive ON lab_results(sampled_at) WHERE result = 'positive'",
                """
                CREATE TABLE arrivals (
                    id TEXT PRIMARY KEY, person TEXT NOT NULL, from_region TEXT NOT NULL, arrived_at BIGINT NOT NULL, mode TEXT, trip TEXT
                )
                """,
                "CREATE INDEX arrivals_person ON arrivals(person, arrived_at)",
            ]
        ),
        (
            3, "v3-health",
            [
                """
                CREATE TABLE check_ins (
                    seq BIGSERIAL PRIMARY KEY, person TEXT NOT NULL, at BIGINT NOT NULL, temperature DOUBLE PRECISION,
                    symptoms TEXT NOT NULL, by TEXT NOT NULL
                )
                """,
                "CREATE INDEX check_ins_person ON check_ins(person, at)",
                """
                CREATE TABLE case_records (
                    person TEXT PRIMARY KEY, status TEXT NOT NULL, onset BIGINT, isolated_at BIGINT, outcome TEXT,
                    updated_by TEXT NOT NULL, updated_at BIGINT NOT NULL
                )
                """,
                """
                CREATE TABLE exposures (
                    person TEXT NOT NULL, case_id TEXT NOT NULL, category TEXT NOT NULL, last_exposure BIGINT NOT NULL, place TEXT,
                    PRIMARY KEY (person, case_id)
                )
                """,
                "CREATE INDEX exposures_case ON exposures(case_id)",
                """
                CREATE TABLE override_requests (
                    id TEXT PRIMARY KEY, person TEXT NOT NULL, colour TEXT NOT NULL, legal_basis TEXT NOT NULL, until BIGINT NOT NULL,
                    proposer TEXT NOT NULL, proposed_at BIGINT NOT NULL, state TEXT NOT NULL, approver TEXT, decided_at BIGINT, decision_note TEXT
                )
                """,
                "CREATE INDEX override_requests_person ON override_requests(person)",
                "CREATE INDEX override_requests_state ON override_requests(state, proposed_at)",
                "CREATE TABLE statuses (person TEXT PRIMARY KEY, colour TEXT NOT NULL, computed_at BIGINT NOT NULL, body TEXT NOT NULL)",
                "CREATE INDEX statuses_colour ON statuses(colour)",
                """
                CREATE TABLE status_history (
                    seq BIGSERIAL PRIMARY KEY, person TEXT NOT NULL, computed_at BIGINT NOT NULL, colour TEXT NOT NULL, body TEXT NOT NULL
                )
                """,
                "CREATE INDEX status_history_person ON status_history(person, seq)",
                """
                CREATE FUNCTION status_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN RAISE EXCEPTION 'status_history is append-only'; END $$
                """,
                "CREATE TRIGGER status_history_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON status_history FOR EACH STATEMENT EXECUTE FUNCTION status_history_append_only()",
            ]
        ),
        (
            4, "v4-appeals",
            [
                """
                CREATE TABLE appeals (
                    id TEXT PRIMARY KEY, person TEXT NOT NULL, fact_kind TEXT NOT NULL, fact_id TEXT, reason TEXT NOT NULL,
                    submitted_by TEXT NOT NULL, submitted_at BIGINT NOT NULL, deadline BIGINT NOT NULL, state TEXT NOT NULL,
                    decided_by TEXT, decided_at BIGINT, decision TEXT
                )
                """,
                "CREATE INDEX appeals_person ON appeals(person)",
                "CREATE INDEX appeals_open ON appeals(state, deadline)",
                """
                CREATE TABLE fact_corrections (
                    person TEXT NOT NULL, fact_kind TEXT NOT NULL, fact_id TEXT NOT NULL, appeal_id TEXT NOT NULL, at BIGINT NOT NULL,
                    PRIMARY KEY (person, fact_kind, fact_id)
                )
                """,
            ]
        ),
        (5, "v5-credentials", ["CREATE TABLE credential_subjects (subject BYTEA PRIMARY KEY, person TEXT NOT NULL)"]),
        // Codes carry their subject sealed (CodeSubject): a scan no longer looks the person up.
        (6, "v6-sealed-code-subjects", ["DROP TABLE credential_subjects"]),
        // Grid management: the records are JSON documents beside the columns that are queried.
        (
            7, "v7-grid",
            [
                """
                CREATE TABLE assignments (
                    seq BIGSERIAL PRIMARY KEY, account_id TEXT NOT NULL, area_id TEXT NOT NULL, from_at BIGINT NOT NULL, to_at BIGINT, by TEXT NOT NULL
                )
                """,
                "CREATE INDEX assignments_account ON assignments(account_id, seq)",
                """
                CREATE TABLE grid_tasks (
                    id TEXT PRIMARY KEY, fact_key TEXT NOT NULL UNIQUE, grid_path TEXT NOT NULL COLLATE "C", state TEXT NOT NULL,
                    due_at BIGINT NOT NULL, escalation INTEGER NOT NULL, doc TEXT NOT NULL
                )
                """,
                "CREATE INDEX grid_tasks_path ON grid_tasks(grid_path)",
                "CREATE INDEX grid_tasks_due ON grid_tasks(state, due_at)",
                """
                CREATE TABLE household_visits (
                    id TEXT PRIMARY KEY, household TEXT NOT NULL, grid_path TEXT NOT NULL COLLATE "C", at BIGINT NOT NULL, doc TEXT NOT NULL
                )
                """,
                "CREATE INDEX household_visits_path ON household_visits(grid_path, at)",
                "CREATE TABLE follow_ups (person TEXT NOT NULL, day TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (person, day))",
                """
                CREATE TABLE daily_reports (
                    grid_id TEXT NOT NULL, day TEXT NOT NULL, grid_path TEXT NOT NULL COLLATE "C", zero BOOLEAN NOT NULL, late BOOLEAN NOT NULL,
                    doc TEXT NOT NULL, PRIMARY KEY (grid_id, day)
                )
                """,
                "CREATE INDEX daily_reports_day ON daily_reports(day, grid_path)",
                """
                CREATE TABLE duty_shifts (
                    id TEXT PRIMARY KEY, place TEXT NOT NULL, starts_at BIGINT NOT NULL, ends_at BIGINT NOT NULL, doc TEXT NOT NULL
                )
                """,
                "CREATE INDEX duty_shifts_place ON duty_shifts(place, starts_at)",
                "CREATE INDEX areas_level_path ON areas(level, path)",
                "CREATE INDEX residents_compound ON residents(compound_id) WHERE compound_id IS NOT NULL",
            ]
        ),
        // Notifications: who a message is about and which fact (de-duplication), and retries.
        (
            8, "v8-notices",
            [
                "ALTER TABLE outbox ADD COLUMN person TEXT",
                "ALTER TABLE outbox ADD COLUMN fact_key TEXT",
                "ALTER TABLE outbox ADD COLUMN next_attempt_at BIGINT NOT NULL DEFAULT 0",
                "ALTER TABLE outbox ADD COLUMN last_error TEXT",
                "CREATE UNIQUE INDEX outbox_fact ON outbox(fact_key) WHERE fact_key IS NOT NULL",
                "CREATE INDEX outbox_person_kind ON outbox(person, kind, created_at) WHERE person IS NOT NULL",
                "CREATE INDEX outbox_due ON outbox(status, next_attempt_at)",
            ]
        ),
        // Public information: case disclosures (the case's person id stays in its own column, never
        // in the published document) and notices and rumour rebuttals.
        (
            9, "v9-public",
            [
                """
                CREATE TABLE disclosures (
                    id TEXT PRIMARY KEY, case_person TEXT NOT NULL UNIQUE, number INTEGER NOT NULL UNIQUE, state TEXT NOT NULL, doc TEXT NOT NULL
                )
                """,
                "CREATE TABLE public_posts (id TEXT PRIMARY KEY, kind TEXT NOT NULL, published_at BIGINT NOT NULL, doc TEXT NOT NULL)",
                "CREATE INDEX public_posts_kind ON public_posts(kind, published_at)",
            ]
        ),
        // Messages for a resident without a phone go to their proxies: found by the dependant.
        (10, "v10-proxy-lookup", ["CREATE INDEX proxy_links_dependant ON proxy_links(dependant_id)"]),
        // A failed trace keeps the case's earlier exposures; the failure is shown and retried.
        (
            11, "v11-trace-failures",
            [
                "CREATE TABLE trace_failures (case_id TEXT PRIMARY KEY, first_failed_at BIGINT NOT NULL, last_failed_at BIGINT NOT NULL, reason TEXT NOT NULL, attempts INTEGER NOT NULL)"
            ]
        ),
    ]

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
            for migration in all where !applied.contains(migration.version) {
                for statement in migration.sql {
                    try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                }
                try await connection.query(
                    "INSERT INTO schema_migrations (version, name) VALUES (\(migration.version), \(migration.name))", logger: logger)
                logger.info("applied migration \(migration.name)")
            }
        }
    }
}
