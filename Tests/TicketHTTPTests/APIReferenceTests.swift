import Foundation
import Testing

/// `docs/api.md`, the reference for client writers, names exactly the operations of the OpenAPI
/// document, one `### METHOD /path` heading each.
@Suite("API reference")
struct APIReferenceTests {
    @Test func theReferenceNamesEveryOperationOfTheDocumentAndNoOther() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let reference = try String(contentsOf: root.appendingPathComponent("docs/api.md"), encoding: .utf8)
        let headings = Set(reference.split(separator: "\n").filter { $0.hasPrefix("### ") }.map { String($0.dropFirst(4)) })

        let documentData = try Data(contentsOf: root.appendingPathComponent("Sources/TicketHTTP/Resources/openapi.json"))
        let document = try #require(try JSONSerialization.jsonObject(with: documentData) as? [String: Any])
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        let methods: Set<String> = ["get", "post", "put", "patch", "delete"]
        let operations = Set(paths.flatMap { path, item in item.keys.filter(methods.contains).map { "\($0.uppercased()) \(path)" } })

        #expect(operations.count > 20)
        #expect(operations.subtracting(headings).sorted() == [], "operations missing from docs/api.md")
        #expect(headings.subtracting(operations).sorted() == [], "headings in docs/api.md that the document does not have")
    }
}
