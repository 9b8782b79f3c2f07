import Foundation

/// Where a list page starts: the sort key and id of the last row of the previous page.
/// Keyset pagination: a store seeks to this position on an index instead of skipping rows.
public struct PageCursor: Sendable, Hashable {
    /// The sort column's value on the last row seen (a timestamp in ms, a rank or an id).
    public var key: Int64
    /// The id of the last row seen; breaks ties so pages never repeat or skip a row.
    public var id: Int64

    /// Creates a cursor.
    /// - Parameters:
    ///   - key: The sort column's value on the last row seen.
    ///   - id: The id of the last row seen.
    public init(key: Int64, id: Int64) {
        self.key = key
        self.id = id
    }

    /// A cursor for lists ordered by id alone (users, comments, history).
    /// - Parameters:
    ///   - id: The id of the last row seen, which is also the key.
    public init(id: Int64) {
        self.init(key: id, id: id)
    }

    /// The opaque text form handed to clients; `ordering` ties it to one sort order.
    /// - Parameters:
    ///   - ordering: The sort order of the list the cursor belongs to.
    /// - Returns: The cursor as unpadded base64url text.
    public func encoded(ordering: CursorOrdering) -> String {
        let raw = "v1|\(ordering.tag)|\(self.key)|\(self.id)"
        return Data(raw.utf8).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Parses a client's cursor. Cursors are untrusted input: anything but a cursor this server
    /// could have issued for `ordering` (a known tag, a key within the ordering's range, a
    /// positive id) is a 400 `errors.cursor`, so no forged value reaches a store.
    /// - Parameters:
    ///   - text: The cursor as the client sent it.
    ///   - ordering: The sort order of the list asked for.
    /// - Throws: ``invalid`` (``TicketError/Kind/validation`` on `cursor`) for anything but a cursor this
    ///   server issued for `ordering`.
    public init(decoding text: String, ordering: CursorOrdering) throws(TicketError) {
        guard text.utf8.count <= 200, text.utf8.allSatisfy(Self.isBase64URL) else { throw Self.invalid }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.utf8.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let raw = String(data: data, encoding: .utf8) else { throw Self.invalid }
        let parts = raw.split(separator: "|", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "v1", parts[1] == ordering.tag,
            let key = Int64(parts[2]), ordering.keys.contains(key),
            let id = Int64(parts[3]), id > 0
        else { throw Self.invalid }
        self.init(key: key, id: id)
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }

    /// The 400 for a cursor this server did not issue.
    public static var invalid: TicketError {
        var errors = FieldErrors()
        errors.add("cursor", "is not a cursor from this list; start again without it")
        return .validation(errors)
    }
}

/// What a list's cursors may hold: the tag that ties a cursor to one sort order, and the
/// range of sort keys that order can produce. A cursor outside it was not issued by this
/// server and is refused before it reaches a store.
public struct CursorOrdering: Sendable, Hashable {
    /// Written into every cursor of this order (`id`, `-created_at`, ...).
    public var tag: String
    /// The sort keys this order can produce.
    public var keys: ClosedRange<Int64>

    /// Creates an ordering.
    /// - Parameters:
    ///   - tag: Written into every cursor of this order.
    ///   - keys: The sort keys this order can produce.
    public init(tag: String, keys: ClosedRange<Int64>) {
        self.tag = tag
        self.keys = keys
    }

    /// Lists ordered by id alone (users, comments, history).
    public static let id = CursorOrdering(tag: "id", keys: 1...Int64.max)
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
    /// - Parameters:
    ///   - limit: Rows to return.
    ///   - after: Where to start, or `nil` for the first page.
    public init(limit: Int = PageRequest.defaultLimit, after: PageCursor? = nil) {
        self.limit = min(max(limit, 1), Self.maximumLimit)
        self.after = after
    }

    /// The whole list's row count when this is the first page and the `fetched` rows (a store
    /// fetches `limit + 1` to learn whether more follow) are all there is; `nil` when the store
    /// must count. Spares a count query for the short lists most are (a ticket's comments).
    /// - Parameters:
    ///   - fetched: How many rows the store fetched for this page (at most `limit + 1`).
    /// - Returns: `fetched` when it is the whole list, else `nil`.
    public func totalIfFirstPageHoldsAll(fetched: Int) -> Int? {
        self.after == nil && fetched <= self.limit ? fetched : nil
    }
}

/// One page of a list.
public struct Page<Item: Sendable>: Sendable {
    /// The rows of this page, in order.
    public private(set) var items: [Item]
    /// Where the next page starts; `nil` on the last page.
    public var next: PageCursor?
    /// How many rows the whole list holds (all pages).
    public var totalCount: Int
    /// The sort order ``next`` belongs to: by id unless the service, which parsed the sort,
    /// says otherwise (``ordered(by:)``).
    public var ordering: CursorOrdering = .id

    /// Where a page ending after each item would continue: each item's own cursor.
    private var itemCursors: [PageCursor]

    /// The next page's cursor as handed to clients (opaque, tied to ``ordering``); `nil` on
    /// the last page.
    public var nextCursor: String? { self.next?.encoded(ordering: self.ordering) }

    private init(items: [Item], itemCursors: [PageCursor], next: PageCursor?, totalCount: Int, ordering: CursorOrdering) {
        self.items = items
        self.itemCursors = itemCursors
        self.next = next
        self.totalCount = totalCount
        self.ordering = ordering
    }

    /// Builds a page from `limit + 1` fetched rows: the extra row only says that more exist.
    /// - Parameters:
    ///   - rows: The rows fetched, at most `limit + 1`.
    ///   - limit: The page's size.
    ///   - totalCount: How many rows the whole list holds.
    ///   - cursor: The cursor that starts the page after a row.
    public init(fetched rows: [Item], limit: Int, totalCount: Int, cursor: (Item) -> PageCursor) {
        let items = Array(rows.prefix(limit))
        let cursors = items.map(cursor)
        self.init(items: items, itemCursors: cursors, next: rows.count > limit ? cursors.last : nil, totalCount: totalCount, ordering: .id)
    }

    /// The same page with its items transformed.
    /// - Parameters:
    ///   - transform: Turns one item into its new form.
    /// - Returns: A page with the transformed items, the same cursors and the same count.
    /// - Throws: Whatever `transform` throws.
    public func map<Other>(_ transform: (Item) throws -> Other) rethrows -> Page<Other> {
        Page<Other>(
            items: try self.items.map(transform), itemCursors: self.itemCursors, next: self.next, totalCount: self.totalCount,
            ordering: self.ordering
        )
    }

    /// The first `count` items only (at least one), the next page starting right after them:
    /// for a page whose answer grew too large to send whole.
    /// - Parameters:
    ///   - count: How many items to keep; fewer than one counts as one.
    /// - Returns: The shortened page, or this page when it holds no more than `count` items.
    public func prefix(_ count: Int) -> Page {
        let count = max(1, count)
        guard count < self.items.count else { return self }
        var page = self
        page.items = Array(self.items.prefix(count))
        page.itemCursors = Array(self.itemCursors.prefix(count))
        page.next = self.itemCursors[count - 1]
        return page
    }

    /// The same page, its cursor tied to `ordering` (the sort the list was read in).
    /// - Parameters:
    ///   - ordering: The list's sort order.
    /// - Returns: The page with ``ordering`` set.
    public func ordered(by ordering: CursorOrdering) -> Page {
        var page = self
        page.ordering = ordering
        return page
    }
}
