import { backupCommand } from './backup.command';
import { checkpointCommand } from './checkpoint.command';
import { CliCommand } from './command';
import { exportCommand } from './export.command';
import { keygenCommand } from './keygen.command';
import { rebuildCommand } from './rebuild.command';
import { tokenCommand } from './token.command';
import { verifyCommand } from './verify.command';

/** Every command of `ledger`; a new one is a file under commands/ and a line here. */
export const COMMANDS: readonly CliCommand[] = [
  tokenCommand,
  rebuildCommand,
  verifyCommand,
  checkpointCommand,
  keygenCommand,
  exportCommand,
  backupCommand,
];
