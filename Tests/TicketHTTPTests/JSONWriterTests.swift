import Foundation
import Testing

@testable import TicketHTTP

/// The hand-written JSON against Foundation's parser: whatever the writer writes must parse
/// back to exactly what was given.
@Suite("JSON writer")
struct JSONWriterTests {
    @Test(arguments: [
        "", "plain", "quote \" and backslash \\ and slash /", "line\nbreak\rreturn\ttab\u{08}\u{0C}",
        String((0..<32).map { Character(Unicode.Scalar($0)!) }), "\u{7F} delete", "Grüße, 東京 🖨️ \u{2028}\u{2029}",
        "</script><script>alert(1)</script>", "'; DROP TABLE tickets; --",
    ])
    func stringsParseBackUnchanged(_ text: String) throws {
        var json = JSONWriter()
        json.object { json in
            json.key("text")
            json.string(text)
            json.key(text)
            json.int(1)
        }
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [String: Any])
        #expect(parsed["text"] as? String == text)
        #expect(parsed[text] as? Int == 1)
    }

    @Test func valuesAndNestingAreValidJSON() throws {
        var json = JSONWriter()
        json.array([1, 2, 3]) { json, number in
            json.object { json in
                json.key("n")
                json.int(number)
                json.key("none")
                json.null()
                json.key("flag")
                json.bool(number.isMultiple(of: 2))
                json.key("score")
                json.double(Double(number) / 3)
                json.key("tiny")
                json.double(1e-7)
                json.key("nested")
                json.array(["a", "b"]) { json, letter in json.string(letter) }
                json.key("empty")
                json.object { _ in }
            }
        }
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(json.bytes)) as? [[String: Any]])
        #expect(parsed.count == 3)
        #expect(parsed[1]["n"] as? Int == 2)
        #expect(parsed[1]["none"] is NSNull)
        #expect(parsed[1]["flag"] as? Bool == true)
        #expect(abs((parsed[2]["score"] as? Double ?? 0) - 1) < 1e-12)
        #expect(parsed[0]["tiny"] as? Double == 1e-7)
        #expect(parsed[0]["nested"] as? [String] == ["a", "b"])
        #expect((parsed[0]["empty"] as? [String: Any])?.isEmpty == true)
    }
}
