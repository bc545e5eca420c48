/// Which slice of a long list a reader asked for: pages of `limit` rows from `offset`. Lists are
/// filtered, ordered, cut and counted in the store; a page never reads the whole list.
public struct PageRequest: Sendable, Equatable {
    public var offset: Int
    public var limit: Int

    public static let defaultLimit = 50
    public static let maxLimit = 200

    /// Clamped: a negative offset is the start, a limit is 1…`maxLimit`.
    public init(offset: Int = 0, limit: Int = PageRequest.defaultLimit) {
        self.offset = max(0, offset)
        self.limit = min(max(1, limit), Self.maxLimit)
    }

    /// From a page number as people count (1 is the first) and an optional page size.
    public init(page: Int?, size: Int? = nil) {
        let limit = min(max(1, size ?? Self.defaultLimit), Self.maxLimit)
        self.init(offset: (max(1, page ?? 1) - 1) * limit, limit: limit)
    }

    public var number: Int { offset / limit + 1 }
}

/// One page of a list and how many rows the whole list has.
public struct ListPage<Item: Sendable>: Sendable {
    public var items: [Item]
    public var total: Int
    public var request: PageRequest

    public init(items: [Item], total: Int, request: PageRequest) {
        self.items = items
        self.total = total
        self.request = request
    }

    public var pageCount: Int { max(1, (total + request.limit - 1) / request.limit) }
    public var hasNext: Bool { request.offset + items.count < total }
    public var hasPrevious: Bool { request.offset > 0 }

    public func map<T: Sendable>(_ transform: (Item) throws -> T) rethrows -> ListPage<T> {
        ListPage<T>(items: try items.map(transform), total: total, request: request)
    }
}
