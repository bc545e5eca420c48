import Domain
import Foundation
import Hummingbird

/// The links under a long list: "51–100 of 1,234", the previous and next page, keeping the list's
/// filters (every other query parameter) as they were.
struct Pager: Sendable {
    let summary: String
    let previous: String?
    let next: String?

    init<T>(_ page: ListPage<T>, path: String, query: Parameters, lang: Language) {
        let first = page.items.isEmpty ? 0 : page.request.offset + 1
        let last = page.request.offset + page.items.count
        summary = Strings.text("pager.summary", lang, "\(first)", "\(last)", "\(page.total)")
        let number = page.request.number
        previous = page.hasPrevious ? Self.link(path, query, page: number - 1) : nil
        next = page.hasNext ? Self.link(path, query, page: number + 1) : nil
    }

    static func link(_ path: String, _ query: Parameters, page: Int) -> String {
        var items = SitePath.carried(query, dropping: ["page", "message"])
        if page > 1 { items.append(URLQueryItem(name: "page", value: "\(page)")) }
        return SitePath.link(path, items)
    }

    /// The page asked for by `?page=` (1 is the first; anything unreadable is the first).
    static func request(_ query: Parameters, size: Int = PageRequest.defaultLimit) -> PageRequest {
        PageRequest(page: query.get("page").flatMap { Int($0) }, size: size)
    }
}

/// The area filter of a list: where the reader is (by name) and the areas one level down to narrow
/// to, within their jurisdiction; "up" goes back one level, never above the jurisdiction.
struct AreaFilter: Sendable {
    let current: String
    /// The area chosen (nil: the whole jurisdiction), for the list's other filter forms to keep.
    let areaID: String?
    let options: [Option]
    let hasOptions: Bool
    let up: String?
    /// The list's other filters, carried along when the area changes.
    let extra: [Hidden]

    struct Option: Sendable {
        let id: String
        let name: String
    }

    struct Hidden: Sendable {
        let name: String
        let value: String
    }

    static func make(selected: Area?, root: Area?, children: [Area], path: String, query: Parameters) -> AreaFilter {
        var up: String? = nil
        if let selected, let root, selected.id != root.id {
            var items = SitePath.carried(query, dropping: ["area", "page", "message"])
            if let parent = selected.parentID, parent != root.id { items.append(URLQueryItem(name: "area", value: parent)) }
            up = SitePath.link(path, items)
        }
        let options = children.map { Option(id: $0.id, name: $0.name) }
        let extra = SitePath.carried(query, dropping: ["area", "page", "message"]).map { Hidden(name: $0.name, value: $0.value ?? "") }
        return AreaFilter(current: (selected ?? root)?.name ?? "", areaID: selected?.id, options: options, hasOptions: !options.isEmpty, up: up, extra: extra)
    }
}

extension PersonDirectory {
    /// The area filter of a list for this principal: the selected area (checked against the
    /// jurisdiction, a refusal audited) or the jurisdiction itself, and the areas one level down.
    func filter(selected id: String?, as principal: Principal, path: String, query: Parameters) async throws -> AreaFilter? {
        guard let rootID = principal.jurisdictionID else { return nil }
        let root = try await area(rootID, as: principal)
        var selected: Area? = nil
        if let id { selected = try await area(id, as: principal) }
        let children = try await self.children(of: selected ?? root, as: principal)
        return AreaFilter.make(selected: selected, root: root, children: children, path: path, query: query)
    }
}
