import ArgumentParser
import Foundation
import TicketCore
import TicketHTTP

/// A subcommand that works on an open database as a signed-in account: its ``perform(in:output:)``
/// is what it does; ``TriageRunner`` opens, signs in, reports failures and closes.
protocol TriageCommand: AsyncParsableCommand {
    /// `--database` and `--as`.
    var global: TriageOptions { get }

    /// Does the work through `session.service`, writing what it shows to `output`. Throws a
    /// ``TicketError`` (or a ``TriageFailure``) when the work cannot be done.
    func perform(in session: TriageSession, output: TriageOutput) async throws
}

extension TriageCommand {
    /// Every subcommand runs through ``TriageRunner/main(_:)``.
    func run() async throws {
        try await TriageRunner.main(self)
    }
}

/// Runs a ``TriageCommand``: the process's entry (``main(_:)``) and the in-process one tests use
/// (``execute(_:password:passwords:output:errors:)``).
enum TriageRunner {
    /// What `run()` of every subcommand calls: the password from the environment, bcrypt,
    /// standard output; a failure is one line on standard error and exit status 1.
    static func main(_ command: any TriageCommand) async throws {
        let status = await self.execute(
            command,
            password: ProcessInfo.processInfo.environment[TriageOptions.passwordVariable],
            passwords: BcryptPasswordHasher(),
            output: .standardOutput,
            errors: .standardError
        )
        if status != 0 {
            throw ExitCode(status)
        }
    }

    /// Runs `command` and returns its exit status: 0, or 1 after writing one line saying why
    /// to `errors`. Never traps on an expected failure.
    static func execute(
        _ command: any TriageCommand,
        password: String?,
        passwords: any PasswordHasher,
        output: TriageOutput,
        errors: TriageOutput
    ) async -> Int32 {
        do {
            try await TriageSession.with(command.global, password: password, passwords: passwords) { session in
                try await command.perform(in: session, output: output)
            }
            return 0
        } catch {
            errors.line(TriageFailure.line(for: error))
            return 1
        }
    }
}
