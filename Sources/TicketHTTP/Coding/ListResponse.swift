import Foundation
import Hummingbird
import HTTPTypes
import TicketCore

/// A list page as the API returns it: a bare JSON array, `X-Total-Count`, and a
/// `Link: <...>; rel="next"` header while more rows exist.
struct ListResponse<Item: JSONWritable & Sendable>: ResponseGenerator {
    var items: [Item]
    var next: PageCursor?
    var ordering: String
    var totalCount: Int

    init<Source>(_ page: Page<Source>, ordering: String = "id", transform: (Source) -> Item) {
        self.items = page.items.map(transform)
        self.next = page.next
        self.ordering = ordering
        self.totalCount = page.totalCount
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var json = JSONWriter(capacity: 512 * self.items.count + 2)
        json.array(self.items)
        var headers: HTTPFields = [.totalCount: String(self.totalCount)]
        if let next = self.next {
            headers[.link] = "<\(Self.url(path: request.uri.path, query: request.uri.query, cursor: next.encoded(ordering: self.ordering)))>; rel=\"next\""
        }
        return Response.json(json, headers: headers)
    }

    /// The same path and query with `cursor` replaced.
    private static func url(path: String, query: String?, cursor: String) -> String {
        var components = URLComponents()
        components.path = path
        var parsed = URLComponents()
        parsed.percentEncodedQuery = query
        var items = (parsed.queryItems ?? []).filter { $0.name != "cursor" }
        items.append(URLQueryItem(name: "cursor", value: cursor))
        components.queryItems = items
        return components.string ?? path
    }
}

/// A bare JSON array that is not a paginated list (such as similar tickets).
struct JSONArrayResponse<Item: JSONWritable & Sendable>: ResponseGenerator {
    var items: [Item]

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var json = JSONWriter()
        json.array(self.items)
        return Response.json(json)
    }
}
