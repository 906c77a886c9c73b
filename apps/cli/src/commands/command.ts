/** Where a command writes, and the environment it reads its configuration from. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  /** stderr is a terminal: progress is drawn as a bar, else written as plain lines. */
  stderrIsTTY?: boolean;
}

/** One `ledger <name> …` command; each lives in its own file under commands/. */
export interface CliCommand {
  name: string;
  summary: string;
  /** Usage lines, shown on a usage error and by `help`. */
  usage: string;
  /** Returns the exit code. Throws UsageError for bad arguments (exit 2). */
  run(args: string[], io: CliIo): Promise<number>;
}

/** Exit code of a refusal: bad arguments, or an operator not allowed to do this. */
export const EXIT_REFUSED = 2;

/** Bad command-line arguments: the router prints the message and the usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * The command cannot do its work (no ledger there, an unreadable key or
 * checkpoint file): the router prints the message, exit 1, no stack trace.
 */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}
