import Foundation

/// An enterprise's daily staff report (企业员工健康日报): who came, how many had their temperature
/// taken, and which consenting employees have symptoms (each becomes a task for their grid).
/// A second report the same day replaces the first.
public struct StaffReport: Sendable, Equatable, Codable {
    public var enterpriseID: String
    public var day: CalendarDate
    public var present: Int
    public var temperaturesChecked: Int
    /// Resident ids of employees reported with symptoms.
    public var symptomatic: [String]
    public var submittedBy: String
    public var submittedAt: Date

    public init(enterpriseID: String, day: CalendarDate, present: Int, temperaturesChecked: Int, symptomatic: [String], submittedBy: String, submittedAt: Date) {
        (self.enterpriseID, self.day, self.present, self.temperaturesChecked) = (enterpriseID, day, present, temperaturesChecked)
        (self.symptomatic, self.submittedBy, self.submittedAt) = (symptomatic, submittedBy, submittedAt)
    }

    public enum Problem: Error, Equatable, Sendable, CustomStringConvertible {
        case number(field: String, typed: String)
        case checkedAbovePresent
        case notAnEmployee(String)
        case enterpriseNotApproved

        public var field: String {
            switch self {
            case .number(let f, _): f
            case .checkedAbovePresent: "temperaturesChecked"
            case .notAnEmployee: "symptomatic"
            case .enterpriseNotApproved: "enterprise"
            }
        }

        public var description: String {
            switch self {
            case .number(let f, let t): "\(f): \"\(t)\" is not a number of people"
            case .checkedAbovePresent: "temperaturesChecked: more than were present"
            case .notAnEmployee(let p): "symptomatic: \(p) is not a consenting employee"
            case .enterpriseNotApproved: "enterprise: not approved by the district"
            }
        }
    }

    /// Reads a count typed in a form (empty is 0).
    public static func count(_ typed: String, field: String) throws(Problem) -> Int {
        let text = typed.trimmingCharacters(in: .whitespaces)
        guard let n = Int(text.isEmpty ? "0" : text), (0...1_000_000).contains(n) else { throw .number(field: field, typed: typed) }
        return n
    }
}

/// How many approved enterprises within an area reported on a day.
public struct StaffReportCompleteness: Sendable, Equatable {
    public var enterprises: Int
    public var reported: Int

    public init(enterprises: Int, reported: Int) { (self.enterprises, self.reported) = (enterprises, reported) }
    public var missing: Int { enterprises - reported }
}
