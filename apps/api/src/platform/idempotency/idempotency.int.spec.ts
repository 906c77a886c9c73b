import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { IsInt, IsString } from 'class-validator';
import { Roles } from '../auth/auth.decorators';
import { PlatformTestApp, startPlatformTestApp } from '../test-support/platform-test-app';
import { IdempotencyKey } from './idempotency-key.decorator';

class PaymentDto {
  @IsString()
  bankRef!: string;

  @IsInt()
  amountFen!: number;
}

/** Counts handler calls; `gate` holds the slow route until a test opens it. */
const calls = { pay: 0, fail: 0, slow: 0, review: 0, claim: 0 };
let openGate: () => void = () => undefined;
let gate = Promise.resolve();
const closeGate = () => {
  gate = new Promise<void>((resolve) => (openGate = resolve));
};

@Roles('finance')
@Controller('idem-test')
class IdempotencyTestController {
  @Post('payments')
  pay(@Body() body: PaymentDto, @IdempotencyKey() key?: string) {
    calls.pay += 1;
    return { paymentId: `p-${calls.pay}`, amountFen: body.amountFen, key: key ?? null };
  }

  @Post('reviews')
  @HttpCode(200)
  review() {
    calls.review += 1;
    return { reviewed: calls.review };
  }

  @Post('failing')
  fail() {
    calls.fail += 1;
    if (calls.fail === 1) throw new Error('transient');
    return { attempt: calls.fail };
  }

  @Post('slow')
  async slow() {
    calls.slow += 1;
    await gate;
    return { slow: calls.slow };
  }

  @Get('key')
  key(@IdempotencyKey() key?: string) {
    return { key: key ?? null };
  }
}

/** A route applicants of an enterprise or a school may call, as the ledger's own. */
@Roles('applicant', 'reviewer')
@Controller('idem-test/claims')
class IdempotencyClaimsController {
  @Post()
  claim(@Body() body: { n?: number }) {
    calls.claim += 1;
    return { claimId: `c-${calls.claim}`, n: body.n ?? null };
  }
}

const waitFor = async (predicate: () => boolean, timeoutMs = 2000) => {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
};

