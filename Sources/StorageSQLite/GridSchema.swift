/// The grid tables (issue 6). Each record is kept whole as JSON (`doc`); the columns beside it are
/// the ones looked up or filtered on, so the completeness of 85,000 grids never decodes a document.
enum GridSchema {
    static let sqlite = """
        CREATE TABLE assignments (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            account_id TEXT NOT NULL, area_id TEXT NOT NULL, from_at INTEGER NOT NULL, to_at INTEGER, by TEXT NOT NULL
        );
        CREATE INDEX assignments_account ON assignments(account_id, seq);
        CREATE TABLE grid_tasks (
            id TEXT PRIMARY KEY NOT NULL, fact_key TEXT NOT NULL UNIQUE, grid_path TEXT NOT NULL, state TEXT NOT NULL,
            due_at INTEGER NOT NULL, escalation INTEGER NOT NULL, doc TEXT NOT NULL
        );
        CREATE INDEX grid_tasks_path ON grid_tasks(grid_path);
        CREATE INDEX grid_tasks_due ON grid_tasks(state, due_at);
        CREATE TABLE household_visits (
            id TEXT PRIMARY KEY NOT NULL, household TEXT NOT NULL, grid_path TEXT NOT NULL, at INTEGER NOT NULL, doc TEXT NOT NULL
        );
        CREATE INDEX household_visits_path ON household_visits(grid_path, at);
        CREATE TABLE follow_ups (
            person TEXT NOT NULL, day TEXT NOT NULL, doc TEXT NOT NULL, PRIMARY KEY (person, day)
        );
        CREATE TABLE daily_reports (
            grid_id TEXT NOT NULL, day TEXT NOT NULL, grid_path TEXT NOT NULL, zero INTEGER NOT NULL, late INTEGER NOT NULL,
            doc TEXT NOT NULL, PRIMARY KEY (grid_id, day)
        );
        CREATE INDEX daily_reports_day ON daily_reports(day, grid_path);
        CREATE TABLE duty_shifts (
            id TEXT PRIMARY KEY NOT NULL, place TEXT NOT NULL, starts_at INTEGER NOT NULL, ends_at INTEGER NOT NULL, doc TEXT NOT NULL
        );
        CREATE INDEX duty_shifts_place ON duty_shifts(place, starts_at);
        CREATE INDEX areas_level_path ON areas(level, path);
        """
}
