import * as fs from 'node:fs';
import * as path from 'node:path';
import { SqliteEventStore } from '@ledger/event-store/sqlite/sqlite-event-store';
import { SqliteReadModels } from '@ledger/projections/sqlite/sqlite-read-model.store';
import {
  addSeatHistory,
  captureIo,
  tempDir,
  withEmbeddedLedger,
} from '../../../../libs/audit/test-support/ledger-dir';
import { verifyPayeeAccount } from '@ledger/application/processes/payee-account.process';
import { makeCreditCode } from '@ledger/domain/identity/test-ids';
import { ctxAt, personIdAt, personKeyOf } from '../../../../libs/audit/test-support/seat-history';
import { JwtService } from '@nestjs/jwt';
import { signActorToken } from '../../../api/src/platform/auth/actor-token';
import { loadLedgerConfig } from '../../../api/src/platform/config/ledger-config';
import ExcelJS from 'exceljs';
import { runCli } from '../cli';

jest.setTimeout(60_000);

let dataDir: string;
let outRoot: string;

/** A payee's bank account, 19 digits as Chinese banks print them (issue #14). */
const ACCOUNT_NUMBER = '6222020200112233445';

beforeAll(async () => {
  dataDir = tempDir('export');
  outRoot = tempDir('export-out');
  await addSeatHistory(dataDir, 0, 3, { claimsPerApplication: 4 });
  await withEmbeddedLedger(dataDir, (deps) =>
    verifyPayeeAccount(deps, ctxAt('rita', 'reviewer', '2023-09-20T02:00:00.000Z'), {
      accountId: 'acc-export-1',
      payeeKind: 'enterprise',
      payeeId: makeCreditCode(1),
      accountName: '大同呼叫 0-0',
      accountNumber: ACCOUNT_NUMBER,
      bankName: '中国工商银行大同分行',
      bankCode: '102162000017',
      verifiedOn: '2023-03-10',
    }),
  );
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
      '日志位置,事件流,版本,事件类型,结构版本,业务日期,记录时间,操作人,角色,政策版本,哈希,前一哈希,数据',
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

  it('given CSV for Excel/WPS, when read as bytes, then BOM, Chinese header, yuan beside fen and all-digit IDs as ="…"', async () => {
    const { code, out } = await exportTo(
      'excel',
      '--from',
      '2023-01-01',
      '--to',
      '2023-12-31',
      '--format',
      'csv',
      '--unmasked',
      '--token',
      signActorToken(
        { sub: 'sue', role: 'supervisor' },
        loadLedgerConfig({ LEDGER_DATA_DIR: dataDir }).jwtSecret,
        { expiresInSeconds: 600 },
      ),
    );
    expect(code).toBe(0);
    const bytes = fs.readFileSync(path.join(out, 'enterprise-statements.csv'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.toString('utf8').slice(1).trim().split('\r\n');
    const header = lines[0].split(',');
    expect(header.slice(0, 5)).toEqual([
      '统一社会信用代码',
      '企业名称',
      '补贴项目',
      '起始日期',
      '截止日期',
    ]);
    const fenAt = header.indexOf('期末已批准金额（分）');
    expect(header[fenAt + 1]).toBe('期末已批准金额（元）');
    const rows = lines.slice(1).map((l) => l.split(','));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      const fen = Number(row[fenAt]);
      expect(fen).toBeGreaterThan(0);
      expect(row[fenAt + 1]).toBe((fen / 100).toFixed(2));
    }
    // Unmasked ID numbers are all digits: kept as text for Excel and WPS.
    const persons = fs.readFileSync(path.join(out, 'person-cap-statements.csv'), 'utf8');
    const digits = personIdAt(0);
    expect(/^\d{18}$/.test(digits)).toBe(true);
    expect(persons).toContain(`,"=""${digits}""",`);
    expect(persons).not.toContain(`,${digits},`);
  });

  it('given --format xlsx, when read back with exceljs, then Chinese headers, yuan numbers with 2 decimals and IDs as text cells', async () => {
    const { code, out } = await exportTo(
      'xlsx',
      '--from',
      '2023-01-01',
      '--to',
      '2023-12-31',
      '--format',
      'xlsx',
      '--unmasked',
      '--token',
      signActorToken(
        { sub: 'sue', role: 'supervisor' },
        loadLedgerConfig({ LEDGER_DATA_DIR: dataDir }).jwtSecret,
        { expiresInSeconds: 600 },
      ),
    );
    expect(code).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(path.join(out, 'person-cap-statements.xlsx'));
    const sheet = workbook.worksheets[0];
    const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1);
    expect(header.slice(0, 2)).toEqual(['人员键', '身份证号码']);
    const capFenAt = header.indexOf('人员上限金额（分）') + 1;
    expect(header[capFenAt]).toBe('人员上限金额（元）');
    expect(sheet.rowCount).toBeGreaterThan(2);
    const digits = personIdAt(0);
    let found = false;
    for (let r = 2; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      const id = row.getCell(2);
      expect(id.type).toBe(ExcelJS.ValueType.String);
      if (id.value === digits) found = true;
      const fen = row.getCell(capFenAt);
      const yuan = row.getCell(capFenAt + 1);
      expect(fen.type).toBe(ExcelJS.ValueType.Number);
      expect(yuan.type).toBe(ExcelJS.ValueType.Number);
      expect(yuan.value).toBe((fen.value as number) / 100);
      expect(yuan.numFmt).toBe('#,##0.00');
    }
    expect(found).toBe(true);
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'export-manifest.json'), 'utf8'));
    expect(manifest.files.map((f: { file: string }) => f.file)).toContain(
      'person-cap-statements.xlsx',
    );
  });

  it('given --headers en, when exported, then the CSV header is the English column names with yuan twins', async () => {
    const { code, out } = await exportTo(
      'english',
      '--from',
      '2023-01-01',
      '--to',
      '2023-12-31',
      '--format',
      'csv',
      '--headers',
      'en',
    );
    expect(code).toBe(0);
    const text = fs.readFileSync(path.join(out, 'person-cap-statements.csv'), 'utf8');
    expect(text.split('\r\n')[0]).toBe(
      '\uFEFFpersonKey,personId,from,to,capFen,capYuan,openingUsedFen,openingUsedYuan,periodUsedFen,periodUsedYuan,closingUsedFen,closingUsedYuan,remainingFen,remainingYuan,byEnterprise',
    );
  });

  it("given --enterprise, when exported, then only that enterprise's events, statements and persons are written", async () => {
    const year = ['--from', '2023-01-01', '--to', '2023-12-31', '--format', 'jsonl'];
    const all = (await exportTo('all', ...year)).out;
    const enterpriseIds = [
      ...new Set(
        jsonl(path.join(all, 'enterprise-statements.jsonl')).map((s) => s.enterpriseId as string),
      ),
    ];
    expect(enterpriseIds.length).toBeGreaterThan(1);
    const one = enterpriseIds[1];
    const { code, out } = await exportTo('one', ...year, '--enterprise', one);
    expect(code).toBe(0);
    const statements = jsonl(path.join(out, 'enterprise-statements.jsonl'));
    expect(statements.map((s) => s.enterpriseId)).toEqual([one]);
    const events = jsonl(path.join(out, 'events.jsonl'));
    const everything = jsonl(path.join(all, 'events.jsonl'));
    expect(events.length).toBeGreaterThan(5);
    expect(events.length).toBeLessThan(everything.length);
    const applications = new Set(
      events.filter((e) => e.type === 'SeatApplicationSubmitted').map((e) => e.stream),
    );
    expect(applications.size).toBe(1);
    // Later events of its application do not name the enterprise, and are there.
    expect(
      events.some((e) => applications.has(e.stream) && e.data.enterpriseId === undefined),
    ).toBe(true);
    const ownStreams = new Set(
      events.filter((e) => e.data.enterpriseId === one).map((e) => e.stream),
    );
    expect(events.filter((e) => !ownStreams.has(e.stream))).toEqual([]);
    const persons = jsonl(path.join(out, 'person-cap-statements.jsonl'));
    expect(persons.length).toBeGreaterThan(0);
    for (const p of persons) {
      expect(p.byEnterprise.map((b: { enterpriseId: string }) => b.enterpriseId)).toContain(one);
    }
  });

  it.each([
    [
      ['--from', '2023-01-01', '--to', '2023-12-31', '--headers', 'fr'],
      /--headers must be one of zh, en/,
    ],
    [['--from', '2023-01-01', '--to', '2023-12-31', '--enterprise', 'x'], /--enterprise must be/],
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

  describe('bank account numbers (issue #14)', () => {
    const accountEventsOf = (out: string) =>
      jsonl(path.join(out, 'events.jsonl')).filter((e) => e.type === 'PayeeAccountVerified');

    it('given a verified payee account, when exported without a flag, then every file shows its last four digits only and the manifest says so', async () => {
      const { code, out } = await exportTo(
        'accounts-masked',
        '--from',
        '2023-03-01',
        '--to',
        '2023-03-31',
      );
      expect(code).toBe(0);
      const everything = fs
        .readdirSync(out)
        .map((f) => fs.readFileSync(path.join(out, f), 'utf8'))
        .join('\n');
      expect(everything).not.toContain(ACCOUNT_NUMBER);
      expect(everything).not.toContain(ACCOUNT_NUMBER.slice(0, 8));
      const [account] = accountEventsOf(out);
      expect(account.data.accountNumber).toBe(`${'*'.repeat(15)}3445`);
      expect(account.data.bankCode).toBe('102162000017');
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'export-manifest.json'), 'utf8'));
      expect(manifest.accountNumbers).toBe('last four digits');
    });

    it('given --unmasked-accounts, when exported as CSV and JSON Lines, then the account number is written in full and the manifest says so', async () => {
      const { code, out } = await exportTo(
        'accounts-full',
        '--from',
        '2023-03-01',
        '--to',
        '2023-03-31',
        '--unmasked-accounts',
      );
      expect(code).toBe(0);
      const [account] = accountEventsOf(out);
      expect(account.data.accountNumber).toBe(ACCOUNT_NUMBER);
      expect(fs.readFileSync(path.join(out, 'events.csv'), 'utf8')).toContain(ACCOUNT_NUMBER);
      const manifest = JSON.parse(fs.readFileSync(path.join(out, 'export-manifest.json'), 'utf8'));
      expect(manifest.accountNumbers).toBe('full');
      // ID numbers stay masked: the flag opens accounts only.
      for (let p = 0; p < 12; p++) {
        expect(fs.readFileSync(path.join(out, 'events.jsonl'), 'utf8')).not.toContain(
          personIdAt(p),
        );
      }
    });
  });
});
