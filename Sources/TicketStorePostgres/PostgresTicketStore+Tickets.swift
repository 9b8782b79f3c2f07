import Foundation
import PostgresNIO
public import TicketCore

extension PostgresTicketStore {
    public func createTicket(_ draft: NewTicket, event: TicketEventDraft) async throws -> Ticket {
        try await self.transaction { connection in
            var values = PostgresColumnValues<TicketColumns>(PostgresSQL())
            TicketColumns.write(Ticket(draft, id: Ticket.ID(0)), to: &values)
            let rows = try await connection.query(
                values.sql.query("INSERT INTO tickets \(values.insertList) RETURNING \(TicketColumns.returning)"), logger: self.logger
            )
            guard let ticket = try await Self.firstTicket(rows) else { throw TicketError.notFound("Ticket") }
            try await self.insert([event], ticketID: ticket.id, on: connection)
            return ticket
        }
    }

    public func ticket(id: Ticket.ID) async throws -> Ticket? {
        try await self.prepared(TicketByID(id: id.rawValue)).first
    }

    /// The snapshot in one statement (``TicketSnapshotStatement``), so one round trip and one
    /// consistent state. It is read whole before `isVisible` is asked; for a reader who may not
    /// see the ticket, all but the ticket is dropped here.
    public func ticketSnapshot(id: Ticket.ID, commentLimit: Int, readingAllIf isVisible: @escaping @Sendable (Ticket) -> Bool) async throws
        -> TicketSnapshot?
    {
        let statement = TicketSnapshotStatement(id: id.rawValue, commentLimit: Int64(clamping: max(0, commentLimit)))
        guard let row = try await self.prepared(statement).first else { return nil }
        let ticket = try TicketColumns.ticket(row.ticket)
        guard isVisible(ticket) else { return TicketSnapshot(ticketOnly: ticket) }
        return TicketSnapshot(
            ticket: ticket,
            comments: try row.comments.map { try CommentColumns.comment($0) },
            people: Dictionary(uniqueKeysWithValues: try row.people.map { try UserColumns.user($0) }.map { ($0.id, $0) }),
            duplicates: try row.duplicates.map { try TicketColumns.ticket($0) },
            queuePosition: row.queuePosition.map { Int($0) }
        )
    }

    public func tickets(ids: Set<Ticket.ID>) async throws -> [Ticket.ID: Ticket] {
        guard !ids.isEmpty else { return [:] }
        return try await self.run {
            let rows = try await self.client.query(
                "SELECT \(unescaped: TicketColumns.selection(of: "t")) FROM tickets t WHERE t.id = ANY(\(ids.map(\.rawValue)))",
                logger: self.logger
            )
            return Dictionary(uniqueKeysWithValues: try await rows.collect { try TicketColumns.ticket($0) }.map { ($0.id, $0) })
        }
    }

    public func updateTicket(_ ticket: Ticket, expectedVersion: Int, events: [TicketEventDraft]) async throws -> Ticket {
        try await self.transaction { connection in
            if let original = ticket.duplicateOfID, try await self.duplicateMarkMakesCycle(ticket.id, original: original, on: connection) {
                throw TicketError.duplicateCycle
            }
            var values = PostgresColumnValues<TicketColumns>(PostgresSQL(), excluding: TicketColumns.unchangeable)
            TicketColumns.write(ticket, to: &values)
            let sql = values.sql
            let rows = try await connection.query(
                sql.query(
                    """
                    UPDATE tickets SET \(values.assignments), version = version + 1
                    WHERE id = \(sql.bind(ticket.id.rawValue)) AND version = \(sql.bind(Int32(expectedVersion)))
                    RETURNING \(TicketColumns.returning)
                    """
                ),
                logger: self.logger
            )
            guard let updated = try await Self.firstTicket(rows) else {
                let current = try await connection.query("SELECT version FROM tickets WHERE id = \(ticket.id.rawValue)", logger: self.logger)
                for try await version in current.decode(Int32.self) { throw TicketError.staleVersion(current: Int(version)) }
                throw TicketError.notFound("Ticket")
            }
            try await self.insert(events, ticketID: ticket.id, on: connection)
            return updated
        }
    }

