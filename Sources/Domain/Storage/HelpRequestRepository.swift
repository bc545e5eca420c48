import Foundation

/// Help requests and reports (求助、反映) and their answers.
public protocol HelpRequestRepository: Sendable {
    /// The request and the grid task that carries it, in one transaction.
    func createHelpRequest(_ request: HelpRequest, task: GridTask, audit: AuditEvent) async throws
    func helpRequest(id: String) async throws -> HelpRequest?
    /// By the link the sender was given.
    func helpRequest(followHash: Data) async throws -> HelpRequest?
    /// A resident's requests, newest first.
    func helpRequests(senderResident: String, limit: Int) async throws -> [HelpRequest]
    /// Records the answer once (false when it was answered already) and closes the task in the same transaction.
    func answerHelpRequest(id: String, answer: String, by: String, at: Date, audit: AuditEvent) async throws -> Bool
}
