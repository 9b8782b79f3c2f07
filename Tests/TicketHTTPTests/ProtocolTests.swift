import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

@Suite("HTTP: protocol and errors")
struct ProtocolTests {
    @Test(arguments: StoreKind.allCases)
    func healthAndOpenAPIAreOpen(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let health = try await api.send(.get, "/health")
            #expect(health.status == .ok)
            #expect(health.object["status"] as? String == "ok")
            let spec = try await api.send(.get, "/openapi.json")
            #expect(spec.status == .ok)
            #expect(spec.object["openapi"] as? String == "3.1.0")
            #expect(try await api.send(.get, "/openapi.yaml").status == .ok)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func requestIDIsEchoedWhenSane(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let echoed = try await api.send(.get, "/health", headers: [HTTPField.Name("X-Request-Id")!: "abc-123"])
            #expect(echoed.headers[HTTPField.Name("X-Request-Id")!] == "abc-123")
            // Valid header values that are not sane ids (a space, a slash, too long) are replaced
            // by a fresh id, which is itself sane.
            for insane in ["bad id", "a/b", String(repeating: "x", count: 129)] {
                let replaced = try await api.send(.get, "/health", headers: [HTTPField.Name("X-Request-Id")!: insane])
                let id = try #require(replaced.headers[HTTPField.Name("X-Request-Id")!])
                #expect(id != insane)
                #expect(!id.isEmpty && id.count <= 128 && id.allSatisfy { $0.isLetter || $0.isNumber || "-_.".contains($0) })
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func frameworkErrorsAreProblems(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let token = try await api.login("ann@example.com")
            #expect(try await api.send(.get, "/nowhere").status == .notFound)
            let wrongMethod = try await api.send(.delete, "/tickets", token: token)
            #expect(wrongMethod.status == .methodNotAllowed)
            #expect(wrongMethod.headers[.allow] == "GET, POST")
            #expect(try await api.send(.patch, "/auth/login").status == .methodNotAllowed)
            let malformed = try await api.send(.post, "/tickets", token: token, raw: "{\"title\": ")
            #expect(malformed.status == .badRequest)
            let notObject = try await api.send(.post, "/tickets", token: token, raw: "[1, 2]")
            #expect(notObject.status == .badRequest)
            let notJSON = try await api.send(
                .post, "/tickets", token: token, raw: "title=x", headers: [.contentType: "application/x-www-form-urlencoded"])
            #expect(notJSON.status == .unsupportedMediaType)
            let huge = try await api.send(.post, "/tickets", token: token, raw: "{\"title\": \"" + String(repeating: "x", count: 1_100_000) + "\"}")
            #expect(huge.status == .contentTooLarge)
            #expect(try await api.send(.get, "/tickets", token: token).array.isEmpty)
        }
    }
}
