import Foundation

/// Where ticket-triage writes its plain text: standard output (or error) for people, a buffer
/// in tests. Every line goes through ``line(_:)``.
struct TriageOutput: Sendable {
    private let write: @Sendable (String) -> Void

    /// An output that hands each piece of text, newline included, to `write`.
    init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Writes `text` and a newline.
    func line(_ text: String = "") {
        self.write(text + "\n")
    }

    /// The process's standard output.
    static let standardOutput = TriageOutput { text in FileHandle.standardOutput.write(Data(text.utf8)) }

    /// The process's standard error, for the one line that says why a command failed.
    static let standardError = TriageOutput { text in FileHandle.standardError.write(Data(text.utf8)) }
}
