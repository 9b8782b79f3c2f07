/// Decides every permission of the API. Handlers and stores never check roles themselves;
/// ``TicketService`` asks this type before each change.
public enum TicketPolicy {
    /// Something a caller wants to do, with the objects it touches.
    public enum Action: Sendable, Hashable {
        /// See a ticket, its comments and its history.
        case viewTicket(Ticket)
        /// Change title, description, priority or category.
        case editTicketContent(Ticket)
        /// Move a ticket to another status.
        case changeStatus(Ticket, to: TicketStatus)
        /// Set or clear the assignee.
        case assignTicket(Ticket)
        /// Set or clear `duplicate_of_id`.
        case markDuplicate(Ticket)
        /// Delete a ticket with its comments and history.
        case deleteTicket(Ticket)
        /// Comment on a ticket.
        case addComment(on: Ticket)
        /// See one comment.
        case viewComment(Comment, on: Ticket)
        /// Change a comment's text.
        case editComment(Comment, on: Ticket)
        /// Delete a comment.
        case deleteComment(Comment, on: Ticket)
        /// List the users.
        case listUsers
        /// See a user's profile.
        case viewUser(User)
        /// Change the name, email or password of a user.
        case editProfile(of: User)
        /// Give a user another role.
        case changeRole(of: User)
        /// Deactivate or reactivate a user.
        case changeActive(of: User)
        /// Create an account with a chosen role (`POST /auth/register/admin`).
        case registerWithRole
    }

    /// The outcome of a check.
    public enum Decision: Sendable, Hashable {
        /// The caller may do it.
        case allowed
        /// The caller may see the object but not do this (403).
        case forbidden
        /// The caller may not even see the object (404: never reveal existence).
        case hidden
    }

    /// Decides whether `actor` may perform `action`.
    /// - Parameters:
    ///   - action: What the caller wants to do, with the objects it touches.
    ///   - actor: The caller.
    /// - Returns: ``Decision/allowed``, ``Decision/forbidden``, or ``Decision/hidden`` when the
    ///   caller may not see the ticket at all.
    public static func decide(_ action: Action, by actor: User) -> Decision {
        let can = actor.permissions
        switch action {
        case .viewTicket(let ticket), .addComment(on: let ticket), .viewComment(_, on: let ticket):
            return self.canView(ticket, actor) ? .allowed : .hidden
        case .editTicketContent(let ticket):
            return self.ifVisible(ticket, actor, allow: ticket.createdByID == actor.id || can.canEditAll)
        case .changeStatus(let ticket, let target):
            let staff = can.canManageTickets || can.canEditAll
            let creatorMove = ticket.createdByID == actor.id && self.isCreatorMove(from: ticket.status, to: target)
            return self.ifVisible(ticket, actor, allow: staff || creatorMove)
        case .assignTicket(let ticket):
            return self.ifVisible(ticket, actor, allow: can.canAssignTickets)
        case .markDuplicate(let ticket):
            return self.ifVisible(ticket, actor, allow: can.canManageTickets || can.canEditAll)
        case .deleteTicket(let ticket):
            let ownIncoming = ticket.createdByID == actor.id && ticket.status == .incoming
            return self.ifVisible(ticket, actor, allow: can.canDeleteAll || ownIncoming)
        case .editComment(let comment, on: let ticket):
            return self.ifVisible(ticket, actor, allow: comment.authorID == actor.id || can.canEditAll)
        case .deleteComment(let comment, on: let ticket):
            return self.ifVisible(ticket, actor, allow: comment.authorID == actor.id || can.canDeleteAll)
        case .listUsers, .viewUser:
            return .allowed
        case .editProfile(of: let user):
            return user.id == actor.id || can.canManageUsers ? .allowed : .forbidden
        case .changeRole(of: let user):
            // Never one's own: an administrator cannot demote the last administrator by accident,
            // nor a stolen session undo its own demotion.
            return can.canManageUsers && user.id != actor.id ? .allowed : .forbidden
        case .registerWithRole:
            return can.canManageUsers ? .allowed : .forbidden
        case .changeActive(of: let user):
            return can.canManageUsers && user.id != actor.id ? .allowed : .forbidden
        }
    }

