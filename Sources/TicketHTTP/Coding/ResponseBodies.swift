import Foundation
import Hummingbird
import TicketCore

// The JSON shapes of API.md. Optional fields that the contract shows as `null` are always
// written (as `null`), never left out.

/// `{"role_name": "user"}`.
struct RoleBody: ResponseEncodable {
    var roleName: String
    enum CodingKeys: String, CodingKey { case roleName = "role_name" }
}

/// The user object; single-user responses add the three nested lists.
struct UserBody: ResponseEncodable {
    var user: User
    var createdTickets: [TicketSummaryBody]?
    var assignedTickets: [TicketSummaryBody]?
    var createdComments: [CommentSummaryBody]?

    init(_ user: User) {
        self.user = user
    }

    init(_ profile: UserProfile) {
        self.user = profile.user
        self.createdTickets = profile.createdTickets.map(TicketSummaryBody.init)
        self.assignedTickets = profile.assignedTickets.map(TicketSummaryBody.init)
        self.createdComments = profile.createdComments.map(CommentSummaryBody.init)
    }

    enum CodingKeys: String, CodingKey {
        case id, name, email, active
        case userRole = "user_role"
        case createdAt = "created_at"
        case createdTickets = "created_tickets"
        case assignedTickets = "assigned_tickets"
        case createdComments = "created_comments"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.user.id, forKey: .id)
        try container.encode(self.user.name, forKey: .name)
        try container.encode(self.user.email, forKey: .email)
        try container.encode(RoleBody(roleName: self.user.role.name), forKey: .userRole)
        try container.encode(self.user.isActive, forKey: .active)
        try container.encode(self.user.createdAt, forKey: .createdAt)
        try container.encodeIfPresent(self.createdTickets, forKey: .createdTickets)
        try container.encodeIfPresent(self.assignedTickets, forKey: .assignedTickets)
        try container.encodeIfPresent(self.createdComments, forKey: .createdComments)
    }
}

/// A ticket as nested in a user profile: ids instead of people.
struct TicketSummaryBody: Encodable {
    var ticket: Ticket

    enum CodingKeys: String, CodingKey {
        case id, title, description, priority, status, version
        case createdAt = "created_at", updatedAt = "updated_at"
        case createdByID = "created_by_id", assignedToID = "assigned_to_id", duplicateOfID = "duplicate_of_id"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.ticket.id, forKey: .id)
        try container.encode(self.ticket.title, forKey: .title)
        try container.encode(self.ticket.description, forKey: .description)
        try container.encode(self.ticket.priority, forKey: .priority)
        try container.encode(self.ticket.status, forKey: .status)
        try container.encode(self.ticket.createdAt, forKey: .createdAt)
        try container.encode(self.ticket.updatedAt, forKey: .updatedAt)
        try container.encode(self.ticket.createdByID, forKey: .createdByID)
        try container.encode(self.ticket.assignedToID, forKey: .assignedToID)
        try container.encode(self.ticket.duplicateOfID, forKey: .duplicateOfID)
        try container.encode(self.ticket.version, forKey: .version)
    }
}

/// A comment as nested in a user profile.
struct CommentSummaryBody: Encodable {
    var comment: Comment

    enum CodingKeys: String, CodingKey {
        case id, content
        case ticketID = "ticket_id", userID = "user_id", createdAt = "created_at", updatedAt = "updated_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.comment.id, forKey: .id)
        try container.encode(self.comment.content, forKey: .content)
        try container.encode(self.comment.ticketID, forKey: .ticketID)
        try container.encode(self.comment.authorID, forKey: .userID)
        try container.encode(self.comment.createdAt, forKey: .createdAt)
        try container.encode(self.comment.updatedAt, forKey: .updatedAt)
    }
}

/// The ticket object; `comments` on single-ticket responses, `possible_duplicates` on creation.
struct TicketBody: ResponseEncodable {
    var details: TicketDetails

    enum CodingKeys: String, CodingKey {
        case id, title, description, priority, status, version, comments
        case createdAt = "created_at", updatedAt = "updated_at"
        case createdByUser = "created_by_user", assignedToUser = "assigned_to_user", duplicateOfID = "duplicate_of_id"
        case possibleDuplicates = "possible_duplicates"
    }

