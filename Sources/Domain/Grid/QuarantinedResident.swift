/// A person on the quarantine follow-up list, with the status that put them there (red because of
/// a contact), as the store keeps it.
public struct QuarantinedResident: Sendable, Equatable {
    public var resident: SealedResident
    public var status: HealthStatus

    public init(resident: SealedResident, status: HealthStatus) {
        self.resident = resident
        self.status = status
    }
}
