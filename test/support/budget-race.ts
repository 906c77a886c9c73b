import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { monthsFrom } from './ledger-db';
import { LedgerClient, tokenFor } from './ledger-process';

/** Two claims of 2,500 yuan: what each tranche 1 of the budget races asks. */
export const RACE_TRANCHE_FEN = 2 * 250_000;

/**
 * R-BUDGET races (issue #14): `count` enterprises, each with a seat
 * application of two approved claims ready for tranche 1, set up through
 * both API processes (`http(i)` alternates).
 */
export async function budgetRaceApplications(
  http: (i: number) => LedgerClient,
  count: number,
  seed: number,
): Promise<string[]> {
  const reviewer = tokenFor('rita', 'reviewer');
  const months = monthsFrom('2023-09', 2);
  const applications: string[] = [];
  for (let i = 0; i < count; i++) {
    const code = makeCreditCode(seed + i);
    const r = await http(i)
      .as(reviewer)
      .post('/v1/enterprises', {
        creditCode: code,
        name: `大同预算竞争 ${seed + i} 有限公司`,
        industry: 'call',
        seats: 200,
        registeredOn: '2023-01-05',
      });
    if (r.status !== 201) throw new Error(`enterprise: ${r.status} ${JSON.stringify(r.body)}`);
    const applicant = tokenFor(`clerk-${seed + i}`, 'applicant', { enterpriseId: code });
    const s = await http(i)
      .as(applicant)
      .post('/v1/seat-applications', {
        enterpriseId: code,
        submittedOn: '2023-11-20',
        claims: [0, 1].map((k) => ({
          personId: makeResidentId('140202', '19860412', (seed % 400) + 2 * i + k),
          name: `员工${k}`,
          wageMonths: months,
          insuranceMonths: months,
        })),
      });
    if (s.status !== 201) throw new Error(`submission: ${s.status} ${JSON.stringify(s.body)}`);
    const review = await http(i)
      .as(reviewer)
      .post(`/v1/seat-applications/${s.body.applicationId}/review`, {
        decidedOn: '2023-11-20',
        decisions: s.body.claims.map((c: any) => ({ claimId: c.claimId, approve: true })),
      });
    if (review.status !== 200) throw new Error(`review: ${review.status}`);
    applications.push(s.body.applicationId);
  }
  return applications;
}
