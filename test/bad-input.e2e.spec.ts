import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { STATUS_CODES } from 'node:http';
import * as zlib from 'node:zlib';
import { eventLogMark } from './support/event-log';
import {
  LedgerClient,
  LedgerProcess,
  startLedger,
  removeTempDataDirs,
  tempDataDir,
  tokenFor,
} from './support/ledger-process';

/**
 * Bad input against every endpoint of the seat-subsidy and balance tables of
 * API.md, over real HTTP against the built API on a real SQLite file.
 *
 * Conventions under test: 400 malformed input (class-validator messages in
 * `details`, naming the field), 404 unknown id, 422 a policy rule (with
 * `rule`), never a 500, never half a write. Every case checks that the event
 * log (`SELECT COUNT(*), MAX(position) FROM events`) is exactly where it was,
 * that the error has the shape `{statusCode, error, message, rule?, details?}`,
 * and that it repeats no ID number sent anywhere in this file.
 *
 * Each case is a valid base body with one thing wrong; the "controls" at the
 * end send the base bodies unchanged and expect them to succeed, so no case
 * passes only because its base was already bad.
 */
jest.setTimeout(180_000);

// --- fixtures -----------------------------------------------------------------

const E = makeCreditCode(3001); // 300 seats: the applicant's enterprise
const E2 = makeCreditCode(3002); // 250 seats: a second enterprise, for an unpublished tranche
const NEW_ENTERPRISE = makeCreditCode(3003); // registered only by the control
const UNREGISTERED = makeCreditCode(3999);
const P1 = makeResidentId('140202', '19900101', 11);
const P2 = makeResidentId('140202', '19910202', 22);
const P3 = makeResidentId('140202', '19920303', 33);
const P4 = makeResidentId('140202', '19930404', 44);
const P5 = makeResidentId('140202', '19940505', 55); // submitted only by the control
const P6 = makeResidentId('140202', '19960606', 66); // the lowercase-x story's second claim
const P7 = makeResidentId('140202', '19980808', 99); // only in the prototype-key cases
/** A valid ID number whose check character is X. */
const PX = (() => {
  for (let seq = 0; seq < 1000; seq++) {
    const id = makeResidentId('140202', '19950505', seq);
    if (id.endsWith('X')) return id;
  }
  throw new Error('no ID with check character X');
})();
const PX_LOWER = `${PX.slice(0, 17)}x`;
/** P4 with a wrong check digit. */
const BAD_CHECK = `${P4.slice(0, 17)}${P4[17] === '0' ? '1' : '0'}`;
/** A correct check digit over an impossible birth date. */
const BAD_BIRTH = makeResidentId('140202', '19990230', 77);
/** Every ID number that appears in a request of this file: no answer may repeat one. */
const ID_NUMBERS = [P1, P2, P3, P4, P5, P6, P7, PX, PX_LOWER, BAD_CHECK, BAD_BIRTH];

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000000';
const LONG_NAME = '名'.repeat(201); // NAME_MAX is 200
const LONG_TEXT = 'x'.repeat(4001); // TEXT_MAX is 4,000

/** A business date a few days after today in Datong, whatever the machine's zone. */
const FUTURE_DATE = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
/** The month after next: later than any filing month this file uses. */
const FUTURE_MONTH = new Date(Date.now() + 62 * 86_400_000).toISOString().slice(0, 7);

const months = (from: string, to: string): string[] => {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  while (y < ty || (y === ty && m <= tm)) {
    out.push(`${y}-${String(m).padStart(2, '0')}`);
    m += 1;
    if (m === 13) {
      y += 1;
      m = 1;
    }
  }
  return out;
};

// --- the case table ------------------------------------------------------------

type Who = 'reviewer' | 'finance' | 'applicant' | 'nobody';
type Json = any;

interface Case {
  name: string;
  method: 'GET' | 'POST';
  path: () => string;
  as: Who;
  /** A JSON body (serialised with JSON.stringify). */
  body?: () => Json;
  /** A body sent byte for byte. */
  raw?: () => string | Buffer;
  contentType?: string;
  /** Extra request headers (e.g. a Content-Encoding the body does not match). */
  headers?: Record<string, string>;
  /** The answer expected; several when the contract allows either. */
  status: number | number[];
  /** A field `details` must name (e.g. `claims.0.personId`). */
  field?: string;
  /** The rule id a 422 must carry. */
  rule?: string;
  /** What the message must say. */
  message?: RegExp;
}

/** Shared between the setup and the cases: ids the setup creates. */
const s: Record<string, string> = {};

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;
/** The base body with one edit. */
const edit =
  (base: () => Json, change: (b: Json) => void): (() => Json) =>
  () => {
    const b = clone(base());
    change(b);
    return b;
  };

const claim = (personId: string) => ({
  personId,
  name: '测试',
  wageMonths: ['2023-01', '2023-02'],
  insuranceMonths: ['2023-01', '2023-02'],
});

const enterpriseBase = () => ({
  creditCode: NEW_ENTERPRISE,
  name: '大同坏输入测试有限公司',
  industry: 'call',
  seats: 300,
  registeredOn: '2023-01-05',
});
const submitBase = () => ({ enterpriseId: E, submittedOn: '2023-03-01', claims: [claim(P5)] });
const evidenceBase = () => ({
  filedOn: '2023-04-01',
  claims: [{ claimId: s.claim4, wageMonths: ['2023-03'], insuranceMonths: ['2023-03'] }],
});
const reviewBase = () => ({
  decidedOn: '2023-03-06',
  decisions: [{ claimId: s.claim4, approve: true }],
});
const trancheBase = () => ({ tranche: 1, decidedOn: '2023-03-10' });
const publicityBase = () => ({
  trancheIds: [s.tranche2],
  startsOn: '2023-03-11',
  endsOn: '2023-03-17',
});
const objectionBase = () => ({
  raisedOn: '2023-03-12',
  claimId: s.claimP2,
  text: 'the employee left in January',
});
const resolutionBase = () => ({
  resolvedOn: '2023-03-19',
  upheld: false,
  reason: 'not substantiated',
});
const disbursementBase = () => ({
  paidOn: '2023-03-20',
  amountFen: 500_000,
  bankRef: 'BAD-INPUT-0001',
});

/** Cases every JSON POST gets: bodies that are not one JSON object. */
const notAnObject = (prefix: string, as: Who, path: () => string, base: () => Json): Case[] => [
  {
    name: `${prefix}: malformed JSON`,
    method: 'POST',
    path,
    as,
    raw: () => JSON.stringify(base()).slice(0, -5),
    status: 400,
  },
  {
    name: `${prefix}: a JSON array of the valid body`,
    method: 'POST',
    path,
    as,
    raw: () => JSON.stringify([base()]),
    status: 400,
  },
  {
    name: `${prefix}: an empty JSON array`,
    method: 'POST',
    path,
    as,
    raw: () => '[]',
    status: 400,
  },
  {
    name: `${prefix}: a JSON string`,
    method: 'POST',
    path,
    as,
    raw: () => JSON.stringify(JSON.stringify(base())),
    status: 400,
  },
  { name: `${prefix}: a JSON number`, method: 'POST', path, as, raw: () => '42', status: 400 },
  { name: `${prefix}: JSON null`, method: 'POST', path, as, raw: () => 'null', status: 400 },
  { name: `${prefix}: an empty object`, method: 'POST', path, as, body: () => ({}), status: 400 },
  { name: `${prefix}: no body at all`, method: 'POST', path, as, status: 400 },
  {
    name: `${prefix}: an unknown top-level field`,
    method: 'POST',
    path,
    as,
    body: edit(base, (b) => (b.extra = 1)),
    status: 400,
    field: 'extra',
  },
  {
    name: `${prefix}: the valid body sent as text/plain`,
    method: 'POST',
    path,
    as,
    raw: () => JSON.stringify(base()),
    contentType: 'text/plain',
    status: [400, 415],
  },
];

