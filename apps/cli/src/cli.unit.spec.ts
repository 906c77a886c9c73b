import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EXIT_OK, runCli } from './cli';
import { COMMANDS } from './commands';

/** Issue #15 point 8: every command answers `--help` without touching a ledger. */
describe('ledger <command> --help', () => {
  let root: string;
  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-cli-help-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  const run = async (argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const dataDir = path.join(root, 'never-created');
    const code = await runCli(argv, {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      env: { LEDGER_DATA_DIR: dataDir },
    });
    return { code, stdout, stderr, dataDirCreated: fs.existsSync(dataDir) };
  };

  it.each(COMMANDS.map((c) => [c.name, c] as const))(
    'given `ledger %s --help`, when run, then its usage and summary are printed, exit 0, no data directory',
    async (name, command) => {
      for (const argv of [
        [name, '--help'],
        [name, '-h'],
        ['help', name],
        [name, '--some-flag', '--help'],
      ]) {
        const r = await run(argv);
        expect(r).toEqual({
          code: EXIT_OK,
          stdout: `usage: ledger ${command.usage}\n\n${command.summary}\n`,
          stderr: '',
          dataDirCreated: false,
        });
      }
    },
  );

  it('given `ledger --help`, when run, then every command is listed', async () => {
    const r = await run(['--help']);
    expect(r.code).toBe(EXIT_OK);
    for (const command of COMMANDS) expect(r.stdout).toContain(`  ${command.name}`);
  });
});
