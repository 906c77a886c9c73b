import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { JwtService } from '@nestjs/jwt';
import { spawnSync } from 'node:child_process';
import { runLedgerCli } from './support/ledger-cli';
import {
  API_MAIN,
  LedgerClient,
  LedgerProcess,
  startLedger,
  tempDataDir,
  TEST_JWT_SECRET,
  tokenFor,
  removeTempDataDirs,
} from './support/ledger-process';

/**
 * Issue #12, points 10 and 11, against the built API: who may sign in, for
 * how long, and who counts as the same actor for R-SOD.
 */
jest.setTimeout(120_000);

const E = makeCreditCode(4201);
const P1 = makeResidentId('140202', '19900303', 31);

describe('actor tokens and actor ids, over real HTTP', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('actor-identity'));
    http = new LedgerClient(ledger.baseUrl);
  });
  afterAll(async () => {
    await ledger?.stop();
  });

  it('given LEDGER_JWT_SECRET shorter than 32 bytes, when the API starts, then it refuses with one line naming the variable', () => {
    const run = spawnSync(process.execPath, [API_MAIN], {
      env: {
        ...process.env,
        PORT: '0',
        LEDGER_DATA_DIR: tempDataDir('short-secret'),
        LEDGER_JWT_SECRET: 'too-short-a-secret',
      },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(run.status).toBe(1);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/LEDGER_JWT_SECRET must be at least 32 bytes/);
    expect(run.stdout).not.toContain('listening');
  });

  it('given a token without exp, or living longer than 12h, when it is used, then 401', async () => {
    const jwt = new JwtService({ secret: TEST_JWT_SECRET });
    const forever = jwt.sign({ sub: 'fay', role: 'finance' }, { algorithm: 'HS256' });
    const long = jwt.sign(
      { sub: 'fay', role: 'finance' },
      { algorithm: 'HS256', expiresIn: '13h' },
    );
    for (const token of [forever, long]) {
      const r = await http.as(token).get('/v1/policies');
      expect(r.status).toBe(401);
    }
    expect((await http.as(tokenFor('fay', 'finance')).get('/v1/policies')).status).toBe(200);
  });

  it('given reviewer "Rita" reviewed an application, when finance signs in as "rita " and approves its tranche, then 403 R-SOD; another finance actor may', async () => {
    const reviewer = http.as(tokenFor('Rita', 'reviewer'));
    expect(
      (
        await reviewer.post('/v1/enterprises', {
          creditCode: E,
          name: '大同职责分离测试有限公司',
          industry: 'call',
          seats: 300,
          registeredOn: '2023-01-05',
        })
      ).status,
    ).toBe(201);
    const app = await reviewer.post('/v1/seat-applications', {
      enterpriseId: E,
      submittedOn: '2023-03-01',
      claims: [
        {
          personId: P1,
          name: '孙七',
          wageMonths: ['2023-01', '2023-02'],
          insuranceMonths: ['2023-01', '2023-02'],
        },
      ],
    });
    expect(app.status).toBe(201);
    const review = await reviewer.post(`/v1/seat-applications/${app.body.applicationId}/review`, {
      decidedOn: '2023-03-05',
      decisions: [{ claimId: app.body.claims[0].claimId, approve: true }],
    });
    expect(review.status).toBe(200);

    const tranche = { tranche: 1, decidedOn: '2023-03-10' };
    for (const sub of ['rita ', 'RITA', 'ｒｉｔａ']) {
      const refused = await http
        .as(tokenFor(sub, 'finance'))
        .post(`/v1/seat-applications/${app.body.applicationId}/tranches`, tranche);
      expect({ sub, status: refused.status, rule: refused.body.rule }).toEqual({
        sub,
        status: 403,
        rule: 'R-SOD',
      });
    }
    const approved = await http
      .as(tokenFor('fay', 'finance'))
      .post(`/v1/seat-applications/${app.body.applicationId}/tranches`, tranche);
    expect(approved.status).toBe(201);
  });

  it('given a sub holding a control or invisible character, when it is used, then 401', async () => {
    for (const sub of ['rita\u200B', '\u202Erita', 'ri\u0007ta', '\u200B']) {
      const r = await http.as(tokenFor(sub, 'finance')).get('/v1/policies');
      expect({ sub, status: r.status }).toEqual({ sub, status: 401 });
    }
  });

  // Last: a CLI run takes seconds, and a request after it may meet a keep-alive socket the server has just closed.
  it('given `ledger token` with its default expiry, when the token is used, then 200; asked for more than 12h, the CLI refuses', async () => {
    const minted = runLedgerCli(ledger.dataDir, ['token', '--sub', 'fay', '--role', 'finance']);
    expect(minted.code).toBe(0);
    expect((await http.as(minted.stdout.trim()).get('/v1/policies')).status).toBe(200);
    const refused = runLedgerCli(ledger.dataDir, [
      'token',
      '--sub',
      'fay',
      '--role',
      'finance',
      '--expires-in',
      '2d',
    ]);
    expect(refused.code).toBe(2);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toContain('LEDGER_JWT_MAX_TTL');
  });
});

// The data directories made by tempDataDir(): a test leaves nothing behind (issue #10).
afterAll(() => removeTempDataDirs());