/** Cases for a business-date field: impossible, badly written, future. */
const badDates = (
  prefix: string,
  as: Who,
  path: () => string,
  base: () => Json,
  field: string,
): Case[] => [
  ...[
    '2023-02-30',
    '2023-13-01',
    '2023-2-1',
    '2023-03-01T00:00:00Z',
    '20230301',
    '',
    '1899-12-31',
  ].map((value): Case => ({
    name: `${prefix}: ${field} ${JSON.stringify(value)}`,
    method: 'POST',
    path,
    as,
    body: edit(base, (b) => (b[field] = value)),
    status: 400,
    field,
  })),
  {
    name: `${prefix}: ${field} as a number`,
    method: 'POST',
    path,
    as,
    body: edit(base, (b) => (b[field] = 20230301)),
    status: 400,
    field,
  },
  {
    name: `${prefix}: ${field} missing`,
    method: 'POST',
    path,
    as,
    body: edit(base, (b) => delete b[field]),
    status: 400,
    field,
  },
  {
    name: `${prefix}: ${field} in the future (${FUTURE_DATE})`,
    method: 'POST',
    path,
    as,
    body: edit(base, (b) => (b[field] = FUTURE_DATE)),
    status: 400,
    field,
  },
];

/**
 * `?minPosition=` on a GET: negative, not a number, fractional, and beyond any
 * position the log can reach (not a safe integer: it could only ever time out).
 */
const badPositions = (prefix: string, as: Who, path: () => string): Case[] =>
  ['-1', 'abc', '1.5', '99999999999999999999'].map((value) => ({
    name: `${prefix}: ?minPosition=${value}`,
    method: 'GET',
    path: () =>
      `${path()}${path().includes('?') ? '&' : '?'}minPosition=${encodeURIComponent(value)}`,
    as,
    status: 400,
    field: 'minPosition',
  }));

const enterprises = () => '/v1/enterprises';
const applications = () => '/v1/seat-applications';
const evidence = () => `/v1/seat-applications/${s.app4}/evidence`;
const review = () => `/v1/seat-applications/${s.app4}/review`;
const tranches = () => `/v1/seat-applications/${s.app1}/tranches`;
const publicity = () => '/v1/publicity';
const objections = () => `/v1/publicity/${s.pub1}/objections`;
const resolution = () => `/v1/publicity/${s.pub1}/objections/${s.obj1}/resolution`;
const disbursements = () => `/v1/tranches/${s.tranche1}/disbursements`;
const balance = () => `/v1/enterprises/${E}/balance`;
const cap = () => `/v1/persons/${P1}/cap`;

const post = (
  prefix: string,
  as: Who,
  path: () => string,
  base: () => Json,
  rows: Array<[string, (b: Json) => void, number, string?]>,
): Case[] =>
  rows.map(([what, change, status, fieldOrRule]) => ({
    name: `${prefix}: ${what}`,
    method: 'POST',
    path,
    as,
    body: edit(base, change),
    status,
    ...(status === 422 ? { rule: fieldOrRule } : { field: fieldOrRule }),
  }));

const E_ = 'POST /v1/enterprises';
const enterpriseCases: Case[] = [
  ...notAnObject(E_, 'reviewer', enterprises, enterpriseBase),
  ...post(E_, 'reviewer', enterprises, enterpriseBase, [
    ['seats "300" (a string)', (b) => (b.seats = '300'), 400, 'seats'],
    ['seats -1', (b) => (b.seats = -1), 400, 'seats'],
    ['seats 300.5', (b) => (b.seats = 300.5), 400, 'seats'],
    ['seats 1e20', (b) => (b.seats = 1e20), 400, 'seats'],
    ['seats null', (b) => (b.seats = null), 400, 'seats'],
    ['seats missing', (b) => delete b.seats, 400, 'seats'],
    ['industry "mining"', (b) => (b.industry = 'mining'), 400, 'industry'],
    ['industry missing', (b) => delete b.industry, 400, 'industry'],
    ['creditCode missing', (b) => delete b.creditCode, 400, 'creditCode'],
    [
      'creditCode with a wrong check character',
      (b) =>
        (b.creditCode = `${NEW_ENTERPRISE.slice(0, 17)}${NEW_ENTERPRISE[17] === '0' ? '1' : '0'}`),
      400,
      'creditCode',
    ],
    [
      'creditCode with a wrong position-17 check character',
      (b) =>
        (b.creditCode = `${NEW_ENTERPRISE.slice(0, 16)}${NEW_ENTERPRISE[16] === '0' ? '1' : '0'}${NEW_ENTERPRISE[17]}`),
      400,
      'creditCode',
    ],
    [
      'creditCode of 17 characters',
      (b) => (b.creditCode = NEW_ENTERPRISE.slice(0, 17)),
      400,
      'creditCode',
    ],
    [
      'creditCode as a number',
      (b) => (b.creditCode = Number(NEW_ENTERPRISE.slice(0, 15))),
      400,
      'creditCode',
    ],
    [
      'creditCode with the excluded letter I',
      (b) => (b.creditCode = `${NEW_ENTERPRISE.slice(0, 17)}I`),
      400,
      'creditCode',
    ],
    ['name missing', (b) => delete b.name, 400, 'name'],
    ['name empty', (b) => (b.name = ''), 400, 'name'],
    ['name of 201 characters', (b) => (b.name = LONG_NAME), 400, 'name'],
    ['name as an object', (b) => (b.name = { zh: '大同' }), 400, 'name'],
  ]),
  ...badDates(E_, 'reviewer', enterprises, enterpriseBase, 'registeredOn').filter(
    (c) => !c.name.endsWith('missing'),
  ),
];

