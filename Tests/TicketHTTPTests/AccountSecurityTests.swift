import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

/// Accounts under attack and under concurrency, over HTTP on both stores.
@Suite("HTTP: account security")
struct AccountSecurityTests {
    /// Forty wrong passwords for one email at once: the attempt is counted before the password
    /// is checked, so exactly five are checked (401) and the rest get 429 with Retry-After.
    @Test(arguments: StoreKind.allCases)
    func parallelGuessesCannotOutrunTheThrottle(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponse.Status, String?).self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        let response = try await api.send(.post, "/auth/login", json: ["email": "bob@example.com", "password": "wrong-password"])
                        return (response.status, response.headers[.retryAfter])
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0.0 == .unauthorized }.count == 5)
            #expect(statuses.filter { $0.0 == .tooManyRequests }.count == 35)
            #expect(statuses.filter { $0.0 == .tooManyRequests }.allSatisfy { ($0.1.flatMap { Int($0) } ?? 0) > 0 })
            #expect(try await api.send(.post, "/auth/login", json: ["email": "bob@example.com", "password": "password1"]).status == .tooManyRequests)
            // Another account is not affected.
            _ = try await api.login("ann@example.com")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func passwordChangesAndLogoutAllEndEarlierTokens(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let annAgain = try await api.login("ann@example.com")
            let me = try await api.send(.get, "/auth/me", token: ann)
            let id = try #require(me.object["id"] as? Int)
            let missing = try await api.send(.patch, "/users/\(id)", token: ann, json: ["password": "new-password1"])
            #expect(missing.fieldErrors("current_password") != nil)
            let wrong = try await api.send(.patch, "/users/\(id)", token: ann, json: ["password": "new-password1", "current_password": "nope-nope"])
            #expect(wrong.status == .forbidden)
            #expect(try await api.send(.get, "/auth/me", token: ann).status == .ok)
            let changed = try await api.send(
                .patch, "/users/\(id)", token: ann, json: ["password": "new-password1", "current_password": "password1"]
            )
            #expect(changed.status == .ok)
            #expect(try await api.send(.get, "/auth/me", token: ann).status == .unauthorized)
            #expect(try await api.send(.get, "/auth/me", token: annAgain).status == .unauthorized)
            let fresh = try await api.login("ann@example.com", "new-password1")
            let second = try await api.login("ann@example.com", "new-password1")
            #expect(try await api.send(.post, "/auth/logout-all", token: fresh).status == .noContent)
            #expect(try await api.send(.get, "/auth/me", token: fresh).status == .unauthorized)
            #expect(try await api.send(.get, "/tickets", token: second).status == .unauthorized)
            // An administrator setting someone's password ends their tokens too, without current_password.
            let bob = try await api.login("bob@example.com")
            let bobID = try #require(try await api.send(.get, "/auth/me", token: bob).object["id"] as? Int)
            let admin = try await api.login("admin@example.com", "admin-password")
            #expect(try await api.send(.patch, "/users/\(bobID)", token: admin, json: ["password": "reset-by-admin"]).status == .ok)
            #expect(try await api.send(.get, "/auth/me", token: bob).status == .unauthorized)
            _ = try await api.login("bob@example.com", "reset-by-admin")
        }
    }

    /// `POST /auth/logout` ends the token that sent it and no other: the same person's other
    /// sign-ins, and everybody else's, keep working.
    @Test(arguments: StoreKind.allCases)
    func logoutEndsOnlyItsOwnToken(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let laptop = try await api.login("ann@example.com")
            let phone = try await api.login("ann@example.com")
            let bob = try await api.login("bob@example.com")
            #expect(try await api.send(.get, "/auth/me", token: laptop).status == .ok)
            #expect(try await api.send(.post, "/auth/logout", token: laptop).status == .noContent)
            #expect(try await api.send(.get, "/auth/me", token: laptop).status == .unauthorized)
            #expect(try await api.send(.get, "/tickets", token: laptop).status == .unauthorized)
            #expect(try await api.send(.post, "/auth/logout", token: laptop).status == .unauthorized)
            #expect(try await api.send(.get, "/auth/me", token: phone).status == .ok)
            #expect(try await api.send(.get, "/auth/me", token: bob).status == .ok)
            #expect(try await api.send(.post, "/auth/logout").status == .unauthorized)
            #expect(try await api.send(.post, "/auth/logout", token: phone).status == .noContent)
            #expect(try await api.send(.get, "/auth/me", token: phone).status == .unauthorized)
            // Signing in again works.
            let again = try await api.login("ann@example.com")
            #expect(try await api.send(.get, "/auth/me", token: again).status == .ok)
        }
    }

    /// A user's own updates in flight while an administrator deactivates or demotes them: the
    /// administrator's decision stands every time.
    @Test(arguments: StoreKind.allCases)
    func adminDecisionsStandAgainstSelfUpdates(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let admin = try await api.login("admin@example.com", "admin-password")
            for round in 0..<3 {
                let email = "racer\(round)@example.com"
                let created = try await api.send(
                    .post, "/auth/register/admin", token: admin, json: ["name": "Racer", "email": email, "password": "password1", "role": "tech"]
                )
                let id = try #require(created.object["id"] as? Int)
                let token = try await api.login(email)
                try await withThrowingTaskGroup(of: Void.self) { group in
                    for index in 0..<10 {
                        group.addTask {
                            _ = try await api.send(.patch, "/users/\(id)", token: token, json: ["name": "Racer \(index)"])
                        }
                    }
                    group.addTask {
                        let demoted = try await api.send(.patch, "/users/\(id)", token: admin, json: ["role": "user"])
                        #expect(demoted.status == .ok)
                    }
                    group.addTask {
                        let deactivated = try await api.send(.delete, "/users/\(id)", token: admin)
                        #expect(deactivated.status == .ok)
                    }
                    try await group.waitForAll()
                }
                let final = try await api.send(.get, "/users/\(id)", token: admin)
                #expect(final.object["active"] as? Bool == false, "round \(round)")
                #expect((final.object["user_role"] as? [String: Any])?["role_name"] as? String == "user", "round \(round)")
                #expect(try await api.send(.get, "/auth/me", token: token).status == .unauthorized)
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func everyResponseCarriesSecurityHeaders(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            for response in [
                try await api.send(.get, "/tickets", token: ann), try await api.send(.get, "/nowhere"),
                try await api.send(.get, "/tickets"), try await api.send(.get, "/health"),
            ] {
                #expect(response.headers[HTTPField.Name("X-Content-Type-Options")!] == "nosniff")
                #expect(response.headers[.cacheControl] == "no-store")
                #expect(response.headers[HTTPField.Name("Referrer-Policy")!] == "no-referrer")
            }
        }
    }
}
