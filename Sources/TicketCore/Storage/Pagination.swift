public import Foundation

/// Where a list page starts: the sort key and id of the last row of the previous page.
/// Keyset pagination: a store seeks to this position on an index instead of skipping rows.
public struct PageCursor: Sendable, Hashable {
    /// The sort column's value on the last row seen (a timestamp in ms, a rank or an id).
    public var key: Int64
    /// The id of the last row seen; breaks ties so pages never repeat or skip a row.
    public var id: Int64

    /// Creates a cursor.
    public init(key: Int64, id: Int64) {
        self.key = key
        self.id = id
    }

    /// A cursor for lists ordered by id alone (users, comments, history).
    public init(id: Int64) {
        self.init(key: id, id: id)
    }

    /// The opaque text form handed to clients; `ordering` ties it to one sort order.
    public func encoded(ordering: String) -> String {
        let raw = "v1|\(ordering)|\(self.key)|\(self.id)"
        return Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Parses a client's cursor; a garbage cursor, or one from another sort order, is a 400.
    public init(decoding text: String, ordering: String) throws(TicketError) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard text.count <= 200, let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8)
        else { throw Self.invalid }
        let parts = raw.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", parts[1] == ordering, let key = Int64(parts[2]), let id = Int64(parts[3])
        else { throw Self.invalid }
        self.init(key: key, id: id)
    }

    private static var invalid: TicketError {
        var errors = FieldErrors()
        errors.add("cursor", "is not a cursor from this list; start again without it")
        return .validation(errors)
    }
}

/// One page request: how many rows, and where to start.
public struct PageRequest: Sendable, Hashable {
    /// Rows per page when the caller names none.
    public static let defaultLimit = 50
    /// Larger requests are clamped to this.
    public static let maximumLimit = 200

    /// Rows to return, 1...``maximumLimit``.
    public var limit: Int
    /// Start after this position; `nil` for the first page.
    public var after: PageCursor?

    /// Creates a page request, clamping `limit` into 1...``maximumLimit``.
    public init(limit: Int = PageRequest.defaultLimit, after: PageCursor? = nil) {
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.after = after
    }
}

/// One page of a list.
public struct Page<Item: Sendable>: Sendable {
    /// The rows of this page, in order.
    public var items: [Item]
    /// Where the next page starts; `nil` on the last page.
    public var next: PageCursor?
    /// How many rows the whole list holds (all pages).
    public var totalCount: Int

    /// Creates a page.
    public init(items: [Item], next: PageCursor?, totalCount: Int) {
        self.items = items
        self.next = next
        self.totalCount = totalCount
    }

    /// Builds a page from `limit + 1` fetched rows: the extra row only says that more exist.
    public init(fetched rows: [Item], limit: Int, totalCount: Int, cursor: (Item) -> PageCursor) {
        let hasMore = rows.count > limit
        self.items = Array(rows.prefix(limit))
        self.next = hasMore ? self.items.last.map(cursor) : nil
        self.totalCount = totalCount
    }

    /// The same page with its items transformed.
    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(items: try self.items.map(transform), next: self.next, totalCount: self.totalCount)
    }
}

extension Date {
    /// Milliseconds since 1970, the precision every store keeps. Rounded to the nearest: a
    /// `Double` holds most millisecond instants only approximately, and rounding down turned
    /// some of them into the millisecond before.
    public var millisecondsSince1970: Int64 { Int64((self.timeIntervalSince1970 * 1000).rounded()) }

    /// A date from milliseconds since 1970.
    public init(millisecondsSince1970 ms: Int64) {
        self.init(timeIntervalSince1970: Double(ms) / 1000)
    }
}
