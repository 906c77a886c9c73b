import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { Answer, LedgerClient, tokenFor } from './ledger-process';

/**
 * Issue #12 point 6 (R-FRAUD "no race window"), shared by the SQLite and the
 * EventStoreDB race tests: many payments and tranche approvals of one
 * enterprise are in flight through two API processes when a supervisor opens
 * a case that suspends it. Whatever the answers, the log must show a total
 * order: no payment or approval of the enterprise recorded after its
 * `EnterpriseSuspended`.
 */

export const reviewer = tokenFor('rita', 'reviewer');
export const finance = tokenFor('fay', 'finance');
export const supervisor = tokenFor('sue', 'supervisor');

/** What the race reads back from the log, whatever the backend. */
export interface LoggedEvent {
  position: number;
  type: string;
  data: Record<string, any>;
}

export interface RaceRound {
  enterpriseId: string;
  /** Tranches approved, published and past their notice: paid in the race. */
  payable: string[];
  /** Applications reviewed and not yet approved: their tranche 1 is approved in the race. */
  approvable: string[];
}

export interface RaceOutcome {
  round: RaceRound;
  caseAnswer: Answer;
  payments: Answer[];
  approvals: Answer[];
}

const MONTHS = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'];
const SUBMITTED_ON = '2023-07-03';
const DECIDED_ON = '2023-07-05';

/** `http(i)`: the client of process i % 2. */
export type Clients = (i: number) => LedgerClient;

function expectStatus(r: Answer, status: number, what: string): void {
  if (r.status !== status) {
    throw new Error(`${what}: expected ${status}, got ${r.status} ${JSON.stringify(r.body)}`);
  }
}

async function reviewedApplication(
  http: LedgerClient,
  enterpriseId: string,
  personId: string,
): Promise<string> {
  const sub = await http.as(reviewer).post('/v1/seat-applications', {
    enterpriseId,
    submittedOn: SUBMITTED_ON,
    claims: [{ personId, name: '员工', wageMonths: MONTHS, insuranceMonths: MONTHS }],
  });
  expectStatus(sub, 201, 'submission');
  const applicationId = sub.body.applicationId as string;
  const rev = await http
    .as(tokenFor('rob', 'reviewer'))
    .post(`/v1/seat-applications/${applicationId}/review`, {
      decidedOn: SUBMITTED_ON,
      decisions: [{ claimId: sub.body.claims[0].claimId, approve: true }],
    });
  expectStatus(rev, 200, 'review');
  return applicationId;
}

/**
 * One enterprise with `payable` one-claim applications whose tranche 1 is
 * approved and whose notice has ended, and `approvable` reviewed ones.
 */
export async function prepareRound(
  http: Clients,
  seed: number,
  counts: { payable: number; approvable: number },
): Promise<RaceRound> {
  const enterpriseId = makeCreditCode(seed);
  const reg = await http(0)
    .as(reviewer)
    .post('/v1/enterprises', {
      creditCode: enterpriseId,
      name: `竞态数据 ${seed} 有限公司`,
      industry: 'call',
      seats: 300,
      registeredOn: '2023-01-02',
    });
  expectStatus(reg, 201, 'registration');
  const person = (i: number) => makeResidentId('140203', `19${70 + (seed % 20)}0101`, i);
  const total = counts.payable + counts.approvable;
  const applications: string[] = [];
  // One at a time: the first application of the trial year is numbered on the enterprise stream.
  for (let i = 0; i < total; i++) {
    applications.push(await reviewedApplication(http(i), enterpriseId, person(i)));
  }
  const payableApps = applications.slice(0, counts.payable);
  const payable: string[] = [];
  for (const [i, applicationId] of payableApps.entries()) {
    const t = await http(i).as(finance).post(`/v1/seat-applications/${applicationId}/tranches`, {
      tranche: 1,
      decidedOn: DECIDED_ON,
    });
    expectStatus(t, 201, 'tranche approval');
    payable.push(t.body.trancheId);
  }
  const pub = await http(0).as(reviewer).post('/v1/publicity', {
    trancheIds: payable,
    startsOn: '2023-07-06',
    endsOn: '2023-07-12',
  });
  expectStatus(pub, 201, 'publicity');
  return { enterpriseId, payable, approvable: applications.slice(counts.payable) };
}

