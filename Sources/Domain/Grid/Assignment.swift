import Foundation

/// Who is responsible for an area, from when to when: a grid worker for a grid, an officer for a
/// community, street or district. A reassignment ends the current one and starts another, so the
/// history says who was responsible on any day.
public struct Assignment: Sendable, Equatable, Codable {
    public var accountID: String
    public var areaID: String
    public var from: Date
    public var to: Date?
    public var by: String

    public init(accountID: String, areaID: String, from: Date, to: Date? = nil, by: String) {
        self.accountID = accountID
        self.areaID = areaID
        self.from = from
        self.to = to
        self.by = by
    }
}
