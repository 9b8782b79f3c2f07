public import Foundation

/// One row of a ticket's audit trail, written in the same transaction as the change it records.
public struct TicketEvent: Sendable, Hashable, Codable, Identifiable {
    /// An event's id; ids grow as events are written, and order a ticket's history.
    public typealias ID = Identifier<TicketEvent>

    /// What happened. Raw values are the API's names.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        /// The ticket was reported.
        case created
        /// The title changed; `from` and `to` hold the old and new titles.
        case titleChanged = "title_changed"
        /// The description changed; the texts are not copied into the history.
        case descriptionChanged = "description_changed"
        /// The priority changed; `from` and `to` hold the old and new priorities.
        case priorityChanged = "priority_changed"
        /// The status changed; `from` and `to` hold the old and new statuses.
        case statusChanged = "status_changed"
        /// Someone was assigned; `to` holds their id, `from` the previous assignee's, if any.
        case assigned
        /// The assignee was removed; `from` holds their id.
        case unassigned
        /// The ticket was marked as a duplicate; `to` holds the original's id.
        case markedDuplicate = "marked_duplicate"
        /// A comment was added.
        case commented
        /// A comment's text changed; `to` holds the comment's id.
        case commentEdited = "comment_edited"
        /// A comment was deleted; `from` holds its id.
        case commentDeleted = "comment_deleted"
        /// The category changed; `from` and `to` hold the old and new names (`nil` for none).
        case categoryChanged = "category_changed"
    }

    /// The event's id.
    public var id: ID
    /// The ticket it happened to.
    public var ticketID: Ticket.ID
    /// Who caused it.
    public var actorID: User.ID
    /// When it happened.
    public var at: Date
    /// What happened.
    public var kind: Kind
    /// The value before the change, where there is one.
    public var from: String?
    /// The value after the change, where there is one.
    public var to: String?

    /// Creates an event value.
    /// - Parameters:
    ///   - id: The event's id.
    ///   - ticketID: The ticket it happened to.
    ///   - actorID: Who caused it.
    ///   - at: When it happened.
    ///   - kind: What happened.
    ///   - from: The value before the change, or `nil`.
    ///   - to: The value after the change, or `nil`.
    public init(id: ID, ticketID: Ticket.ID, actorID: User.ID, at: Date, kind: Kind, from: String?, to: String?) {
        self.id = id
        self.ticketID = ticketID
        self.actorID = actorID
        self.at = at
        self.kind = kind
        self.from = from
        self.to = to
    }
}

/// An event not yet stored; the store fills in its id and, on creation, the ticket id.
public struct TicketEventDraft: Sendable, Hashable {
    /// What happened.
    public var kind: TicketEvent.Kind
    /// Who caused it.
    public var actorID: User.ID
    /// When it happened.
    public var at: Date
    /// The value before the change, where there is one.
    public var from: String?
    /// The value after the change, where there is one.
    public var to: String?

    /// Creates an event draft.
    /// - Parameters:
    ///   - kind: What happened.
    ///   - actorID: Who caused it.
    ///   - at: When it happened.
    ///   - from: The value before the change, if the kind records one.
    ///   - to: The value after the change, if the kind records one.
    public init(kind: TicketEvent.Kind, actorID: User.ID, at: Date, from: String? = nil, to: String? = nil) {
        self.kind = kind
        self.actorID = actorID
        self.at = at
        self.from = from
        self.to = to
    }
}
