import Foundation
import GRDB
public import TicketCore

extension SQLiteTicketStore {
    public func createTicket(_ draft: NewTicket, event: TicketEventDraft) async throws -> Ticket {
        try await self.write { db in
            try TicketRecord(new: Ticket(draft, id: Ticket.ID(0)), latestCreatedAt: try Self.latestCreatedAt(db)).insert(db)
            let id = Ticket.ID(db.lastInsertedRowID)
            try TicketEventRecord.insert([event], ticketID: id, db)
            return try Self.writtenTicket(id: id, db)
        }
    }

    public func ticket(id: Ticket.ID) async throws -> Ticket? {
        try await self.readStatement { db in try Self.fetchTicket(id: id, db) }
    }

    /// The whole snapshot in one read transaction.
    public func ticketSnapshot(id: Ticket.ID, commentLimit: Int, readingAllIf isVisible: @escaping @Sendable (Ticket) -> Bool) async throws
        -> TicketSnapshot?
    {
        try await self.read { db in
            guard let ticket = try Self.fetchTicket(id: id, db) else { return nil }
            guard isVisible(ticket) else { return TicketSnapshot(ticketOnly: ticket) }
            let comments = try CommentRecord.fetchAll(
                db.cachedStatement(sql: "SELECT \(CommentRecord.selection) FROM comments c WHERE c.ticket_id = ? ORDER BY c.id LIMIT ?"),
                arguments: [id.rawValue, commentLimit]
            ).map(\.comment)
            return TicketSnapshot(
                ticket: ticket,
                comments: comments,
                people: try Self.fetchUsers(ids: TicketSnapshot.peopleNamed(on: ticket, comments: comments), db),
                duplicates: try Self.fetchDuplicates(of: id, db),
                queuePosition: try Self.queuePositions(of: [id], db)[id]
            )
        }
    }

    public func tickets(ids: Set<Ticket.ID>) async throws -> [Ticket.ID: Ticket] {
        guard !ids.isEmpty else { return [:] }
        return try await self.readStatement { db in
            let records = try TicketRecord.fetchAll(
                db.cachedStatement(sql: "SELECT \(TicketRecord.selection) FROM \(SQLiteLists.idList) JOIN tickets t ON t.id = wanted.value"),
                arguments: [SQLiteLists.idList(ids.map(\.rawValue))]
            )
            return Dictionary(uniqueKeysWithValues: records.map { ($0.ticket.id, $0.ticket) })
        }
    }

    public func updateTicket(_ ticket: Ticket, expectedVersion: Int, events: [TicketEventDraft]) async throws -> Ticket {
        try await self.write { db in
            // Inside the write transaction: SQLite runs one at a time, so no parallel mark can
            // slip in between this check and the update.
            if let original = ticket.duplicateOfID, try Self.duplicateMarkMakesCycle(ticket.id, original: original, db) {
                throw TicketError.duplicateCycle
            }
            let changed = try TicketRecord.filter(TicketRecord.Columns.id == ticket.id.rawValue && TicketRecord.Columns.version == expectedVersion)
                .updateAll(db, TicketRecord(ticket).updateAssignments())
            guard changed == 1 else {
                guard let current = try Self.fetchTicket(id: ticket.id, db) else { throw TicketError.notFound("Ticket") }
                throw TicketError.staleVersion(current: current.version)
            }
            try TicketEventRecord.insert(events, ticketID: ticket.id, db)
            return try Self.writtenTicket(id: ticket.id, db)
        }
    }

    public func deleteTicket(id: Ticket.ID, expectedVersion: Int) async throws {
        try await self.write { db in
            try db.cachedStatement(literal: "DELETE FROM tickets WHERE id = \(id.rawValue) AND version = \(expectedVersion)").execute()
            guard db.changesCount == 1 else {
                guard let current = try Self.fetchTicket(id: id, db) else { throw TicketError.notFound("Ticket") }
                throw TicketError.staleVersion(current: current.version)
            }
        }
    }

