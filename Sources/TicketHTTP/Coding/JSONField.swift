import Foundation

/// One member of a request's JSON object, decoded strictly (`true` is never a number and `1`
/// never a string, so a field of the wrong JSON type can be reported by name) and never
/// descended into: the API reads top-level scalars only, so a nested array or object is just
/// `.container`. Decoding costs the same at any nesting depth a hostile body may hold.
enum JSONField: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int64)
    case number(Double)
    case string(String)
    /// An array or object, whose contents are not read.
    case container

    init(from decoder: any Decoder) throws {
        if (try? decoder.unkeyedContainer()) != nil || (try? decoder.container(keyedBy: AnyKey.self)) != nil {
            self = .container
            return
        }
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let bool = try? value.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? value.decode(Int64.self) {
            self = .integer(integer)
        } else if let number = try? value.decode(Double.self) {
            self = .number(number)
        } else {
            self = .string(try value.decode(String.self))
        }
    }

    /// Any key, for opening an object without reading it.
    private struct AnyKey: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
