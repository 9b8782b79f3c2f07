import Foundation
import Logging
import PostgresNIO
import Testing
import TicketCore
import TicketTestSupport

@testable import TicketStorePostgres

/// What only the PostgreSQL store has: URL parsing, migrations under an advisory lock, and
/// constraints enforced by the schema itself.
@Suite("PostgreSQL store")
struct PostgresStoreTests {
    @Test func urlsParseAndBadOnesAreRefused() throws {
        let configuration = try PostgresTicketStore.configuration(url: "postgres://ann:s%40cret@db.example.com:6543/tickets?sslmode=require")
        #expect(configuration.host == "db.example.com")
        #expect(configuration.port == 6543)
        #expect(configuration.username == "ann")
        #expect(configuration.password == "s@cret")
        #expect(configuration.database == "tickets")
        let plain = try PostgresTicketStore.configuration(url: "postgresql://postgres@127.0.0.1/tickets")
        #expect(plain.port == 5432)
        #expect(plain.password == nil)
        #expect(plain.options.maximumConnections == PostgresTicketStore.defaultPoolSize)
        #expect(plain.options.maximumConnections >= 4)
        #expect(try PostgresTicketStore.configuration(url: "postgres://a@b/c?pool_size=12").options.maximumConnections == 12)
        let bads = [
            "mysql://a@b/c", "postgres://a@b", "postgres:///db", "postgres://host/db", "postgres://a@b/c?sslmode=maybe", "nonsense",
            "postgres://a@b/c?sslmode=verify-full&sslrootcert=/nonexistent/root.pem",
            "postgres://a@b/c?pool_size=0", "postgres://a@b/c?pool_size=many", "postgres://a@b/c?pool_size=101",
        ]
        for bad in bads {
            #expect(throws: PostgresTicketStore.URLError.self, "\(bad)") { try PostgresTicketStore.configuration(url: bad) }
        }
        #expect(PostgresTicketStore.redacted("postgres://ann:secret@h/db") == "postgres://ann:***@h/db")
    }

    /// A search that runs past its time limit is stopped with a 503, however many statements it
    /// runs (the limit is for all of them), and the connection goes back to the pool without
    /// the limit.
    @Test func searchesPastTheirTimeLimitAreStopped() async throws {
        try await PostgresCacheTests.withStore { store, client, logger in
            try await store.migrate()
            let started = ContinuousClock.now
            do {
                _ = try await PostgresSearchTimeLimit.run(.milliseconds(400), in: store) { search in
                    for _ in 0..<3 { _ = try await store.count("SELECT count(*) FROM pg_sleep(0.3)", on: search) }
                    return 0
                }
                Issue.record("the slow search finished")
            } catch let error as TicketError {
                #expect(error.kind == .busy)
            }
            #expect(ContinuousClock.now - started < .seconds(5))
            // A quick search within its limit answers; the pool's connections carry no limit.
            let quick = try await PostgresSearchTimeLimit.run(.seconds(5), in: store) { search in
                try await store.count("SELECT 7::int8", on: search)
            }
            #expect(quick == 7)
            for _ in 0..<4 {
                #expect(try await store.count("SELECT count(*) FROM pg_sleep(0.01), current_setting('statement_timeout') AS s WHERE s = '0'") == 1)
            }
        }
    }

