import Testing
import TicketCore
import TicketStoreSQLite

@testable import TicketTriage

/// ticket-triage and ticket-server keep each other off a SQLite database with the same lock, so
/// the tool never writes under a running server (nor migrates its schema away from it).
@Suite("ticket-triage: the database lock")
struct DatabaseLockTests {
    @Test func aRunningServerKeepsTheToolOff() async throws {
        try await TriageFixture.with { f in
            let ticket = try await f.ticket(by: f.ann, title: "Printer jams", priority: "medium")
            let blocked: TriageResult
            do {
                let server = try SQLiteFileLock(database: f.path)
                blocked = try await f.run(["status", "\(ticket.id)", "open"], as: f.tech)
                withExtendedLifetime(server) {}
            }
            #expect(blocked.status == 1)
            #expect(
                blocked.errors == [
                    "ticket-triage: the database \(f.path) is in use by ticket-server or another ticket-triage; stop it first"
                ])
            #expect(try await f.store.ticket(id: ticket.id) == ticket)

            // Once the server has stopped, the same command goes through.
            let after = try await f.run(["status", "\(ticket.id)", "open"], as: f.tech)
            #expect(after.status == 0)
            #expect(try await f.store.ticket(id: ticket.id)?.status == .open)
        }
    }

    @Test func theToolGivesTheLockBackWhenItEnds() async throws {
        try await TriageFixture.with { f in
            _ = try await f.ticket(by: f.ann, title: "Printer jams", priority: "medium")
            #expect(try await f.run(["queue"], as: f.tech).status == 0)
            #expect(try await f.run(["status", "999", "open"], as: f.tech).status == 1)
            // After a run that worked and one that failed, a server can start on the file.
            let server = try SQLiteFileLock(database: f.path)
            #expect(throws: SQLiteFileLock.Failure.held) { try SQLiteFileLock(database: f.path) }
            server.release()
        }
    }
}
