import Foundation
import TicketCore

// The JSON shapes of docs/api.md, keys in its order. Optional fields that the contract shows as
// `null` are always written (as `null`), never left out.

/// The user object; single-user responses add the three nested lists, and `GET /auth/me` the
/// caller's `permissions`.
struct UserBody: JSONResponseBody {
    var user: User
    var createdTickets: [TicketSummaryBody]?
    var assignedTickets: [TicketSummaryBody]?
    var createdComments: [CommentSummaryBody]?
    var permissions: Role.Permissions?

    init(_ user: User) {
        self.user = user
    }

    /// The caller, with the six flags of their role, so that clients decide by permission and
    /// never by role name.
    init(caller user: User) {
        self.user = user
        self.permissions = user.role.permissions
    }

    init(_ profile: UserProfile) {
        self.user = profile.user
        self.createdTickets = profile.createdTickets.map(TicketSummaryBody.init)
        self.assignedTickets = profile.assignedTickets.map(TicketSummaryBody.init)
        self.createdComments = profile.createdComments.map(CommentSummaryBody.init)
    }

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("id")
            json.id(self.user.id)
            json.key("name")
            json.string(self.user.name)
            json.key("email")
            json.string(self.user.email)
            json.key("user_role")
            json.object { json in
                json.key("role_name")
                json.string(self.user.role.name)
            }
            json.key("active")
            json.bool(self.user.isActive)
            json.key("created_at")
            json.date(self.user.createdAt)
            if let createdTickets = self.createdTickets {
                json.key("created_tickets")
                json.array(createdTickets)
            }
            if let assignedTickets = self.assignedTickets {
                json.key("assigned_tickets")
                json.array(assignedTickets)
            }
            if let createdComments = self.createdComments {
                json.key("created_comments")
                json.array(createdComments)
            }
            if let permissions = self.permissions {
                json.key("permissions")
                json.object { json in
                    for (name, granted) in permissions.named {
                        json.key(name)
                        json.bool(granted)
                    }
                }
            }
        }
    }
}

/// A ticket as nested in a user profile: ids instead of people.
struct TicketSummaryBody: JSONWritable, Sendable {
    var ticket: Ticket

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.ticketFields(self.ticket)
            json.key("created_by_id")
            json.id(self.ticket.createdByID)
            json.key("assigned_to_id")
            json.id(self.ticket.assignedToID)
            json.key("duplicate_of_id")
            json.id(self.ticket.duplicateOfID)
            json.key("version")
            json.int(self.ticket.version)
            json.statusTimes(self.ticket)
        }
    }
}

/// A comment as nested in a user profile.
struct CommentSummaryBody: JSONWritable, Sendable {
    var comment: Comment

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("id")
            json.id(self.comment.id)
            json.key("content")
            json.string(self.comment.content)
            json.key("ticket_id")
            json.id(self.comment.ticketID)
            json.key("user_id")
            json.id(self.comment.authorID)
            json.key("created_at")
            json.date(self.comment.createdAt)
            json.key("updated_at")
            json.date(self.comment.updatedAt)
        }
    }
}

/// The ticket object; `comments`, `queue_position`, `duplicates` and `duplicate_count` on
/// single-ticket responses, `possible_duplicates` on creation.
struct TicketBody: JSONResponseBody {
    var details: TicketDetails

    func write(to json: inout JSONWriter) {
        let ticket = self.details.ticket
        json.object { json in
            json.ticketFields(ticket)
            json.key("created_by_user")
            UserBody(self.details.createdBy).write(to: &json)
            json.key("assigned_to_user")
            if let assignee = self.details.assignedTo { UserBody(assignee).write(to: &json) } else { json.null() }
            json.key("duplicate_of_id")
            json.id(ticket.duplicateOfID)
            json.key("version")
            json.int(ticket.version)
            json.statusTimes(ticket)
            if let standing = self.details.standing {
                json.key("queue_position")
                if let position = standing.queuePosition { json.int(position) } else { json.null() }
                json.key("duplicates")
                json.array(standing.visibleDuplicates) { json, id in json.id(id) }
                json.key("duplicate_count")
                json.int(standing.duplicateCount)
            }
            if let comments = self.details.comments {
                json.key("comments")
                json.array(comments.map { CommentBody($0, ticket: .none) })
            }
            if let count = self.details.commentCount {
                json.key("comment_count")
                json.int(count)
            }
            if let duplicates = self.details.possibleDuplicates {
                json.key("possible_duplicates")
                json.array(duplicates.map(SimilarTicketBody.init))
            }
        }
    }
}