const A_ = 'POST /v1/seat-applications';
const CLAIMS_OVER_MAX = 20_001;
const submitCases: Case[] = [
  ...notAnObject(A_, 'applicant', applications, submitBase),
  ...post(A_, 'applicant', applications, submitBase, [
    [
      'enterpriseId with a wrong check character',
      (b) => (b.enterpriseId = `${E.slice(0, 17)}${E[17] === '0' ? '1' : '0'}`),
      400,
      'enterpriseId',
    ],
    ['enterpriseId missing', (b) => delete b.enterpriseId, 400, 'enterpriseId'],
    ['claims missing', (b) => delete b.claims, 400, 'claims'],
    ['claims empty', (b) => (b.claims = []), 400, 'claims'],
    ['claims a string', (b) => (b.claims = 'P5'), 400, 'claims'],
    ['claims an object', (b) => (b.claims = b.claims[0]), 400, 'claims'],
    ['claims [null]', (b) => (b.claims = [null]), 400, 'claims.0'],
    ['claims ["x"]', (b) => (b.claims = ['x']), 400, 'claims.0'],
    ['an unknown field nested in claims', (b) => (b.claims[0].extra = 1), 400, 'claims.0.extra'],
    [
      'an unknown field in the second claim',
      (b) => b.claims.push({ ...claim(P6), salaryFen: 1 }),
      400,
      'claims.1.salaryFen',
    ],
    [
      'claims.0.personId with a wrong check digit',
      (b) => (b.claims[0].personId = BAD_CHECK),
      400,
      'claims.0.personId',
    ],
    [
      'claims.0.personId born 19990230',
      (b) => (b.claims[0].personId = BAD_BIRTH),
      400,
      'claims.0.personId',
    ],
    [
      'claims.0.personId of 17 characters',
      (b) => (b.claims[0].personId = P5.slice(0, 17)),
      400,
      'claims.0.personId',
    ],
    [
      'claims.0.personId with a letter inside',
      (b) => (b.claims[0].personId = `${P5.slice(0, 8)}A${P5.slice(9)}`),
      400,
      'claims.0.personId',
    ],
    [
      'claims.0.personId as a number',
      (b) => (b.claims[0].personId = Number(P5.slice(0, 15))),
      400,
      'claims.0.personId',
    ],
    ['claims.0.personId missing', (b) => delete b.claims[0].personId, 400, 'claims.0.personId'],
    ['claims.0.name missing', (b) => delete b.claims[0].name, 400, 'claims.0.name'],
    [
      'claims.0.name of 201 characters',
      (b) => (b.claims[0].name = LONG_NAME),
      400,
      'claims.0.name',
    ],
    [
      'claims.0.wageMonths ["2023-13"]',
      (b) => (b.claims[0].wageMonths = ['2023-13']),
      400,
      'claims.0.wageMonths',
    ],
    [
      'claims.0.wageMonths ["2023-1"]',
      (b) => (b.claims[0].wageMonths = ['2023-1']),
      400,
      'claims.0.wageMonths',
    ],
    [
      'claims.0.wageMonths ["2023-00"]',
      (b) => (b.claims[0].wageMonths = ['2023-00']),
      400,
      'claims.0.wageMonths',
    ],
    [
      'claims.0.wageMonths ["2023-01-01"]',
      (b) => (b.claims[0].wageMonths = ['2023-01-01']),
      400,
      'claims.0.wageMonths',
    ],
    [
      'claims.0.wageMonths "2023-01" (not a list)',
      (b) => (b.claims[0].wageMonths = '2023-01'),
      400,
      'claims.0.wageMonths',
    ],
    [
      'claims.0.wageMonths of 121 months',
      (b) => (b.claims[0].wageMonths = months('2013-01', '2023-01')),
      400,
      'claims.0.wageMonths',
    ],
    [
      'claims.0.insuranceMonths [202301]',
      (b) => (b.claims[0].insuranceMonths = [202301]),
      400,
      'claims.0.insuranceMonths',
    ],
    [
      'claims.0.insuranceMonths missing',
      (b) => delete b.claims[0].insuranceMonths,
      400,
      'claims.0.insuranceMonths',
    ],
    [
      'a wage month after the filing month (2023-04 filed 2023-03-01)',
      (b) => (b.claims[0].wageMonths = ['2023-01', '2023-04']),
      422,
      'R-SEAT-2',
    ],
    [
      'an insurance month after the filing month',
      (b) => (b.claims[0].insuranceMonths = ['2023-01', '2023-04']),
      422,
      'R-SEAT-2',
    ],
    [
      `a month in the future (${FUTURE_MONTH})`,
      (b) => (b.claims[0].wageMonths = [FUTURE_MONTH]),
      422,
      'R-SEAT-2',
    ],
    ['the same person twice', (b) => b.claims.push(claim(P5)), 422, 'R-SEAT-6'],
    [
      'the same person twice, once with X and once with a lowercase x',
      (b) => (b.claims = [claim(PX), claim(PX_LOWER)]),
      422,
      'R-SEAT-6',
    ],
    [
      'submittedOn before any policy was in force (1950-01-01)',
      (b) => (b.submittedOn = '1950-01-01'),
      422,
      'R-POL',
    ],
  ]),
  ...badDates(A_, 'applicant', applications, submitBase, 'submittedOn'),
  {
    name: `${A_}: an enterprise that was never registered (as reviewer)`,
    method: 'POST',
    path: applications,
    as: 'reviewer',
    body: edit(submitBase, (b) => (b.enterpriseId = UNREGISTERED)),
    status: 404,
  },
  {
    name: `${A_}: ${CLAIMS_OVER_MAX.toLocaleString('en')} claims (the maximum is 20,000), sent compact`,
    method: 'POST',
    path: applications,
    as: 'applicant',
    raw: () => {
      const one = JSON.stringify({ personId: P5, name: 'a', wageMonths: [], insuranceMonths: [] });
      return `{"enterpriseId":"${E}","submittedOn":"2023-03-01","claims":[${Array(CLAIMS_OVER_MAX).fill(one).join(',')}]}`;
    },
    status: 400,
    field: 'claims',
  },
  {
    name: `${A_}: a body of about 11 MB (the limit is 10 mb)`,
    method: 'POST',
    path: applications,
    as: 'applicant',
    raw: () =>
      JSON.stringify({
        ...submitBase(),
        claims: [{ ...claim(P5), name: 'a'.repeat(11 * 1024 * 1024) }],
      }),
    status: 400,
  },
];

const V_ = 'POST /v1/seat-applications/:id/evidence';
const evidenceCases: Case[] = [
  ...notAnObject(V_, 'applicant', evidence, evidenceBase),
  ...post(V_, 'applicant', evidence, evidenceBase, [
    ['claims empty', (b) => (b.claims = []), 400, 'claims'],
    ['claims missing', (b) => delete b.claims, 400, 'claims'],
    ['claims.0.claimId missing', (b) => delete b.claims[0].claimId, 400, 'claims.0.claimId'],
    [
      'claims.0.claimId of 201 characters',
      (b) => (b.claims[0].claimId = 'c'.repeat(201)),
      400,
      'claims.0.claimId',
    ],
    ['claims.0.claimId a number', (b) => (b.claims[0].claimId = 7), 400, 'claims.0.claimId'],
    [
      'an unknown field nested in claims',
      (b) => (b.claims[0].personId = P4),
      400,
      'claims.0.personId',
    ],
    [
      'claims.0.wageMonths ["2023-1"]',
      (b) => (b.claims[0].wageMonths = ['2023-1']),
      400,
      'claims.0.wageMonths',
    ],
    [
      'claims.0.insuranceMonths ["2023-13"]',
      (b) => (b.claims[0].insuranceMonths = ['2023-13']),
      400,
      'claims.0.insuranceMonths',
    ],
    [
      'a month after the filing month (2023-05 filed 2023-04-01)',
      (b) => (b.claims[0].wageMonths = ['2023-05']),
      422,
      'R-SEAT-2',
    ],
    [
      'filed before the application was submitted',
      (b) => (b.filedOn = '2023-03-02'),
      422,
      'R-SEAT-2',
    ],
    ['a claim the application does not have', (b) => (b.claims[0].claimId = `${s.app4}:99`), 404],
  ]),
  ...badDates(V_, 'applicant', evidence, evidenceBase, 'filedOn'),
  {
    name: `${V_}: an unknown application id (as reviewer)`,
    method: 'POST',
    path: () => `/v1/seat-applications/${UNKNOWN_ID}/evidence`,
    as: 'reviewer',
    body: evidenceBase,
    status: 404,
  },
];

