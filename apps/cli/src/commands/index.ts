import { CliCommand } from './command';
import { rebuildCommand } from './rebuild.command';
import { tokenCommand } from './token.command';

/** Every command of `ledger`; a new one is a file under commands/ and a line here. */
export const COMMANDS: readonly CliCommand[] = [tokenCommand, rebuildCommand];
