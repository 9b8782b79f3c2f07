import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdCore
import TicketCore

extension TicketRequestContext {
    /// The numeric `{id}` path parameter; anything else names no object (404).
    func pathID<Entity>(_ name: String = "id", of _: Entity.Type = Entity.self) throws(TicketError) -> Identifier<Entity> {
        guard let value = self.parameters.get(name, as: Int64.self), value > 0 else {
            throw TicketError.notFound(String(describing: Entity.self))
        }
        return Identifier(value)
    }
}

extension FlatDictionary<Substring, Substring> {
    /// The `limit` and `cursor` parameters of a parsed query.
    var pageInput: PageInput {
        PageInput(limit: self.get("limit"), cursor: self.get("cursor"))
    }
}

extension Request {
    /// The `limit` and `cursor` query parameters.
    var pageInput: PageInput { self.uri.formParameters.pageInput }

    /// The version named by `If-Match: "3"`; `*` names none (any version); a value no version
    /// can match (an empty one included) is a 412.
    func ifMatchVersion() throws(TicketError) -> Int? {
        guard let header = self.headers[.ifMatch] else { return nil }
        let tag = header.trimmingCharacters(in: .whitespaces)
        if tag == "*" { return nil }
        guard tag.hasPrefix("\""), tag.hasSuffix("\""), tag.count >= 3, let version = Int(tag.dropFirst().dropLast()) else {
            throw TicketError.unmatchableVersion
        }
        return version
    }
}

extension Ticket {
    /// The strong entity tag of this version: `"3"`.
    var entityTag: String { "\"\(self.version)\"" }
}
