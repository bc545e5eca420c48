/// A grid form the user filled in wrong (a failed task without a reason, a zero report with
/// figures…): the page shows the description and keeps the user on the form.
public protocol GridProblem: Error, CustomStringConvertible {
    /// The message in Chinese and in English (`message(_:)` picks the reader's).
    var texts: (String, String) { get }
}

extension GridTaskService.TaskError: GridProblem {}
extension HouseholdVisitService.VisitError: GridProblem {}
extension DailyReportService.ReportError: GridProblem {}
extension RosterService.RosterError: GridProblem {}
extension AssignmentService.AssignmentError: GridProblem {}
