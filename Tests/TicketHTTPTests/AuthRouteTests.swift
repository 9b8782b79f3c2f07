import Foundation
import HTTPTypes
import Testing
import TicketCore
import TicketHTTP
import TicketTestSupport

@Suite("HTTP: /auth")
struct AuthRouteTests {
    @Test(arguments: StoreKind.allCases)
    func registerLoginAndMe(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let created = try await api.send(
                .post, "/auth/register", json: ["name": "Carl", "email": " Carl@Example.com ", "password": "password1", "role": "admin"]
            )
            #expect(created.status == .created)
            #expect(created.object["email"] as? String == "carl@example.com")
            #expect((created.object["user_role"] as? [String: Any])?["role_name"] as? String == "user")
            #expect(created.headers[.location] == "/users/\(created.object["id"] as? Int ?? 0)")

            let login = try await api.send(.post, "/auth/login", json: ["email": "carl@example.com", "password": "password1"])
            #expect(login.status == .ok)
            #expect(login.object["message"] as? String == "welcome Carl here is your token")
            let token = try #require(login.object["token"] as? String)
            let expiresAt = try #require(login.object["expires_at"] as? String)
            #expect(expiresAt.hasSuffix("Z"))
            let expiry = try Date(expiresAt, strategy: .iso8601)
            #expect(abs(expiry.timeIntervalSinceNow - 24 * 3600) < 120)

            let me = try await api.send(.get, "/auth/me", token: token)
            #expect(me.status == .ok)
            #expect(me.object["name"] as? String == "Carl")
        }
    }

    /// `GET /auth/me` carries the six flags of the caller's role (docs/api.md's roles table), so
    /// that clients decide by permission; other user objects do not.
    @Test(arguments: StoreKind.allCases)
    func meCarriesThePermissionsOfTheCallersRole(_ kind: StoreKind) async throws {
        let names = ["can_view_all", "can_delete_all", "can_edit_all", "can_manage_users", "can_manage_tickets", "can_assign_tickets"]
        let roles: [(email: String, password: String, flags: [Bool])] = [
            ("admin@example.com", "admin-password", [true, true, true, true, true, true]),
            ("tech@example.com", "password1", [true, false, true, false, true, true]),
            ("ann@example.com", "password1", [false, false, false, false, false, false]),
        ]
        try await withAPI(kind) { api in
            for role in roles {
                let token = try await api.login(role.email, role.password)
                let me = try await api.send(.get, "/auth/me", token: token)
                let permissions = try #require(me.object["permissions"] as? [String: Any], "\(role.email)")
                #expect(permissions.count == names.count, "\(role.email): \(permissions)")
                for (name, flag) in zip(names, role.flags) {
                    #expect(permissions[name] as? Bool == flag, "\(role.email): \(name)")
                }
                let profile = try await api.send(.get, "/users/\(try await api.userID(token))", token: token)
                #expect(profile.status == .ok && profile.object["permissions"] == nil, "\(role.email)")
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func registrationFailures(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let taken = try await api.send(.post, "/auth/register", json: ["name": "A", "email": "ANN@example.com", "password": "password1"])
            #expect(taken.status == .conflict)
            let invalid = try await api.send(.post, "/auth/register", json: ["name": "", "email": "nope", "password": "short"])
            #expect(invalid.status == .badRequest)
            #expect(invalid.fieldErrors("email") != nil)
            #expect(invalid.fieldErrors("password") != nil)
            #expect(invalid.fieldErrors("name") != nil)
            let wrongType = try await api.send(.post, "/auth/register", json: ["name": 7, "email": "x@example.com", "password": "password1"])
            #expect(wrongType.status == .badRequest)
            #expect(wrongType.fieldErrors("name") == ["must be a string"])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func closedRegistrationIsForbidden(_ kind: StoreKind) async throws {
        try await withAPI(kind, selfRegistration: .closed) { api in
            let response = try await api.send(.post, "/auth/register", json: ["name": "A", "email": "new@example.com", "password": "password1"])
            #expect(response.status == .forbidden)
            #expect(try await api.send(.post, "/auth/login", json: ["email": "new@example.com", "password": "password1"]).status == .unauthorized)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func registrationOpenToDomainsAdmitsOnlyThose(_ kind: StoreKind) async throws {
        let domains = try #require(SelfRegistration.forDomains(["Example.org", "office.test"]))
        try await withAPI(kind, selfRegistration: domains) { api in
            let outsider = try await api.send(.post, "/auth/register", json: ["name": "A", "email": "a@elsewhere.org", "password": "password1"])
            #expect(outsider.status == .forbidden)
            let subdomain = try await api.send(.post, "/auth/register", json: ["name": "A", "email": "a@mail.example.org", "password": "password1"])
            #expect(subdomain.status == .forbidden)
            let colleague = try await api.send(.post, "/auth/register", json: ["name": "A", "email": " A@EXAMPLE.org", "password": "password1"])
            #expect(colleague.status == .created)
            #expect(try await api.send(.post, "/auth/login", json: ["email": "a@example.org", "password": "password1"]).status == .ok)
            #expect(try await api.send(.post, "/auth/login", json: ["email": "a@elsewhere.org", "password": "password1"]).status == .unauthorized)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func registerWithRoleNeedsUserManager(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let body: [String: Any] = ["name": "T2", "email": "t2@example.com", "password": "password1", "role": "tech"]
            #expect(try await api.send(.post, "/auth/register/admin", json: body).status == .unauthorized)
            let ann = try await api.login("ann@example.com")
            #expect(try await api.send(.post, "/auth/register/admin", token: ann, json: body).status == .forbidden)
            let admin = try await api.login("admin@example.com", "admin-password")
            let created = try await api.send(.post, "/auth/register/admin", token: admin, json: body)
            #expect(created.status == .created)
            #expect((created.object["user_role"] as? [String: Any])?["role_name"] as? String == "tech")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func wrongEmailAndWrongPasswordLookAlike(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let wrongPassword = try await api.send(.post, "/auth/login", json: ["email": "ann@example.com", "password": "wrong-password"])
            let wrongEmail = try await api.send(.post, "/auth/login", json: ["email": "nobody@example.com", "password": "password1"])
            #expect(wrongPassword.status == .unauthorized)
            #expect(wrongEmail.status == .unauthorized)
            #expect(wrongPassword.object["detail"] as? String == wrongEmail.object["detail"] as? String)
            let missing = try await api.send(.post, "/auth/login", json: ["email": "ann@example.com"])
            #expect(missing.status == .badRequest)
            #expect(missing.fieldErrors("password") == ["is required"])
        }
    }

    /// One client address may ask for 10 accounts in 15 minutes; the eleventh gets 429 with
    /// `Retry-After` and creates nothing.
    @Test(arguments: StoreKind.allCases)
    func registrationsAreThrottledPerAddress(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            for index in 0..<10 {
                let response = try await api.send(
                    .post, "/auth/register", json: ["name": "Guest \(index)", "email": "guest\(index)@example.com", "password": "password1"])
                #expect(response.status == .created)
            }
            let refused = try await api.send(
                .post, "/auth/register", json: ["name": "Guest 10", "email": "guest10@example.com", "password": "password1"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter].flatMap { Int($0) }.map { $0 > 0 && $0 <= 900 } == true)
            #expect(
                try await api.send(.post, "/auth/login", json: ["email": "guest10@example.com", "password": "password1"]).status == .unauthorized)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func sixthFailureIsThrottledWithRetryAfter(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            for _ in 1...5 {
                let response = try await api.send(.post, "/auth/login", json: ["email": "bob@example.com", "password": "wrong-password"])
                #expect(response.status == .unauthorized)
            }
            let locked = try await api.send(.post, "/auth/login", json: ["email": "BOB@example.com", "password": "password1"])
            #expect(locked.status == .tooManyRequests)
            let retryAfter = try #require(locked.headers[.retryAfter].flatMap { Int($0) })
            #expect(retryAfter > 0 && retryAfter <= 900)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func badTokensAreRejected(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            #expect(try await api.send(.get, "/auth/me").status == .unauthorized)
            #expect(try await api.send(.get, "/auth/me", token: "garbage").status == .unauthorized)
            #expect(try await api.send(.get, "/tickets", headers: [.authorization: "Basic YTpi"]).status == .unauthorized)

            let token = try await api.login("ann@example.com")
            let parts = token.split(separator: ".").map(String.init)
            // Tampered payload: claims to be user 1 (the admin) with the original signature.
            let forged = [parts[0], Self.base64URL(#"{"sub":"1","exp":4102444800,"iat":1}"#), parts[2]].joined(separator: ".")
            #expect(try await api.send(.get, "/auth/me", token: forged).status == .unauthorized)
            // alg "none" with no signature.
            let unsigned = [Self.base64URL(#"{"alg":"none","typ":"JWT"}"#), Self.base64URL(#"{"sub":"1","exp":4102444800}"#), ""].joined(
                separator: ".")
            #expect(try await api.send(.get, "/auth/me", token: unsigned).status == .unauthorized)
            // Expired (signed with the right secret, for Ann's session, which a fresh token of it shows is lasting).
            let claims = try TokenAuthorityFactory.claims(of: token)
            let user = try #require(claims["sub"] as? String).flatMap { Int64($0) }
            let session = try #require(claims["sid"] as? Int64)
            let fresh = try await TokenAuthorityFactory.token(TokenAuthority(secret: APIClient.secret), user: try #require(user), session: session)
            #expect(try await api.send(.get, "/auth/me", token: fresh.token).status == .ok)
            let expired = try await TokenAuthorityFactory.token(TokenAuthorityFactory.expired(), user: try #require(user), session: session)
            #expect(try await api.send(.get, "/auth/me", token: expired.token).status == .unauthorized)
        }
    }

    @Test func shortSecretsAreRefused() async throws {
        await #expect(throws: TokenAuthority.WeakSecretError.self) { _ = try await TokenAuthority(secret: "too-short") }
    }

    static func base64URL(_ text: String) -> String {
        Data(text.utf8).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
