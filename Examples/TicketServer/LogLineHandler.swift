import Foundation
import Logging
import Synchronization
import TicketHTTP

/// The server's log: one line per event on standard error, laid out as swift-log's
/// `StreamLogHandler` lays it out (`<time> <level> <label>: <metadata> [<source>] <message>`),
/// the time as the API writes it (``APIJSON/timestamp(_:)``, UTC with milliseconds) and the
/// lines written in batches (``LogOutput``). `StreamLogHandler` formats the time through the C
/// library, then locks and flushes the stream for every line: with a line per request, that
/// was about a tenth of what a small request costs (Benchmarks/RESULTS.md).
struct LogLineHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    let label: String
    let output: LogOutput

    /// A handler for standard error.
    static func standardError(label: String) -> LogLineHandler {
        LogLineHandler(label: label, output: .standardError)
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { self.metadata[key] }
        set { self.metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        var metadata = self.metadata
        if let explicit = event.metadata, !explicit.isEmpty {
            metadata.merge(explicit) { _, explicit in explicit }
        }
        if let error = event.error {
            metadata["error.message"] = "\(error)"
            metadata["error.type"] = .string(String(reflecting: type(of: error)))
        }
        var line = APIJSON.timestamp(Date())
        line += " \(event.level) \(self.label):"
        for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
            line += " \(key)=\(value)"
        }
        line += " [\(event.source)] \(event.message)"
        self.output.append(Self.oneLine(line) + "\n", urgent: event.level >= .warning)
    }

    /// `text` with control characters and line separators written as `\u{…}` escapes, so that
    /// nothing a client sends can start a line of its own in the log.
    static func oneLine(_ text: String) -> String {
        func breaks(_ scalar: Unicode.Scalar) -> Bool {
            scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value) || scalar.value == 0x2028 || scalar.value == 0x2029
        }
        guard text.unicodeScalars.contains(where: breaks) else { return text }
        var escaped = ""
        for scalar in text.unicodeScalars {
            if breaks(scalar) {
                escaped += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                escaped.unicodeScalars.append(scalar)
            }
        }
        return escaped
    }
}

/// Where log lines go, in batches: a line below `warning` waits in memory for at most a
/// tenth of a second (or until 64 KB are waiting); a `warning` or worse is written at once,
/// with everything before it; ``flush()`` writes what waits (the server calls it before it
/// exits). One `write` per request was most of what the log cost.
final class LogOutput: Sendable {
    static let standardError = LogOutput(fileDescriptor: STDERR_FILENO)

    private let fileDescriptor: Int32
    private let pending = Mutex<[UInt8]>([])

    private init(fileDescriptor: Int32) {
        self.fileDescriptor = fileDescriptor
        Thread.detachNewThread { [self] in
            while true {
                usleep(100_000)
                self.flush()
            }
        }
    }

    /// Adds a line; writes the batch when `urgent` or when it is large.
    func append(_ line: String, urgent: Bool) {
        self.pending.withLock { buffer in
            buffer.append(contentsOf: line.utf8)
            if urgent || buffer.count >= 65_536 {
                self.write(&buffer)
            }
        }
    }

    /// Writes every waiting line.
    func flush() {
        self.pending.withLock { buffer in
            if !buffer.isEmpty { self.write(&buffer) }
        }
    }

    /// Writes `buffer` whole (under the lock, so batches keep their order), retrying after
    /// partial writes and interruptions, and empties it; what cannot be written is dropped
    /// (logging must never stop the server).
    private func write(_ buffer: inout [UInt8]) {
        buffer.withUnsafeBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let written = Foundation.write(self.fileDescriptor, bytes.baseAddress.map { $0 + offset }, bytes.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    return
                }
            }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