    /// Whether pointing `id` at `original` (a change of its `duplicate_of_id`) would lead back
    /// to `id` through the duplicates already stored.
    static func duplicateMarkMakesCycle(_ id: Ticket.ID, original: Ticket.ID, _ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db,
            SQLRequest<Bool>(
                literal: """
                    WITH RECURSIVE chain(id) AS (
                        VALUES (\(original.rawValue))
                        UNION
                        SELECT t.duplicate_of_id FROM tickets t JOIN chain ON t.id = chain.id WHERE t.duplicate_of_id IS NOT NULL
                    )
                    SELECT (SELECT duplicate_of_id FROM tickets WHERE id = \(id.rawValue)) IS NOT \(original.rawValue)
                        AND EXISTS (SELECT 1 FROM chain WHERE id = \(id.rawValue))
                    """
            )
        ) ?? false
    }

    /// A text search stops after ``ValidationLimits/searchTime`` with a 503 (``SQLiteTimeLimit``).
    public func tickets(matching query: TicketQuery) async throws -> Page<Ticket> {
        try await self.read { db in
            guard query.text != nil else { return try Self.tickets(matching: query, db) }
            return try SQLiteTimeLimit.run(ValidationLimits.searchTime, on: db) { try Self.tickets(matching: query, db) }
        }
    }

    private static func tickets(matching query: TicketQuery, _ db: Database) throws -> Page<Ticket> {
        let total = try Self.count(query, db)
        let rows: [TicketRecord]
        if let text = query.text, query.sort.field == .createdAt {
            rows = try Self.searchInIDOrder(query, text: text, db)
        } else if let viewer = query.visibleTo {
            rows = try Self.ownTickets(query, viewer: viewer, db)
        } else {
            let (filter, order) = Self.pageFilter(query)
            rows = try TicketRecord.fetchAll(
                db,
                sql: "SELECT \(TicketRecord.selection) FROM tickets t WHERE \(filter.whereClause) \(order) LIMIT ?",
                arguments: filter.arguments + [query.page.limit + 1]
            )
        }
        return Page(fetched: rows.map(\.ticket), limit: query.page.limit, totalCount: total) {
            query.sort.cursor(after: $0)
        }
    }

    /// A plain user's list: "created by me" and "assigned to me" each walk their own index in
    /// sort order; the union of the two short lists is merged and cut to the page.
    static func ownTickets(_ query: TicketQuery, viewer: User.ID, _ db: Database) throws -> [TicketRecord] {
        let (filter, order) = Self.pageFilter(query, walkingPersonIndex: true)
        let limit = query.page.limit + 1
        let ids = SQLiteVisibility.ticketIDs(
            visibleTo: viewer,
            half: { column in "SELECT t.id FROM tickets t WHERE t.\(column) = ? AND \(filter.whereClause) \(order) LIMIT ?" },
            halfArguments: filter.arguments + [limit]
        )
        return try TicketRecord.fetchAll(
            db,
            sql: "SELECT \(TicketRecord.selection) FROM tickets t WHERE t.id IN (\(ids.sql)) \(order) LIMIT ?",
            arguments: ids.arguments + [limit]
        )
    }

    /// The list's conditions (visibility left to the caller) from the keyset position on, and
    /// its `ORDER BY` on the sort's index. When `walkingPersonIndex`, status and priority are
    /// checked on the way along a person's index (see ``TicketFilterSQL``).
    static func pageFilter(_ query: TicketQuery, walkingPersonIndex: Bool = false) -> (TicketFilterSQL, order: String) {
        let sort = Self.sortExpression(query.sort.field)
        let direction = query.sort.descending ? "DESC" : "ASC"
        var filter = TicketFilterSQL(query, includingText: true, statusAndPriorityFromIndexes: !walkingPersonIndex)
        if let cursor = query.page.after {
            filter.add("(\(sort), t.id) \(query.sort.descending ? "<" : ">") (?, ?)", [cursor.key, cursor.id])
        }
        return (filter, "ORDER BY \(sort) \(direction), t.id \(direction)")
    }

    /// A search in creation order walks the full-text matches in id order and stops at the
    /// page's end. Valid because ids and `created_at` rise together (see ``createTicket``). A
    /// plain user's visibility is part of the match (their viewer token).
    static func searchInIDOrder(_ query: TicketQuery, text: String, _ db: Database) throws -> [TicketRecord] {
        var filter = TicketFilterSQL(query, includingText: false)
        if let cursor = query.page.after {
            filter.add("ticket_search.rowid \(query.sort.descending ? "<" : ">") ?", [cursor.id])
        }
        let direction = query.sort.descending ? "DESC" : "ASC"
        return try TicketRecord.fetchAll(
            db,
            sql: """
                SELECT \(TicketRecord.selection) FROM ticket_search CROSS JOIN tickets t ON t.id = ticket_search.rowid
                WHERE ticket_search MATCH ? AND \(filter.whereClause)
                ORDER BY ticket_search.rowid \(direction) LIMIT ?
                """,
            arguments: [TicketFilterSQL.matchExpression(text, visibleTo: query.visibleTo)] + filter.arguments + [query.page.limit + 1]
        )
    }

    /// The number of tickets matching `query` (all pages). Lists without a text search are a
    /// sum over the trigger-maintained counts (``TicketFilterRelation/counts``); a search is
    /// counted by FTS5 (a plain user's visibility is part of the match), joined with the
    /// tickets' rows only for the other filters.
    static func count(_ query: TicketQuery, _ db: Database) throws -> Int {
        guard let text = query.text else {
            return try Self.countFromCounts(query, db)
        }
        let match = TicketFilterSQL.matchExpression(text, visibleTo: query.visibleTo)
        if query.assignee == nil, query.createdBy == nil, query.statuses.isEmpty, query.priorities.isEmpty, query.categories.isEmpty {
            return try Int.fetchOne(db, sql: "SELECT count(*) FROM ticket_search WHERE ticket_search MATCH ?", arguments: [match]) ?? 0
        }
        let filter = TicketFilterSQL(query, includingText: false)
        return try Int.fetchOne(
            db,
            sql: """
                SELECT count(*) FROM ticket_search CROSS JOIN tickets t ON t.id = ticket_search.rowid
                WHERE ticket_search MATCH ? AND \(filter.whereClause)
                """,
            arguments: [match] + filter.arguments
        ) ?? 0
    }

    /// A list's count without a text search, from the trigger-kept counts: a plain user's
    /// tickets are "created by me" plus "assigned to me, created by someone else".
    private static func countFromCounts(_ query: TicketQuery, _ db: Database) throws -> Int {
        let counts = TicketFilterSQL(query, on: .counts, includingText: false)
        let (table, filter, arguments) = (TicketFilterRelation.countsTable(for: query), counts.whereClause, counts.arguments)
        guard let viewer = query.visibleTo else {
            return try Int.fetchOne(db, sql: "SELECT coalesce(sum(n), 0) FROM \(table) WHERE \(filter)", arguments: arguments) ?? 0
        }
        let sum = SQLiteVisibility.aggregate("coalesce(sum(n), 0)", from: table, visibleTo: viewer, where: filter, arguments)
        return try Int.fetchOne(db, sql: sum.sql, arguments: sum.arguments) ?? 0
    }

    /// The newest ticket's `created_at` (a new ticket's is never earlier, see
    /// ``TicketRecord/init(new:latestCreatedAt:)``).
    static func latestCreatedAt(_ db: Database) throws -> Date? {
        try Int64.fetchOne(db.cachedStatement(sql: "SELECT max(created_at) FROM tickets")).map(Date.init(millisecondsSince1970:))
    }

    static func fetchTicket(id: Ticket.ID, _ db: Database) throws -> Ticket? {
        try TicketRecord.fetchOne(
            db.cachedStatement(sql: "SELECT \(TicketRecord.selection) FROM tickets t WHERE t.id = ?"), arguments: [id.rawValue])?
            .ticket
    }

    /// The ticket this transaction has just written, read back (missing only if the database
    /// was changed behind the store's back: reported as an unreadable row).
    static func writtenTicket(id: Ticket.ID, _ db: Database) throws -> Ticket {
        guard let ticket = try Self.fetchTicket(id: id, db) else { throw UnreadableRow(table: "tickets", id: id.rawValue) }
        return ticket
    }

    /// The indexed expression each sort uses (see the `tickets_by_*` indexes).
    static func sortExpression(_ field: TicketSort.Field) -> String {
        switch field {
        case .createdAt: "t.created_at"
        case .updatedAt: "coalesce(t.updated_at, t.created_at)"
        case .priority: "t.priority"
        }
    }
}