    /// Throws `notFound` for hidden objects and `forbidden` for denied actions.
    /// - Parameters:
    ///   - action: What the caller wants to do, with the objects it touches.
    ///   - actor: The caller.
    /// - Throws: ``TicketError/Kind/notFound`` when ``decide(_:by:)`` answers ``Decision/hidden`` ("Comment
    ///   not found" for viewing, editing or deleting a comment, else "Ticket not found");
    ///   ``TicketError/Kind/forbidden``, with a message naming the rule, when it answers ``Decision/forbidden``.
    public static func authorize(_ action: Action, by actor: User) throws(TicketError) {
        switch self.decide(action, by: actor) {
        case .allowed:
            return
        case .forbidden:
            throw TicketError.forbidden(self.deniedMessage(action, by: actor))
        case .hidden:
            switch action {
            case .viewComment, .editComment, .deleteComment: throw TicketError.notFound("Comment")
            default: throw TicketError.notFound("Ticket")
            }
        }
    }

    /// Whether `actor` may see `ticket` (``TicketVisibility``).
    /// - Parameters:
    ///   - ticket: The ticket.
    ///   - actor: The caller.
    /// - Returns: `true` when `actor` created it, is assigned to it, or may view every ticket.
    public static func canView(_ ticket: Ticket, _ actor: User) -> Bool {
        TicketVisibility(of: actor).includes(ticket)
    }

    /// Only active users whose role may manage tickets can be assigned one.
    /// - Parameters:
    ///   - user: The would-be assignee.
    /// - Returns: `true` when `user` is active and their role has `can_manage_tickets`.
    public static func canBeAssigned(_ user: User) -> Bool {
        user.isActive && user.permissions.canManageTickets
    }

    /// A creator may withdraw an unfinished ticket (to `closed`) or reopen a resolved one.
    /// - Parameters:
    ///   - current: The ticket's status now.
    ///   - target: The status asked for.
    /// - Returns: `true` for a move from an active status to `closed`, or from `resolved` to `open`.
    public static func isCreatorMove(from current: TicketStatus, to target: TicketStatus) -> Bool {
        switch (current, target) {
        case (.incoming, .closed), (.open, .closed), (.inProgress, .closed), (.onHold, .closed): true
        case (.resolved, .open): true
        default: false
        }
    }

    private static func ifVisible(_ ticket: Ticket, _ actor: User, allow: Bool) -> Decision {
        guard self.canView(ticket, actor) else { return .hidden }
        return allow ? .allowed : .forbidden
    }

    private static func deniedMessage(_ action: Action, by actor: User) -> String {
        switch action {
        case .editTicketContent: "Only the ticket's creator or an editor may change its title, description, priority or category"
        case .changeStatus(let ticket, let target):
            "You may not move this ticket from \(ticket.status.rawValue) to \(target.rawValue)"
        case .assignTicket: "Your role may not assign tickets"
        case .markDuplicate: "Your role may not mark tickets as duplicates"
        case .deleteTicket: "Only an admin, or the creator while the ticket is incoming, may delete it"
        case .editComment: "Only the comment's author or an editor may change it"
        case .deleteComment: "Only the comment's author or an admin may delete it"
        case .editProfile: "You may only change your own account"
        case .changeRole(of: let user) where user.id == actor.id: "You may not change your own role"
        case .changeRole, .registerWithRole: "Your role may not manage users"
        case .changeActive: "Your role may not (de)activate this user"
        case .viewTicket, .addComment, .viewComment, .listUsers, .viewUser: "You are not allowed to do this"
        }
    }
}
