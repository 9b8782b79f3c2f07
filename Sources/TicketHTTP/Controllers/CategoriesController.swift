import Hummingbird
import TicketCore

/// `/categories`: the office's ticket categories, for any signed-in user.
struct CategoriesController<Store: TicketStore> {
    let service: TicketService<Store>

    func addRoutes(to group: RouterGroup<TicketRequestContext>) {
        group.get(use: self.list)
    }

    /// `[{"name": "Hardware"}, ...]` in the configured order.
    @Sendable func list(_ request: Request, context: TicketRequestContext) async throws -> JSONArrayResponse<CategoryBody> {
        _ = try context.requireUser()
        return JSONArrayResponse(items: self.service.categories.names.map(CategoryBody.init))
    }
}

/// `{"name"}`: one category.
struct CategoryBody: JSONWritable, Sendable {
    var name: String

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("name")
            json.string(self.name)
        }
    }
}
