import Foundation
import Testing
import TicketCore

/// Helpers shared by the conformance cases: creating users, tickets and comments directly
/// through the store, with distinct, increasing timestamps.
struct Fixture<Store: TicketStore> {
    let store: Store
    private let clock = FixtureClock()

    init(store: Store) {
        self.store = store
    }

    /// A distinct, increasing time at millisecond precision.
    func tick() async -> Date { await self.clock.next() }

    func user(_ name: String, role: Role = .user) async throws -> User {
        try await self.store.createUser(
            NewUser(
                name: name, email: "\(name.lowercased())@example.com", passwordHash: "hash-of-\(name)",
                roleName: role.name, createdAt: await self.tick()
            )
        )
    }

    func ticket(
        _ title: String, by author: User, priority: TicketPriority = .medium, description: String = "Something is broken."
    ) async throws -> Ticket {
        let now = await self.tick()
        return try await self.store.createTicket(
            NewTicket(title: title, description: description, priority: priority, createdByID: author.id, createdAt: now),
            event: TicketEventDraft(kind: .created, actorID: author.id, at: now)
        )
    }

    /// Applies `change` to the stored ticket with history, as the service would.
    @discardableResult
    func update(_ ticket: Ticket, by actor: User, _ change: (inout Ticket) -> Void) async throws -> Ticket {
        var updated = ticket
        change(&updated)
        let now = await self.tick()
        updated.updatedAt = now
        let event = TicketEventDraft(kind: .statusChanged, actorID: actor.id, at: now, from: ticket.status.rawValue, to: updated.status.rawValue)
        return try await self.store.updateTicket(updated, expectedVersion: ticket.version, events: [event])
    }

    /// Deletes a ticket at the version it has now.
    func deleteTicket(_ id: Ticket.ID) async throws {
        guard let current = try await self.store.ticket(id: id) else { throw TicketError.notFound("Ticket") }
        try await self.store.deleteTicket(id: id, expectedVersion: current.version)
    }

    func comment(_ content: String, on ticket: Ticket, by author: User) async throws -> TicketCore.Comment {
        let now = await self.tick()
        return try await self.store.createComment(
            NewComment(ticketID: ticket.id, authorID: author.id, content: content, createdAt: now),
            event: TicketEventDraft(kind: .commented, actorID: author.id, at: now)
        )
    }

    /// Follows cursors to the end and returns every ticket seen, in order.
    func allPages(_ query: TicketQuery) async throws -> [Ticket] {
        var query = query
        var seen: [Ticket] = []
        var pages = 0
        while true {
            let page = try await self.store.tickets(matching: query)
            seen += page.items
            pages += 1
            guard let next = page.next, pages < 1000 else { break }
            query.page = PageRequest(limit: query.page.limit, after: next)
        }
        return seen
    }

    /// Expects `body` to throw a ``TicketError`` of `kind`.
    func expectError(_ kind: TicketError.Kind, _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation) async {
        do {
            try await body()
            Issue.record("expected \(kind), but nothing was thrown", sourceLocation: sourceLocation)
        } catch let error as TicketError {
            #expect(error.kind == kind, sourceLocation: sourceLocation)
        } catch {
            Issue.record("expected \(kind), got \(String(reflecting: error))", sourceLocation: sourceLocation)
        }
    }
}

/// Hands out increasing millisecond timestamps.
actor FixtureClock {
    private var current = Date(millisecondsSince1970: 1_790_000_000_000)

    func next() -> Date {
        self.current = Date(millisecondsSince1970: self.current.millisecondsSince1970 + 7)
        return self.current
    }
}
