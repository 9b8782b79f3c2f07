import Foundation
import GRDB
import Testing
import TicketCore
import TicketTestSupport

@testable import TicketStoreSQLite

/// Each migration on a database of the schema before it, with data in it.
@Suite("SQLite upgrades")
struct SQLiteUpgradeTests {
    /// A v12 database with people and a ticket gains sessions (v13): its people sign in, end
    /// one session, and their ticket is as it was.
    @Test func sessionsArriveOnADatabaseWithPeople() async throws {
        let queue = try DatabaseQueue()
        try SQLiteTicketStore.migrator.migrate(queue, upTo: "v12-queue-blocks")
        try await queue.write { db in
            try db.execute(
                sql: """
                    INSERT INTO users (name, email, password_hash, role_id, active, created_at, session_generation)
                    SELECT 'Ann', 'ann@example.com', 'hash-a', id, 1, 1000, 3 FROM roles WHERE name = 'user';
                    INSERT INTO users (name, email, password_hash, role_id, active, created_at)
                    SELECT 'Tess', 'tess@example.com', 'hash-t', id, 1, 1000 FROM roles WHERE name = 'tech';
                    INSERT INTO tickets (title, description, priority, status, created_by_id, created_at)
                    SELECT 'Printer jams', 'Tray 2', 2, 'open', id, 2000 FROM users WHERE email = 'ann@example.com';
                    """)
        }
        let store = try SQLiteTicketStore(queue)
        let ann = try #require(try await store.credentials(email: "ann@example.com")).user
        #expect(ann.sessionGeneration == 3 && ann.name == "Ann")
        try await SessionUpgradeCheck.expectOneSessionEndsAlone(in: store, of: ann)
        let tickets = try await store.tickets(matching: TicketQuery())
        #expect(tickets.items.map(\.title) == ["Printer jams"])
        #expect(tickets.totalCount == 1)
    }
}
