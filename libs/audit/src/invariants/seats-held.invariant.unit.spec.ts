import { DEFAULT_POLICY_TABLE } from '@ledger/domain/policy/policy-table';
import { event, invariantSpecification } from '../testing/invariant-specification';
import { policyLookup } from './ledger-invariants';
import { SeatsHeldInvariant } from './seats-held.invariant';

const spec = invariantSpecification(
  () => new SeatsHeldInvariant(policyLookup(DEFAULT_POLICY_TABLE)),
);
const E = 'E1';
const onEnterprise = (type: string, data: Record<string, unknown>) =>
  event(type, data, {}, `enterprise-${E}`);
const enterprise = (seats: number) =>
  onEnterprise('EnterpriseRegistered', { enterpriseId: E, seats, registeredOn: '2023-01-05' });
const registered = (applicationId: string, claimsAdmitted: number, submittedOn = '2023-03-01') =>
  onEnterprise('SeatApplicationRegistered', {
    applicationId,
    submittedOn,
    claimCount: claimsAdmitted,
    claimsAdmitted,
  });
const verified = (verifiedOn: string, seats: number) =>
  onEnterprise('SeatCountVerified', { enterpriseId: E, verifiedOn, seats, inspectionRef: 'INS' });
const checked = (applicationId: string, results: [number, 'submitted' | 'refused'][]) =>
  event('SeatApplicationChecked', {
    applicationId,
    results: results.map(([n, status]) => ({ claimId: `${applicationId}.c${n}`, status })),
  });
const submittedAll = (applicationId: string, count: number) =>
  checked(
    applicationId,
    Array.from({ length: count }, (_, i): [number, 'submitted'] => [i + 1, 'submitted']),
  );

