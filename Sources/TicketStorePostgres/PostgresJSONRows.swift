import Foundation
import PostgresNIO
import TicketCore

// Rows carried inside a JSON value, for statements that read several kinds of rows in one
// round trip (a round trip costs the server more than the reads it carries). Each row is a
// JSON array of the columns of its row type (``PostgresRows``), in the same order, with dates as
// milliseconds since 1970. Each builder below mirrors a column list of PostgresRows.swift; a
// column added there and not here fails the store conformance test of the ticket snapshot.

extension PostgresRows {
    /// ``ticketColumns`` of `alias` as one JSON array.
    static func ticketJSON(_ alias: String) -> String {
        """
        json_build_array(\(alias).id, \(alias).title, \(alias).description, \(alias).priority, \(alias).status, \(alias).created_by_id,
            \(alias).assigned_to_id, \(alias).duplicate_of_id, \(milliseconds("\(alias).created_at")), \(milliseconds("\(alias).updated_at")),
            \(alias).version, \(milliseconds("\(alias).resolved_at")), \(milliseconds("\(alias).closed_at")))
        """
    }

    /// ``commentColumns`` of `alias` as one JSON array.
    static func commentJSON(_ alias: String) -> String {
        """
        json_build_array(\(alias).id, \(alias).ticket_id, \(alias).user_id, \(alias).content, \(milliseconds("\(alias).created_at")),
            \(milliseconds("\(alias).updated_at")))
        """
    }

    /// ``userColumns`` of `u` (a user) and `r` (their role) as one JSON array, with an empty
    /// string where the password hash would be: nothing that reads a user this way needs it.
    static let userJSON = """
        json_build_array(u.id, u.name, u.email, u.active, \(milliseconds("u.created_at")), '', r.name, r.can_view_all, r.can_delete_all,
            r.can_edit_all, r.can_manage_users, r.can_manage_tickets, r.can_assign_tickets, u.session_generation)
        """

    /// A date column as milliseconds since 1970 (`NULL` stays `NULL`).
    private static func milliseconds(_ column: String) -> String {
        "(extract(epoch FROM \(column)) * 1000)::int8"
    }

    /// Reads the columns of one JSON row in order.
    struct JSONColumns {
        private var container: any UnkeyedDecodingContainer

        init(_ container: any UnkeyedDecodingContainer) {
            self.container = container
        }

        mutating func next<Value: Decodable>(_: Value.Type = Value.self) throws -> Value {
            try self.container.decode(Value.self)
        }

        mutating func nextIfPresent<Value: Decodable>(_: Value.Type = Value.self) throws -> Value? {
            try self.container.decode(Value?.self)
        }

        mutating func date() throws -> Date {
            Date(millisecondsSince1970: try self.next(Int64.self))
        }

        mutating func dateIfPresent() throws -> Date? {
            try self.nextIfPresent(Int64.self).map(Date.init(millisecondsSince1970:))
        }

        /// Each row of a nested JSON array of rows.
        mutating func rows<Row>(_ row: (inout JSONColumns) throws -> Row) throws -> [Row] {
            var rows = try self.container.nestedUnkeyedContainer()
            var result: [Row] = []
            while !rows.isAtEnd {
                var columns = JSONColumns(try rows.nestedUnkeyedContainer())
                result.append(try row(&columns))
            }
            return result
        }

        /// One nested JSON row.
        mutating func row<Row>(_ row: (inout JSONColumns) throws -> Row) throws -> Row {
            var columns = JSONColumns(try self.container.nestedUnkeyedContainer())
            return try row(&columns)
        }
    }

    static func ticketRow(_ columns: inout JSONColumns) throws -> TicketRow {
        (
            try columns.next(), try columns.next(), try columns.next(), try columns.next(), try columns.next(), try columns.next(),
            try columns.nextIfPresent(), try columns.nextIfPresent(), try columns.date(), try columns.dateIfPresent(), try columns.next(),
            try columns.dateIfPresent(), try columns.dateIfPresent()
        )
    }

    static func commentRow(_ columns: inout JSONColumns) throws -> CommentRow {
        (try columns.next(), try columns.next(), try columns.next(), try columns.next(), try columns.date(), try columns.dateIfPresent())
    }

    static func userRow(_ columns: inout JSONColumns) throws -> UserRow {
        (
            try columns.next(), try columns.next(), try columns.next(), try columns.next(), try columns.date(), try columns.next(),
            try columns.next(), try columns.next(), try columns.next(), try columns.next(), try columns.next(), try columns.next(),
            try columns.next(), try columns.next()
        )
    }
}
