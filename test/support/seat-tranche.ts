import { makeResidentId } from '@ledger/domain/identity/test-ids';
import { LedgerClient, tokenFor } from './ledger-process';

export interface SeatTrancheSetup {
  creditCode: string;
  name: string;
  /** Claims in the application, one person each. */
  persons: number;
  /** The serial of the first person's ID number (born 1990-01-01 in 140202); the rest follow. */
  firstPersonSerial: number;
  /** The applicant's clerk (subject of its token). */
  clerk: string;
  reviewerToken: string;
  financeToken: string;
  /** On a notice of 2023-03-11 to 2023-03-17 (payable from 2023-03-18). */
  publish: boolean;
  /** An account in the enterprise's name, verified 2023-03-15. */
  accountNumber?: string;
}

/**
 * The bank-cycle e2e specs' common start: an enterprise registered
 * 2023-01-05 with 200 seats, one seat application of `persons` claims
 * (January and February 2023) submitted 2023-03-01 and approved 2023-03-05,
 * tranche 1 decided 2023-03-10; published and with a verified account when
 * asked. Every step must answer as it should.
 */
export async function approvedSeatTranche(
  http: LedgerClient,
  s: SeatTrancheSetup,
): Promise<{ applicationId: string; trancheId: string; publicityId?: string }> {
  const reviewer = http.as(s.reviewerToken);
  const registered = await reviewer.post('/v1/enterprises', {
    creditCode: s.creditCode,
    name: s.name,
    industry: 'call',
    seats: 200,
    registeredOn: '2023-01-05',
  });
  expect(registered.status).toBe(201);
  const applicant = tokenFor(s.clerk, 'applicant', { enterpriseId: s.creditCode });
  const submitted = await http.as(applicant).post('/v1/seat-applications', {
    enterpriseId: s.creditCode,
    submittedOn: '2023-03-01',
    claims: Array.from({ length: s.persons }, (_, k) => ({
      personId: makeResidentId('140202', '19900101', s.firstPersonSerial + k),
      name: `员工${k}`,
      wageMonths: ['2023-01', '2023-02'],
      insuranceMonths: ['2023-01', '2023-02'],
    })),
  });
  expect(submitted.status).toBe(201);
  const applicationId: string = submitted.body.applicationId;
  const review = await reviewer.post(`/v1/seat-applications/${applicationId}/review`, {
    decidedOn: '2023-03-05',
    decisions: submitted.body.claims.map((c: any) => ({ claimId: c.claimId, approve: true })),
  });
  expect(review.status).toBe(200);
  const approved = await http
    .as(s.financeToken)
    .post(`/v1/seat-applications/${applicationId}/tranches`, {
      tranche: 1,
      decidedOn: '2023-03-10',
    });
  expect(approved.status).toBe(201);
  const trancheId: string = approved.body.trancheId;
  let publicityId: string | undefined;
  if (s.publish) {
    const pub = await reviewer.post('/v1/publicity', {
      trancheIds: [trancheId],
      startsOn: '2023-03-11',
      endsOn: '2023-03-17',
    });
    expect(pub.status).toBe(201);
    publicityId = pub.body.publicityId;
  }
  if (s.accountNumber) {
    const account = await reviewer.post(`/v1/enterprises/${s.creditCode}/bank-accounts`, {
      accountName: s.name,
      accountNumber: s.accountNumber,
      bankName: '中国工商银行大同分行',
      bankCode: '102162000023',
      verifiedOn: '2023-03-15',
    });
    expect(account.status).toBe(201);
  }
  return { applicationId, trancheId, publicityId };
}