const R_ = 'POST /v1/seat-applications/:id/review';
const reviewCases: Case[] = [
  ...notAnObject(R_, 'reviewer', review, reviewBase),
  ...post(R_, 'reviewer', review, reviewBase, [
    ['approve "yes"', (b) => (b.decisions[0].approve = 'yes'), 400, 'decisions.0.approve'],
    ['approve "true"', (b) => (b.decisions[0].approve = 'true'), 400, 'decisions.0.approve'],
    ['approve 1', (b) => (b.decisions[0].approve = 1), 400, 'decisions.0.approve'],
    ['approve missing', (b) => delete b.decisions[0].approve, 400, 'decisions.0.approve'],
    ['claimId missing', (b) => delete b.decisions[0].claimId, 400, 'decisions.0.claimId'],
    ['decisions empty', (b) => (b.decisions = []), 400, 'decisions'],
    ['decisions missing', (b) => delete b.decisions, 400, 'decisions'],
    [
      'an unknown field nested in decisions',
      (b) => (b.decisions[0].amountFen = 250_000),
      400,
      'decisions.0.amountFen',
    ],
    [
      'a reason of 4,001 characters',
      (b) => (b.decisions[0].reason = LONG_TEXT),
      400,
      'decisions.0.reason',
    ],
    ['a reason that is a number', (b) => (b.decisions[0].reason = 42), 400, 'decisions.0.reason'],
  ]),
  ...badDates(R_, 'reviewer', review, reviewBase, 'decidedOn'),
  {
    name: `${R_}: an unknown application id`,
    method: 'POST',
    path: () => `/v1/seat-applications/${UNKNOWN_ID}/review`,
    as: 'reviewer',
    body: reviewBase,
    status: 404,
  },
];

const T_ = 'POST /v1/seat-applications/:id/tranches';
const trancheCases: Case[] = [
  ...notAnObject(T_, 'finance', tranches, trancheBase),
  ...post(T_, 'finance', tranches, trancheBase, [
    ['tranche "1" (a string)', (b) => (b.tranche = '1'), 400, 'tranche'],
    ['tranche 0', (b) => (b.tranche = 0), 400, 'tranche'],
    ['tranche 5', (b) => (b.tranche = 5), 400, 'tranche'],
    ['tranche -1', (b) => (b.tranche = -1), 400, 'tranche'],
    ['tranche 1.5', (b) => (b.tranche = 1.5), 400, 'tranche'],
    ['tranche null', (b) => (b.tranche = null), 400, 'tranche'],
    ['tranche missing', (b) => delete b.tranche, 400, 'tranche'],
  ]),
  ...badDates(T_, 'finance', tranches, trancheBase, 'decidedOn'),
  {
    name: `${T_}: an unknown application id`,
    method: 'POST',
    path: () => `/v1/seat-applications/${UNKNOWN_ID}/tranches`,
    as: 'finance',
    body: trancheBase,
    status: 404,
  },
];

const U_ = 'POST /v1/publicity';
const publicityCases: Case[] = [
  ...notAnObject(U_, 'reviewer', publicity, publicityBase),
  ...post(U_, 'reviewer', publicity, publicityBase, [
    [
      'endsOn before startsOn',
      (b) => Object.assign(b, { startsOn: '2023-03-17', endsOn: '2023-03-11' }),
      400,
      'endsOn',
    ],
    ['6 days (2023-03-11 to 2023-03-16)', (b) => (b.endsOn = '2023-03-16'), 422, 'R-PUB'],
    ['1 day (startsOn = endsOn)', (b) => (b.endsOn = b.startsOn), 422, 'R-PUB'],
    [
      'starting before the tranche was approved',
      (b) => Object.assign(b, { startsOn: '2023-03-09', endsOn: '2023-03-16' }),
      422,
      'R-DATE',
    ],
    ['trancheIds empty', (b) => (b.trancheIds = []), 400, 'trancheIds'],
    ['trancheIds missing', (b) => delete b.trancheIds, 400, 'trancheIds'],
    ['trancheIds a string', (b) => (b.trancheIds = b.trancheIds[0]), 400, 'trancheIds'],
    ['trancheIds [123]', (b) => (b.trancheIds = [123]), 400, 'trancheIds'],
    [
      'a tranche id of 201 characters',
      (b) => (b.trancheIds = ['t'.repeat(201)]),
      400,
      'trancheIds',
    ],
    ['the same tranche twice', (b) => b.trancheIds.push(b.trancheIds[0]), 400, 'trancheIds'],
    ['an unknown tranche id', (b) => (b.trancheIds = [UNKNOWN_ID]), 404],
  ]),
  ...badDates(U_, 'reviewer', publicity, publicityBase, 'startsOn'),
  // endsOn may lie in the future (a notice is scheduled to end later), so no future case for it.
  ...badDates(U_, 'reviewer', publicity, publicityBase, 'endsOn').filter(
    (c) => !c.name.includes('future'),
  ),
];

const O_ = 'POST /v1/publicity/:id/objections';
const objectionCases: Case[] = [
  ...notAnObject(O_, 'reviewer', objections, objectionBase),
  ...post(O_, 'reviewer', objections, objectionBase, [
    ['text missing', (b) => delete b.text, 400, 'text'],
    ['text empty', (b) => (b.text = ''), 400, 'text'],
    ['text of 4,001 characters', (b) => (b.text = LONG_TEXT), 400, 'text'],
    ['claimId a number', (b) => (b.claimId = 3), 400, 'claimId'],
    ['claimId of 201 characters', (b) => (b.claimId = 'c'.repeat(201)), 400, 'claimId'],
  ]),
  ...badDates(O_, 'reviewer', objections, objectionBase, 'raisedOn'),
  {
    name: `${O_}: an unknown publicity id`,
    method: 'POST',
    path: () => `/v1/publicity/${UNKNOWN_ID}/objections`,
    as: 'reviewer',
    body: objectionBase,
    status: 404,
  },
];

const S_ = 'POST /v1/publicity/:id/objections/:objectionId/resolution';
const resolutionCases: Case[] = [
  ...notAnObject(S_, 'reviewer', resolution, resolutionBase),
  ...post(S_, 'reviewer', resolution, resolutionBase, [
    ['upheld "yes"', (b) => (b.upheld = 'yes'), 400, 'upheld'],
    ['upheld 0', (b) => (b.upheld = 0), 400, 'upheld'],
    ['upheld missing', (b) => delete b.upheld, 400, 'upheld'],
    ['reason missing', (b) => delete b.reason, 400, 'reason'],
    ['reason empty', (b) => (b.reason = ''), 400, 'reason'],
    ['reason of 4,001 characters', (b) => (b.reason = LONG_TEXT), 400, 'reason'],
  ]),
  ...badDates(S_, 'reviewer', resolution, resolutionBase, 'resolvedOn'),
  {
    name: `${S_}: an unknown objection id`,
    method: 'POST',
    path: () => `/v1/publicity/${s.pub1}/objections/${UNKNOWN_ID}/resolution`,
    as: 'reviewer',
    body: resolutionBase,
    status: 404,
  },
  {
    name: `${S_}: an unknown publicity id`,
    method: 'POST',
    path: () => `/v1/publicity/${UNKNOWN_ID}/objections/${s.obj1}/resolution`,
    as: 'reviewer',
    body: resolutionBase,
    status: 404,
  },
];

