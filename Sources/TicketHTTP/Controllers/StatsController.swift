import Hummingbird
import TicketCore

/// `/stats`: the office's queue in figures, for any signed-in user.
struct StatsController<Store: TicketStore> {
    let service: TicketService<Store>

    func addRoutes(to group: RouterGroup<TicketRequestContext>) {
        group.get(use: self.show)
    }

    @Sendable func show(_ request: Request, context: TicketRequestContext) async throws -> StatsBody {
        let input = StatsInput(days: request.uri.formParameters.get("days"))
        return StatsBody(stats: try await self.service.stats(input, by: try context.requireUser()))
    }
}