/// `{"id", "title", "status", "priority", "created_at", "score"}`: all anyone may see of a similar ticket.
struct SimilarTicketBody: JSONWritable, Sendable {
    var similar: SimilarTicket

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("id")
            json.id(self.similar.id)
            json.key("title")
            json.string(self.similar.title)
            json.key("status")
            json.string(self.similar.status.rawValue)
            json.key("priority")
            json.string(self.similar.priority.rawValue)
            json.key("created_at")
            json.date(self.similar.createdAt)
            json.key("score")
            json.double(self.similar.score)
        }
    }
}

/// The comment object.
struct CommentBody: JSONResponseBody {
    /// How much of the comment's ticket it carries.
    enum TicketPart {
        /// Nothing (comments embedded in their ticket).
        case none
        /// `{"title"}`: in lists, which would otherwise repeat a long description per comment.
        case title
        /// `{"title", "description"}`: a single comment.
        case titleAndDescription
    }

    var details: CommentDetails
    var ticket: TicketPart

    init(_ details: CommentDetails, ticket: TicketPart = .titleAndDescription) {
        self.details = details
        self.ticket = ticket
    }

    func write(to json: inout JSONWriter) {
        let comment = self.details.comment
        json.object { json in
            json.key("id")
            json.id(comment.id)
            json.key("content")
            json.string(comment.content)
            json.key("user")
            json.object { json in
                json.key("name")
                json.string(self.details.author.name)
                json.key("email")
                json.string(self.details.author.email)
            }
            json.key("user_id")
            json.id(comment.authorID)
            json.key("ticket_id")
            json.id(comment.ticketID)
            json.key("created_at")
            json.date(comment.createdAt)
            json.key("updated_at")
            json.date(comment.updatedAt)
            if self.ticket != .none {
                json.key("ticket")
                json.object { json in
                    json.key("title")
                    json.string(self.details.ticket.title)
                    if self.ticket == .titleAndDescription {
                        json.key("description")
                        json.string(self.details.ticket.description)
                    }
                }
            }
        }
    }
}

/// One history row: `{"id", "at", "actor": {"id", "name"}, "event", "from", "to"}`.
struct HistoryEntryBody: JSONWritable, Sendable {
    var entry: HistoryEntry

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("id")
            json.id(self.entry.event.id)
            json.key("at")
            json.date(self.entry.event.at)
            json.key("actor")
            json.person(self.entry.actor)
            json.key("event")
            json.string(self.entry.event.kind.rawValue)
            json.key("from")
            json.string(self.entry.event.from)
            json.key("to")
            json.string(self.entry.event.to)
        }
    }
}

/// `{"message": "..."}`.
struct MessageBody: JSONResponseBody {
    var message: String

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("message")
            json.string(self.message)
        }
    }
}

/// The login answer.
struct LoginBody: JSONResponseBody {
    var message: String
    var token: String
    var expiresAt: Date

    func write(to json: inout JSONWriter) {
        json.object { json in
            json.key("message")
            json.string(self.message)
            json.key("token")
            json.string(self.token)
            json.key("expires_at")
            json.date(self.expiresAt)
        }
    }
}

extension JSONWriter {
    /// The fields every ticket object starts with, `id` to `updated_at`; the people follow, as
    /// ids or as user objects.
    fileprivate mutating func ticketFields(_ ticket: Ticket) {
        self.key("id")
        self.id(ticket.id)
        self.key("title")
        self.string(ticket.title)
        self.key("description")
        self.string(ticket.description)
        self.key("priority")
        self.string(ticket.priority.rawValue)
        self.key("status")
        self.string(ticket.status.rawValue)
        self.key("category")
        self.string(ticket.category)
        self.key("created_at")
        self.date(ticket.createdAt)
        self.key("updated_at")
        self.date(ticket.updatedAt)
    }

    /// `{"id", "name"}`: a person named in history or in the workload.
    mutating func person(_ user: User) {
        self.object { json in
            json.key("id")
            json.id(user.id)
            json.key("name")
            json.string(user.name)
        }
    }

    /// `resolved_at` and `closed_at`, after `version`.
    fileprivate mutating func statusTimes(_ ticket: Ticket) {
        self.key("resolved_at")
        self.date(ticket.resolvedAt)
        self.key("closed_at")
        self.date(ticket.closedAt)
    }
}

extension Role.Permissions {
    /// The six flags by their names in the API, in the order of docs/api.md.
    fileprivate var named: KeyValuePairs<String, Bool> {
        [
            "can_view_all": self.canViewAll,
            "can_delete_all": self.canDeleteAll,
            "can_edit_all": self.canEditAll,
            "can_manage_users": self.canManageUsers,
            "can_manage_tickets": self.canManageTickets,
            "can_assign_tickets": self.canAssignTickets,
        ]
    }
}
