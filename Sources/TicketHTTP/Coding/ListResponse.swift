import Foundation
import HTTPTypes
import Hummingbird
import TicketCore

/// A list page as the API returns it: a bare JSON array, `X-Total-Count`, and a
/// `Link: <...>; rel="next"` header while more rows exist.
struct ListResponse<Item: JSONWritable & Sendable>: ResponseGenerator {
    var items: [Item]
    var next: PageCursor?
    var ordering: CursorOrdering
    var totalCount: Int

    init<Source>(_ page: Page<Source>, ordering: CursorOrdering = .id, transform: (Source) -> Item) {
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
            let target = NextPageLink.target(
                path: request.uri.path, query: request.uri.queryParameters, cursor: next.encoded(ordering: self.ordering))
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