describe('Idempotency-Key', () => {
  let t: PlatformTestApp;
  let finance: string;

  beforeAll(async () => {
    t = await startPlatformTestApp({
      controllers: [IdempotencyTestController, IdempotencyClaimsController],
    });
    finance = t.token({ sub: 'fiona', role: 'finance' }, 3600);
  });
  afterAll(() => t.close());
  beforeEach(() => {
    calls.pay = calls.fail = calls.slow = calls.review = calls.claim = 0;
  });

  const pay = (key: string | undefined, body: object, token = finance) =>
    t.request('POST', '/idem-test/payments', {
      token,
      body,
      headers: key === undefined ? {} : { 'idempotency-key': key },
    });

  it('replays the first answer for the same key and body without calling the handler again', async () => {
    const first = await pay('k-replay', { bankRef: 'B1', amountFen: 250000 });
    expect(first).toMatchObject({
      status: 201,
      body: { paymentId: 'p-1', amountFen: 250000, key: 'k-replay' },
    });
    // Same body with its keys in another order is the same body.
    const again = await pay('k-replay', { amountFen: 250000, bankRef: 'B1' });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.get('idempotent-replayed')).toBe('true');
    expect(calls.pay).toBe(1);
  });

  it('replays the status code the handler answered with', async () => {
    const post = () =>
      t.request('POST', '/idem-test/reviews', {
        token: finance,
        body: {},
        headers: { 'idempotency-key': 'k-200' },
      });
    expect(await post()).toMatchObject({ status: 200, body: { reviewed: 1 } });
    expect(await post()).toMatchObject({ status: 200, body: { reviewed: 1 } });
    expect(calls.review).toBe(1);
  });

  it('answers 409 for the same key with another body, and writes nothing', async () => {
    await pay('k-other', { bankRef: 'B2', amountFen: 100 });
    const other = await pay('k-other', { bankRef: 'B2', amountFen: 101 });
    expect(other.status).toBe(409);
    expect(other.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'Idempotency-Key was already used with another request body',
    });
    expect(calls.pay).toBe(1);
  });

  it('answers 409 for the same key on another path', async () => {
    await pay('k-path', {});
    expect(calls.pay).toBe(0); // 400: not stored
    await pay('k-path', { bankRef: 'B3', amountFen: 1 });
    const elsewhere = await t.request('POST', '/idem-test/reviews', {
      token: finance,
      body: { bankRef: 'B3', amountFen: 1 },
      headers: { 'idempotency-key': 'k-path' },
    });
    expect(elsewhere.status).toBe(409);
  });

  it('scopes keys to the actor', async () => {
    const other = t.token({ sub: 'felix', role: 'finance' }, 3600);
    const mine = await pay('k-shared', { bankRef: 'B4', amountFen: 1 });
    const theirs = await pay('k-shared', { bankRef: 'B4', amountFen: 1 }, other);
    expect(theirs.status).toBe(201);
    expect(theirs.body).not.toEqual(mine.body);
    expect(calls.pay).toBe(2);
  });

  const claim = (key: string, token: string) =>
    t.request('POST', '/idem-test/claims', {
      token,
      body: { n: 1 },
      headers: { 'idempotency-key': key },
    });

  it('scopes keys to the actor and its enterprise: the same login for another enterprise does not see the answer', async () => {
    const forA = t.token({ sub: 'clerk', role: 'applicant', enterpriseId: 'E-A' }, 3600);
    const forB = t.token({ sub: 'clerk', role: 'applicant', enterpriseId: 'E-B' }, 3600);
    const mine = await claim('k-enterprise', forA);
    expect(mine).toMatchObject({ status: 201, body: { claimId: 'c-1' } });
    const theirs = await claim('k-enterprise', forB);
    expect(theirs).toMatchObject({ status: 201, body: { claimId: 'c-2' } });
    expect(theirs.headers.get('idempotent-replayed')).toBeNull();
    expect(await claim('k-enterprise', forA)).toMatchObject({ status: 201, body: mine.body });
    expect(calls.claim).toBe(2);
  });

  it('scopes keys to the actor and its school, and to its role', async () => {
    const forS1 = t.token({ sub: 'tutor', role: 'applicant', schoolId: 'S-1' }, 3600);
    const forS2 = t.token({ sub: 'tutor', role: 'applicant', schoolId: 'S-2' }, 3600);
    const asReviewer = t.token({ sub: 'tutor', role: 'reviewer' }, 3600);
    await claim('k-school', forS1);
    expect((await claim('k-school', forS2)).body).toEqual({ claimId: 'c-2', n: 1 });
    expect((await claim('k-school', asReviewer)).body).toEqual({ claimId: 'c-3', n: 1 });
    expect(calls.claim).toBe(3);
  });

  it('re-authorises a replay like a new request: a token without the role gets 403, not the answer', async () => {
    const applicant = t.token({ sub: 'clerk2', role: 'applicant', enterpriseId: 'E-A' }, 3600);
    await claim('k-authz', applicant);
    const auditor = t.token({ sub: 'clerk2', role: 'auditor', enterpriseId: 'E-A' }, 3600);
    const replay = await claim('k-authz', auditor);
    expect(replay.status).toBe(403);
    expect(replay.headers.get('idempotent-replayed')).toBeNull();
    const expired = t.token({ sub: 'clerk2', role: 'applicant', enterpriseId: 'E-A' }, -10);
    expect((await claim('k-authz', expired)).status).toBe(401);
    expect(calls.claim).toBe(1);
  });

  it('does not store failures: the same key may be retried', async () => {
    const post = () =>
      t.request('POST', '/idem-test/failing', {
        token: finance,
        body: { n: 1 },
        headers: { 'idempotency-key': 'k-retry' },
      });
    expect((await post()).status).toBe(500);
    expect(await post()).toMatchObject({ status: 201, body: { attempt: 2 } });
    expect(await post()).toMatchObject({ status: 201, body: { attempt: 2 } });
    expect(calls.fail).toBe(2);
  });

  it('does not store validation failures either', async () => {
    expect((await pay('k-invalid', { bankRef: 'B5' })).status).toBe(400);
    expect((await pay('k-invalid', { bankRef: 'B5', amountFen: 5 })).status).toBe(201);
  });

  it('lets a concurrent request with the same key wait for the first and replay its answer', async () => {
    closeGate();
    const post = () =>
      t.request('POST', '/idem-test/slow', {
        token: finance,
        body: { x: 1 },
        headers: { 'idempotency-key': 'k-concurrent' },
      });
    const first = post();
    await waitFor(() => calls.slow === 1);
    const second = post();
    await new Promise((resolve) => setTimeout(resolve, 100));
    openGate();
    const [a, b] = await Promise.all([first, second]);
    expect(a).toMatchObject({ status: 201, body: { slow: 1 } });
    expect(b).toMatchObject({ status: 201, body: { slow: 1 } });
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    expect(calls.slow).toBe(1);
  });

  it('answers 400 for an empty or overlong key, and ignores the header on other methods', async () => {
    for (const key of ['', 'k'.repeat(201)]) {
      const response = await pay(key, { bankRef: 'B6', amountFen: 1 });
      expect(response.status).toBe(400);
      expect(response.body).toMatchObject({ message: expect.stringContaining('Idempotency-Key') });
    }
    expect((await pay('k'.repeat(200), { bankRef: 'B6', amountFen: 1 })).status).toBe(201);
    const get = await t.request('GET', '/idem-test/key', {
      token: finance,
      headers: { 'idempotency-key': 'k-get' },
    });
    expect(get).toMatchObject({ status: 200, body: { key: null } });
  });

  it('keeps stored answers across a restart on the same data directory', async () => {
    const first = await pay('k-durable', { bankRef: 'B7', amountFen: 7 });
    const restarted = await startPlatformTestApp({
      controllers: [IdempotencyTestController],
      env: { LEDGER_DATA_DIR: t.config.dataDir },
    });
    try {
      const again = await restarted.request('POST', '/idem-test/payments', {
        token: finance,
        body: { bankRef: 'B7', amountFen: 7 },
        headers: { 'idempotency-key': 'k-durable' },
      });
      expect(again.body).toEqual(first.body);
      expect(calls.pay).toBe(1);
    } finally {
      await restarted.close();
    }
  });
});

describe('Idempotency-Key with a short wait for a request in progress', () => {
  let t: PlatformTestApp;

  beforeAll(async () => {
    t = await startPlatformTestApp({
      controllers: [IdempotencyTestController],
      idempotency: { inProgressWaitMs: 50 },
    });
  });
  afterAll(() => t.close());

  it('answers 409 "in progress" when the first request outlasts the wait', async () => {
    calls.slow = 0;
    closeGate();
    const token = t.token({ sub: 'fiona', role: 'finance' }, 3600);
    const post = () =>
      t.request('POST', '/idem-test/slow', {
        token,
        body: {},
        headers: { 'idempotency-key': 'k-busy' },
      });
    const first = post();
    await waitFor(() => calls.slow === 1);
    const second = await post();
    expect(second.status).toBe(409);
    expect(second.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      message: 'A request with this Idempotency-Key is still in progress; retry later',
    });
    openGate();
    expect((await first).status).toBe(201);
    expect(await post()).toMatchObject({ status: 201, body: { slow: 1 } });
    expect(calls.slow).toBe(1);
  });
});
