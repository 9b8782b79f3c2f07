import Foundation
import Logging
import PostgresNIO
import Testing
import TicketCore
import TicketTestSupport

@testable import TicketStorePostgres

/// Each migration on a database of the schema before it, with data in it: the upgrade keeps
/// what the triggers keep exact.
@Suite("PostgreSQL upgrades")
struct PostgresUpgradeTests {
    /// A database that ran the migrations up to v11 with tickets in it, upgraded to v12 (which
    /// replaces the document and lexeme-count triggers), keeps every cache exact, before and
    /// after more work.
    @Test func cachesStayExactAcrossTheUpgradeToV12() async throws {
        try await PostgresCacheTests.withStore { store, client, logger in
            let v11 = try #require(PostgresTicketStore.migrationNames.firstIndex(of: "v11-comments-append-to-documents"))
            try await store.migrate(through: v11 + 1)
            try await CacheWorkout.run(on: store, seed: 11, steps: 120)
            try await store.migrate()
            try await PostgresCacheTests.expectCachesExact(client, logger, "after the upgrade")
            try await CacheWorkout.run(on: store, seed: 12, steps: 120, people: "later-")
            try await PostgresCacheTests.expectCachesExact(client, logger, "after more work")
        }
    }

    /// A v12 database with people and tickets gains sessions (v13): its people sign in and end
    /// one session, and the caches stay exact.
    @Test func sessionsArriveOnADatabaseWithPeople() async throws {
        try await PostgresCacheTests.withStore { store, client, logger in
            let v12 = try #require(PostgresTicketStore.migrationNames.firstIndex(of: "v12-triggers-fire-on-real-changes"))
            try await store.migrate(through: v12 + 1)
            try await CacheWorkout.run(on: store, seed: 13, steps: 80)
            try await store.migrate()
            let staff = try #require(try await store.credentials(email: "staff0@example.com")).user
            try await SessionUpgradeCheck.expectOneSessionEndsAlone(in: store, of: staff)
            try await PostgresCacheTests.expectCachesExact(client, logger, "after the upgrade to v13")
        }
    }
}