    /// A delete that waits for a parallel update of the row re-checks `version` against the
    /// updated row (READ COMMITTED), so it deletes nothing when the ticket moved on.
    public func deleteTicket(id: Ticket.ID, expectedVersion: Int) async throws {
        try await self.run {
            let rows = try await self.client.query(
                "DELETE FROM tickets WHERE id = \(id.rawValue) AND version = \(Int32(expectedVersion)) RETURNING id", logger: self.logger
            )
            for try await _ in rows.decode(Int64.self) { return }
            let current = try await self.client.query("SELECT version FROM tickets WHERE id = \(id.rawValue)", logger: self.logger)
            for try await version in current.decode(Int32.self) { throw TicketError.staleVersion(current: Int(version)) }
            throw TicketError.notFound("Ticket")
        }
    }

    /// The advisory lock that serialises duplicate marks (see ``duplicateMarkMakesCycle``).
    static let duplicateChainLockKey: Int64 = 7_264_812_995

    /// Whether pointing `id` at `original` (a change of its `duplicate_of_id`) would lead back
    /// to `id`. Under READ COMMITTED two transactions marking A -> B and B -> A would each miss
    /// the other's uncommitted mark, and locking the two rows is not enough (A -> B and C -> D
    /// can close B -> C -> ... -> A), so every duplicate mark first takes one transaction-wide
    /// advisory lock: the chain is then read with every earlier mark committed. Marks are rare.
    func duplicateMarkMakesCycle(_ id: Ticket.ID, original: Ticket.ID, on connection: PostgresConnection) async throws -> Bool {
        let stored = try await connection.query("SELECT duplicate_of_id FROM tickets WHERE id = \(id.rawValue)", logger: self.logger)
        for try await current in stored.decode(Int64?.self) where current == original.rawValue { return false }
        try await connection.query("SELECT pg_advisory_xact_lock(\(Self.duplicateChainLockKey))", logger: self.logger)
        let rows = try await connection.query(
            """
            WITH RECURSIVE chain(id) AS (
                VALUES (\(original.rawValue))
                UNION
                SELECT t.duplicate_of_id FROM tickets t JOIN chain ON t.id = chain.id WHERE t.duplicate_of_id IS NOT NULL
            )
            SELECT EXISTS (SELECT 1 FROM chain WHERE id = \(id.rawValue))
            """,
            logger: self.logger
        )
        for try await cycle in rows.decode(Bool.self) { return cycle }
        return false
    }

    /// A text search stops after ``ValidationLimits/searchTime`` with a 503 (``PostgresSearchTimeLimit``).
    public func tickets(matching query: TicketQuery) async throws -> Page<Ticket> {
        // The page and its total count come from one moment.
        guard query.text != nil else { return try await self.snapshot { connection in try await self.tickets(matching: query, on: connection) } }
        return try await PostgresSearchTimeLimit.run(ValidationLimits.searchTime, in: self) { search in
            try await self.tickets(matching: query, on: search)
        }
    }

