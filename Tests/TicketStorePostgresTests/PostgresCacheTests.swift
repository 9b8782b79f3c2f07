import Foundation
import Logging
import PostgresNIO
import Testing
import TicketCore
import TicketTestSupport

@testable import TicketStorePostgres

/// The tables and columns PostgreSQL's triggers keep are caches of the tickets and comments (see
/// `docs/schema/postgres.sql`): after a random workout, each equals what a recomputation from
/// scratch gives.
@Suite("PostgreSQL caches")
struct PostgresCacheTests {
    /// Each cache, as stored and as recomputed, one text line per row.
    static let caches: [(name: String, cached: String, recomputed: String)] = [
        (
            "ticket_counts",
            "SELECT concat_ws('|', created_by_id, assigned_to_id, status, priority, n) FROM ticket_counts WHERE n <> 0",
            """
            SELECT concat_ws('|', created_by_id, coalesce(assigned_to_id, 0), status, priority, count(*))
            FROM tickets GROUP BY created_by_id, coalesce(assigned_to_id, 0), status, priority
            """
        ),
        (
            "ticket_category_counts",
            "SELECT concat_ws('|', category, created_by_id, assigned_to_id, status, priority, n) FROM ticket_category_counts WHERE n <> 0",
            """
            SELECT concat_ws('|', coalesce(category, ''), created_by_id, coalesce(assigned_to_id, 0), status, priority, count(*))
            FROM tickets GROUP BY coalesce(category, ''), created_by_id, coalesce(assigned_to_id, 0), status, priority
            """
        ),
        (
            "queue_days",
            "SELECT concat_ws('|', priority, day, n) FROM queue_days WHERE n <> 0",
            """
            SELECT concat_ws('|', priority, utc_day(created_at), count(*)) FROM tickets
            WHERE status NOT IN ('resolved', 'closed') GROUP BY priority, utc_day(created_at)
            """
        ),
        (
            "queue_blocks",
            "SELECT concat_ws('|', priority, block, n) FROM queue_blocks WHERE n <> 0",
            """
            SELECT concat_ws('|', priority, utc_day(created_at) / 32, count(*)) FROM tickets
            WHERE status NOT IN ('resolved', 'closed') GROUP BY priority, utc_day(created_at) / 32
            """
        ),
        (
            "ticket_days",
            "SELECT concat_ws('|', day, created, resolved) FROM ticket_days WHERE created <> 0 OR resolved <> 0",
            """
            SELECT concat_ws('|', day, sum(created), sum(resolved)) FROM (
                SELECT utc_day(created_at) AS day, 1 AS created, 0 AS resolved FROM tickets
                UNION ALL SELECT utc_day(resolved_at), 0, 1 FROM tickets WHERE resolved_at IS NOT NULL
            ) AS days GROUP BY day
            """
        ),
        // Lexemes with their weights: a comment's text is appended to the document, so word
        // positions after a thread that ends in a stop word may differ from a rebuild's (searches
        // match lexemes only; nothing reads positions).
        (
            "tickets.document",
            "SELECT concat_ws('|', id, \(Self.lexemesAndWeights("document"))) FROM tickets",
            "SELECT concat_ws('|', id, \(Self.lexemesAndWeights("ticket_document(id, title, description)"))) FROM tickets"
        ),
        // NULL means "not known yet": the next comment sums it from the thread.
        (
            "tickets.searched_comment_chars",
            "SELECT concat_ws('|', id, searched_comment_chars) FROM tickets WHERE searched_comment_chars IS NOT NULL",
            """
            SELECT concat_ws('|', id, ticket_searched_length(id, 9223372036854775807)) FROM tickets
            WHERE searched_comment_chars IS NOT NULL
            """
        ),
        (
            "ticket_lexeme_counts",
            "SELECT concat_ws('|', viewer_id, lexeme, n) FROM ticket_lexeme_counts WHERE n <> 0",
            """
            SELECT concat_ws('|', pair.viewer_id, pair.lexeme, count(*))
            FROM tickets t CROSS JOIN LATERAL ticket_viewer_lexemes(t.created_by_id, t.assigned_to_id, t.document) AS pair
            GROUP BY pair.viewer_id, pair.lexeme
            """
        ),
    ]

    @Test(arguments: [1, 2, 3] as [UInt64])
    func cachesEqualARecomputationAfterAWorkout(seed: UInt64) async throws {
        try await Self.withStore { store, client, logger in
            try await store.migrate()
            try await CacheWorkout.run(on: store, seed: seed)
            let tickets = try await Self.lines("SELECT count(*)::text FROM tickets", client, logger)
            #expect(Int(tickets.first ?? "0") ?? 0 > 10, "the workout made too few tickets to test anything")
            try await Self.expectCachesExact(client, logger, "(seed \(seed))")
        }
    }