const D_ = 'POST /v1/tranches/:id/disbursements';
const rawDisbursement = (amount: string) => () =>
  JSON.stringify(disbursementBase()).replace('"amountFen":500000', `"amountFen":${amount}`);
const disbursementCases: Case[] = [
  ...notAnObject(D_, 'finance', disbursements, disbursementBase),
  ...post(D_, 'finance', disbursements, disbursementBase, [
    ['amountFen "500000" (a string)', (b) => (b.amountFen = '500000'), 400, 'amountFen'],
    ['amountFen -1', (b) => (b.amountFen = -1), 400, 'amountFen'],
    ['amountFen -500000', (b) => (b.amountFen = -500_000), 400, 'amountFen'],
    ['amountFen 250000.5', (b) => (b.amountFen = 250_000.5), 400, 'amountFen'],
    ['amountFen 1e20', (b) => (b.amountFen = 1e20), 400, 'amountFen'],
    ['amountFen 2^53 (not a safe integer)', (b) => (b.amountFen = 2 ** 53), 400, 'amountFen'],
    // Issue #12: at most the largest possible tranche (TRANSFER_FEN_MAX, 10^12 fen).
    ['amountFen 10^12 + 1', (b) => (b.amountFen = 10 ** 12 + 1), 400, 'amountFen'],
    ['amountFen 2^53 - 1', (b) => (b.amountFen = Number.MAX_SAFE_INTEGER), 400, 'amountFen'],
    ['amountFen "NaN"', (b) => (b.amountFen = 'NaN'), 400, 'amountFen'],
    ['amountFen "Infinity"', (b) => (b.amountFen = 'Infinity'), 400, 'amountFen'],
    ['amountFen null', (b) => (b.amountFen = null), 400, 'amountFen'],
    ['amountFen true', (b) => (b.amountFen = true), 400, 'amountFen'],
    ['amountFen {}', (b) => (b.amountFen = {}), 400, 'amountFen'],
    ['amountFen missing', (b) => delete b.amountFen, 400, 'amountFen'],
    ['bankRef missing', (b) => delete b.bankRef, 400, 'bankRef'],
    ['bankRef empty', (b) => (b.bankRef = ''), 400, 'bankRef'],
    ['bankRef of 201 characters', (b) => (b.bankRef = 'B'.repeat(201)), 400, 'bankRef'],
    ['bankRef a number', (b) => (b.bankRef = 12345), 400, 'bankRef'],
  ]),
  {
    name: `${D_}: amountFen NaN (bare, not JSON)`,
    method: 'POST',
    path: disbursements,
    as: 'finance',
    raw: rawDisbursement('NaN'),
    status: 400,
  },
  {
    name: `${D_}: amountFen Infinity (bare, not JSON)`,
    method: 'POST',
    path: disbursements,
    as: 'finance',
    raw: rawDisbursement('Infinity'),
    status: 400,
  },
  {
    name: `${D_}: amountFen 1e400 (parses to Infinity)`,
    method: 'POST',
    path: disbursements,
    as: 'finance',
    raw: rawDisbursement('1e400'),
    status: 400,
    field: 'amountFen',
  },
  {
    name: `${D_}: amountFen 5e-324`,
    method: 'POST',
    path: disbursements,
    as: 'finance',
    raw: rawDisbursement('5e-324'),
    status: 400,
    field: 'amountFen',
  },
  ...badDates(D_, 'finance', disbursements, disbursementBase, 'paidOn'),
  {
    name: `${D_}: an unknown tranche id`,
    method: 'POST',
    path: () => `/v1/tranches/${UNKNOWN_ID}/disbursements`,
    as: 'finance',
    body: disbursementBase,
    status: 404,
  },
];

const B_ = 'GET /v1/enterprises/:id/balance';
const balanceQuery = (query: string) => () => `${balance()}?${query}`;
const balanceCases: Case[] = [
  ...badPositions(B_, 'finance', balance),
  ...[
    ['asOf=2023-02-30', 'asOf'],
    ['asOf=2023-13-01', 'asOf'],
    ['asOf=2023-2-1', 'asOf'],
    ['asOf=yesterday', 'asOf'],
    ['asOf=', 'asOf'],
    ['asKnownAt=yesterday', 'asKnownAt'],
    ['asKnownAt=2023-06-01', 'asKnownAt'],
    ['asKnownAt=2023-06-01T12:00:00', 'asKnownAt'],
    ['asKnownAt=2023-02-30T00:00:00Z', 'asKnownAt'],
    ['asKnownAt=2023-13-01T00:00:00Z', 'asKnownAt'],
    [`asKnownAt=${'9'.repeat(41)}`, 'asKnownAt'],
  ].map(([query, field]): Case => ({
    name: `${B_}: ?${query.length > 60 ? `${query.slice(0, 20)}…` : query}`,
    method: 'GET',
    path: balanceQuery(query.replace('+', '%2B')),
    as: 'finance',
    status: 400,
    field,
  })),
  {
    name: `${B_}: an enterprise that was never registered`,
    method: 'GET',
    path: () => `/v1/enterprises/${UNREGISTERED}/balance`,
    as: 'finance',
    status: 404,
  },
];

const C_ = 'GET /v1/persons/:personId/cap';
const capCases: Case[] = [
  ...badPositions(C_, 'finance', cap),
  {
    name: `${C_}: an ID number with a wrong check digit`,
    method: 'GET',
    path: () => `/v1/persons/${BAD_CHECK}/cap`,
    as: 'finance',
    status: 400,
    field: 'personId',
  },
  {
    name: `${C_}: an ID number born 19990230`,
    method: 'GET',
    path: () => `/v1/persons/${BAD_BIRTH}/cap`,
    as: 'finance',
    status: 400,
    field: 'personId',
  },
  {
    name: `${C_}: an ID number of 17 characters`,
    method: 'GET',
    path: () => `/v1/persons/${P1.slice(0, 17)}/cap`,
    as: 'finance',
    status: 400,
    field: 'personId',
  },
  {
    name: `${C_}: not an ID number at all`,
    method: 'GET',
    path: () => '/v1/persons/abc/cap',
    as: 'finance',
    status: 400,
    field: 'personId',
  },
];

const G_ = 'GET /v1/seat-applications/:id';
const P_ = 'GET /v1/publicity/:id';
const otherGetCases: Case[] = [
  ...badPositions(G_, 'reviewer', () => `/v1/seat-applications/${s.app1}`),
  {
    name: `${G_}: an unknown application id`,
    method: 'GET',
    path: () => `/v1/seat-applications/${UNKNOWN_ID}`,
    as: 'reviewer',
    status: 404,
  },
  ...badPositions(P_, 'nobody', () => `/v1/publicity/${s.pub1}`),
  {
    name: `${P_}: an unknown publicity id`,
    method: 'GET',
    path: () => `/v1/publicity/${UNKNOWN_ID}`,
    as: 'nobody',
    status: 404,
  },
];