    private func tickets(matching query: TicketQuery, on runner: some PostgresQueryRunner) async throws -> Page<Ticket> {
        try await self.run {
            let total = try await self.count(query, on: runner)
            let sql = PostgresSQL()
            let sort = Self.sortExpression(query.sort.field)
            let direction = query.sort.descending ? "DESC" : "ASC"
            let order = "ORDER BY \(sort) \(direction), t.id \(direction)"
            let limit = sql.bind(query.page.limit + 1)
            // The list's conditions with the keyset position (bound once, used by both halves of
            // a plain user's list).
            var conditions = Self.filter(query, sql, statusAndPriorityFromIndexes: query.visibleTo == nil)
            if let cursor = query.page.after {
                // The driver traps on dates it cannot encode; decoded cursors are range-checked,
                // but a cursor built in code is not.
                guard query.sort.cursorOrdering.keys.contains(cursor.key) else { throw PageCursor.invalid }
                let key = query.sort.field == .priority ? sql.bind(cursor.key) : sql.bind(Date(millisecondsSince1970: cursor.key))
                conditions += " AND (\(sort), t.id) \(query.sort.descending ? "<" : ">") (\(key), \(sql.bind(cursor.id)))"
            }
            let text: String
            if let viewer = query.visibleTo {
                // "Created by me" and "assigned to me" each walk their own index in sort order;
                // the union of the two short lists is merged and cut to the page.
                let ids = PostgresVisibility.ticketIDs(visibleTo: sql.bind(viewer.rawValue), where: conditions, order: order, limit: limit)
                text = "SELECT \(TicketColumns.selection(of: "t")) FROM tickets t WHERE t.id IN (\(ids)) \(order) LIMIT \(limit)"
            } else {
                text = "SELECT \(TicketColumns.selection(of: "t")) FROM tickets t WHERE \(conditions) \(order) LIMIT \(limit)"
            }
            let tickets = try await runner.rows(sql.query(text), logger: self.logger).collect { try TicketColumns.ticket($0) }
            return Page(fetched: tickets, limit: query.page.limit, totalCount: total) { query.sort.cursor(after: $0) }
        }
    }

    /// The number of tickets matching `query` (all pages). Lists without a text search are a
    /// sum over the trigger-maintained counts (``TicketFilterRelation/counts``); a one-word
    /// search, alone or within what a plain user may see, reads `ticket_lexeme_counts`; other
    /// searches count through the indexes.
    func count(_ query: TicketQuery, on runner: some PostgresQueryRunner) async throws -> Int {
        if query.text == nil {
            return try await self.countFromCounts(query, PostgresSQL(), on: runner)
        }
        let sql = PostgresSQL()
        let conditions = Self.filter(query, sql)
        let counted =
            if let viewer = query.visibleTo {
                PostgresVisibility.aggregate("count(*)", from: "tickets t", visibleTo: sql.bind(viewer.rawValue), where: conditions)
            } else {
                "(SELECT count(*) FROM tickets t WHERE \(conditions))"
            }
        guard let text = query.text, query.assignee == nil, query.createdBy == nil, query.statuses.isEmpty, query.priorities.isEmpty,
            query.categories.isEmpty
        else {
            return try await self.count(sql.query("SELECT \(counted)"), on: runner)
        }
        // The search matches the tickets holding every lexeme of the text; with one lexeme, that
        // is its document count among what the caller may see (viewer 0: everything).
        let terms = sql.bind(text)
        let viewer = sql.bind(PostgresVisibility.lexemeCountsViewer(query.visibleTo))
        return try await self.count(
            sql.query(
                """
                SELECT CASE WHEN cardinality(words.lexemes) = 1
                            THEN coalesce((SELECT n FROM ticket_lexeme_counts WHERE viewer_id = \(viewer) AND lexeme = words.lexemes[1]), 0)
                            ELSE \(counted) END
                FROM (SELECT tsvector_to_array(to_tsvector('english', \(terms))) AS lexemes) AS words
                """
            ),
            on: runner
        )
    }

    /// A list's count without a text search, from the trigger-kept counts: a plain user's
    /// tickets are "created by me" plus "assigned to me, created by someone else".
    private func countFromCounts(_ query: TicketQuery, _ sql: PostgresSQL, on runner: some PostgresQueryRunner) async throws -> Int {
        let (table, filter) = (TicketFilterRelation.countsTable(for: query), Self.filter(query, sql, on: .counts))
        guard let viewer = query.visibleTo else {
            return try await self.count(sql.query("SELECT coalesce(sum(n), 0)::int8 FROM \(table) WHERE \(filter)"), on: runner)
        }
        return try await self.count(
            sql.query(
                "SELECT \(PostgresVisibility.aggregate("coalesce(sum(n), 0)::int8", from: table, visibleTo: sql.bind(viewer.rawValue), where: filter))"
            ),
            on: runner
        )
    }

