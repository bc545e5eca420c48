import Foundation

/// Case disclosures and public posts (issue 7).
public protocol PublicInformationRepository: Sendable {
    /// Drafts a disclosure for a case unless it has one; the number is the next one. Returns the
    /// case's disclosure (new or existing).
    func draftDisclosure(casePerson: String, make: @Sendable (Int) -> CaseDisclosure, audit: AuditEvent) async throws -> CaseDisclosure
    func disclosure(id: String) async throws -> CaseDisclosure?
    /// By number; `approvedOnly` for the public.
    func disclosures(approvedOnly: Bool, limit: Int) async throws -> [CaseDisclosure]
    /// The disclosures in one state of cases living within `area`, by number, and how many there are.
    func disclosures(state: DisclosureState, within area: AreaPath, limit: Int) async throws -> (page: [CaseDisclosure], total: Int)
    /// Whose case a disclosure is (staff may act on it only within their jurisdiction).
    func disclosureCasePerson(id: String) async throws -> String?
    /// Approves a draft; false when it was approved already.
    func approveDisclosure(id: String, by: String, at: Date, audit: AuditEvent) async throws -> Bool
    /// Changes a disclosure in one transaction (an edit or a rejection): `change` sees the stored
    /// disclosure and may throw to change nothing; the state column follows the document. Returns
    /// nil for an unknown id.
    func reviseDisclosure(id: String, change: @Sendable (inout CaseDisclosure) throws -> Void, audit: AuditEvent) async throws -> CaseDisclosure?
    /// Takes the disclosures of these cases off the public outputs; returns the ids withdrawn now.
    func withdrawDisclosures(ofCasesNotIn confirmed: Set<String>, audit: AuditEvent) async throws -> [String]

    func savePost(_ post: PublicPost, audit: AuditEvent) async throws
    /// Newest first.
    func posts(kind: PublicPost.Kind?, limit: Int) async throws -> [PublicPost]
}
