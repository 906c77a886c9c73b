import { ClaimStatus } from '@ledger/domain';
import {
  seatApplicationViewProjection,
  SeatApplicationView,
} from './seat-application-view.projection';
import { documentSpecification } from './testing/projection-specification';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';
import { recordedStory, story } from './testing/seat-subsidy.story';

const spec = documentSpecification(seatApplicationViewProjection);
const { a1, e1, p1, p2, t1 } = story;
const c1 = `${a1}.c1`;
const c2 = `${a1}.c2`;
const MONTHS = ['2022-07', '2022-08', '2022-09', '2022-10', '2022-11', '2022-12'];

/** The events of application 1 up to (not including) the first of type `until`. */
function a1Until(until?: string) {
  const events = recordedStory().filter((e) => e.data['applicationId'] === a1);
  const end = until === undefined ? events.length : events.findIndex((e) => e.type === until);
  return { given: events.slice(0, end), when: events[end] };
}

const claimView = (p: typeof p1, claimId: string, status: ClaimStatus) => ({
  claimId,
  personId: p.personId,
  personIdMasked: p.personIdMasked,
  name: p.name,
  status,
  months: MONTHS,
  wageMonths: MONTHS,
  insuranceMonths: MONTHS,
});

describe('seat application view projection', () => {
  it('given nothing, when an application is submitted, then it is checking, its claims pending', () => {
    const { given, when } = a1Until('SeatApplicationSubmitted');
    spec
      .given(...given)
      .when(when)
      .thenDocument(a1, {
        applicationId: a1,
        enterpriseId: e1.enterpriseId,
        submittedOn: '2023-01-10',
        status: 'checking',
        firstTrancheMonths: null,
        claims: [claimView(p1, c1, 'pending'), claimView(p2, c2, 'pending')],
        reviews: [],
        tranches: [],
        lastPosition: when.position,
      });
  });

  it('given a submitted application, when it is checked, then it is open with the months its first tranche needs', () => {
    const { given, when } = a1Until('SeatApplicationChecked');
    const [op] = spec
      .given(...given)
      .when(when)
      .operations();
    expect(op).toMatchObject({ kind: 'put', collection: 'seat_application', id: a1 });
    const doc = (op as { doc: SeatApplicationView }).doc;
    expect(doc.status).toBe('open');
    expect(doc.firstTrancheMonths).toBe(2);
    expect(doc.claims.map((c) => c.status)).toEqual(['submitted', 'submitted']);
  });

  it('given a checked application, when a refusal is reported, then the claim carries the rule, reason and other claim', () => {
    const submitted = a1Until('SeatApplicationChecked').given[0];
    const conflictsWith = [{ claimId: 'sa-9.c1', enterpriseId: 'E9', months: ['2022-12'] }];
    const checked = ledgerEvent('SeatApplicationChecked', {
      processId: a1,
      applicationId: a1,
      ordinal: 1,
      firstTrancheMonths: 6,
      results: [
        { claimId: c1, status: 'submitted' },
        { claimId: c2, status: 'refused', rule: 'R-SEAT-6', reason: 'months taken', conflictsWith },
      ],
    });
    const [op] = spec
      .given(submitted)
      .when(recorded(checked, { position: 50 }))
      .operations();
    const doc = (op as { doc: SeatApplicationView }).doc;
    expect(doc.claims[1]).toEqual({
      ...claimView(p2, c2, 'refused'),
      rule: 'R-SEAT-6',
      reason: 'months taken',
      conflictsWith,
    });
    expect(doc.claims[0]).not.toHaveProperty('rule');
  });

  it('given an open application, when evidence is filed and checked, then the roster grows at once and the months only when accepted', () => {
    const { given } = a1Until('ApplicationReviewed');
    const filed = ledgerEvent('EvidenceFiled', {
      processId: 'ev-1',
      applicationId: a1,
      filedOn: '2023-02-02',
      claims: [
        {
          claimId: c1,
          wageMonths: ['2023-01'],
          insuranceMonths: ['2023-01'],
          newMonths: ['2023-01'],
        },
        {
          claimId: c2,
          wageMonths: ['2023-01'],
          insuranceMonths: ['2023-01'],
          newMonths: ['2023-01'],
        },
      ],
    });
    const checked = ledgerEvent('EvidenceChecked', {
      processId: 'ev-1',
      applicationId: a1,
      filedOn: '2023-02-02',
      results: [
        { claimId: c1, status: 'accepted', addedMonths: ['2023-01'] },
        { claimId: c2, status: 'refused', addedMonths: [], rule: 'R-SEAT-6', reason: 'taken' },
      ],
    });
    const afterFiling = spec
      .given(...given)
      .when(recorded(filed, { position: 60 }))
      .operations();
    const filedDoc = (afterFiling[0] as { doc: SeatApplicationView }).doc;
    expect(filedDoc.claims[0].wageMonths).toEqual([...MONTHS, '2023-01']);
    expect(filedDoc.claims[0].months).toEqual(MONTHS);

    const [op] = spec
      .given(...given, recorded(filed, { position: 60 }))
      .when(recorded(checked, { position: 61 }))
      .operations();
    const doc = (op as { doc: SeatApplicationView }).doc;
    expect(doc.claims[0].months).toEqual([...MONTHS, '2023-01']);
    expect(doc.claims[1].months).toEqual(MONTHS);
    expect(doc.claims[1].wageMonths).toEqual([...MONTHS, '2023-01']);
  });

  it('given a review that rejects a claim, when projected, then the claim is rejected with the reason and the review is listed', () => {
    const { given } = a1Until('ApplicationReviewed');
    const reviewed = ledgerEvent('ApplicationReviewed', {
      processId: 'rv',
      applicationId: a1,
      reviewedBy: 'rev-1',
      decidedOn: '2023-01-20',
      decisions: [
        { claimId: c1, approve: true },
        { claimId: c2, approve: false, reason: 'no insurance record' },
      ],
    });
    const [op] = spec
      .given(...given)
      .when(recorded(reviewed, { position: 70 }))
      .operations();
    const doc = (op as { doc: SeatApplicationView }).doc;
    expect(doc.reviews).toEqual([{ reviewedBy: 'rev-1', decidedOn: '2023-01-20' }]);
    expect(doc.claims.map((c) => [c.status, c.reason])).toEqual([
      ['approved', undefined],
      ['rejected', 'no insurance record'],
    ]);
  });

  it('given the whole history of application 1, when folded, then the tranche shows approval, publicity, the withdrawn claim and the payment', () => {
    const { given, when } = a1Until('TrancheDisbursed');
    const [op] = spec
      .given(...given)
      .when(when)
      .operations();
    const doc = (op as { doc: SeatApplicationView }).doc;
    expect(doc.claims.map((c) => c.status)).toEqual(['approved', 'approved']);
    expect(doc.tranches).toEqual([
      {
        trancheId: t1,
        tranche: 1,
        status: 'approved',
        decidedOn: '2023-02-01',
        amountFen: 250_000,
        included: [
          {
            claimId: c1,
            personKey: p1.personKey,
            reservationId: `${t1}:${c1}`,
            amountFen: 250_000,
          },
          {
            claimId: c2,
            personKey: p2.personKey,
            reservationId: `${t1}:${c2}`,
            amountFen: 250_000,
          },
        ],
        refused: [],
        withdrawn: [{ claimId: c2, amountFen: 250_000 }],
        publicity: { publicityId: story.publicityId, startsOn: '2023-02-03', endsOn: '2023-02-10' },
        disbursement: {
          disbursementId: story.disbursementId,
          paidOn: '2023-03-20',
          amountFen: 250_000,
          bankRef: story.bankRef,
        },
      },
    ]);
    expect(doc.lastPosition).toBe(when.position);
  });

  it('given a tranche approval started, when projected, then the tranche is approving with nothing included yet', () => {
    const { given, when } = a1Until('TrancheApprovalStarted');
    const [op] = spec
      .given(...given)
      .when(when)
      .operations();
    const doc = (op as { doc: SeatApplicationView }).doc;
    expect(doc.tranches).toEqual([
      {
        trancheId: t1,
        tranche: 1,
        status: 'approving',
        decidedOn: '2023-02-01',
        amountFen: 0,
        included: [],
        refused: [],
        withdrawn: [],
      },
    ]);
  });

  it('given an event already folded in, when it comes again, then nothing changes', () => {
    const { given } = a1Until();
    const last = given[given.length - 1];
    spec
      .given(...given)
      .when(last)
      .then([]);
  });

  it('given nothing, when a later event of an unknown application comes, then nothing is written', () => {
    const { when } = a1Until('TranchePublicized');
    spec.given().when(when).then([]);
  });

  it('given the whole history of application 1, when a finding marks claim 1 false and assesses its payment, then the claim is fraudulent and the tranche lists the clawback', () => {
    const { given } = a1Until();
    const last = given[given.length - 1].position;
    const foundFalse = recorded(
      ledgerEvent('ClaimFoundFalse', {
        applicationId: a1,
        enterpriseId: e1.enterpriseId,
        claimId: c1,
        caseId: 'case-1',
        findingId: 'f-1',
        foundOn: '2024-03-10',
      }),
      { position: last + 1 },
    );
    const assessed = recorded(
      ledgerEvent('ClawbackAssessed', {
        applicationId: a1,
        enterpriseId: e1.enterpriseId,
        caseId: 'case-1',
        findingId: 'f-1',
        clawbackId: `dis-0001:${c1}`,
        claimId: c1,
        personKey: p1.personKey,
        trancheId: t1,
        reservationId: `${t1}:${c1}`,
        disbursementId: 'dis-0001',
        paidOn: '2023-03-20',
        bankRef: 'BOC-2023-000123',
        amountFen: 250_000,
        assessedOn: '2024-03-10',
      }),
      { position: last + 2 },
    );
    const ops = spec
      .given(...given, foundFalse)
      .when(assessed)
      .operations();
    const doc = ops[0]?.kind === 'put' ? (ops[0].doc as SeatApplicationView) : undefined;
    expect(doc?.claims[0]).toMatchObject({
      claimId: c1,
      status: 'fraudulent',
      foundFalse: { caseId: 'case-1', findingId: 'f-1', foundOn: '2024-03-10' },
    });
    expect(doc?.tranches[0].clawbacks).toEqual([
      { claimId: c1, clawbackId: `dis-0001:${c1}`, caseId: 'case-1', amountFen: 250_000 },
    ]);
  });
});