const tables: Array<[string, Case[]]> = [
  ['POST /v1/enterprises', enterpriseCases],
  ['POST /v1/seat-applications', submitCases],
  ['POST /v1/seat-applications/:id/evidence', evidenceCases],
  ['POST /v1/seat-applications/:id/review', reviewCases],
  ['POST /v1/seat-applications/:id/tranches', trancheCases],
  ['POST /v1/publicity', publicityCases],
  ['POST /v1/publicity/:id/objections', objectionCases],
  ['POST /v1/publicity/:id/objections/:objectionId/resolution', resolutionCases],
  ['POST /v1/tranches/:id/disbursements', disbursementCases],
  ['GET /v1/enterprises/:id/balance', balanceCases],
  ['GET /v1/persons/:personId/cap', capCases],
  ['GET /v1/seat-applications/:id and GET /v1/publicity/:id', otherGetCases],
];

/**
 * Unknown fields whose names are also names on Object.prototype. They must be
 * refused like any other unknown field. They run after the controls, against
 * bodies that are otherwise valid, so if one is wrongly accepted its write
 * cannot disturb the other cases.
 */
const withKey = (base: () => Json, key: string, where: 'top' | 'claim') => () => {
  const json = JSON.stringify(base());
  const extra = `"${key}":{"polluted":true},`;
  return where === 'top'
    ? json.replace(/^\{/, `{${extra}`)
    : json.replace('"claims":[{', `"claims":[{${extra}`);
};
const protoSubmitBase = () => ({ ...submitBase(), claims: [claim(P7)] });
let protoSeed = 3004; // a fresh enterprise for each case, so each would succeed but for its key
const protoEnterpriseBase = () => ({
  ...enterpriseBase(),
  creditCode: makeCreditCode(protoSeed++),
});
const protoEvidenceBase = () => ({
  ...evidenceBase(),
  filedOn: '2023-05-01',
  claims: [{ ...evidenceBase().claims[0], wageMonths: ['2023-04'], insuranceMonths: ['2023-04'] }],
});
const prototypeKeyCases: Case[] = (
  [
    [E_, 'reviewer', enterprises, protoEnterpriseBase],
    [A_, 'applicant', applications, protoSubmitBase],
    [V_, 'applicant', evidence, protoEvidenceBase],
    [R_, 'reviewer', review, reviewBase],
    [T_, 'finance', tranches, trancheBase],
    [U_, 'reviewer', publicity, publicityBase],
    [O_, 'reviewer', objections, objectionBase],
    [S_, 'reviewer', resolution, resolutionBase],
    [D_, 'finance', disbursements, disbursementBase],
  ] as Array<[string, Who, () => string, () => Json]>
).flatMap(([prefix, as, path, base]) =>
  ['__proto__', 'constructor'].map((key): Case => ({
    name: `${prefix}: a top-level "${key}" field`,
    method: 'POST',
    path,
    as,
    raw: withKey(base, key, 'top'),
    status: 400,
    field: key,
  })),
);
for (const [prefix, as, path, base] of [
  [A_, 'applicant', applications, protoSubmitBase],
  [V_, 'applicant', evidence, protoEvidenceBase],
] as Array<[string, Who, () => string, () => Json]>) {
  prototypeKeyCases.push({
    name: `${prefix}: a "__proto__" field nested in claims`,
    method: 'POST',
    path,
    as,
    raw: withKey(base, '__proto__', 'claim'),
    status: 400,
    field: 'claims.0.__proto__',
  });
}

/**
 * Issue #12, point 13: hostile input. Each case is a base body that would be
 * accepted (a fresh enterprise, an unused person) with one hostile change, so
 * a wrong acceptance writes and fails the case. They run last, like the
 * prototype-key cases.
 */
const setPath = (b: Json, dotted: string, value: unknown): void => {
  const keys = dotted.split('.');
  let at = b;
  for (const key of keys.slice(0, -1)) at = at[key];
  at[keys[keys.length - 1]] = value;
};
/** The JSON of `base()` with the first `"key":` written twice: `"key":"dup","key":…`. */
const duplicated =
  (base: () => Json, key: string, spelling = key) =>
  () => {
    const json = JSON.stringify(base());
    const at = json.indexOf(`"${key}":`);
    if (at < 0) throw new Error(`no "${key}" in the base body`);
    return `${json.slice(0, at)}"${spelling}":"dup",${json.slice(at)}`;
  };
/** The base body as UTF-8 with the bytes of `field`'s value replaced by a broken sequence. */
const brokenUtf8 = (base: () => Json, field: string) => () => {
  const b = clone(base());
  setPath(b, field, 'BROKEN');
  const bytes = Buffer.from(JSON.stringify(b), 'utf8');
  const at = bytes.indexOf('BROKEN');
  bytes[at] = 0xc3; // a lead byte followed by an ASCII byte: not UTF-8
  bytes[at + 1] = 0x28;
  bytes[at + 2] = 0xff; // never valid in UTF-8
  return bytes;
};
/** The base body with `field`'s value replaced by arrays nested `levels` deep. */
const nested = (base: () => Json, field: string, levels: number) => () => {
  const b = clone(base());
  setPath(b, field, 'NESTED');
  return JSON.stringify(b).replace('"NESTED"', `${'['.repeat(levels)}${']'.repeat(levels)}`);
};

const hostileCases = (
  prefix: string,
  as: Who,
  path: () => string,
  base: () => Json,
  textField: string,
): Case[] => {
  const key = textField.split('.').pop()!;
  const text = (what: string, value: string): Case => ({
    name: `${prefix}: ${textField} ${what}`,
    method: 'POST',
    path,
    as,
    body: edit(base, (b) => setPath(b, textField, value)),
    status: 400,
    field: textField,
  });
  const raw = (
    what: string,
    body: () => string | Buffer,
    headers?: Record<string, string>,
    field?: string,
  ): Case => ({
    name: `${prefix}: ${what}`,
    method: 'POST',
    path,
    as,
    raw: body,
    headers,
    status: 400,
    field,
  });
  return [
    {
      ...raw(`JSON nested 100,000 levels deep in ${textField}`, nested(base, textField, 100_000)),
      message: /nested deeper than 32 levels/,
    },
    {
      ...raw(
        `JSON nested 40 levels deep in ${textField} (the limit is 32)`,
        nested(base, textField, 40),
      ),
      message: /nested deeper than 32 levels/,
    },
    raw('a plain body labelled Content-Encoding: gzip', () => JSON.stringify(base()), {
      'content-encoding': 'gzip',
    }),
    raw('a plain body labelled Content-Encoding: deflate', () => JSON.stringify(base()), {
      'content-encoding': 'deflate',
    }),
    raw('a plain body labelled Content-Encoding: br', () => JSON.stringify(base()), {
      'content-encoding': 'br',
    }),
    raw('a gzip body cut short', () => zlib.gzipSync(JSON.stringify(base())).subarray(0, 20), {
      'content-encoding': 'gzip',
    }),
    raw(`"${key}" twice in one object`, duplicated(base, key), undefined, textField),
    raw(
      `"${key}" twice, once spelled with a \\u escape`,
      duplicated(
        base,
        key,
        `${key.slice(0, -1)}\\u${key
          .charCodeAt(key.length - 1)
          .toString(16)
          .padStart(4, '0')}`,
      ),
      undefined,
      textField,
    ),
    raw(`invalid UTF-8 in ${textField}`, brokenUtf8(base, textField)),
    text('holding a NUL', 'a\u0000b'),
    text('holding a bell', 'a\u0007b'),
    text('holding an escape sequence', '\u001b[31mred'),
    text('holding a right-to-left override', 'abc\u202Edef'),
    text('holding a first-strong isolate', 'abc\u2068def'),
    text('holding a lone surrogate', 'abc\ud800def'),
    text('of zero-width characters only', '\u200B\u200C\u200D'),
    text('of blanks only', ' \u3000\t '),
  ];
};
const hostileInputCases: Case[] = [
  ...hostileCases(E_, 'reviewer', enterprises, protoEnterpriseBase, 'name'),
  ...hostileCases(A_, 'applicant', applications, protoSubmitBase, 'claims.0.name'),
  ...hostileCases(O_, 'reviewer', objections, objectionBase, 'text'),
  ...hostileCases(S_, 'reviewer', resolution, resolutionBase, 'reason'),
  ...hostileCases(
    R_,
    'reviewer',
    review,
    () => ({
      ...reviewBase(),
      decisions: [{ ...reviewBase().decisions[0], reason: 'fine' }],
    }),
    'decisions.0.reason',
  ),
  ...hostileCases(D_, 'finance', disbursements, disbursementBase, 'bankRef'),
];

// --- the checks ------------------------------------------------------------------

const ERROR_KEYS = ['statusCode', 'error', 'message', 'rule', 'details'];

/** The fields a 400 names, from `details: [{field, messages}]` (or `details: {field}`). */
const fieldsNamed = (body: Json): string[] => {
  const details = body?.details;
  if (Array.isArray(details))
    return details.map((d) => d?.field).filter((f) => typeof f === 'string');
  if (details && typeof details.field === 'string') return [details.field];
  return [];
};

/** Everything answered with 400 and `details`, for the shape check at the end. */
const answered400: Array<{ name: string; details: unknown }> = [];

describe('bad input answers 400/404/422, never 500, and writes no event', () => {
  let ledger: LedgerProcess;
  let http: LedgerClient;
  const tokens: Record<Who, string | undefined> = {
    reviewer: tokenFor('rita', 'reviewer'),
    finance: tokenFor('fay', 'finance'),
    applicant: tokenFor('e-clerk', 'applicant', { enterpriseId: E }),
    nobody: undefined,
  };

  const send = async (c: Case) => {
    const headers: Record<string, string> = {};
    const token = tokens[c.as];
    if (token) headers.authorization = `Bearer ${token}`;
    let payload: string | Buffer | undefined;
    if (c.raw) payload = c.raw();
    else if (c.body) payload = JSON.stringify(c.body());
    if (payload !== undefined) headers['content-type'] = c.contentType ?? 'application/json';
    Object.assign(headers, c.headers);
    const res = await fetch(`${ledger.baseUrl}${c.path()}`, {
      method: c.method,
      headers,
      body: payload,
    });
    const text = await res.text();
    let body: Json = text;
    try {
      body = JSON.parse(text);
    } catch {
      // keep the text: the shape check below reports it
    }
    return { status: res.status, text, body };
  };

  beforeAll(async () => {
    ledger = await startLedger(tempDataDir('bad-input'));
    http = new LedgerClient(ledger.baseUrl);
    const reviewer = http.as(tokens.reviewer!);
    const finance = http.as(tokens.finance!);
    const applicant = http.as(tokens.applicant!);
    const ok = (r: { status: number; body: Json }, status: number, what: string) => {
      if (r.status !== status)
        throw new Error(`setup: ${what} answered ${r.status}: ${JSON.stringify(r.body)}`);
      return r.body;
    };

    for (const [creditCode, seats] of [
      [E, 300],
      [E2, 250],
    ] as const) {
      ok(
        await reviewer.post('/v1/enterprises', {
          creditCode,
          name: `企业${seats}`,
          industry: 'call',
          seats,
          registeredOn: '2023-01-05',
        }),
        201,
        'register',
      );
    }
    // app1 (E): P1 and P2 approved, tranche 1 approved, on notice, an objection to P2 open.
    const app1 = ok(
      await applicant.post('/v1/seat-applications', {
        enterpriseId: E,
        submittedOn: '2023-03-01',
        claims: [claim(P1), claim(P2)],
      }),
      201,
      'app1',
    );
    s.app1 = app1.applicationId;
    [s.claimP1, s.claimP2] = app1.claims.map((c: Json) => c.claimId);
    ok(
      await reviewer.post(`/v1/seat-applications/${s.app1}/review`, {
        decidedOn: '2023-03-05',
        decisions: [
          { claimId: s.claimP1, approve: true },
          { claimId: s.claimP2, approve: true },
        ],
      }),
      200,
      'review app1',
    );
    s.tranche1 = ok(
      await finance.post(`/v1/seat-applications/${s.app1}/tranches`, {
        tranche: 1,
        decidedOn: '2023-03-10',
      }),
      201,
      'tranche 1',
    ).trancheId;
    s.pub1 = ok(
      await reviewer.post('/v1/publicity', {
        trancheIds: [s.tranche1],
        startsOn: '2023-03-11',
        endsOn: '2023-03-17',
      }),
      201,
      'publicity',
    ).publicityId;
    s.obj1 = ok(
      await reviewer.post(`/v1/publicity/${s.pub1}/objections`, objectionBase()),
      201,
      'objection',
    ).objectionId;
    // app2 (E2): P3 approved, tranche 1 approved, not yet on notice.
    const app2 = ok(
      await reviewer.post('/v1/seat-applications', {
        enterpriseId: E2,
        submittedOn: '2023-03-01',
        claims: [claim(P3)],
      }),
      201,
      'app2',
    );
    s.app2 = app2.applicationId;
    ok(
      await reviewer.post(`/v1/seat-applications/${s.app2}/review`, {
        decidedOn: '2023-03-05',
        decisions: [{ claimId: app2.claims[0].claimId, approve: true }],
      }),
      200,
      'review app2',
    );
    s.tranche2 = ok(
      await finance.post(`/v1/seat-applications/${s.app2}/tranches`, {
        tranche: 1,
        decidedOn: '2023-03-10',
      }),
      201,
      'tranche 2',
    ).trancheId;
    // app4 (E): P4 submitted, not reviewed.
    const app4 = ok(
      await applicant.post('/v1/seat-applications', {
        enterpriseId: E,
        submittedOn: '2023-03-03',
        claims: [claim(P4)],
      }),
      201,
      'app4',
    );
    s.app4 = app4.applicationId;
    s.claim4 = app4.claims[0].claimId;
  });

  afterAll(async () => {
    await ledger?.stop();
    removeTempDataDirs();
  });

  /** Sends one case and checks everything the conventions promise about the answer. */
  const check = async (c: Case): Promise<void> => {
    const before = eventLogMark(ledger.dataDir);
    const r = await send(c);
    const after = eventLogMark(ledger.dataDir);
    const expected = Array.isArray(c.status) ? c.status : [c.status];

    // The status first, with the answer beside it so a failure shows why.
    expect({ status: r.status, body: r.body }).toEqual({
      status: expected.includes(r.status) ? r.status : expected.join(' or '),
      body: r.body,
    });
    // Nothing appended: a refused request leaves no event, not even half a process.
    expect(after).toEqual(before);
    // The one error shape.
    expect(typeof r.body).toBe('object');
    expect(Object.keys(r.body).filter((k) => !ERROR_KEYS.includes(k))).toEqual([]);
    expect(r.body).toMatchObject({
      statusCode: r.status,
      error: STATUS_CODES[r.status],
      message: expect.any(String),
    });
    if ('rule' in r.body) expect(typeof r.body.rule).toBe('string');
    if (c.rule) expect(r.body.rule).toBe(c.rule);
    if (r.status === 400 && c.rule === undefined) expect(r.body.rule).toBeUndefined();
    if (c.field) expect(fieldsNamed(r.body)).toContain(c.field);
    if (c.message) expect(r.body.message).toMatch(c.message);
    if (r.status === 400 && r.body.details !== undefined)
      answered400.push({ name: c.name, details: r.body.details });
    // No ID number, whole or by its first 17 characters, anywhere in the answer.
    for (const id of ID_NUMBERS) {
      expect(r.text).not.toContain(id);
      expect(r.text).not.toContain(id.slice(0, 17));
    }
  };

  for (const [endpoint, cases] of tables) {
    describe(endpoint, () => {
      it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
    });
  }

  it('given every 400 above that carried details, then details is always a list of {field, messages: string[]}', () => {
    expect(answered400.length).toBeGreaterThan(100);
    const odd = answered400.filter(
      ({ details }) =>
        !Array.isArray(details) ||
        details.length === 0 ||
        !details.every(
          (d) =>
            typeof d?.field === 'string' &&
            Array.isArray(d.messages) &&
            d.messages.length > 0 &&
            d.messages.every((m: unknown) => typeof m === 'string'),
        ),
    );
    expect(odd).toEqual([]);
  });

  describe('a resident ID ending in a lowercase x', () => {
    it('given an ID whose check character is X, when it is sent with a lowercase x, then it is accepted and stored uppercase, as the same person', async () => {
      const submitted = await http.as(tokens.applicant!).post('/v1/seat-applications', {
        enterpriseId: E,
        submittedOn: '2023-03-04',
        claims: [claim(PX_LOWER), claim(P6)],
      });
      // Documented behaviour: GB 11643 writes the check character as an uppercase X;
      // the API normalises a trailing lowercase x before validating and keys the
      // person by the normalised number, so `…x` and `…X` are one person.
      expect(submitted.status).toBe(201);
      expect(submitted.body.claims.map((c: Json) => c.status)).toEqual(['submitted', 'submitted']);
      const text = JSON.stringify(submitted.body);
      expect(text).not.toContain(PX.slice(0, 17));
      const view = await http
        .as(tokens.reviewer!)
        .get(
          `/v1/seat-applications/${submitted.body.applicationId}?minPosition=${submitted.body.position}`,
        );
      expect(view.status).toBe(200);
      expect(view.body.claims[0].personId).toBe(PX);
      expect(view.body.claims[0].personIdMasked).toBe(`${PX.slice(0, 6)}********${PX.slice(14)}`);
      const upper = await http.as(tokens.finance!).get(`/v1/persons/${PX}/cap`);
      const lower = await http.as(tokens.finance!).get(`/v1/persons/${PX_LOWER}/cap`);
      expect(upper.status).toBe(200);
      expect(lower).toMatchObject({ status: 200, body: upper.body });
      // The same person under the other spelling, same months, another enterprise: R-SEAT-6.
      const again = await http.as(tokens.reviewer!).post('/v1/seat-applications', {
        enterpriseId: E2,
        submittedOn: '2023-03-04',
        claims: [claim(PX)],
      });
      expect(again.status).toBe(201);
      expect(again.body.claims[0]).toMatchObject({ status: 'refused', rule: 'R-SEAT-6' });
    });
  });

  describe('controls: the base bodies unchanged succeed, so every case above failed for its one change', () => {
    const control = async (path: string, as: Who, body: Json, status: number) => {
      const before = eventLogMark(ledger.dataDir);
      const r = await new LedgerClient(ledger.baseUrl, tokens[as]).post(path, body);
      expect({ status: r.status, body: r.body }).toMatchObject({ status });
      expect(eventLogMark(ledger.dataDir).count).toBeGreaterThan(before.count);
      return r.body;
    };

    it('given the base enterprise, when registered, then 201', async () => {
      await control(enterprises(), 'reviewer', enterpriseBase(), 201);
    });
    it('given the base application, when submitted, then 201', async () => {
      await control(applications(), 'applicant', submitBase(), 201);
    });
    it('given the base evidence, when filed, then 200', async () => {
      await control(evidence(), 'applicant', evidenceBase(), 200);
    });
    it('given the base review, when sent, then 200', async () => {
      await control(review(), 'reviewer', reviewBase(), 200);
    });
    it('given the base publicity, when opened, then 201', async () => {
      await control(publicity(), 'reviewer', publicityBase(), 201);
    });
    it('given the base objection, when raised, then 201', async () => {
      s.obj2 = (await control(objections(), 'reviewer', objectionBase(), 201)).objectionId;
    });
    it('given the base resolution, when both open objections are dismissed with it, then 200', async () => {
      await control(resolution(), 'reviewer', resolutionBase(), 200);
      await control(
        `/v1/publicity/${s.pub1}/objections/${s.obj2}/resolution`,
        'reviewer',
        resolutionBase(),
        200,
      );
    });
    it('given the base disbursement, once the notice has run and no objection is open, when paid, then 201', async () => {
      await control(disbursements(), 'finance', disbursementBase(), 201);
    });
    it('given the base tranche request on a fresh application, when approved, then 201', async () => {
      const app = await control(
        applications(),
        'reviewer',
        {
          enterpriseId: NEW_ENTERPRISE,
          submittedOn: '2023-03-01',
          claims: [claim(makeResidentId('140202', '19970707', 88))],
        },
        201,
      );
      await control(
        `/v1/seat-applications/${app.applicationId}/review`,
        'reviewer',
        { decidedOn: '2023-03-05', decisions: [{ claimId: app.claims[0].claimId, approve: true }] },
        200,
      );
      await control(
        `/v1/seat-applications/${app.applicationId}/tranches`,
        'finance',
        trancheBase(),
        201,
      );
    });
  });

  describe('unknown fields named like Object.prototype members (run last: a wrong acceptance writes)', () => {
    it.each(prototypeKeyCases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));
  });

  describe('hostile input: deep nesting, false Content-Encoding, duplicate keys, broken UTF-8, control, bidi and invisible characters (issue #12, point 13; run last)', () => {
    it.each(hostileInputCases.map((c) => [c.name, c] as const))('%s', (_name, c) => check(c));

    it('given any of them, then the message says what is wrong, and the process is still serving', async () => {
      const g = await send(
        hostileInputCases.find((c) => c.name.includes('Content-Encoding: gzip'))!,
      );
      expect(g.body.message).toMatch(/Content-Encoding/);
      const d = await send(hostileInputCases.find((c) => c.name.includes('twice in one object'))!);
      expect(d.body.details[0].messages[0]).toMatch(/more than once/);
      const u = await send(hostileInputCases.find((c) => c.name.includes('invalid UTF-8'))!);
      expect(u.body.message).toMatch(/UTF-8/);
      expect((await fetch(`${ledger.baseUrl}/health`)).status).toBe(200);
    });
  });
});