/// The `WHERE` clause of a ticket list, built from bound parameters only, on `tickets t` (the
/// page) or on the trigger-kept counts (the count of a list without a text search): one builder
/// for both, so a page and its count cannot disagree. Who may see the tickets is the caller's part
/// (``SQLiteVisibility``).
struct TicketFilterSQL {
    private var conditions: [String] = ["1"]
    private(set) var arguments = StatementArguments()

    /// With `statusAndPriorityFromIndexes` false, status and priority are written `+t.status`,
    /// which keeps SQLite from using their indexes: each half of a plain user's list must walk
    /// that person's index in sort order. (The planner knows only the average number of tickets
    /// per assignee, so for a staff member who is nobody's assignee it would walk every open
    /// ticket of the office instead.)
    init(_ query: TicketQuery, on relation: TicketFilterRelation = .tickets, includingText: Bool, statusAndPriorityFromIndexes: Bool = true) {
        let column = { (name: String) in relation == .tickets ? "t.\(name)" : name }
        let indexed = statusAndPriorityFromIndexes ? "" : "+"
        if !query.statuses.isEmpty {
            self.add("\(indexed)\(column("status")) IN (\(SQLiteLists.placeholders(query.statuses.count)))", query.statuses.map(\.rawValue))
        }
        if !query.priorities.isEmpty {
            self.add("\(indexed)\(column("priority")) IN (\(SQLiteLists.placeholders(query.priorities.count)))", query.priorities.map(\.rank))
        }
        switch query.assignee {
        case .user(let id): self.add("\(column("assigned_to_id")) = ?", [id.rawValue])
        // The counts write "nobody" as 0 and no category as '' (a key column cannot be NULL).
        case .unassigned: self.add(relation == .tickets ? "t.assigned_to_id IS NULL" : "assigned_to_id = 0", [Int]())
        case nil: break
        }
        if let creator = query.createdBy {
            self.add("\(column("created_by_id")) = ?", [creator.rawValue])
        }
        if !query.categories.isEmpty {
            let names = query.categories.compactMap { $0 }.sorted()
            if relation == .counts {
                let keys = names + (query.categories.contains(nil) ? [""] : [])
                self.add("category IN (\(SQLiteLists.placeholders(keys.count)))", keys)
            } else {
                var alternatives = names.isEmpty ? [] : ["t.category IN (\(SQLiteLists.placeholders(names.count)))"]
                if query.categories.contains(nil) { alternatives.append("t.category IS NULL") }
                self.add("(\(alternatives.joined(separator: " OR ")))", names)
            }
        }
        if includingText, relation == .tickets, let text = query.text {
            self.add(
                "t.id IN (SELECT rowid FROM ticket_search WHERE ticket_search MATCH ?)", [Self.matchExpression(text, visibleTo: query.visibleTo)]
            )
        }
    }

