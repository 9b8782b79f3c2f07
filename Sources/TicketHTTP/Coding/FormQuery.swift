import Foundation
import HummingbirdCore

extension URI {
    /// The query's parameters decoded as HTML forms and most HTTP clients encode them
    /// (`application/x-www-form-urlencoded`): in names and values alike, `+` is a space and
    /// `%XX` a byte. A part whose escapes are invalid, or do not make UTF-8, is kept as sent
    /// (with its `+` as spaces), for the parameter's own check to refuse. (Hummingbird's
    /// `queryParameters` leaves `+` and names as sent, so a client that writes
    /// `status=in+progress` would be refused.)
    var formParameters: FlatDictionary<Substring, Substring> {
        guard let query = self.query, !query.isEmpty else { return .init() }
        let pairs = query.split(separator: "&").map { pair -> (key: Substring, value: Substring) in
            guard let equals = pair.firstIndex(of: "=") else { return (key: Self.formDecoded(pair), value: "") }
            return (key: Self.formDecoded(pair[..<equals]), value: Self.formDecoded(pair[pair.index(after: equals)...]))
        }
        return .init(pairs)
    }

    private static func formDecoded(_ text: Substring) -> Substring {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return (spaced.removingPercentEncoding ?? spaced)[...]
    }
}