    /// Runs `body` with a store over a database of its own (not migrated yet), its client and
    /// a quiet logger.
    static func withStore(_ body: @escaping @Sendable (PostgresTicketStore, PostgresClient, Logger) async throws -> Void) async throws {
        try await TestPostgres.withDatabase { url in
            let configuration = try PostgresTicketStore.configuration(url: url)
            try await TestPostgres.withClient(configuration) { client in
                var logger = Logger(label: "ticket-tests.caches")
                logger.logLevel = .warning
                try await body(PostgresTicketStore(client: client, logger: logger), client, logger)
            }
        }
    }

    /// A priority or status change leaves the document and the lexeme counts alone: neither
    /// trigger function runs (PostgreSQL counts the calls of the transaction); a title change
    /// runs both.
    @Test func ticketTriggersFireOnlyOnTheColumnsTheyRead() async throws {
        try await Self.withStore { store, client, logger in
            try await store.migrate()
            try await CacheWorkout.run(on: store, seed: 5, steps: 40)
            func calls(_ assignments: String) async throws -> [String] {
                try await client.withTransaction(logger: logger) { connection in
                    try await connection.query("SET LOCAL track_functions = 'all'", logger: logger)
                    let id = "(SELECT min(id) FROM tickets)"
                    try await connection.query(
                        PostgresQuery(unsafeSQL: "UPDATE tickets SET \(assignments), version = version + 1 WHERE id = \(id)"), logger: logger
                    )
                    var names: [String] = []
                    let rows = try await connection.query(
                        "SELECT funcname::text FROM pg_stat_xact_user_functions WHERE calls > 0 ORDER BY 1", logger: logger)
                    for try await name in rows.decode(String.self) { names.append(name) }
                    throw Rollback(names: names)
                }
            }
            func firing(_ assignments: String) async throws -> [String] {
                do {
                    _ = try await calls(assignments)
                    Issue.record("the test transaction was not rolled back")
                    return []
                } catch let error as PostgresTransactionError {
                    guard let rollback = error.closureError as? Rollback else { throw error.closureError ?? error }
                    return rollback.names
                }
            }
            // The statements the store sends: every field, changed or not.
            let unchanged = "title = title, description = description, status = status, assigned_to_id = assigned_to_id"
            let priority = try await firing(unchanged + ", priority = CASE WHEN priority = 4 THEN 1 ELSE priority + 1 END")
            #expect(!priority.contains("tickets_set_document") && !priority.contains("ticket_lexeme_counts_replace"), "\(priority)")
            #expect(priority.contains("ticket_counts_apply"), "the call counts saw no trigger at all: \(priority)")
            #expect(priority.contains("ticket_category_counts_apply"), "\(priority)")
            let title = try await firing(
                "title = title || ' (edited)', description = description, status = status, assigned_to_id = assigned_to_id, priority = priority")
            #expect(title.contains("tickets_set_document") && title.contains("ticket_lexeme_counts_replace"), "\(title)")
        }
    }

    /// Ends a test transaction, carrying what it read.
    private struct Rollback: Error {
        var names: [String]
    }

    /// Every cache equals its recomputation; `when` says at which point, for the message.
    static func expectCachesExact(_ client: PostgresClient, _ logger: Logger, _ when: String) async throws {
        for cache in Self.caches {
            let cached = try await Self.lines(cache.cached, client, logger)
            let recomputed = try await Self.lines(cache.recomputed, client, logger)
            #expect(cached == recomputed, "\(cache.name) differs from a recomputation \(when)")
        }
    }

    /// SQL for the lexemes of a `tsvector`, each with the weights it occurs with, in lexeme order.
    static func lexemesAndWeights(_ document: String) -> String {
        """
        (SELECT string_agg(lexeme || ':' || array_to_string(ARRAY(SELECT DISTINCT w FROM unnest(weights) AS w ORDER BY 1), ''), ' ' ORDER BY lexeme)
         FROM unnest(\(document)))
        """
    }

    /// The rows of a one-text-column query, sorted.
    static func lines(_ sql: String, _ client: PostgresClient, _ logger: Logger) async throws -> [String] {
        var lines: [String] = []
        for try await line in try await client.query(PostgresQuery(unsafeSQL: sql), logger: logger).decode(String.self) {
            lines.append(line)
        }
        return lines.sorted()
    }
}
