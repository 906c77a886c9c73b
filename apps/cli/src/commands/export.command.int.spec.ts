import * as fs from 'node:fs';
import * as path from 'node:path';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import { addSeatHistory, captureIo, tempDir } from '../../../../libs/audit/test-support/ledger-dir';
import { personIdAt, personKeyOf } from '../../../../libs/audit/test-support/seat-history';
import { JwtService } from '@nestjs/jwt';
import { signActorToken } from '../../../api/src/platform/auth/actor-token';
import { loadLedgerConfig } from '../../../api/src/platform/config/ledger-config';
import { runCli } from '../cli';

jest.setTimeout(60_000);

let dataDir: string;
let outRoot: string;

beforeAll(async () => {
  dataDir = tempDir('export');
  outRoot = tempDir('export-out');
  await addSeatHistory(dataDir, 0, 3, { claimsPerApplication: 4 });
});
afterAll(() => {
  fs.rmSync(dataDir, { recursive: true, force: true });
  fs.rmSync(outRoot, { recursive: true, force: true });
});

async function exportTo(name: string, ...args: string[]) {
  return exportWithEnv(name, {}, ...args);
}

async function exportWithEnv(name: string, env: Record<string, string>, ...args: string[]) {
  const out = path.join(outRoot, name);
  const cli = captureIo({ LEDGER_DATA_DIR: dataDir, ...env });
  const code = await runCli(['export', '--quiet', '--out', out, ...args], cli.io);
  return { code, out, stdout: cli.out.stdout, stderr: cli.out.stderr };
}

const jsonl = (file: string) =>
  fs
    .readFileSync(file, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));

