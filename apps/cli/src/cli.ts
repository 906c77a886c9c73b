import { LedgerConfigError } from '../../api/src/platform/config/ledger-config';
import { CliCommand, CliIo, CommandError, UsageError } from './commands/command';
import { COMMANDS } from './commands';

export const EXIT_OK = 0;
export const EXIT_FAILURE = 1;
export const EXIT_USAGE = 2;

export function usage(commands: readonly CliCommand[]): string {
  const lines = commands.map((c) => `  ${c.name.padEnd(11)} ${c.summary}`);
  return `usage: ledger <command> [options]\n\ncommands:\n${lines.join('\n')}\n  help        this text\n`;
}

export function commandHelp(command: CliCommand): string {
  return `usage: ledger ${command.usage}\n\n${command.summary}\n`;
}

/** Routes `argv` (without node and the script) to a command; returns the exit code. */
export async function runCli(
  argv: string[],
  io: CliIo,
  commands: readonly CliCommand[] = COMMANDS,
): Promise<number> {
  const [name, ...args] = argv;
  const isHelp = (arg: string | undefined) => arg === 'help' || arg === '--help' || arg === '-h';
  if (isHelp(name)) {
    const about = commands.find((c) => c.name === args[0]);
    io.stdout(about ? commandHelp(about) : usage(commands));
    return EXIT_OK;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`${name === undefined ? 'no command given' : `unknown command: ${name}`}\n`);
    io.stderr(usage(commands));
    return EXIT_USAGE;
  }
  // Before the command runs: help must not open (or create) a data directory.
  if (args.some((arg) => arg === '--help' || arg === '-h')) {
    io.stdout(commandHelp(command));
    return EXIT_OK;
  }
  try {
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${command.name}: ${error.message}\nusage: ledger ${command.usage}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof CommandError) {
      io.stderr(`${command.name}: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof LedgerConfigError) {
      io.stderr(`configuration error: ${error.message}\n`);
      return EXIT_FAILURE;
    }
    throw error;
  }
}
