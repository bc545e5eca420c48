import Domain

/// A task's note in words. The rules write ids, codes and dates only (`TaskRules`); the page says
/// what they mean in the reader's language, with people, places and regions by name. An officer's
/// own note is shown as they wrote it.
enum TaskNoteView {
    static func words(_ task: GridTask, labels: GridTaskService.Labels, _ lang: Language) -> String {
        let parts = task.note.components(separatedBy: " · ")
        let person = { (id: String) in labels.people[id] ?? Strings.text("aCase", lang) }
        switch task.kind {
        case .verifyArrival where parts.count == 2:
            return Strings.text("note.verify-arrival", lang, RegionNames.name(parts[1], lang))
        case .quarantineOrder where parts.count == 2:
            return Strings.text("note.quarantine-order", lang, Strings.text("contact.\(parts[1])", lang), person(parts[0]))
        case .screening where parts.count == 3:
            return Strings.text("note.screening", lang, labels.places[parts[1]] ?? Strings.text("aCompound", lang), parts[2], person(parts[0]))
        case .missedCheckIn where parts.count == 1:
            return Strings.text("note.missed-check-in", lang, parts[0])
        case .verifyRegistration where parts.count == 1 && parts[0] == "new":
            return Strings.text("note.verify-registration.new", lang)
        case .verifyRegistration where parts.count == 2 && parts[0] == "claim":
            return Strings.text("note.verify-registration.claim", lang, parts[1])
        case .helpRequest where parts.count == 3:
            return Strings.text("help.kind.\(parts[1])", lang) + " · " + Strings.text("help.category.\(parts[2])", lang)
        case .symptomReport where parts.count == 2:
            return Strings.text("note.symptom-report", lang, parts[1])
        case .confirmProxy where parts.count == 2:
            return Strings.text("note.confirm-proxy", lang, Strings.text("proxy.relation.\(parts[1])", lang))
        case .declarationConflict where parts.count == 2:
            return Strings.text(
                "note.declaration-conflict", lang, DeclarationWords.declared(parts[0], lang), DeclarationWords.conflict(parts[1], lang, places: labels.places))
        default:
            return task.note
        }
    }

    /// The case ids and places the rules' notes mention, to be named for the page.
    static func mentioned(_ task: GridTask) -> (people: [String], places: [String]) {
        let parts = task.note.components(separatedBy: " · ")
        switch task.kind {
        case .quarantineOrder where parts.count == 2: return ([parts[0]], [])
        case .screening where parts.count == 3: return ([parts[0]], [parts[1]])
        case .declarationConflict where parts.count == 2: return ([], DeclarationWords.place(parts[1]).map { [$0] } ?? [])
        default: return ([], [])
        }
    }
}
