import ArgumentParser

/// The options every subcommand takes: which database, and who is acting.
struct TriageOptions: ParsableArguments {
    /// The environment variable that holds the acting account's password (never an option: it
    /// would show in the process list and the shell's history).
    static let passwordVariable = "TICKETS_TRIAGE_PASSWORD"

    @Option(help: "The SQLite database file of ticket-server (it must exist already).")
    var database: String

    @Option(
        name: .customLong("as"),
        help: ArgumentHelp(
            "The email of the account to act as; its password is read from \(TriageOptions.passwordVariable).",
            valueName: "email"
        )
    )
    var actingEmail: String
}
