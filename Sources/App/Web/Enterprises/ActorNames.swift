import Domain

/// Who registered or decided something, by name for the page: an audit name (`staff:acct-…`) is
/// the account's display name; the enterprise's own form and the system are said in words.
enum ActorNames {
    static func name(_ actor: String?, store: any AccountRepository, _ lang: Language) async throws -> String {
        guard let actor else { return "" }
        if actor == "self" { return Strings.text("enterprises_registeredSelf", lang) }
        if let subject = Session.Subject(storageKey: actor), case .staff(let id) = subject, let account = try await store.account(id: id) {
            return account.displayName
        }
        return Strings.text("actor_system", lang)
    }
}
