import Foundation
import GRDB
import Synchronization
import Testing
import TicketCore
import TicketTestSupport

@testable import TicketStoreSQLite

/// The token's user is kept between requests (``SQLiteUserCache``): every committed change to
/// users or roles must show on the next read, however it was written.
@Suite("SQLite user cache")
struct SQLiteUserCacheTests {
    @Test func changesThroughTheStoreShowAtOnce() async throws {
        let store = try SQLiteTicketStore(DatabaseQueue())
        let ann = try await SQLiteFileTests.ann(in: store)
        #expect(try await store.user(id: ann.id) == ann)

        _ = try await store.updateUser(ann.id, changes: UserChanges(passwordHash: "h2", endsSessions: true))
        #expect(try await store.user(id: ann.id)?.sessionGeneration == ann.sessionGeneration + 1)
        _ = try await store.updateUser(ann.id, changes: UserChanges(isActive: false))
        #expect(try await store.user(id: ann.id)?.isActive == false)
        _ = try await store.updateUser(ann.id, changes: UserChanges(roleName: "tech"))
        #expect(try await store.user(id: ann.id)?.role.name == "tech")
        #expect(try await store.user(id: User.ID(999)) == nil)
    }

    /// A session kept as lasting stops counting as soon as it ends, through the store or by SQL.
    @Test func endedSessionsShowAtOnce() async throws {
        let queue = try DatabaseQueue()
        let store = try SQLiteTicketStore(queue)
        let ann = try await SQLiteFileTests.ann(in: store)
        let now = Date()
        let laptop = try await store.startSession(NewSession(of: ann, createdAt: now, expiresAt: now + 60, userAgent: nil))
        let phone = try await store.startSession(NewSession(of: ann, createdAt: now, expiresAt: now + 60, userAgent: nil))
        for _ in 0..<2 {
            #expect(try await store.user(id: ann.id, inSession: laptop.id) == ann)
            #expect(try await store.user(id: ann.id, inSession: phone.id) == ann)
        }
        #expect(try await store.endSession(laptop.id, of: ann.id))
        #expect(try await store.user(id: ann.id, inSession: laptop.id) == nil)
        #expect(try await store.user(id: ann.id, inSession: phone.id) == ann)
        try await queue.write { db in try db.execute(sql: "DELETE FROM sessions WHERE id = ?", arguments: [phone.id.rawValue]) }
        #expect(try await store.user(id: ann.id, inSession: phone.id) == nil)
    }

    @Test func changesBySQLOnTheConnectionShowAtOnce() async throws {
        let queue = try DatabaseQueue()
        let store = try SQLiteTicketStore(queue)
        let ann = try await SQLiteFileTests.ann(in: store)
        #expect(try await store.user(id: ann.id)?.isActive == true)

        try await queue.write { db in try db.execute(sql: "UPDATE users SET active = 0 WHERE id = ?", arguments: [ann.id.rawValue]) }
        #expect(try await store.user(id: ann.id)?.isActive == false)
        try await queue.write { db in try db.execute(sql: "UPDATE roles SET can_view_all = 1 WHERE name = 'user'") }
        #expect(try await store.user(id: ann.id)?.role.permissions.canViewAll == true)

        // A change rolled back leaves what is kept as it was, and right.
        try? await queue.write { db in
            try db.execute(sql: "UPDATE users SET name = 'Not Ann' WHERE id = ?", arguments: [ann.id.rawValue])
            throw CancellationError()
        }
        #expect(try await store.user(id: ann.id)?.name == "Ann")
        try await queue.write { db in try db.execute(sql: "DELETE FROM users WHERE id = ?", arguments: [ann.id.rawValue]) }
        #expect(try await store.user(id: ann.id) == nil)
    }

    @Test func severalUsersMixKeptAndReadOnes() async throws {
        let queue = try DatabaseQueue()
        let store = try SQLiteTicketStore(queue)
        let ann = try await SQLiteFileTests.ann(in: store)
        let bob = try await store.createUser(NewUser(name: "Bob", email: "bob@example.com", passwordHash: "h", roleName: "tech", createdAt: Date()))
        #expect(try await store.user(id: ann.id) == ann)
        #expect(try await store.users(ids: [ann.id, bob.id, User.ID(999)]) == [ann.id: ann, bob.id: bob])
        try await queue.write { db in try db.execute(sql: "UPDATE users SET name = 'Robert' WHERE id = ?", arguments: [bob.id.rawValue]) }
        let after = try await store.users(ids: [ann.id, bob.id])
        #expect(after[bob.id]?.name == "Robert")
        #expect(after[ann.id] == ann)
    }

    /// A read that a commit overtook (it read the row before the commit and finishes after it)
    /// is handed to its caller but not kept.
    @Test func aReadOvertakenByACommitIsNotKept() async throws {
        let queue = try DatabaseQueue()
        let store = try SQLiteTicketStore(queue)
        let ann = try await SQLiteFileTests.ann(in: store)
        let overtaken = try await store.userCache.user(id: ann.id) {
            try await queue.write { db in try db.execute(sql: "UPDATE users SET active = 0 WHERE id = ?", arguments: [ann.id.rawValue]) }
            return ann
        }
        #expect(overtaken?.isActive == true)
        #expect(try await store.user(id: ann.id)?.isActive == false)
    }

    /// A change the observer cannot see (another process writing the file) counts once a kept
    /// user has outlived the cache's lifetime.
    @Test func keptUsersAreReadAgainAfterTheirLifetime() async throws {
        let cache = SQLiteUserCache(lifetime: .seconds(1))
        let ann = User(
            id: User.ID(1), name: "Ann", email: "ann@example.com", role: Role(name: "user", permissions: .init()), isActive: true, createdAt: Date())
        let reads = Mutex(0)
        let read = { @Sendable () async throws -> User? in
            reads.withLock { $0 += 1 }
            return ann
        }
        #expect(try await cache.user(id: ann.id, read: read) == ann)
        #expect(try await cache.user(id: ann.id, read: read) == ann)
        #expect(reads.withLock { $0 } == 1)
        try await Task.sleep(for: .milliseconds(1100))
        #expect(try await cache.user(id: ann.id, read: read) == ann)
        #expect(reads.withLock { $0 } == 2)
    }

    /// Reads racing renames on a file database (a pool with concurrent readers): after each
    /// write returns, and after the last, reads see it.
    @Test func readsRacingWritesEndOnTheLastWrite() async throws {
        try await TestSQLite.withDirectory { directory in
            let store = try SQLiteTicketStore(path: directory.appendingPathComponent("tickets.sqlite").path)
            let ann = try await store.createUser(
                NewUser(name: "Ann 0", email: "ann@example.com", passwordHash: "h", roleName: "user", createdAt: Date()))
            let renames = 200
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    for number in 1...renames {
                        _ = try await store.updateUser(ann.id, changes: UserChanges(name: "Ann \(number)"))
                        // Once a write has returned, no reader's older read may be served.
                        #expect(try await store.user(id: ann.id)?.name == "Ann \(number)")
                    }
                }
                for _ in 0..<8 {
                    group.addTask {
                        for _ in 0..<400 {
                            let name = try #require(try await store.user(id: ann.id)?.name)
                            #expect(name.hasPrefix("Ann "))
                            await Task.yield()
                        }
                    }
                }
                try await group.waitForAll()
            }
            for _ in 0..<3 {
                #expect(try await store.user(id: ann.id)?.name == "Ann \(renames)")
            }
            try store.close()
        }
    }
}
