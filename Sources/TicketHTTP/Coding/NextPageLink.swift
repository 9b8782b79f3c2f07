/// The request target of a list's next page, for its `Link` header.
///
/// Built from the query parameters as the server decoded them (`+` as a space), each name and value
/// percent-encoded anew (everything but RFC 3986's unreserved characters), so bytes a client
/// sent raw or mis-encoded (`%zz`, `"`, `|`, `é`) come back as the same decoded values when
/// the link is followed, and never break or re-interpret the header.
enum NextPageLink {
    /// `path?query` with every parameter of `query` but `cursor`, then `cursor`.
    static func target(path: String, query: some Sequence<(key: Substring, value: Substring)>, cursor: String) -> String {
        var parts: [String] = []
        // Names and values as decoded (``URI/formParameters``), encoded anew.
        for (name, value) in query where name != "cursor" {
            parts.append(Self.encode(String(name), keeping: Self.isUnreserved) + "=" + Self.encode(String(value), keeping: Self.isUnreserved))
        }
        parts.append("cursor=" + Self.encode(cursor, keeping: Self.isUnreserved))
        // A path starting with "//" would make the link a network-path reference (another host).
        let singleSlashPath = "/" + path.drop { $0 == "/" }
        return Self.encode(singleSlashPath, keeping: Self.isPathCharacter, keepingEscapes: true) + "?" + parts.joined(separator: "&")
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            true
        default: false
        }
    }

    /// RFC 3986's `pchar` and `/`: unreserved, sub-delims, `:` and `@`.
    private static func isPathCharacter(_ byte: UInt8) -> Bool {
        Self.isUnreserved(byte) || "/!$&'()*+,;=:@".utf8.contains(byte)
    }

    /// `text` with every UTF-8 byte that `keeping` rejects written as `%XX`; with
    /// `keepingEscapes`, a `%` that starts a valid `%XX` escape is kept (a path arrives encoded).
    private static func encode(_ text: String, keeping: (UInt8) -> Bool, keepingEscapes: Bool = false) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        let utf8 = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        for (index, byte) in utf8.enumerated() {
            let isEscape =
                keepingEscapes && byte == UInt8(ascii: "%") && index + 2 < utf8.count
                && utf8[index + 1].isHexDigit && utf8[index + 2].isHexDigit
            if keeping(byte) || isEscape {
                bytes.append(byte)
            } else {
                bytes.append(UInt8(ascii: "%"))
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 0x0F)])
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension UInt8 {
    fileprivate var isHexDigit: Bool {
        switch self {
        case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "a")...UInt8(ascii: "f"), UInt8(ascii: "A")...UInt8(ascii: "F"): true
        default: false
        }
    }
}
