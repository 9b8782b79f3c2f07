import Testing
import TicketCore

@Suite("Tickets and comments")
struct TicketServiceTests {
    @Test func createValidatesAndStartsIncoming() async throws {
        let f = try await ServiceFixture()
        let details = try await f.service.createTicket(.init(title: "  VPN drops ", description: "Every ten minutes", priority: " HIGH "), by: f.ann)
        #expect(details.ticket.title == "VPN drops")
        #expect(details.ticket.priority == .high)
        #expect(details.ticket.status == .incoming)
        #expect(details.createdBy == f.ann)
        let errors = await fieldErrors {
            _ = try await f.service.createTicket(.init(title: String(repeating: "t", count: 201), description: nil, priority: "urgent"), by: f.ann)
        }
        #expect(errors["title"] == ["must be at most 200 characters"])
        #expect(errors["description"] == ["is required"])
        #expect(errors["priority"] == ["must be one of: low, medium, high, emergency"])
        #expect(await f.service.store.tickets(matching: TicketQuery()).totalCount == 1)
    }

    @Test func plainUsersSeeOnlyTheirOwnTickets() async throws {
        let f = try await ServiceFixture()
        let annTicket = try await f.ticket(by: f.ann)
        let bobTicket = try await f.ticket(by: f.bob)
        #expect(try await f.service.listTickets(.init(), by: f.ann).items.map(\.ticket.id) == [annTicket.id])
        #expect(await errorKind { _ = try await f.service.ticket(bobTicket.id, by: f.ann) } == .notFound)
        #expect(try await f.service.listTickets(.init(), by: f.tech).items.map(\.ticket.id) == [bobTicket.id, annTicket.id])
        #expect(await errorKind { _ = try await f.service.listTickets(.init(status: ["open,bogus"]), by: f.ann) } == .validation)
        #expect(await errorKind { _ = try await f.service.listTickets(.init(assignedToID: "someone"), by: f.ann) } == .validation)
    }

