import Foundation
import TicketCore

/// How tickets, people, times and history read in plain text.
enum TicketText {
    /// How long ago `start` was at `now`, in the largest whole unit: `42m`, `5h`, `3d`.
    static func age(from start: Date, to now: Date) -> String {
        let interval = now.timeIntervalSince(start)
        let seconds = interval.isFinite ? Int(min(max(interval, 0), 1e15)) : 0
        switch seconds {
        case ..<3_600: return "\(seconds / 60)m"
        case ..<86_400: return "\(seconds / 3_600)h"
        default: return "\(seconds / 86_400)d"
        }
    }

    /// A moment in UTC, such as `2025-03-04T09:15:00Z`.
    static func time(_ date: Date) -> String {
        date.formatted(.iso8601)
    }

    /// `Name <email>`.
    static func person(_ user: User) -> String {
        "\(user.name) <\(user.email)>"
    }

    /// `text` padded with spaces to `width` characters (longer text is left whole).
    static func padded(_ text: String, to width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }

    /// `text` cut to at most `width` characters, the cut marked with an ellipsis.
    static func clipped(_ text: String, to width: Int) -> String {
        text.count <= width ? text : String(text.prefix(max(width - 1, 0))) + "…"
    }

    /// How the kind of a field's change ends: `category_changed`.
    private static let changeSuffix = "_changed"

    /// What a history event says, after the name of who caused it.
    static func sentence(for event: TicketEvent) -> String {
        let from = event.from ?? "?"
        let to = event.to ?? "?"
        switch event.kind {
        case .created: return "created the ticket"
        case .titleChanged: return "changed the title from \"\(from)\" to \"\(to)\""
        case .descriptionChanged: return "changed the description"
        case .priorityChanged: return "changed the priority from \(from) to \(to)"
        case .statusChanged: return "moved it from \(from) to \(to)"
        case .assigned: return event.from == nil ? "assigned it to user \(to)" : "reassigned it from user \(from) to user \(to)"
        case .unassigned: return "removed the assignee (user \(from))"
        case .markedDuplicate: return "marked it a duplicate of ticket \(to)"
        case .commented: return "commented"
        case .commentEdited: return "edited comment \(to)"
        case .commentDeleted: return "deleted comment \(from)"
        default:
            // Any other field's change, so that a new ticket field needs no sentence of its own.
            let name = event.kind.rawValue
            guard name.hasSuffix(Self.changeSuffix) else { return name.replacingOccurrences(of: "_", with: " ") }
            let field = name.dropLast(Self.changeSuffix.count).replacingOccurrences(of: "_", with: " ")
            return "changed the \(field) from \(event.from ?? "none") to \(event.to ?? "none")"
        }
    }
}
