import Foundation
import HTTPTypes
import Testing
import TicketTestSupport

/// A ticket's `category`: one of the office's categories (`GET /categories`) or none, chosen
/// when filing, changed later with its history, filtered on, and refused when it is anything
/// else, without a change.
@Suite("HTTP: categories")
struct CategoryRouteTests {
    @Test(arguments: StoreKind.allCases)
    func categoriesAreListedChosenChangedAndFiltered(_ kind: StoreKind) async throws {
        try await withAPI(kind) { api in
            let ann = try await api.login("ann@example.com")
            let bob = try await api.login("bob@example.com")
            let tech = try await api.login("tech@example.com")
            #expect(try await api.send(.get, "/categories").status == .unauthorized)
            let categories = try await api.send(.get, "/categories", token: ann)
            #expect(categories.array.compactMap { $0["name"] as? String } == ["Hardware", "Software", "Network", "Accounts", "Other"])

            // Chosen when filing, in any case; stored and shown as configured.
            let filed = try await api.send(
                .post, "/tickets", token: ann,
                json: ["title": "Printer jams", "description": "Tray 2", "priority": "high", "category": " hardWARE "])
            #expect(filed.status == .created, "\(filed.text)")
            #expect(filed.object["category"] as? String == "Hardware")
            let id = try #require(filed.object["id"] as? Int)
            let plain = try await api.send(.post, "/tickets", token: bob, json: ["title": "VPN drops", "description": "Often", "priority": "low"])
            #expect(plain.object["category"] is NSNull)
            let plainID = try #require(plain.object["id"] as? Int)

            // Anything else is a 400 naming the field, and nothing is filed or changed.
            for bad: Any in ["Printers", "none", "", 7, ["Hardware"]] {
                let refused = try await api.send(
                    .post, "/tickets", token: ann, json: ["title": "Bad", "description": "Bad", "priority": "low", "category": bad])
                #expect(refused.status == .badRequest, "\(bad): \(refused.text)")
                #expect((refused.object["errors"] as? [String: Any])?["category"] != nil, "\(bad)")
                let patched = try await api.send(.patch, "/tickets/\(id)", token: ann, json: ["category": bad])
                #expect(patched.status == .badRequest, "\(bad)")
            }
            #expect(try await api.send(.get, "/tickets", token: tech).headers[HTTPField.Name("X-Total-Count")!] == "2")
            #expect(try await api.send(.get, "/tickets/\(id)", token: ann).object["version"] as? Int == 1)

            // Changed by the creator or an editor, with its history; null clears it; a plain
            // user may not change someone else's (and does not see it).
            let moved = try await api.send(.patch, "/tickets/\(id)", token: tech, json: ["category": "network"])
            #expect(moved.object["category"] as? String == "Network")
            #expect(try await api.send(.patch, "/tickets/\(id)", token: bob, json: ["category": "Other"]).status == .notFound)
            let cleared = try await api.send(.patch, "/tickets/\(id)", token: ann, json: ["category": NSNull()])
            #expect(cleared.object["category"] is NSNull)
            let unchanged = try await api.send(.patch, "/tickets/\(id)", token: ann, json: ["title": "Printer jams on tray 2"])
            #expect(unchanged.object["category"] is NSNull)
            let history = try await api.send(.get, "/tickets/\(id)/history", token: ann).array.filter { $0["event"] as? String == "category_changed" }
            #expect(history.map { $0["from"] as? String } == [Optional("Hardware"), Optional("Network")])
            #expect(history.map { $0["to"] as? String } == [Optional("Network"), nil])
            #expect(try await api.send(.patch, "/tickets/\(plainID)", token: tech, json: ["category": "Accounts"]).status == .ok)

            // Filtered: repeatable, any case, `none` for tickets without one, with the total.
            func listed(_ query: String, as token: String) async throws -> [Int] {
                let response = try await api.send(.get, "/tickets?\(query)", token: token)
                #expect(response.status == .ok, "\(query): \(response.text)")
                let ids = response.array.compactMap { $0["id"] as? Int }
                #expect(response.headers[HTTPField.Name("X-Total-Count")!] == "\(ids.count)", "\(query)")
                return ids
            }
            #expect(try await listed("category=accounts", as: tech) == [plainID])
            #expect(try await listed("category=none", as: tech) == [id])
            #expect(try await listed("category=None&category=ACCOUNTS", as: tech) == [plainID, id])
            #expect(try await listed("category=Hardware", as: tech) == [])
            #expect(try await listed("category=accounts", as: ann) == [])
            let unknown = try await api.send(.get, "/tickets?category=Printers", token: tech)
            #expect(unknown.status == .badRequest && (unknown.object["errors"] as? [String: Any])?["category"] != nil)
        }
    }

    /// The served OpenAPI document lists this server's categories, so clients (and the fuzz
    /// stage) know what they may send.
    @Test func theServedDocumentListsTheCategories() async throws {
        try await withAPI(.sqlite) { api in
            var document = try await api.send(.get, "/openapi.json").object
            var components = try #require(document["components"] as? [String: Any])
            var schemas = try #require(components["schemas"] as? [String: Any])
            var category = try #require(schemas["Category"] as? [String: Any])
            var filter = try #require(schemas["CategoryFilter"] as? [String: Any])
            let names = ["Hardware", "Software", "Network", "Accounts", "Other"]
            #expect(category.removeValue(forKey: "enum") as? [String] == names)
            #expect(filter.removeValue(forKey: "enum") as? [String] == names + ["none"])
            // Apart from those two lists, it is the shipped document.
            schemas["Category"] = category
            schemas["CategoryFilter"] = filter
            components["schemas"] = schemas
            document["components"] = components
            let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/TicketHTTP/Resources/openapi.json")
            let shipped = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
            #expect(NSDictionary(dictionary: document).isEqual(to: shipped))
        }
    }
}
