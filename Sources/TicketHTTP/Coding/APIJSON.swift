public import Foundation

/// The API's JSON conventions in one place.
public enum APIJSON {
    /// RFC 3339 UTC with milliseconds: `2026-11-25T12:17:24.123Z`.
    public static func timestamp(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true, timeZone: .gmt))
    }

    /// The response encoder: sorted keys (stable output) and ``timestamp(_:)`` dates.
    public static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Self.timestamp(date))
        }
        return encoder
    }
}
