import Foundation
import HTTPTypes
import Hummingbird
import TicketCore

/// Writes the API's JSON straight into bytes, keys in the order the bodies give them
/// (the order of docs/api.md).
///
/// Foundation's `JSONEncoder` took over 40% of the CPU time of a page of 50 tickets (a
/// container and a boxed value per field, sorted keys, a date closure); this writer does the
/// same work in a single pass. ``JSONWriterTests`` checks its strings against `JSONSerialization`.
struct JSONWriter {
    private(set) var bytes: [UInt8] = []
    /// Whether the next value or key needs a comma before it.
    private var afterValue = false

    init(capacity: Int = 1024) {
        self.bytes.reserveCapacity(capacity)
    }

    /// `{ ... }` around what `body` writes.
    mutating func object(_ body: (inout JSONWriter) -> Void) {
        self.beginValue()
        self.bytes.append(UInt8(ascii: "{"))
        self.afterValue = false
        body(&self)
        self.bytes.append(UInt8(ascii: "}"))
        self.afterValue = true
    }

    /// `[ ... ]` of `items`, each written by `item`.
    mutating func array<Item>(_ items: some Sequence<Item>, _ item: (inout JSONWriter, Item) -> Void) {
        _ = self.array(items, stoppingPast: .max, item)
    }

    /// `[ ... ]` of the first of `items`, each written by `item`: no more once the output has
    /// passed `maximumBytes` (the first is always written). Returns how many were written.
    mutating func array<Item>(_ items: some Sequence<Item>, stoppingPast maximumBytes: Int, _ item: (inout JSONWriter, Item) -> Void) -> Int {
        self.beginValue()
        self.bytes.append(UInt8(ascii: "["))
        self.afterValue = false
        var written = 0
        for element in items {
            if written > 0, self.bytes.count >= maximumBytes { break }
            item(&self, element)
            written += 1
        }
        self.bytes.append(UInt8(ascii: "]"))
        self.afterValue = true
        return written
    }

    /// An array of bodies.
    mutating func array(_ items: some Sequence<some JSONWritable>) {
        self.array(items) { json, item in item.write(to: &json) }
    }

    /// `"name":`; the value written next belongs to it. Names are plain ASCII literals.
    mutating func key(_ name: StaticString) {
        self.beginValue()
        self.bytes.append(UInt8(ascii: "\""))
        name.withUTF8Buffer { self.bytes.append(contentsOf: $0) }
        self.bytes.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        self.afterValue = false
    }

    /// `"name":` for a name known only at run time (escaped like any string).
    mutating func key(_ name: String) {
        self.string(name)
        self.bytes.append(UInt8(ascii: ":"))
        self.afterValue = false
    }

    mutating func string(_ value: String) {
        self.beginValue()
        self.bytes.append(UInt8(ascii: "\""))
        var value = value
        value.withUTF8 { utf8 in
            var start = 0
            for (index, byte) in utf8.enumerated() where byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") {
                self.bytes.append(contentsOf: utf8[start..<index])
                self.appendEscaped(byte)
                start = index + 1
            }
            self.bytes.append(contentsOf: utf8[start...])
        }
        self.bytes.append(UInt8(ascii: "\""))
        self.afterValue = true
    }

    mutating func string(_ value: String?) {
        if let value { self.string(value) } else { self.null() }
    }

    mutating func int(_ value: some BinaryInteger) {
        self.beginValue()
        self.bytes.append(contentsOf: String(value).utf8)
        self.afterValue = true
    }

    mutating func id<Entity>(_ value: Identifier<Entity>?) {
        if let value { self.int(value.rawValue) } else { self.null() }
    }

    /// A finite number (scores); anything else is written as 0, which JSON can carry.
    mutating func double(_ value: Double) {
        self.beginValue()
        self.bytes.append(contentsOf: (value.isFinite ? value.description : "0").utf8)
        self.afterValue = true
    }

    mutating func bool(_ value: Bool) {
        self.beginValue()
        self.bytes.append(contentsOf: (value ? "true" : "false").utf8)
        self.afterValue = true
    }

    /// A timestamp in the API's format (``APIJSON/timestamp(_:)``), or `null`.
    mutating func date(_ value: Date?) {
        if let value { self.string(APIJSON.timestamp(value)) } else { self.null() }
    }

    mutating func null() {
        self.beginValue()
        self.bytes.append(contentsOf: "null".utf8)
        self.afterValue = true
    }

    private mutating func beginValue() {
        if self.afterValue { self.bytes.append(UInt8(ascii: ",")) }
    }

    private mutating func appendEscaped(_ byte: UInt8) {
        self.bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): self.bytes.append(byte)
        case 0x0A: self.bytes.append(UInt8(ascii: "n"))
        case 0x0D: self.bytes.append(UInt8(ascii: "r"))
        case 0x09: self.bytes.append(UInt8(ascii: "t"))
        case 0x08: self.bytes.append(UInt8(ascii: "b"))
        case 0x0C: self.bytes.append(UInt8(ascii: "f"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            self.bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]])
        }
    }
}

/// A value that writes itself as JSON.
protocol JSONWritable {
    func write(to json: inout JSONWriter)
}

/// A response body of the API: a JSON value sent with status 200 (wrap it in
/// `EditedResponse` for another status or extra headers).
protocol JSONResponseBody: JSONWritable, ResponseGenerator, Sendable {}

extension JSONResponseBody {
    func response(from request: Request, context: some RequestContext) throws -> Response {
        var json = JSONWriter()
        self.write(to: &json)
        return Response.json(json)
    }
}

extension Response {
    /// A 200 (or `status`) response carrying what `json` wrote.
    static func json(
        _ json: JSONWriter, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:], contentType: String = "application/json; charset=utf-8"
    ) -> Response {
        var headers = headers
        headers[.contentType] = contentType
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: json.bytes)))
    }
}