    func encode(to encoder: any Encoder) throws {
        let ticket = self.details.ticket
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ticket.id, forKey: .id)
        try container.encode(ticket.title, forKey: .title)
        try container.encode(ticket.description, forKey: .description)
        try container.encode(ticket.priority, forKey: .priority)
        try container.encode(ticket.status, forKey: .status)
        try container.encode(ticket.createdAt, forKey: .createdAt)
        try container.encode(ticket.updatedAt, forKey: .updatedAt)
        try container.encode(UserBody(self.details.createdBy), forKey: .createdByUser)
        try container.encode(self.details.assignedTo.map(UserBody.init), forKey: .assignedToUser)
        try container.encode(ticket.duplicateOfID, forKey: .duplicateOfID)
        try container.encode(ticket.version, forKey: .version)
        try container.encodeIfPresent(self.details.comments?.map { CommentBody($0, includeTicket: false) }, forKey: .comments)
        try container.encodeIfPresent(self.details.possibleDuplicates?.map(SimilarTicketBody.init), forKey: .possibleDuplicates)
    }
}

/// `{"id", "title", "status", "priority", "created_at", "score"}`: all anyone may see of a similar ticket.
struct SimilarTicketBody: Encodable {
    var similar: SimilarTicket

    enum CodingKeys: String, CodingKey {
        case id, title, status, priority, score
        case createdAt = "created_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.similar.id, forKey: .id)
        try container.encode(self.similar.title, forKey: .title)
        try container.encode(self.similar.status, forKey: .status)
        try container.encode(self.similar.priority, forKey: .priority)
        try container.encode(self.similar.createdAt, forKey: .createdAt)
        try container.encode(self.similar.score, forKey: .score)
    }
}

/// The comment object.
struct CommentBody: ResponseEncodable {
    var details: CommentDetails
    var includeTicket: Bool

    init(_ details: CommentDetails, includeTicket: Bool = true) {
        self.details = details
        self.includeTicket = includeTicket
    }

    enum CodingKeys: String, CodingKey {
        case id, content, user, ticket
        case userID = "user_id", ticketID = "ticket_id", createdAt = "created_at", updatedAt = "updated_at"
    }

    enum PersonKeys: String, CodingKey { case name, email }
    enum TicketKeys: String, CodingKey { case title, description }

    func encode(to encoder: any Encoder) throws {
        let comment = self.details.comment
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(comment.id, forKey: .id)
        try container.encode(comment.content, forKey: .content)
        var person = container.nestedContainer(keyedBy: PersonKeys.self, forKey: .user)
        try person.encode(self.details.author.name, forKey: .name)
        try person.encode(self.details.author.email, forKey: .email)
        try container.encode(comment.authorID, forKey: .userID)
        try container.encode(comment.ticketID, forKey: .ticketID)
        try container.encode(comment.createdAt, forKey: .createdAt)
        try container.encode(comment.updatedAt, forKey: .updatedAt)
        if self.includeTicket {
            var ticket = container.nestedContainer(keyedBy: TicketKeys.self, forKey: .ticket)
            try ticket.encode(self.details.ticket.title, forKey: .title)
            try ticket.encode(self.details.ticket.description, forKey: .description)
        }
    }
}

/// One history row: `{"id", "at", "actor": {"id", "name"}, "event", "from", "to"}`.
struct HistoryEntryBody: Encodable {
    var entry: HistoryEntry

    enum CodingKeys: String, CodingKey { case id, at, actor, event, from, to }
    enum ActorKeys: String, CodingKey { case id, name }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(self.entry.event.id, forKey: .id)
        try container.encode(self.entry.event.at, forKey: .at)
        var actor = container.nestedContainer(keyedBy: ActorKeys.self, forKey: .actor)
        try actor.encode(self.entry.actor.id, forKey: .id)
        try actor.encode(self.entry.actor.name, forKey: .name)
        try container.encode(self.entry.event.kind.rawValue, forKey: .event)
        try container.encode(self.entry.event.from, forKey: .from)
        try container.encode(self.entry.event.to, forKey: .to)
    }
}

/// `{"message": "..."}`.
struct MessageBody: ResponseEncodable {
    var message: String
}

/// The login answer.
struct LoginBody: ResponseEncodable {
    var message: String
    var token: String
    var expiresAt: Date

    enum CodingKeys: String, CodingKey {
        case message, token
        case expiresAt = "expires_at"
    }
}