/**
 * Sends every payment and approval of the round, alternating processes and a
 * little apart, and opens a suspending case once `suspendAfter` of them are
 * on their way, while the rest are still being sent.
 */
export async function race(
  http: Clients,
  round: RaceRound,
  tag: string,
  suspendAfter: number,
): Promise<RaceOutcome> {
  const work: (() => Promise<Answer>)[] = [];
  const kinds: ('payment' | 'approval')[] = [];
  round.payable.forEach((trancheId, i) => {
    kinds.push('payment');
    work.push(() =>
      http(i)
        .as(finance)
        .post(`/v1/tranches/${trancheId}/disbursements`, {
          paidOn: '2023-07-14',
          amountFen: 250_000,
          bankRef: `RACE-${tag}-${i}`,
        }),
    );
  });
  round.approvable.forEach((applicationId, i) => {
    kinds.push('approval');
    work.push(() =>
      http(i + 1)
        .as(finance)
        .post(`/v1/seat-applications/${applicationId}/tranches`, {
          tranche: 1,
          decidedOn: DECIDED_ON,
        }),
    );
  });
  // Payments and approvals interleaved, so both are in flight when the case is opened.
  const order = work.map((_, i) => i).sort((a, b) => (a % 3) - (b % 3) || a - b);
  const inFlight: Promise<Answer>[] = new Array(work.length);
  let caseAnswer: Promise<Answer> | undefined;
  for (const [k, i] of order.entries()) {
    if (k === suspendAfter) {
      caseAnswer = http(k)
        .as(supervisor)
        .post('/v1/cases', {
          enterpriseId: round.enterpriseId,
          openedOn: '2023-07-20',
          reason: `race ${tag}: tip received while payments were being recorded`,
          suspend: true,
        });
    }
    inFlight[i] = work[i]();
    await new Promise((r) => setTimeout(r, 2));
  }
  const answers = await Promise.all(inFlight);
  return {
    round,
    caseAnswer: await caseAnswer!,
    payments: answers.filter((_, i) => kinds[i] === 'payment'),
    approvals: answers.filter((_, i) => kinds[i] === 'approval'),
  };
}

const APPROVAL_OR_PAYMENT: ReadonlySet<string> = new Set([
  'TrancheApprovalStarted',
  'TrancheApproved',
  'TrancheDisbursed',
]);

/** The enterprise's suspension position, and every approval or payment of it logged after it. */
export function recordedAfterSuspension(
  events: readonly LoggedEvent[],
  enterpriseId: string,
): { suspendedAt: number | undefined; after: LoggedEvent[]; before: LoggedEvent[] } {
  const suspended = events.find(
    (e) => e.type === 'EnterpriseSuspended' && e.data.enterpriseId === enterpriseId,
  );
  const ours = events.filter(
    (e) => APPROVAL_OR_PAYMENT.has(e.type) && e.data.enterpriseId === enterpriseId,
  );
  if (!suspended) return { suspendedAt: undefined, after: [], before: ours };
  return {
    suspendedAt: suspended.position,
    after: ours.filter((e) => e.position > suspended.position),
    before: ours.filter((e) => e.position < suspended.position),
  };
}

/** Every answer is either done (201) or refused by the suspension (423 R-FRAUD); nothing else. */
export function answerKinds(answers: readonly Answer[]): { done: number; suspended: number } {
  let done = 0;
  let suspended = 0;
  for (const a of answers) {
    if (a.status === 201) done += 1;
    else if (a.status === 423 && a.body?.rule === 'R-FRAUD') suspended += 1;
    else throw new Error(`unexpected answer ${a.status} ${JSON.stringify(a.body)}`);
  }
  return { done, suspended };
}
