public import Foundation

/// One row of a ticket's audit trail, written in the same transaction as the change it records.
public struct TicketEvent: Sendable, Hashable, Codable, Identifiable {
    public typealias ID = Identifier<TicketEvent>

    /// What happened.
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case created
        case titleChanged = "title_changed"
        case descriptionChanged = "description_changed"
        case priorityChanged = "priority_changed"
        case statusChanged = "status_changed"
        case assigned
        case unassigned
        case markedDuplicate = "marked_duplicate"
        case commented
        case commentEdited = "comment_edited"
        case commentDeleted = "comment_deleted"
    }

    public var id: ID
    public var ticketID: Ticket.ID
    public var actorID: User.ID
    public var at: Date
    public var kind: Kind
    /// The value before the change, where there is one.
    public var from: String?
    /// The value after the change, where there is one.
    public var to: String?

    /// Creates an event value.
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
    public var kind: TicketEvent.Kind
    public var actorID: User.ID
    public var at: Date
    public var from: String?
    public var to: String?

    /// Creates an event draft.
    public init(kind: TicketEvent.Kind, actorID: User.ID, at: Date, from: String? = nil, to: String? = nil) {
        self.kind = kind
        self.actorID = actorID
        self.at = at
        self.from = from
        self.to = to
    }
}