    /// The `WHERE` condition of a ticket list on `relation` (the page, or the count from the
    /// trigger-kept counts), but for who may see the tickets (``PostgresVisibility``); every value
    /// is bound into `sql`.
    ///
    /// With `statusAndPriorityFromIndexes` false, status and priority are compared as
    /// expressions no index holds (`t.status || ''`, `t.priority + 0`): each half of a plain
    /// user's list must walk that person's index in sort order, checking them on the way. (The
    /// planner does not know that open tickets are the newest, and would gather and sort all of
    /// a person's tickets of that status instead.)
    static func filter(
        _ query: TicketQuery, _ sql: PostgresSQL, on relation: TicketFilterRelation = .tickets, statusAndPriorityFromIndexes: Bool = true
    ) -> String {
        let column = { (name: String) in relation == .tickets ? "t.\(name)" : name }
        var conditions = ["true"]
        let status = statusAndPriorityFromIndexes ? column("status") : "(\(column("status")) || '')"
        let priority = statusAndPriorityFromIndexes ? column("priority") : "(\(column("priority")) + 0)"
        if !query.statuses.isEmpty {
            conditions.append("\(status) = ANY(\(sql.bind(query.statuses.map(\.rawValue).sorted())))")
        }
        if !query.priorities.isEmpty {
            conditions.append("\(priority) = ANY(\(sql.bind(query.priorities.map { Int16($0.rank) }.sorted())))")
        }
        switch query.assignee {
        case .user(let id): conditions.append("\(column("assigned_to_id")) = \(sql.bind(id.rawValue))")
        // The counts write "nobody" as 0 and no category as '' (a key column cannot be NULL).
        case .unassigned: conditions.append(relation == .tickets ? "t.assigned_to_id IS NULL" : "assigned_to_id = 0")
        case nil: break
        }
        if let creator = query.createdBy {
            conditions.append("\(column("created_by_id")) = \(sql.bind(creator.rawValue))")
        }
        if !query.categories.isEmpty {
            let names = query.categories.compactMap { $0 }.sorted()
            if relation == .counts {
                conditions.append("category = ANY(\(sql.bind(names + (query.categories.contains(nil) ? [""] : []))))")
            } else {
                var alternatives = ["t.category = ANY(\(sql.bind(names)))"]
                if query.categories.contains(nil) { alternatives.append("t.category IS NULL") }
                conditions.append("(\(alternatives.joined(separator: " OR ")))")
            }
        }
        if let text = query.text, relation == .tickets {
            conditions.append("t.document @@ plainto_tsquery('english', \(sql.bind(text)))")
        }
        return conditions.joined(separator: " AND ")
    }

    /// The indexed expression each sort uses (see the `tickets_by_*` indexes).
    static func sortExpression(_ field: TicketSort.Field) -> String {
        switch field {
        case .createdAt: "t.created_at"
        case .updatedAt: "coalesce(t.updated_at, t.created_at)"
        case .priority: "t.priority"
        }
    }

    static func firstTicket(_ rows: PostgresRowSequence) async throws -> Ticket? {
        try await rows.collect { try TicketColumns.ticket($0) }.first
    }

    /// Appends history rows for one ticket inside the caller's transaction.
    func insert(_ events: [TicketEventDraft], ticketID: Ticket.ID, on connection: PostgresConnection) async throws {
        for event in events {
            var values = PostgresColumnValues<TicketEventColumns>(PostgresSQL())
            TicketEventColumns.write(event, ticketID: ticketID, to: &values)
            try await connection.query(values.sql.query("INSERT INTO ticket_events \(values.insertList)"), logger: self.logger)
        }
    }
}

/// What a ticket list's filter is written against: the tickets themselves (the page, and
/// counts of searches) or the trigger-kept counts (counts of other lists). One filter builder
/// serves both, so a page and its count cannot disagree.
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
