import Domain
import Foundation
import PostgresNIO

extension PostgresStore {
    /// One snapshot (a read-only repeatable-read transaction, as SQLite's single read): a recompute
    /// never mixes facts from before and after another writer's commit.
    public func healthFacts(since: Date) async throws -> HealthFactRows {
        try await transaction { connection in
            try await connection.query("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY", logger: self.logger)
            return try await self.healthFacts(since: since, on: connection)
        }
    }

    private func healthFacts(since: Date, on connection: PostgresConnection) async throws -> HealthFactRows {
        var rows = HealthFactRows()
        let t = since.seconds
        rows.labs = try await self.rows("SELECT * FROM lab_results WHERE sampled_at >= \(t) OR result = 'positive'", on: connection).map(Self.labResult)
        rows.caseRecords = try await self.rows("SELECT * FROM case_records", on: connection).map(Self.caseRecord)
        for try await (person, caseID, category, last, place) in try await connection.query(
            "SELECT person, case_id, category, last_exposure, place FROM exposures", logger: logger
        ).decode((String, String, String, Int64, String?).self) {
            rows.exposures.append(ContactExposure(person: person, caseID: caseID, category: try ExposureCategory.stored(category), lastExposure: Date(seconds: last), place: place))
        }
        rows.arrivals = try await self.rows("SELECT * FROM arrivals WHERE arrived_at >= \(t)", on: connection).map { row in
            Arrival(
                id: try row.value("id"), person: try row.value("person"), from: try row.value("from_region"),
                arrivedAt: Date(seconds: try row.value("arrived_at")), mode: try row.value("mode"), trip: try row.value("trip"))
        }
        for try await (person, at, temperature, symptoms, by) in try await connection.query(
            "SELECT person, at, temperature, symptoms, by FROM check_ins WHERE at >= \(t)", logger: logger
        ).decode((String, Int64, Double?, String, String).self) {
            rows.checkIns.append(
                CheckIn(person: person, at: Date(seconds: at), temperature: temperature, symptoms: symptoms.isEmpty ? [] : symptoms.split(separator: ",").map(String.init), by: by))
        }
        rows.overrides = try await self.rows("SELECT * FROM override_requests WHERE state = 'approved' AND until >= \(t)", on: connection).map(Self.overrideRequest)
        rows.corrections = try await self.rows("SELECT * FROM fact_corrections", on: connection).map(Self.correction)
        rows.notGreen = try await self.rows("SELECT person FROM statuses WHERE colour <> 'green'", on: connection).map { try $0.value("person", as: String.self) }
        return rows
    }
}