    @Test func creatorMayWithdrawAndReopenButNotWork() async throws {
        let f = try await ServiceFixture()
        let ticket = try await f.ticket(by: f.ann)
        #expect(
            await errorKind { _ = try await f.service.updateTicket(ticket.id, with: .init(status: "in progress"), expectedVersion: nil, by: f.ann) }
                == .forbidden)
        _ = try await f.service.updateTicket(ticket.id, with: .init(status: "resolved"), expectedVersion: nil, by: f.tech)
        let reopened = try await f.service.updateTicket(ticket.id, with: .init(status: "Open"), expectedVersion: nil, by: f.ann)
        #expect(reopened.ticket.status == .open)
        let withdrawn = try await f.service.updateTicket(ticket.id, with: .init(status: "closed"), expectedVersion: nil, by: f.ann)
        #expect(withdrawn.ticket.status == .closed)
        let history = try await f.service.history(of: ticket.id, page: PageInput(), by: f.ann).items
        #expect(history.map(\.event.kind) == [.created, .statusChanged, .statusChanged, .statusChanged])
        #expect(history.map(\.event.to) == [nil, "resolved", "open", "closed"])
        #expect(history[1].actor == f.tech)
    }

    @Test func oneForbiddenFieldRefusesTheWholeUpdate() async throws {
        let f = try await ServiceFixture()
        let ticket = try await f.ticket(by: f.ann)
        let kind = await errorKind {
            _ = try await f.service.updateTicket(
                ticket.id, with: .init(title: "New title", assignedToID: .some(f.tech.id)), expectedVersion: nil, by: f.ann)
        }
        #expect(kind == .forbidden)
        #expect(await f.service.store.ticket(id: ticket.id) == ticket)
        #expect(try await f.service.history(of: ticket.id, page: PageInput(), by: f.ann).totalCount == 1)
    }

    @Test func unchangedFieldsAreNotChanges() async throws {
        let f = try await ServiceFixture()
        let ticket = try await f.ticket(by: f.ann)
        let same = try await f.service.updateTicket(
            ticket.id, with: .init(title: ticket.title, description: ticket.description, priority: "high", status: "incoming", isReplacement: true),
            expectedVersion: nil, by: f.ann
        )
        #expect(same.ticket.version == 1)
        #expect(same.ticket.updatedAt == nil)
    }

    @Test func assigningNeedsAnActiveTicketManager() async throws {
        let f = try await ServiceFixture()
        let ticket = try await f.ticket(by: f.ann)
        #expect(
            await fieldErrors {
                _ = try await f.service.updateTicket(ticket.id, with: .init(assignedToID: .some(f.bob.id)), expectedVersion: nil, by: f.tech)
            }["assigned_to_id"] != nil)
        #expect(
            await fieldErrors {
                _ = try await f.service.updateTicket(ticket.id, with: .init(assignedToID: .some(User.ID(999))), expectedVersion: nil, by: f.tech)
            }["assigned_to_id"] != nil)
        let assigned = try await f.service.updateTicket(ticket.id, with: .init(assignedToID: .some(f.tech.id)), expectedVersion: nil, by: f.tech)
        #expect(assigned.assignedTo == f.tech)
        let unassigned = try await f.service.updateTicket(ticket.id, with: .init(assignedToID: .some(nil)), expectedVersion: nil, by: f.tech)
        #expect(unassigned.assignedTo == nil)
        let kinds = try await f.service.history(of: ticket.id, page: PageInput(), by: f.tech).items.map(\.event.kind)
        #expect(kinds == [.created, .assigned, .unassigned])
    }

    @Test func duplicatesCloseAndRefuseCycles() async throws {
        let f = try await ServiceFixture()
        let first = try await f.ticket(by: f.ann)
        let second = try await f.ticket(by: f.bob)
        let third = try await f.ticket(by: f.bob)
        let marked = try await f.service.updateTicket(second.id, with: .init(duplicateOfID: .some(first.id)), expectedVersion: nil, by: f.tech)
        #expect(marked.ticket.status == .closed)
        #expect(marked.ticket.duplicateOfID == first.id)
        _ = try await f.service.updateTicket(third.id, with: .init(duplicateOfID: .some(second.id)), expectedVersion: nil, by: f.tech)
        #expect(
            await fieldErrors {
                _ = try await f.service.updateTicket(first.id, with: .init(duplicateOfID: .some(third.id)), expectedVersion: nil, by: f.tech)
            }["duplicate_of_id"] != nil)
        #expect(
            await fieldErrors {
                _ = try await f.service.updateTicket(first.id, with: .init(duplicateOfID: .some(first.id)), expectedVersion: nil, by: f.tech)
            }["duplicate_of_id"] != nil)
        #expect(
            await errorKind {
                _ = try await f.service.updateTicket(first.id, with: .init(duplicateOfID: .some(second.id)), expectedVersion: nil, by: f.ann)
            } == .forbidden)
        let kinds = try await f.service.history(of: second.id, page: PageInput(), by: f.tech).items.map(\.event.kind)
        #expect(kinds == [.created, .markedDuplicate, .statusChanged])
    }

    @Test func staleIfMatchChangesNothing() async throws {
        let f = try await ServiceFixture()
        let ticket = try await f.ticket(by: f.ann)
        _ = try await f.service.updateTicket(ticket.id, with: .init(title: "v2"), expectedVersion: 1, by: f.ann)
        #expect(
            await errorKind { _ = try await f.service.updateTicket(ticket.id, with: .init(title: "v3"), expectedVersion: 1, by: f.ann) }
                == .staleVersion)
        #expect(await f.service.store.ticket(id: ticket.id)?.title == "v2")
    }

    @Test func deletionRules() async throws {
        let f = try await ServiceFixture()
        let incoming = try await f.ticket(by: f.ann)
        let opened = try await f.ticket(by: f.ann)
        _ = try await f.service.updateTicket(opened.id, with: .init(status: "open"), expectedVersion: nil, by: f.tech)
        #expect(await errorKind { try await f.service.deleteTicket(incoming.id, by: f.bob) } == .notFound)
        #expect(await errorKind { try await f.service.deleteTicket(opened.id, by: f.ann) } == .forbidden)
        #expect(await errorKind { try await f.service.deleteTicket(opened.id, by: f.tech) } == .forbidden)
        try await f.service.deleteTicket(incoming.id, by: f.ann)
        try await f.service.deleteTicket(opened.id, by: f.admin)
        #expect(await f.service.store.tickets(matching: TicketQuery()).totalCount == 0)
    }

    @Test func commentsFollowTicketVisibilityAndAuthorship() async throws {
        let f = try await ServiceFixture()
        let ticket = try await f.ticket(by: f.ann)
        #expect(await errorKind { _ = try await f.service.addComment(to: ticket.id, content: "Me too", by: f.bob) } == .notFound)
        #expect(
            await fieldErrors { _ = try await f.service.addComment(to: ticket.id, content: "   ", by: f.ann) }["content"] == ["must not be blank"])
        let mine = try await f.service.addComment(to: ticket.id, content: "More detail", by: f.ann)
        let techs = try await f.service.addComment(to: ticket.id, content: "Looking", by: f.tech)
        #expect(await errorKind { _ = try await f.service.updateComment(techs.comment.id, content: "Edited", by: f.ann) } == .forbidden)
        #expect(await errorKind { try await f.service.deleteComment(mine.comment.id, by: f.tech) } == .forbidden)
        #expect(await errorKind { _ = try await f.service.comment(mine.comment.id, by: f.bob) } == .notFound)
        #expect(try await f.service.updateComment(mine.comment.id, content: "Even more", by: f.ann).comment.content == "Even more")
        try await f.service.deleteComment(mine.comment.id, by: f.ann)
        let visible = try await f.service.listComments(ticketID: nil, page: PageInput(), by: f.ann)
        #expect(visible.items.map(\.comment.id) == [techs.comment.id])
        #expect(try await f.service.listComments(ticketID: nil, page: PageInput(), by: f.bob).items.isEmpty)
        #expect(await errorKind { _ = try await f.service.listComments(ticketID: ticket.id, page: PageInput(), by: f.bob) } == .notFound)
        let kinds = try await f.service.history(of: ticket.id, page: PageInput(), by: f.ann).items.map(\.event.kind)
        #expect(kinds == [.created, .commented, .commented, .commentEdited, .commentDeleted])
    }
}