describe('R-SEAT-8 over the history (SeatsHeldInvariant)', () => {
  it('given 200 seats, when an application holds all 200, then it holds', () => {
    spec.given(enterprise(200)).when(registered('A', 200)).thenHolds();
  });

  it('given a hand-made history where 200 seats hold 201 open claims in one application, then R-SEAT-8 is broken', () => {
    spec
      .given(enterprise(200))
      .when(registered('A', 201))
      .thenViolates('R-SEAT-8', /holds 201 open claims .* more than its 200 seats/);
  });

  it('given 200 seats held by two applications, when a third claim is registered with a seat, then R-SEAT-8 is broken', () => {
    spec
      .given(enterprise(200), registered('A', 150), submittedAll('A', 150), registered('B', 50))
      .when(registered('C', 1))
      .thenViolates('R-SEAT-8', /201 open claims/);
  });

  it('given 200 seats full, when a claim closed on the events (rejected at review) and then another is registered, then it holds', () => {
    spec
      .given(
        enterprise(200),
        registered('A', 200),
        submittedAll('A', 200),
        event('ApplicationReviewed', {
          applicationId: 'A',
          decisions: [{ claimId: 'A.c7', approve: false, reason: 'x' }],
        }),
      )
      .when(registered('B', 1))
      .thenHolds();
  });

  it('given 200 seats full, when the ledger writes SeatsReleased for a claim that never closed, then the next claim still breaks R-SEAT-8 (releases are not trusted)', () => {
    spec
      .given(
        enterprise(200),
        registered('A', 200),
        submittedAll('A', 200),
        onEnterprise('SeatsReleased', {
          enterpriseId: E,
          applicationId: 'A',
          claimIds: ['A.c1'],
          releasedOn: '2023-03-05',
          cause: { kind: 'rejected', id: 'forged' },
        }),
      )
      .when(registered('B', 1))
      .thenViolates('R-SEAT-8', /201 open claims/);
  });

  const all3 = submittedAll('A', 3);
  it.each([
    [
      'refused at submission (R-SEAT-6)',
      [
        event('DuplicateClaimRefused', { applicationId: 'A', claimId: 'A.c3' }),
        checked('A', [
          [1, 'submitted'],
          [2, 'submitted'],
          [3, 'refused'],
        ]),
      ],
    ],
    [
      'refused in a tranche',
      [all3, event('TrancheApprovalStarted', { refused: [{ claimId: 'A.c3', rule: 'R-SEAT-3' }] })],
    ],
    ['refused by the person cap', [all3, event('CapReservationRefused', { claimId: 'A.c3' })]],
    [
      'withdrawn after an objection',
      [all3, event('ClaimWithdrawnFromTranche', { trancheId: 'A.t1', claimId: 'A.c3' })],
    ],
    ['found false', [all3, event('ClaimFoundFalse', { claimId: 'A.c3' })]],
    [
      'paid by tranche 4',
      [
        all3,
        event('TrancheApproved', {
          trancheId: 'A.t4',
          tranche: 4,
          policyVersion: 'datong-2022',
          included: [{ claimId: 'A.c3' }],
        }),
        event('TrancheDisbursed', { trancheId: 'A.t4' }),
      ],
    ],
  ])('given 3 seats held by A, when A.c3 is %s, then a new claim fits', (_how, closing) => {
    spec
      .given(enterprise(3), registered('A', 3), ...closing)
      .when(registered('B', 1))
      .thenHolds();
  });

  it('given 3 seats held by A and nothing closed, when a new claim is registered, then R-SEAT-8 is broken', () => {
    spec
      .given(enterprise(3), registered('A', 3), all3)
      .when(registered('B', 1))
      .thenViolates('R-SEAT-8', /4 open claims/);
  });

  it('given tranche 1 paid, when a claim it paid is counted, then it is still open: only the last tranche pays in full', () => {
    spec
      .given(
        enterprise(1),
        registered('A', 1),
        event('TrancheApproved', {
          trancheId: 'A.t1',
          tranche: 1,
          policyVersion: 'datong-2022',
          included: [{ claimId: 'A.c1' }],
        }),
        event('TrancheDisbursed', { trancheId: 'A.t1' }),
      )
      .when(registered('B', 1))
      .thenViolates('R-SEAT-8', /2 open claims .* more than its 1 seats/);
  });

  describe('a last tranche paid and returned (退票, issue #14)', () => {
    const paidInFull = [
      enterprise(3),
      registered('A', 3),
      all3,
      event('TrancheApproved', {
        trancheId: 'A.t4',
        tranche: 4,
        policyVersion: 'datong-2022',
        included: [{ claimId: 'A.c3' }],
      }),
      event('TrancheDisbursed', { trancheId: 'A.t4' }),
    ];
    const returned = event('DisbursementReturned', { trancheId: 'A.t4', disbursementId: 'd-4' });

    it('given A.c3 paid in full and its payment returned, when a new claim takes a seat, then R-SEAT-8 is broken: A.c3 is open again', () => {
      spec
        .given(...paidInFull, returned)
        .when(registered('B', 1))
        .thenViolates('R-SEAT-8', /4 open claims .* more than its 3 seats/);
    });

    it('given the returned tranche paid again, when a new claim takes the seat, then it holds', () => {
      spec
        .given(...paidInFull, returned, event('TrancheDisbursed', { trancheId: 'A.t4' }))
        .when(registered('B', 1))
        .thenHolds();
    });

    it('given a new claim took the seat before the return, when the next registration admits nothing, then it holds (the count is over, nothing was admitted)', () => {
      spec
        .given(...paidInFull, registered('B', 1), returned)
        .when(registered('C', 0))
        .thenHolds();
    });
  });

  it('given 300 declared seats verified as 200 from 2023-06-01 and 200 claims open, when one more is registered on 2023-05-31 it holds, on 2023-06-01 R-SEAT-8 is broken', () => {
    const history = [
      enterprise(300),
      verified('2023-06-01', 200),
      registered('A', 200),
      submittedAll('A', 200),
    ];
    spec
      .given(...history)
      .when(registered('B', 1, '2023-05-31'))
      .thenHolds();
    spec
      .given(...history)
      .when(registered('B', 1, '2023-06-01'))
      .thenViolates('R-SEAT-8', /more than its 200 seats/);
  });

  it('given an application whose registration admitted 1 of 2 claims, when the check marks both submitted, then R-SEAT-8 is broken for the second', () => {
    spec
      .given(
        enterprise(200),
        onEnterprise('SeatApplicationRegistered', {
          applicationId: 'A',
          submittedOn: '2023-03-01',
          claimCount: 2,
          claimsAdmitted: 1,
        }),
      )
      .when(
        checked('A', [
          [1, 'submitted'],
          [2, 'submitted'],
        ]),
      )
      .thenViolates('R-SEAT-8', /A\.c2 was submitted without a seat/);
  });

  it('given registrations from before R-SEAT-8 (no claimsAdmitted), when counted, then they hold no seat', () => {
    spec
      .given(
        enterprise(1),
        onEnterprise('SeatApplicationRegistered', {
          applicationId: 'OLD',
          submittedOn: '2023-02-01',
        }),
        submittedAll('OLD', 5),
      )
      .when(registered('B', 1))
      .thenHolds();
  });
});
