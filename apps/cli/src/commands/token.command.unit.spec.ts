import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { verifyActorToken } from '../../../api/src/platform/auth/actor-token';
import { loadLedgerConfig } from '../../../api/src/platform/config/ledger-config';
import { runCli } from '../cli';
import { UsageError } from './command';
import { mintToken, parseLifetime, parseTokenArgs, tokenCommand } from './token.command';

const SECRET = 's'.repeat(64);

describe('token command', () => {
  it('parses its arguments', () => {
    expect(
      parseTokenArgs([
        '--sub',
        'anna',
        '--role',
        'applicant',
        '--enterprise-id',
        'E1',
        '--expires-in',
        '1h',
      ]),
    ).toEqual({
      sub: 'anna',
      role: 'applicant',
      enterpriseId: 'E1',
      schoolId: undefined,
      expiresIn: '1h',
      link: false,
      baseUrl: undefined,
    });
    expect(parseTokenArgs(['--sub', 'rita', '--role', 'reviewer']).expiresIn).toBe('12h');
  });

  it.each([
    [['--role', 'reviewer'], /--sub is required/],
    [['--sub', 'x', '--role', 'mayor'], /--role must be one of applicant, reviewer/],
    [['--sub', 'x', '--role', 'applicant'], /needs --enterprise-id or --school-id/],
    [['--sub', 'x', '--role', 'reviewer', '--enterprise-id', 'E1'], /applicant role only/],
    [['--sub', 'x', '--role', 'reviewer', '--colour', 'red'], /Unknown option '--colour'/],
    [['--sub', 'x', '--role', 'reviewer', 'extra'], /positional/],
  ])('refuses %j', (args, message) => {
    expect(() => parseTokenArgs(args)).toThrow(UsageError);
    expect(() => parseTokenArgs(args)).toThrow(message);
  });

  it.each([
    ['12h', 43200],
    ['30m', 1800],
    ['7d', 604800],
    ['90s', 90],
    ['3600', 3600],
  ])('reads the lifetime %s as %i seconds', (text, seconds) => {
    expect(parseLifetime(text)).toBe(seconds);
  });

  it.each(['0', '367d', '1w', '-1h', ''])('refuses the lifetime %j', (text) => {
    expect(() => parseLifetime(text)).toThrow(UsageError);
  });

  describe('lifetime bounded by LEDGER_JWT_MAX_TTL (issue #12, point 10)', () => {
    const payloadOf = (token: string) =>
      JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString()) as {
        iat: number;
        exp: number;
      };

    it('mints 12h by default, and every token carries exp', () => {
      const token = mintToken(
        {
          sub: 'rita',
          role: 'reviewer',
          expiresIn: parseTokenArgs(['--sub', 'r', '--role', 'reviewer']).expiresIn,
        },
        { jwtSecret: SECRET, jwtMaxTtlSeconds: 12 * 3600 },
      );
      const { iat, exp } = payloadOf(token);
      expect(exp - iat).toBe(12 * 3600);
    });

    it.each(['13h', '2d', '43201'])(
      'refuses --expires-in %s above the 12h maximum, naming it',
      (expiresIn) => {
        expect(() =>
          mintToken(
            { sub: 'rita', role: 'reviewer', expiresIn },
            { jwtSecret: SECRET, jwtMaxTtlSeconds: 12 * 3600 },
          ),
        ).toThrow(/at most 12h \(LEDGER_JWT_MAX_TTL\)/);
      },
    );

    it('follows a LEDGER_JWT_MAX_TTL of the data directory in both directions', async () => {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-cli-'));
      try {
        const run = async (env: Record<string, string>, expiresIn: string) => {
          const out = { stdout: '', stderr: '' };
          const code = await runCli(
            ['token', '--sub', 'f', '--role', 'finance', '--expires-in', expiresIn],
            {
              stdout: (text: string) => void (out.stdout += text),
              stderr: (text: string) => void (out.stderr += text),
              env: { LEDGER_DATA_DIR: dir, ...env },
            },
          );
          return { code, ...out };
        };
        expect((await run({ LEDGER_JWT_MAX_TTL: '1d' }, '20h')).code).toBe(0);
        const refused = await run({ LEDGER_JWT_MAX_TTL: '1h' }, '2h');
        expect(refused.code).toBe(2);
        expect(refused.stderr).toContain('LEDGER_JWT_MAX_TTL');
        expect(refused.stdout).toBe('');
      } finally {
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });
  });

  it('mints a token the API accepts, with the asked lifetime', async () => {
    const before = Math.floor(Date.now() / 1000);
    const token = mintToken(
      { sub: 'anna', role: 'applicant', enterpriseId: 'E1', expiresIn: '2h' },
      { jwtSecret: SECRET, jwtMaxTtlSeconds: 12 * 3600 },
    );
    const [header, payload] = token
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(payload.exp - payload.iat).toBe(7200);
    expect(payload.iat).toBeGreaterThanOrEqual(before);
    await expect(verifyActorToken(token, SECRET)).resolves.toEqual({
      actorId: 'anna',
      role: 'applicant',
      enterpriseId: 'E1',
    });
    await expect(verifyActorToken(token, 'another-secret')).rejects.toThrow('Invalid token');
  });

  describe('run, on a data directory', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledger-test-cli-'));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const io = (env: Record<string, string>) => {
      const out = { stdout: '', stderr: '' };
      return {
        out,
        io: {
          stdout: (text: string) => void (out.stdout += text),
          stderr: (text: string) => void (out.stderr += text),
          env,
        },
      };
    };

    it('prints one token signed with the secret the API will read from that directory', async () => {
      const { out, io: cliIo } = io({ LEDGER_DATA_DIR: dir });
      expect(await tokenCommand.run(['--sub', 'rita', '--role', 'reviewer'], cliIo)).toBe(0);
      expect(out.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
      const apiConfig = loadLedgerConfig({ LEDGER_DATA_DIR: dir });
      await expect(verifyActorToken(out.stdout.trim(), apiConfig.jwtSecret)).resolves.toEqual({
        actorId: 'rita',
        role: 'reviewer',
      });
    });

    it('routes through runCli; unknown commands and bad options exit 2 with usage on stderr', async () => {
      const ok = io({ LEDGER_DATA_DIR: dir });
      expect(await runCli(['token', '--sub', 'f', '--role', 'finance'], ok.io)).toBe(0);
      expect(ok.out.stdout.split('.')).toHaveLength(3);

      const unknown = io({ LEDGER_DATA_DIR: dir });
      expect(await runCli(['mint'], unknown.io)).toBe(2);
      expect(unknown.out.stdout).toBe('');
      expect(unknown.out.stderr).toContain('unknown command: mint');
      expect(unknown.out.stderr).toContain('usage: ledger <command>');
      expect(unknown.out.stderr).toContain('token');

      const none = io({ LEDGER_DATA_DIR: dir });
      expect(await runCli([], none.io)).toBe(2);

      const bad = io({ LEDGER_DATA_DIR: dir });
      expect(await runCli(['token', '--role', 'finance'], bad.io)).toBe(2);
      expect(bad.out.stderr).toContain('token: --sub is required');
      expect(bad.out.stderr).toContain('usage: ledger token --sub ID');

      const help = io({});
      expect(await runCli(['help'], help.io)).toBe(0);
      expect(help.out.stdout).toContain('token');
    });

    it('with --link, prints a console sign-in link on PORT carrying a token the API accepts', async () => {
      const { out, io: cliIo } = io({ LEDGER_DATA_DIR: dir, PORT: '8080' });
      expect(
        await tokenCommand.run(['--sub', 'alice', '--role', 'reviewer', '--link'], cliIo),
      ).toBe(0);
      const match = /^http:\/\/localhost:8080\/console\/#token=([\w-]+\.[\w-]+\.[\w-]+)\n$/.exec(
        out.stdout,
      );
      expect(match).not.toBeNull();
      const apiConfig = loadLedgerConfig({ LEDGER_DATA_DIR: dir });
      await expect(verifyActorToken(match![1], apiConfig.jwtSecret)).resolves.toEqual({
        actorId: 'alice',
        role: 'reviewer',
      });
    });

    it('with --link and no PORT, links to localhost:3000; --base-url names another origin', async () => {
      const plain = io({ LEDGER_DATA_DIR: dir });
      await tokenCommand.run(['--sub', 'a', '--role', 'auditor', '--link'], plain.io);
      expect(plain.out.stdout).toMatch(/^http:\/\/localhost:3000\/console\/#token=[\w.-]+\n$/);

      const behindProxy = io({ LEDGER_DATA_DIR: dir });
      const args = ['--sub', 'a', '--role', 'auditor', '--base-url', 'https://ledger.dt.gov.cn/'];
      await tokenCommand.run(args, behindProxy.io);
      expect(behindProxy.out.stdout).toMatch(
        /^https:\/\/ledger\.dt\.gov\.cn\/console\/#token=[\w.-]+\n$/,
      );
      expect(() => parseTokenArgs([...args.slice(0, 4), '--base-url', 'ftp://x'])).toThrow(
        /--base-url must be an http\(s\) URL/,
      );
    });

    it('exits 1 with the message on a bad configuration', async () => {
      const { out, io: cliIo } = io({ LEDGER_DATA_DIR: dir, LOG_LEVEL: 'loud' });
      expect(await runCli(['token', '--sub', 'f', '--role', 'finance'], cliIo)).toBe(1);
      expect(out.stderr).toContain('configuration error: LOG_LEVEL');
    });
  });
});
