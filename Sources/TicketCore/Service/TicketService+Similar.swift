extension TicketService {
    /// Suggestions shown when none is asked for.
    public static var defaultSimilarLimit: Int { 5 }
    /// Larger requests are clamped to this.
    public static var maximumSimilarLimit: Int { 20 }

    /// `GET /tickets/similar`: the not-closed tickets most like `title` and `description`,
    /// across all tickets, in the redacted form anyone may see. This is how staff find out
    /// that someone already reported their problem.
    /// - Parameters:
    ///   - title: A draft title, or `nil`.
    ///   - description: A draft description, or `nil`.
    ///   - rawLimit: How many to return, or `nil` for ``defaultSimilarLimit``; at most ``maximumSimilarLimit``.
    ///   - actor: The signed-in caller.
    /// - Returns: The similar tickets, most similar first.
    /// - Throws: ``TicketError/Kind/validation`` when neither `title` nor `description` holds any text, or
    ///   `rawLimit` is not a positive integer.
    public func similarTickets(title: String?, description: String?, limit rawLimit: String?, by actor: User) async throws -> [SimilarTicket] {
        var check = Validator()
        let text = [title, description].compactMap { $0 }.joined(separator: " ")
        if text.trimmingWhitespace().isEmpty {
            check.errors.add("title", "title or description is required")
        }
        let limit = check.limit(rawLimit, default: Self.defaultSimilarLimit, maximum: Self.maximumSimilarLimit)
        try check.check()
        return try await self.store.similarTickets(
            to: SearchText.keywords(text), limit: limit, excluding: nil, visibleTo: TicketVisibility(of: actor).viewer)
    }

    /// The tickets that look like `ticket`, for `possible_duplicates` on creation by `actor`.
    func possibleDuplicates(of ticket: Ticket, by actor: User) async throws -> [SimilarTicket] {
        let keywords = SearchText.keywords(ticket.title + " " + ticket.description)
        return try await self.store.similarTickets(
            to: keywords, limit: Self.defaultSimilarLimit, excluding: ticket.id, visibleTo: TicketVisibility(of: actor).viewer)
    }
}