    var whereClause: String { self.conditions.joined(separator: " AND ") }

    mutating func add(_ condition: String, _ values: [some DatabaseValueConvertible]) {
        self.conditions.append(condition)
        self.arguments += StatementArguments(values)
    }

    /// Every word of the user's text as a quoted FTS5 term (all must match; never FTS syntax),
    /// and for a plain user (`visibleTo`) their viewer token. Viewer tokens (`viewer12`) hold
    /// digits, so words with digits are looked for in the text columns only.
    static func matchExpression(_ text: String, visibleTo viewer: User.ID? = nil) -> String {
        let words = text.split { !$0.isLetter && !$0.isNumber }
        var expression = words.isEmpty ? "\"\"" : words.map { "\"\($0)\"" }.joined(separator: " ")
        if words.contains(where: { $0.contains(where: \.isNumber) }) {
            expression = "{title description comments} : (\(expression))"
        }
        if let viewer {
            expression = "(\(expression)) AND \(SQLiteVisibility.searchToken(visibleTo: viewer))"
        }
        return expression
    }
}

/// What a ticket list's filter is written against: the tickets themselves, or the trigger-kept
/// counts (see ``TicketFilterSQL``).
enum TicketFilterRelation {
    /// `tickets t`.
    case tickets
    /// ``countsTable(for:)``, where "nobody" is assignee 0 and no category is `''`; a text
    /// search cannot be counted there.
    case counts

    /// The counts a list without a text search is summed from: `ticket_category_counts` (also
    /// per category) when the list is filtered by category, else the smaller `ticket_counts`.
    static func countsTable(for query: TicketQuery) -> String {
        query.categories.isEmpty ? "ticket_counts" : "ticket_category_counts"
    }
}
