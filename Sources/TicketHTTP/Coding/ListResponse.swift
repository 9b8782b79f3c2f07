import Foundation
import HTTPTypes
import Hummingbird
import TicketCore

/// A list page as the API returns it: a bare JSON array, `X-Total-Count`, and a
/// `Link: <...>; rel="next"` header while more rows exist.
/// The cursor comes from the core (``Page/nextCursor``), which knows the list's sort.
///
/// A page stops early once its JSON passes ``maximumBytes`` (always holding at least one
/// item), and its `next` link continues after the last item sent: `limit=200` of the longest
/// tickets would otherwise be some 16 MB in one answer.
struct ListResponse<Item: JSONWritable & Sendable>: ResponseGenerator {
    /// About how much JSON one page holds at most.
    static var maximumBytes: Int { 2 << 20 }

    var page: Page<Item>

    init<Source>(_ page: Page<Source>, transform: (Source) -> Item) {
        self.page = page.map(transform)
    }

    func response(from request: Request, context: some RequestContext) throws -> Response {
        var json = JSONWriter(capacity: min(512 * self.page.items.count + 2, Self.maximumBytes))
        let sent = json.array(self.page.items, stoppingPast: Self.maximumBytes) { json, item in item.write(to: &json) }
        let page = self.page.prefix(sent)
        var headers: HTTPFields = [.totalCount: String(page.totalCount)]
        if let cursor = page.nextCursor {
            let target = NextPageLink.target(path: request.uri.path, query: request.uri.formParameters, cursor: cursor)
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