describe('ledger export', () => {
  it('given a history, when March 2023 is exported, then events, enterprise and person statements are written in both formats, masked', async () => {
    const { code, out } = await exportTo('march', '--from', '2023-03-01', '--to', '2023-03-31');
    expect(code).toBe(0);
    expect(fs.readdirSync(out).sort()).toEqual([
      'enterprise-statements.csv',
      'enterprise-statements.jsonl',
      'events.csv',
      'events.jsonl',
      'export-manifest.json',
      'person-cap-statements.csv',
      'person-cap-statements.jsonl',
    ]);
    const everything = fs
      .readdirSync(out)
      .map((f) => fs.readFileSync(path.join(out, f), 'utf8'))
      .join('\n');
    for (let p = 0; p < 12; p++) expect(everything).not.toContain(personIdAt(p));

    const events = jsonl(path.join(out, 'events.jsonl'));
    expect(events.length).toBeGreaterThan(50);
    expect(
      events.every((e) => e.businessDate >= '2023-03-01' && e.businessDate <= '2023-03-31'),
    ).toBe(true);
    expect(events[0]).toMatchObject({
      position: expect.any(Number),
      stream: expect.any(String),
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
    });
    const csvLines = fs.readFileSync(path.join(out, 'events.csv'), 'utf8').trim().split('\r\n');
    expect(csvLines[0]).toBe(
      'position,stream,revision,type,schemaVersion,businessDate,recordedAt,actor,role,policyVersion,hash,prevHash,data',
    );
    expect(csvLines).toHaveLength(events.length + 1);

    // The statements agree with the read models the API answers from.
    const store = SqliteEventStore.open({ dataDir });
    const readModels = new SqliteReadModels(store.database);
    try {
      for (const s of jsonl(path.join(out, 'enterprise-statements.jsonl'))) {
        const closing = await readModels.enterpriseBalance(s.enterpriseId, '2023-03-31');
        const opening = await readModels.enterpriseBalance(s.enterpriseId, '2023-02-28');
        expect(s).toMatchObject({
          programme: 'seat',
          closingApprovedFen: closing.programmes.seat.approvedFen,
          closingDisbursedFen: closing.programmes.seat.disbursedFen,
          openingApprovedFen: opening.programmes.seat.approvedFen,
        });
        expect(s.enterpriseName).toMatch(/^大同呼叫/);
      }
      const persons = jsonl(path.join(out, 'person-cap-statements.jsonl'));
      expect(persons.length).toBeGreaterThan(5);
      for (const p of persons) {
        const usage = await readModels.personCap(p.personKey, '2023-03-31');
        expect(p.closingUsedFen).toBe(usage.usedFen);
        expect(p.personId).toMatch(/^\d{6}\*{8}[\dX]{4}$/);
      }
    } finally {
      await store.close();
    }
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'export-manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ from: '2023-03-01', to: '2023-03-31', idNumbers: 'masked' });
    expect(manifest.files).toHaveLength(6);
  });

  describe('--unmasked needs the token of a reviewer or supervisor (issue #12, point 15)', () => {
    const YEAR = ['--from', '2023-01-01', '--to', '2023-12-31'];
    const secret = () => loadLedgerConfig({ LEDGER_DATA_DIR: dataDir }).jwtSecret;
    const tokenOf = (sub: string, role: 'reviewer' | 'supervisor' | 'finance' | 'auditor') =>
      signActorToken({ sub, role }, secret(), { expiresInSeconds: 600 });

    it.each([
      ['no token at all', [], /--unmasked needs --token JWT \(or LEDGER_TOKEN\)/],
      ['the old --role flag', ['--role', 'supervisor'], /--role/],
      ['a finance token', ['--token', 'finance'], /only reviewer and supervisor may see/],
      ['an auditor token', ['--token', 'auditor'], /only reviewer and supervisor may see/],
      ['a token signed with another secret', ['--token', 'forged'], /Invalid token/],
      ['an expired token', ['--token', 'expired'], /Token expired/],
      ['a token without exp', ['--token', 'forever'], /expiry \(exp\)/],
      ['a token of 13 hours', ['--token', 'long'], /LEDGER_JWT_MAX_TTL/],
      ['a token that is not a JWT', ['--token', 'garbage'], /Invalid token/],
    ])(
      'given %s, when exported --unmasked, then exit 2 with the reason and nothing written',
      async (_what, extra, message) => {
        const jwt = new JwtService();
        const tokens: Record<string, string> = {
          finance: tokenOf('fay', 'finance'),
          auditor: tokenOf('al', 'auditor'),
          forged: jwt.sign(
            { sub: 'sue', role: 'supervisor' },
            {
              secret: 'x'.repeat(40),
              algorithm: 'HS256',
              expiresIn: 600,
            },
          ),
          expired: jwt.sign(
            { sub: 'sue', role: 'supervisor', exp: Math.floor(Date.now() / 1000) - 60 },
            { secret: secret(), algorithm: 'HS256' },
          ),
          forever: jwt.sign(
            { sub: 'sue', role: 'supervisor' },
            { secret: secret(), algorithm: 'HS256' },
          ),
          long: jwt.sign(
            { sub: 'sue', role: 'supervisor' },
            {
              secret: secret(),
              algorithm: 'HS256',
              expiresIn: 13 * 3600,
            },
          ),
          garbage: 'not-a-jwt',
        };
        const args = (extra as string[]).map((a, i, all) =>
          all[i - 1] === '--token' ? tokens[a] : a,
        );
        const { code, out, stderr } = await exportTo('refused', ...YEAR, '--unmasked', ...args);
        expect(code).toBe(2);
        expect(stderr).toMatch(message as RegExp);
        expect(fs.existsSync(out)).toBe(false);
      },
    );

    it('given LEDGER_TOKEN of a finance actor in the environment, when exported --unmasked, then it is refused too', async () => {
      const { code, out, stderr } = await exportWithEnv(
        'refused-env',
        { LEDGER_TOKEN: tokenOf('fay', 'finance') },
        ...YEAR,
        '--unmasked',
      );
      expect(code).toBe(2);
      expect(stderr).toContain('only reviewer and supervisor may see');
      expect(fs.existsSync(out)).toBe(false);
    });

    it('given --unmasked with a supervisor token, when exported as JSON Lines only, then full ID numbers are there and the manifest names who asked', async () => {
      const { code, out } = await exportTo(
        'unmasked',
        ...YEAR,
        '--format',
        'jsonl',
        '--unmasked',
        '--token',
        tokenOf('Sue', 'supervisor'),
      );
      expect(code).toBe(0);
      expect(fs.readdirSync(out).filter((f) => f.endsWith('.csv'))).toEqual([]);
      const persons = jsonl(path.join(out, 'person-cap-statements.jsonl'));
      const first = persons.find((p) => p.personKey === personKeyOf(personIdAt(0)));
      expect(first.personId).toBe(personIdAt(0));
      expect(fs.readFileSync(path.join(out, 'events.jsonl'), 'utf8')).toContain(personIdAt(0));
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'export-manifest.json'), 'utf8'));
      expect(manifest).toMatchObject({ idNumbers: 'full', role: 'supervisor', actor: 'sue' });
    });

    it('given a reviewer token in LEDGER_TOKEN, when exported --unmasked, then full ID numbers are there', async () => {
      const { code, out } = await exportWithEnv(
        'unmasked-env',
        { LEDGER_TOKEN: tokenOf('rita', 'reviewer') },
        ...YEAR,
        '--format',
        'jsonl',
        '--unmasked',
      );
      expect(code).toBe(0);
      expect(fs.readFileSync(path.join(out, 'events.jsonl'), 'utf8')).toContain(personIdAt(0));
    });
  });

  it.each([
    [['--to', '2023-12-31'], /--from YYYY-MM-DD is required/],
    [['--from', '2023-02-30', '--to', '2023-12-31'], /--from must be a date/],
    [['--from', '2023-12-31', '--to', '2023-01-01'], /--from must not be after --to/],
    [
      ['--from', '2023-01-01', '--to', '2023-12-31', '--format', 'xml'],
      /--format must be a list of csv, jsonl/,
    ],
  ])('given bad arguments %j, when exported, then exit 2', async (args, message) => {
    const { code, stderr } = await exportTo('bad', ...(args as string[]));
    expect(code).toBe(2);
    expect(stderr).toMatch(message);
  });
});
