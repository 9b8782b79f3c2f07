import Foundation

/// Where ticket-triage writes its plain text: standard output (or error) for people, a buffer
/// in tests. Every line goes through ``line(_:)``.
struct TriageOutput: Sendable {
    private let write: @Sendable (String) -> Void

    /// An output that hands each piece of text, newline included, to `write`.
    init(_ write: @escaping @Sendable (String) -> Void) {
        self.write = write
    }

    /// Writes `text` and a newline. Text from tickets is anyone's: a line break, carriage
    /// return, escape or other control or format character in it is written as a space, so it
    /// can neither fake another line of output nor drive the terminal.
    func line(_ text: String = "") {
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            scalars.append([.control, .format, .lineSeparator, .paragraphSeparator].contains(scalar.properties.generalCategory) ? " " : scalar)
        }
        self.write(String(scalars) + "\n")
    }

    /// The process's standard output.
    static let standardOutput = TriageOutput { text in FileHandle.standardOutput.write(Data(text.utf8)) }

    /// The process's standard error, for the one line that says why a command failed.
    static let standardError = TriageOutput { text in FileHandle.standardError.write(Data(text.utf8)) }
}
