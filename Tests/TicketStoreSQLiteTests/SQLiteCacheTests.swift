import Foundation
import GRDB
import Testing
import TicketCore
import TicketTestSupport

@testable import TicketStoreSQLite

/// The tables SQLite's triggers keep are caches of the tickets and comments (see
/// ``SQLiteTicketStore`` and `docs/schema/sqlite.sql`): after a random workout, each equals
/// what a recomputation from scratch gives.
@Suite("SQLite caches")
struct SQLiteCacheTests {
    /// Each cache, as stored and as recomputed, one line per row.
    static let caches: [(name: String, cached: String, recomputed: String)] = [
        (
            "ticket_counts",
            "SELECT created_by_id || '|' || assigned_to_id || '|' || status || '|' || priority || '|' || n FROM ticket_counts WHERE n <> 0",
            """
            SELECT created_by_id || '|' || coalesce(assigned_to_id, 0) || '|' || status || '|' || priority || '|' || count(*)
            FROM tickets GROUP BY created_by_id, coalesce(assigned_to_id, 0), status, priority
            """
        ),
        (
            "ticket_category_counts",
            """
            SELECT category || '|' || created_by_id || '|' || assigned_to_id || '|' || status || '|' || priority || '|' || n
            FROM ticket_category_counts WHERE n <> 0
            """,
            """
            SELECT coalesce(category, '') || '|' || created_by_id || '|' || coalesce(assigned_to_id, 0) || '|' || status || '|' || priority
                || '|' || count(*)
            FROM tickets GROUP BY coalesce(category, ''), created_by_id, coalesce(assigned_to_id, 0), status, priority
            """
        ),
        (
            "queue_days",
            "SELECT priority || '|' || day || '|' || n FROM queue_days WHERE n <> 0",
            """
            SELECT priority || '|' || (created_at / 86400000) || '|' || count(*) FROM tickets
            WHERE status NOT IN ('resolved', 'closed') GROUP BY priority, created_at / 86400000
            """
        ),
        (
            "queue_blocks",
            "SELECT priority || '|' || block || '|' || n FROM queue_blocks WHERE n <> 0",
            """
            SELECT priority || '|' || (created_at / 86400000 / 32) || '|' || count(*) FROM tickets
            WHERE status NOT IN ('resolved', 'closed') GROUP BY priority, created_at / 86400000 / 32
            """
        ),
        (
            "ticket_days",
            "SELECT day || '|' || created || '|' || resolved FROM ticket_days WHERE created <> 0 OR resolved <> 0",
            """
            SELECT day || '|' || sum(created) || '|' || sum(resolved) FROM (
                SELECT created_at / 86400000 AS day, 1 AS created, 0 AS resolved FROM tickets
                UNION ALL SELECT resolved_at / 86400000, 0, 1 FROM tickets WHERE resolved_at IS NOT NULL
            ) GROUP BY day
            """
        ),
        (
            "ticket_search",
            "SELECT rowid || '|' || title || '|' || description || '|' || viewers FROM ticket_search",
            """
            SELECT id || '|' || title || '|' || description || '|viewer' || created_by_id || ' viewer' || coalesce(assigned_to_id, 0)
            FROM tickets
            """
        ),
        (
            "similar_ticket_search",
            "SELECT rowid || '|' || title || '|' || description FROM similar_ticket_search",
            "SELECT id || '|' || title || '|' || description FROM tickets WHERE status <> 'closed'"
        ),
    ]

    @Test(arguments: [1, 2, 3] as [UInt64])
    func cachesEqualARecomputationAfterAWorkout(seed: UInt64) async throws {
        let queue = try DatabaseQueue()
        let store = try SQLiteTicketStore(queue)
        try await CacheWorkout.run(on: store, seed: seed)
        try await queue.read { db in
            #expect(try Int.fetchOne(db, sql: "SELECT count(*) FROM tickets") ?? 0 > 10, "the workout made too few tickets to test anything")
            try Self.expectCachesExact(db, "(seed \(seed))")
        }
    }

    /// Every cache equals its recomputation; `when` says at which point, for the message.
    static func expectCachesExact(_ db: Database, _ when: String) throws {
        for cache in Self.caches {
            let cached = try String.fetchAll(db, sql: cache.cached).sorted()
            let recomputed = try String.fetchAll(db, sql: cache.recomputed).sorted()
            #expect(cached == recomputed, "\(cache.name) differs from a recomputation \(when)")
        }
        // The searched comment text: the thread in id order, cut as SearchText says.
        for ticket in try Int64.fetchAll(db, sql: "SELECT id FROM tickets") {
            let thread = try String.fetchAll(db, sql: "SELECT content FROM comments WHERE ticket_id = ? ORDER BY id", arguments: [ticket])
            let cached = try String.fetchOne(db, sql: "SELECT comments FROM ticket_search WHERE rowid = ?", arguments: [ticket])
            #expect(cached == SearchText.searchedComments(thread), "ticket_search.comments of ticket \(ticket) \(when)")
        }
    }
}