    @Test func concurrentMigrationsApplyOnce() async throws {
        try await TestPostgres.withDatabase { url in
            let configuration = try PostgresTicketStore.configuration(url: url)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask {
                        try await TestPostgres.withClient(configuration) { client in
                            try await PostgresTicketStore(client: client, logger: Logger(label: "test")).migrate()
                        }
                    }
                }
                try await group.waitForAll()
            }
            let applied = try await TestPostgres.withClient(configuration) { client in
                var names: [String] = []
                for try await name in try await client.query("SELECT name FROM ticket_migrations ORDER BY applied_at").decode(String.self) {
                    names.append(name)
                }
                return names
            }
            #expect(applied == PostgresTicketStore.migrationNames)
            #expect(applied.first == "v1-schema")
        }
    }

    /// Each bad row is refused by the constraint meant for it (its SQLSTATE and, where it has
    /// one, its name), not by any error at all.
    @Test func schemaEnforcesConstraints() async throws {
        try await TestPostgres.withDatabase { url in
            let configuration = try PostgresTicketStore.configuration(url: url)
            try await TestPostgres.withClient(configuration) { client in
                try await PostgresTicketStore(client: client, logger: Logger(label: "test")).migrate()
                try await client.query("INSERT INTO users (name, email, password_hash, role_id, created_at) VALUES ('A', 'a@x.io', 'h', 1, now())")
                let refusals: [(sql: String, state: String)] = [
                    ("INSERT INTO users (name, email, password_hash, role_id, created_at) VALUES ('B', 'A@X.IO', 'h', 1, now())", "23505"),
                    (
                        "INSERT INTO tickets (title, description, priority, status, created_by_id, created_at) VALUES ('t', 'd', 2, 'bogus', 1, now())",
                        "23514"
                    ),
                    (
                        "INSERT INTO tickets (title, description, priority, status, created_by_id, created_at) VALUES ('t', 'd', 9, 'open', 1, now())",
                        "23514"
                    ),
                    ("INSERT INTO comments (ticket_id, user_id, content, created_at) VALUES (42, 1, 'x', now())", "23503"),
                ]
                for refusal in refusals {
                    let error = await #expect(throws: PSQLError.self) { try await client.query(PostgresQuery(unsafeSQL: refusal.sql)) }
                    #expect(error?.serverInfo?[.sqlState] == refusal.state, "\(refusal.sql)")
                }
                // A used email is a conflict for the client; another unique constraint is a bug
                // for the log, not reported as a used email.
                let sameEmail = await #expect(throws: PSQLError.self) { try await client.query(PostgresQuery(unsafeSQL: refusals[0].sql)) }
                #expect((sameEmail.map(PostgresTicketStore.translate) as? TicketError)?.kind == .conflict)
                let sameRole = await #expect(throws: PSQLError.self) { try await client.query("INSERT INTO roles (name) VALUES ('admin')") }
                #expect(sameRole?.serverInfo?[.constraintName] == "roles_name_key")
                #expect(sameRole.map(PostgresTicketStore.translate) is PSQLError)
                // Deleting a user is refused while their tickets exist: nothing cascades from users.
                try await client.query(
                    "INSERT INTO tickets (title, description, priority, status, created_by_id, created_at) VALUES ('t', 'd', 2, 'open', 1, now())"
                )
                let delete = await #expect(throws: PSQLError.self) { try await client.query("DELETE FROM users WHERE id = 1") }
                #expect(delete?.serverInfo?[.sqlState] == "23503")
                #expect(delete?.serverInfo?[.constraintName] == "tickets_created_by_id_fkey")
            }
        }
    }

    /// A row changed outside the store is reported as ``UnreadableRow``, as on SQLite.
    @Test func anUnreadableRowIsReportedAsSuch() async throws {
        try await TestPostgres.withDatabase { url in
            let configuration = try PostgresTicketStore.configuration(url: url)
            try await TestPostgres.withClient(configuration) { client in
                let store = PostgresTicketStore(client: client, logger: Logger(label: "test"))
                try await store.migrate()
                try await client.query("INSERT INTO users (name, email, password_hash, role_id, created_at) VALUES ('A', 'a@x.io', 'h', 1, now())")
                try await client.query(
                    "INSERT INTO tickets (title, description, priority, status, created_by_id, created_at) VALUES ('t', 'd', 2, 'open', 1, now())"
                )
                try await client.query("INSERT INTO ticket_events (ticket_id, actor_id, at, event) VALUES (1, 1, now(), 'teleported')")
                let error = await #expect(throws: UnreadableRow.self) { _ = try await store.history(of: Ticket.ID(1), page: PageRequest(limit: 10)) }
                #expect(error == UnreadableRow(table: "ticket_events", id: 1))
            }
        }
    }

    /// The keywords a similar ticket holds are counted with the index's own stemmer (english), so
    /// a ticket the index finds is never dropped for a score of 0.
    @Test func similarCountsHitsWithTheIndexStemmer() async throws {
        try await TestPostgres.withDatabase { url in
            let configuration = try PostgresTicketStore.configuration(url: url)
            try await TestPostgres.withClient(configuration) { client in
                let store = PostgresTicketStore(client: client, logger: Logger(label: "test"))
                try await store.migrate()
                try await client.query("INSERT INTO users (name, email, password_hash, role_id, created_at) VALUES ('A', 'a@x.io', 'h', 1, now())")
                try await client.query(
                    """
                    INSERT INTO tickets (title, description, priority, status, created_by_id, created_at)
                    VALUES ('Password policy', 'Connecting fails after the change.', 2, 'open', 1, now())
                    """
                )
                let similar = try await store.similarTickets(to: ["policies", "connection"], limit: 5, excluding: nil, visibleTo: nil)
                #expect(similar.map(\.score) == [4.0 / 8.0])
            }
        }
    }

    @Test func searchIsStemmed() async throws {
        try await StoreKind.postgres.withStore { store in
            let ann = try await store.createUser(
                NewUser(name: "Ann", email: "ann@example.com", passwordHash: "h", roleName: "user", createdAt: Date()))
            let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
            let ticket = try await store.createTicket(
                NewTicket(title: "Printer jams", description: "The printer jams on page two", priority: .high, createdByID: ann.id, createdAt: now),
                event: TicketEventDraft(kind: .created, actorID: ann.id, at: now)
            )
            #expect(try await store.tickets(matching: TicketQuery(text: "printers jammed")).items.map(\.id) == [ticket.id])
            #expect(try await store.tickets(matching: TicketQuery(text: "printer'); DROP TABLE tickets; --")).items.isEmpty)
            #expect(try await store.ticket(id: ticket.id) == ticket)
        }
    }

    /// Opposite status changes at once move tickets between the same two count rows in opposite
    /// directions; every change must commit (no deadlock) and the counts must stay exact.
    @Test func oppositeStatusChangesAtOnceKeepCountsExact() async throws {
        try await StoreKind.postgres.withStore { store in
            let ann = try await store.createUser(
                NewUser(name: "Ann", email: "ann@example.com", passwordHash: "h", roleName: "user", createdAt: Date()))
            var tickets: [Ticket] = []
            for index in 0..<40 {
                let now = Date(millisecondsSince1970: Date().millisecondsSince1970)
                var ticket = try await store.createTicket(
                    NewTicket(title: "Ticket \(index)", description: "d", priority: .medium, createdByID: ann.id, createdAt: now),
                    event: TicketEventDraft(kind: .created, actorID: ann.id, at: now)
                )
                if index.isMultiple(of: 2) {
                    var opened = ticket
                    opened.status = .open
                    ticket = try await store.updateTicket(opened, expectedVersion: ticket.version, events: [])
                }
                tickets.append(ticket)
            }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for ticket in tickets {
                    group.addTask {
                        var flipped = ticket
                        flipped.status = ticket.status == .open ? .incoming : .open
                        _ = try await store.updateTicket(flipped, expectedVersion: ticket.version, events: [])
                    }
                }
                try await group.waitForAll()
            }
            for status in [TicketStatus.open, .incoming] {
                let counted = try await store.tickets(matching: TicketQuery(statuses: [status], page: PageRequest(limit: 1))).totalCount
                let listed = try await store.tickets(matching: TicketQuery(statuses: [status], page: PageRequest(limit: 200))).items.count
                #expect(counted == 20)
                #expect(listed == 20)
            }
        }
    }
}
