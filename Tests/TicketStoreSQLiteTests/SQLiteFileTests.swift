import Foundation
import GRDB
import Testing
import TicketCore
import TicketTestSupport

@testable import TicketStoreSQLite

/// Behaviour of the on-disk database: WAL, foreign keys, migrations, stemmed search.
@Suite("SQLite file")
struct SQLiteFileTests {
    /// A plain user, Ann.
    static func ann(in store: SQLiteTicketStore) async throws -> User {
        try await store.createUser(NewUser(name: "Ann", email: "ann@example.com", passwordHash: "h", roleName: "user", createdAt: Date()))
    }

    /// A new ticket by `author`.
    static func ticket(
        _ title: String, _ description: String = "d", priority: TicketPriority = .low, by author: User, in store: SQLiteTicketStore
    ) async throws -> Ticket {
        try await store.createTicket(
            NewTicket(title: title, description: description, priority: priority, createdByID: author.id, createdAt: Date()),
            event: TicketEventDraft(kind: .created, actorID: author.id, at: Date())
        )
    }

    /// A read that runs past its time limit is interrupted with a 503, and the connection is
    /// left without the limit for the next read.
    @Test func readsPastTheirTimeLimitAreStopped() async throws {
        try await TestSQLite.withDirectory { directory in
            let store = try SQLiteTicketStore(path: directory.appendingPathComponent("tickets.sqlite").path)
            let endless = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 1000000000) SELECT count(*) FROM n"
            let started = ContinuousClock.now
            do {
                _ = try await store.read { db in try SQLiteTimeLimit.run(.milliseconds(200), on: db) { try Int.fetchOne(db, sql: endless) } }
                Issue.record("the endless read finished")
            } catch let error as TicketError {
                #expect(error.kind == .busy)
            }
            #expect(ContinuousClock.now - started < .seconds(10))
            let short = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000000) SELECT count(*) FROM n"
            for _ in 0..<4 { #expect(try await store.read { db in try Int.fetchOne(db, sql: short) } == 2_000_000) }
            try store.close()
        }
    }

    /// Every acknowledged write is synced (`synchronous=FULL`, 2), and the files that hold
    /// password hashes and the token secret are readable by the server's user only.
    @Test func writesAreDurableAndFilesPrivate() async throws {
        try await TestSQLite.withDirectory { directory in
            let path = directory.appendingPathComponent("tickets.sqlite").path
            let store = try SQLiteTicketStore(path: path)
            try await store.removeSetting("jwt_secret")
            let writeLevel = try await store.writer.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            let readLevel = try await store.writer.read { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
            #expect(writeLevel == 2)
            #expect(readLevel == 2)
            for file in [path, path + "-wal"] {
                let attributes = try FileManager.default.attributesOfItem(atPath: file)
                let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue
                #expect(mode == 0o600, "\(file): \(String(mode ?? 0, radix: 8))")
            }
            try store.close()
        }
    }

    /// `ANALYZE` runs at start-up only when the ticket count changed twofold since the last one:
    /// a partial index (the active tickets') counts fewer rows and must not make the
    /// statistics look stale at every start (it took 2 s at a million tickets).
    @Test func statisticsAreRefreshedOnlyWhenStale() async throws {
        try await TestSQLite.withDirectory { directory in
            let path = directory.appendingPathComponent("tickets.sqlite").path
            var store = try SQLiteTicketStore(path: path)
            let ann = try await Self.ann(in: store)
            func addTickets(_ count: Int) async throws {
                for number in 0..<count {
                    var ticket = try await Self.ticket("Ticket \(number)", by: ann, in: store)
                    if number % 4 != 0 {
                        ticket.status = .closed
                        _ = try await store.updateTicket(ticket, expectedVersion: 1, events: [])
                    }
                }
            }
            // Statistics gathered, then marked: a new ANALYZE would rewrite the marked rows.
            func markStatistics() async throws {
                try await store.writer.write { db in try db.execute(sql: "UPDATE sqlite_stat1 SET stat = stat || ' unordered'") }
            }
            func statisticsAreMarked() async throws -> Bool {
                try await store.writer.read { db in
                    try Bool.fetchOne(db, sql: "SELECT count(*) > 0 AND min(stat LIKE '% unordered') FROM sqlite_stat1 WHERE tbl = 'tickets'")
                } ?? false
            }
            try await addTickets(20)
            try store.close()
            store = try SQLiteTicketStore(path: path)
            #expect(
                try await store.writer.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'tickets'") } ?? 0 > 1)
            try await markStatistics()
            try store.close()

            store = try SQLiteTicketStore(path: path)
            #expect(try await statisticsAreMarked(), "reopening without new tickets ran ANALYZE")
            try await addTickets(30)
            try store.close()

            store = try SQLiteTicketStore(path: path)
            #expect(try await !statisticsAreMarked(), "2.5 times the tickets did not run ANALYZE")
            try store.close()
        }
    }

    /// Reads run in place on the cooperative threads (see `SQLiteTicketStore.read`); many at
    /// once, of every kind and among writes, must all finish. (Mixing them with GRDB's
    /// asynchronous reads once stopped the server under load.)
    @Test(.timeLimit(.minutes(1))) func manyConcurrentReadsAndWritesAllFinish() async throws {
        try await TestSQLite.withDirectory { directory in
            let store = try SQLiteTicketStore(path: directory.appendingPathComponent("tickets.sqlite").path)
            let ann = try await Self.ann(in: store)
            let ticket = try await Self.ticket("Printer jams", "Paper jam", priority: .high, by: ann, in: store)
            let finished = try await withThrowingTaskGroup(of: Int.self) { group in
                for number in 0..<400 {
                    group.addTask {
                        switch number % 5 {
                        case 0: _ = try await store.tickets(matching: TicketQuery())
                        case 1: _ = try await store.ticketSnapshot(id: ticket.id, commentLimit: 100) { _ in true }
                        case 2: _ = try await store.similarTickets(to: ["printer", "jams"], limit: 5, excluding: nil, visibleTo: nil)
                        case 3: _ = try await store.user(id: ann.id)
                        default:
                            _ = try await store.createComment(
                                NewComment(ticketID: ticket.id, authorID: ann.id, content: "Again \(number)", createdAt: Date()),
                                event: TicketEventDraft(kind: .commented, actorID: ann.id, at: Date())
                            )
                        }
                        return 1
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(finished == 400)
            try store.close()
        }
    }

    @Test func fileIsWALWithForeignKeysAndSurvivesReopening() async throws {
        try await TestSQLite.withDirectory { directory in
            let path = directory.appendingPathComponent("tickets.sqlite").path
            let store = try SQLiteTicketStore(path: path)
            let user = try await Self.ann(in: store)
            try store.close()

            let pool = try DatabasePool(path: path)
            let (mode, foreignKeys) = try await pool.read { db in
                (try String.fetchOne(db, sql: "PRAGMA journal_mode"), try Bool.fetchOne(db, sql: "PRAGMA foreign_keys"))
            }
            #expect(mode == "wal")
            #expect(foreignKeys == true)
            try pool.close()

            // Reopening runs the migrator again without touching applied migrations.
            let reopened = try SQLiteTicketStore(path: path)
            #expect(try await reopened.user(id: user.id) == user)
            #expect(try await reopened.role(named: "tech") == .tech)
            try reopened.close()
        }
    }

    /// Each bad row is refused by the constraint meant for it (not by any error at all).
    @Test func schemaRejectsOrphansAndBadValues() async throws {
        let queue = try DatabaseQueue()
        _ = try SQLiteTicketStore(queue)
        try await queue.write { db in
            let orphan = #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO comments (ticket_id, user_id, content, created_at) VALUES (42, 42, 'x', 0)")
            }
            #expect(orphan?.extendedResultCode == .SQLITE_CONSTRAINT_FOREIGNKEY)
            try db.execute(sql: "INSERT INTO users (name, email, password_hash, role_id, created_at) VALUES ('A', 'a@x.io', 'h', 1, 0)")
            let badStatus = #expect(throws: DatabaseError.self) {
                try db.execute(
                    sql: "INSERT INTO tickets (title, description, priority, status, created_by_id, created_at) VALUES ('t', 'd', 2, 'bogus', 1, 0)"
                )
            }
            #expect(badStatus?.extendedResultCode == .SQLITE_CONSTRAINT_CHECK)
            let sameEmail = #expect(throws: DatabaseError.self) {
                try db.execute(sql: "INSERT INTO users (name, email, password_hash, role_id, created_at) VALUES ('B', 'A@X.IO', 'h', 1, 0)")
            }
            #expect(sameEmail?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE)
            #expect((sameEmail.map(SQLiteTicketStore.translate) as? TicketError)?.kind == .conflict)
            // Another unique constraint is not reported as a used email: it is a bug for the log.
            let sameRole = #expect(throws: DatabaseError.self) { try db.execute(sql: "INSERT INTO roles (name) VALUES ('admin')") }
            #expect(sameRole?.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE)
            #expect(sameRole.map(SQLiteTicketStore.translate) is DatabaseError)
        }
    }

    /// A row changed outside the store is reported as ``UnreadableRow``, as on PostgreSQL.
    @Test func anUnreadableRowIsReportedAsSuch() async throws {
        let queue = try DatabaseQueue()
        let store = try SQLiteTicketStore(queue)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO users (name, email, password_hash, role_id, created_at) VALUES ('A', 'a@x.io', 'h', 1, 0)")
            try db.execute(
                sql: "INSERT INTO tickets (title, description, priority, status, created_by_id, created_at) VALUES ('t', 'd', 2, 'open', 1, 0)"
            )
            try db.execute(sql: "INSERT INTO ticket_events (ticket_id, actor_id, at, event) VALUES (1, 1, 0, 'teleported')")
        }
        let error = await #expect(throws: UnreadableRow.self) { _ = try await store.history(of: Ticket.ID(1), page: PageRequest(limit: 10)) }
        #expect(error == UnreadableRow(table: "ticket_events", id: 1))
    }

    /// The keywords a similar ticket holds are counted with the index's own stemmer (porter), so
    /// a ticket the index finds is never dropped for a score of 0.
    @Test func similarCountsHitsWithTheIndexStemmer() async throws {
        let queue = try DatabaseQueue()
        let store = try SQLiteTicketStore(queue)
        try await queue.write { db in
            try db.execute(sql: "INSERT INTO users (name, email, password_hash, role_id, created_at) VALUES ('A', 'a@x.io', 'h', 1, 0)")
            try db.execute(
                sql: """
                    INSERT INTO tickets (title, description, priority, status, created_by_id, created_at)
                    VALUES ('Password policy', 'Connecting fails after the change.', 2, 'open', 1, 0)
                    """
            )
        }
        let similar = try await store.similarTickets(to: ["policies", "connection"], limit: 5, excluding: nil, visibleTo: nil)
        #expect(similar.map(\.score) == [4.0 / 8.0])
    }

    @Test func queuePositionsOfAnIdAskedTwiceComeOnce() async throws {
        let store = try SQLiteTicketStore(DatabaseQueue())
        let ann = try await Self.ann(in: store)
        let first = try await Self.ticket("Printer jams", by: ann, in: store)
        let second = try await Self.ticket("VPN down", by: ann, in: store)
        #expect(try await store.queuePositions(of: [second.id, first.id, second.id]) == [first.id: 1, second.id: 2])
    }

    /// Hits are counted from tokens instead of FTS5 queries: both must say the same for stems,
    /// diacritics, digits, case, words inside others and punctuation.
    @Test func keywordHitsAgreeWithTheIndex() throws {
        let texts = [
            "Password policies", "Café Wi-Fi down", "cafe", "Printers JAMMED on floor 2", "printerjam", "printer2",
            "Ünïcödé naïve résumé", "the   printer,jams;again", "", "\u{1100}\u{1161}\u{1102}\u{1161} server", "\u{AC00}\u{B098} server",
        ]
        // The last two texts and keywords are one Korean word, decomposed and precomposed: FTS5
        // compares bytes, so each matches only itself.
        let keywords = [
            "policy", "cafe", "café", "wi", "fi", "printer", "jam", "2", "floor", "resume", "naive", "unicode", "again", "xyz",
            "\u{AC00}\u{B098}",
        ]
        try DatabaseQueue().write { db in
            try db.execute(sql: "CREATE VIRTUAL TABLE probe USING fts5(body, tokenize = 'porter unicode61')")
            for (index, text) in texts.enumerated() {
                try db.execute(sql: "INSERT INTO probe (rowid, body) VALUES (?, ?)", arguments: [index + 1, text])
            }
            for (index, text) in texts.enumerated() {
                let byIndex = try keywords.count { keyword in
                    try Bool.fetchOne(
                        db, sql: "SELECT count(*) > 0 FROM probe WHERE probe MATCH ? AND rowid = ?", arguments: ["\"\(keyword)\"", index + 1])
                        ?? false
                }
                #expect(try KeywordHits(keywords, db).count(in: text) == byIndex, "\(text)")
            }
            #expect(try KeywordHits(keywords, db).count(in: "Café Wi-Fi down") == 4)
            #expect(try KeywordHits(["\u{AC00}\u{B098}"], db).count(in: "\u{AC00}\u{B098} server") == 1)
            #expect(try KeywordHits(["\u{AC00}\u{B098}"], db).count(in: "\u{1100}\u{1161}\u{1102}\u{1161} server") == 0)
        }
    }

    @Test func searchIsStemmed() async throws {
        let store = try SQLiteTicketStore(DatabaseQueue())
        let ann = try await Self.ann(in: store)
        let ticket = try await Self.ticket("Printer jams", "The printer jams on page two", priority: .high, by: ann, in: store)
        let found = try await store.tickets(matching: TicketQuery(text: "printers jammed"))
        #expect(found.items.map(\.id) == [ticket.id])
        // FTS syntax in user text is treated as words, never as a query language.
        let odd = try await store.tickets(matching: TicketQuery(text: "printer\"* ^("))
        #expect(odd.items.map(\.id) == [ticket.id])
    }
}
