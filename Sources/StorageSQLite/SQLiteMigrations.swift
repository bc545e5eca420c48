import GRDB

/// Versioned schema changes, applied in order at start-up. Never edit a shipped migration: add one.
enum SQLiteMigrations {
    static let migrator: DatabaseMigrator = {
        var m = DatabaseMigrator()
        m.registerMigration("v1-foundation") { db in
            try db.execute(
                sql: """
                    CREATE TABLE areas (
                        id TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        level TEXT NOT NULL,
                        parent_id TEXT REFERENCES areas(id),
                        geometry TEXT,
                        path TEXT NOT NULL
                    );
                    CREATE INDEX areas_parent ON areas(parent_id);
                    CREATE INDEX areas_path ON areas(path);

                    CREATE TABLE places (
                        id TEXT PRIMARY KEY NOT NULL,
                        kind TEXT NOT NULL,
                        name TEXT NOT NULL,
                        area_id TEXT REFERENCES areas(id),
                        area_path TEXT,
                        lat REAL,
                        lon REAL
                    );
                    CREATE INDEX places_area_path ON places(area_path);

                    CREATE TABLE households (
                        id TEXT PRIMARY KEY NOT NULL,
                        area_id TEXT,
                        area_path TEXT NOT NULL
                    );

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
                        area_path TEXT NOT NULL,
                        compound_id TEXT
                    );
                    CREATE INDEX residents_area_path ON residents(area_path, id);
                    CREATE INDEX residents_household ON residents(household_id) WHERE household_id IS NOT NULL;

                    CREATE TABLE proxy_links (
                        proxy_id TEXT NOT NULL,
                        dependant_id TEXT NOT NULL,
                        PRIMARY KEY (proxy_id, dependant_id)
                    );

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
                    );
                    CREATE TABLE api_tokens (
                        token_hash BLOB PRIMARY KEY NOT NULL,
                        account_id TEXT NOT NULL REFERENCES accounts(id),
                        label TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        revoked INTEGER NOT NULL DEFAULT 0
                    );
                    CREATE TABLE sessions (
                        token_hash BLOB PRIMARY KEY NOT NULL,
                        subject TEXT NOT NULL,
                        created_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL
                    );
                    CREATE TABLE one_time_codes (
                        phone_index BLOB PRIMARY KEY NOT NULL,
                        code_hash BLOB NOT NULL,
                        resident_id TEXT NOT NULL,
                        issued_at INTEGER NOT NULL,
                        expires_at INTEGER NOT NULL,
                        attempts_left INTEGER NOT NULL
                    );
                    CREATE TABLE outbox (
                        id TEXT PRIMARY KEY NOT NULL,
                        created_at INTEGER NOT NULL,
                        channel TEXT NOT NULL,
                        recipient_sealed BLOB NOT NULL,
                        recipient_masked TEXT NOT NULL,
                        kind TEXT NOT NULL,
                        body TEXT NOT NULL,
                        status TEXT NOT NULL,
                        attempts INTEGER NOT NULL DEFAULT 0,
                        sent_at INTEGER
                    );
                    CREATE INDEX outbox_pending ON outbox(status, created_at);

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
                    );
                    CREATE INDEX audit_subject ON audit_log(subject_id, seq);
                    CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                    CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
                        BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
                    """)
        }
        m.registerMigration("v2-feeds") { db in
            // Times are seconds since 1970 (UTC). `seq` only grows (AUTOINCREMENT: never reused
            // after a purge), so the timeline index can follow new rows by asking for seq > N.
            try db.execute(
                sql: """
                    CREATE TABLE presence (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        id TEXT NOT NULL UNIQUE,
                        person TEXT NOT NULL,
                        place TEXT NOT NULL,
                        start_at INTEGER NOT NULL,
                        end_at INTEGER NOT NULL,
                        seat TEXT,
                        source TEXT
                    );
                    CREATE INDEX presence_end ON presence(end_at);

                    CREATE TABLE lab_results (
                        id TEXT PRIMARY KEY NOT NULL,
                        person TEXT NOT NULL,
                        sampled_at INTEGER NOT NULL,
                        result TEXT NOT NULL,
                        test TEXT NOT NULL,
                        lab TEXT
                    );
                    CREATE INDEX lab_results_person ON lab_results(person, sampled_at);
                    CREATE INDEX lab_results_positive ON lab_results(sampled_at) WHERE result = 'positive';

                    CREATE TABLE arrivals (
                        id TEXT PRIMARY KEY NOT NULL,
                        person TEXT NOT NULL,
                        from_region TEXT NOT NULL,
                        arrived_at INTEGER NOT NULL,
                        mode TEXT,
                        trip TEXT
                    );
                    CREATE INDEX arrivals_person ON arrivals(person, arrived_at);
                    """)
        }
        m.registerMigration("v3-health") { db in
            // Health facts and statuses. A status is kept whole as JSON (its reasons and actions are
            // shown, not queried); the colour is a column for counts and lists.
            try db.execute(
                sql: """
                    CREATE TABLE check_ins (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        person TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        temperature REAL,
                        symptoms TEXT NOT NULL,
                        by TEXT NOT NULL
                    );
                    CREATE INDEX check_ins_person ON check_ins(person, at);

                    CREATE TABLE case_records (
                        person TEXT PRIMARY KEY NOT NULL,
                        status TEXT NOT NULL,
                        onset INTEGER,
                        isolated_at INTEGER,
                        outcome TEXT,
                        updated_by TEXT NOT NULL,
                        updated_at INTEGER NOT NULL
                    );

                    CREATE TABLE exposures (
                        person TEXT NOT NULL,
                        case_id TEXT NOT NULL,
                        category TEXT NOT NULL,
                        last_exposure INTEGER NOT NULL,
                        place TEXT,
                        PRIMARY KEY (person, case_id)
                    );
                    CREATE INDEX exposures_case ON exposures(case_id);

                    CREATE TABLE override_requests (
                        id TEXT PRIMARY KEY NOT NULL,
                        person TEXT NOT NULL,
                        colour TEXT NOT NULL,
                        legal_basis TEXT NOT NULL,
                        until INTEGER NOT NULL,
                        proposer TEXT NOT NULL,
                        proposed_at INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        approver TEXT,
                        decided_at INTEGER,
                        decision_note TEXT
                    );
                    CREATE INDEX override_requests_person ON override_requests(person);
                    CREATE INDEX override_requests_state ON override_requests(state, proposed_at);

                    CREATE TABLE statuses (
                        person TEXT PRIMARY KEY NOT NULL,
                        colour TEXT NOT NULL,
                        computed_at INTEGER NOT NULL,
                        body TEXT NOT NULL
                    );
                    CREATE INDEX statuses_colour ON statuses(colour);
                    CREATE TABLE status_history (
                        seq INTEGER PRIMARY KEY AUTOINCREMENT,
                        person TEXT NOT NULL,
                        computed_at INTEGER NOT NULL,
                        colour TEXT NOT NULL,
                        body TEXT NOT NULL
                    );
                    CREATE INDEX status_history_person ON status_history(person, seq);
                    CREATE TRIGGER status_history_no_update BEFORE UPDATE ON status_history
                        BEGIN SELECT RAISE(ABORT, 'status_history is append-only'); END;
                    CREATE TRIGGER status_history_no_delete BEFORE DELETE ON status_history
                        BEGIN SELECT RAISE(ABORT, 'status_history is append-only'); END;
                    """)
        }
        m.registerMigration("v4-appeals") { db in
            try db.execute(
                sql: """
                    CREATE TABLE appeals (
                        id TEXT PRIMARY KEY NOT NULL,
                        person TEXT NOT NULL,
                        fact_kind TEXT NOT NULL,
                        fact_id TEXT,
                        reason TEXT NOT NULL,
                        submitted_by TEXT NOT NULL,
                        submitted_at INTEGER NOT NULL,
                        deadline INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        decided_by TEXT,
                        decided_at INTEGER,
                        decision TEXT
                    );
                    CREATE INDEX appeals_person ON appeals(person);
                    CREATE INDEX appeals_open ON appeals(state, deadline);
                    CREATE TABLE fact_corrections (
                        person TEXT NOT NULL,
                        fact_kind TEXT NOT NULL,
                        fact_id TEXT NOT NULL,
                        appeal_id TEXT NOT NULL,
                        at INTEGER NOT NULL,
                        PRIMARY KEY (person, fact_kind, fact_id)
                    );
                    """)
        }
        m.registerMigration("v5-credentials") { db in
            try db.execute(sql: "CREATE TABLE credential_subjects (subject BLOB PRIMARY KEY NOT NULL, person TEXT NOT NULL)")
        }
        // Codes carry their subject sealed (CodeSubject): a scan no longer looks the person up.
        m.registerMigration("v6-sealed-code-subjects") { db in
            try db.execute(sql: "DROP TABLE credential_subjects")
        }
        // Grid management: the records are JSON documents beside the columns that are queried.
        m.registerMigration("v7-grid") { db in
            try db.execute(sql: GridSchema.sqlite)
        }
        // Notifications: who a message is about and which fact (de-duplication), and retries.
        m.registerMigration("v8-notices") { db in
            try db.execute(
                sql: """
                    ALTER TABLE outbox ADD COLUMN person TEXT;
                    ALTER TABLE outbox ADD COLUMN fact_key TEXT;
                    ALTER TABLE outbox ADD COLUMN next_attempt_at INTEGER NOT NULL DEFAULT 0;
                    ALTER TABLE outbox ADD COLUMN last_error TEXT;
                    CREATE UNIQUE INDEX outbox_fact ON outbox(fact_key) WHERE fact_key IS NOT NULL;
                    CREATE INDEX outbox_person_kind ON outbox(person, kind, created_at) WHERE person IS NOT NULL;
                    CREATE INDEX outbox_due ON outbox(status, next_attempt_at);
                    """)
        }
        // Public information: case disclosures (the case's person id stays in its own column, never
        // in the published document) and notices and rumour rebuttals.
        m.registerMigration("v9-public") { db in
            try db.execute(
                sql: """
                    CREATE TABLE disclosures (
                        id TEXT PRIMARY KEY NOT NULL, case_person TEXT NOT NULL UNIQUE, number INTEGER NOT NULL UNIQUE, state TEXT NOT NULL, doc TEXT NOT NULL
                    );
                    CREATE TABLE public_posts (id TEXT PRIMARY KEY NOT NULL, kind TEXT NOT NULL, published_at INTEGER NOT NULL, doc TEXT NOT NULL);
                    CREATE INDEX public_posts_kind ON public_posts(kind, published_at);
                    """)
        }
        // Messages for a resident without a phone go to their proxies: found by the dependant.
        m.registerMigration("v10-proxy-lookup") { db in
            try db.execute(sql: "CREATE INDEX proxy_links_dependant ON proxy_links(dependant_id)")
        }
        // A failed trace keeps the case's earlier exposures; the failure is shown and retried.
        m.registerMigration("v11-trace-failures") { db in
            try db.execute(
                sql: "CREATE TABLE trace_failures (case_id TEXT PRIMARY KEY NOT NULL, first_failed_at INTEGER NOT NULL, last_failed_at INTEGER NOT NULL, reason TEXT NOT NULL, attempts INTEGER NOT NULL)"
            )
        }
        return m
    }()

    /// The blind-index look-up indexes, dropped during bulk loads and recreated (if missing) at
    /// every start-up, so a load interrupted by a crash heals itself.
    static let lookupIndexes = """
        CREATE INDEX IF NOT EXISTS residents_phone ON residents(phone_index) WHERE phone_index IS NOT NULL;
        CREATE INDEX IF NOT EXISTS residents_compound ON residents(compound_id) WHERE compound_id IS NOT NULL;
        CREATE INDEX IF NOT EXISTS residents_id_number ON residents(id_number_index) WHERE id_number_index IS NOT NULL;
        """
}
