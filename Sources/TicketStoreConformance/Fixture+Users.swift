import TicketCore
import Testing

extension Fixture {
    func createdUserIsFetchable() async throws {
        let ann = try await self.user("Ann", role: .tech)
        #expect(ann.id.rawValue > 0)
        #expect(ann.role == .tech)
        #expect(ann.isActive)
        #expect(try await self.store.user(id: ann.id) == ann)
        let credentials = try #require(try await self.store.credentials(email: "ann@example.com"))
        #expect(credentials.user == ann)
        #expect(credentials.passwordHash == "hash-of-Ann")
        #expect(try await self.store.role(named: "admin") == .admin)
        #expect(try await self.store.role(named: "nobody") == nil)
        #expect(try await self.store.user(id: User.ID(999_999)) == nil)
        let bob = try await self.user("Bob")
        #expect(try await self.store.users(ids: [ann.id, bob.id, User.ID(999_999)]) == [ann.id: ann, bob.id: bob])
    }

    func duplicateEmailIsConflictIgnoringCase() async throws {
        _ = try await self.user("Ann")
        await self.expectError(.conflict) {
            _ = try await self.store.createUser(
                NewUser(name: "Other", email: "ANN@example.com", passwordHash: "x", roleName: "user", createdAt: await self.tick())
            )
        }
        let bob = try await self.user("Bob")
        var renamed = bob
        renamed.email = "ann@example.com"
        await self.expectError(.conflict) { _ = try await self.store.updateUser(renamed, newPasswordHash: nil) }
        #expect(try await self.store.user(id: bob.id)?.email == "bob@example.com")
        #expect(try await self.store.users(page: PageRequest()).totalCount == 2)
    }

    func userUpdateKeepsOrReplacesPasswordHash() async throws {
        var ann = try await self.user("Ann")
        ann.name = "Ann Lee"
        ann.role = .admin
        ann.isActive = false
        let stored = try await self.store.updateUser(ann, newPasswordHash: nil)
        #expect(stored == ann)
        #expect(try await self.store.credentials(email: "ann@example.com")?.passwordHash == "hash-of-Ann")
        _ = try await self.store.updateUser(ann, newPasswordHash: "new-hash")
        #expect(try await self.store.credentials(email: "ann@example.com")?.passwordHash == "new-hash")
        #expect(try await self.store.user(id: ann.id)?.isActive == false)
    }

    func settingIsInsertedOnce() async throws {
        #expect(try await self.store.setting("jwt_secret", insertingIfAbsent: "first") == "first")
        #expect(try await self.store.setting("jwt_secret", insertingIfAbsent: "second") == "first")
        #expect(try await self.store.setting("other", insertingIfAbsent: "x") == "x")
        try await self.store.ping()
    }
}
