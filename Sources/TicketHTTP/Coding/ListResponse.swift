import Foundation
import HTTPTypes
import Hummingbird
import TicketCore

/// A list page as the API returns it: a bare JSON array, `X-Total-Count`, and a
/// `Link: <...>; rel="next"` header while more rows exist.
/// The cursor comes from the core (``Page/nextCursor``), which knows the list's sort.
struct ListResponse<Item: JSONWritable & Sendable>: ResponseGenerator {
    var items: [Item]
    var nextCursor: String?
    var totalCount: Int

    init<Source>(_ page: Page<Source>, transform: (Source) -> Item) {
        self.items = page.items.map(transform)
        self.nextCursor = page.nextCursor
        self.totalCount = page.totalCount
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var json = JSONWriter(capacity: 512 * self.items.count + 2)
        json.array(self.items)
        var headers: HTTPFields = [.totalCount: String(self.totalCount)]
        if let cursor = self.nextCursor {
            let target = NextPageLink.target(path: request.uri.path, query: request.uri.queryParameters, cursor: cursor)
            headers[.link] = "<\(target)>; rel=\"next\""
        }
        return Response.json(json, headers: headers)
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
