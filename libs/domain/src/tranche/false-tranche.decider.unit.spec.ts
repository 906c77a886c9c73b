import { makeCreditCode } from '../identity/test-ids';
import {
  checkFalseInternshipTranche,
  decideFindInternshipTrancheFalse,
  falseInternshipTrancheOutcome,
} from '../internship/find-internship-tranche-false.decider';
import { InternshipEvent } from '../internship/internship.events';
import {
  evolveInternship,
  foldInternship,
  initialInternshipState,
} from '../internship/internship.state';
import { checkInternshipDisbursement } from '../internship/record-internship-disbursement.decider';
import {
  checkFalseSiteTranche,
  decideFindSiteTrancheFalse,
  falseSiteTrancheOutcome,
} from '../site/find-site-tranche-false.decider';
import { checkSitePublishable } from '../site/site-tranche-publicity.decider';
import { SiteEvent } from '../site/site.events';
import { evolveSite, foldSite, initialSiteState } from '../site/site.state';
import { spec } from '../testing/decider-specification';

const ENT = makeCreditCode(51);
const SCHOOL = makeCreditCode(52);
const site = spec({ initial: initialSiteState, evolve: evolveSite });
const internship = spec({ initial: initialInternshipState, evolve: evolveInternship });
const enterpriseParty = { kind: 'enterprise' as const, id: ENT };
const schoolParty = { kind: 'school' as const, id: SCHOOL };
const finding = { caseId: 'case-1', findingId: 'f-1', foundOn: '2024-03-10' };

/** A renovation site s1 of ENT, its one tranche approved at 300,000 yuan, optionally paid. */
function renovation(paid: boolean): SiteEvent[] {
  const common = { siteId: 's1', enterpriseId: ENT, kind: 'renovation' as const };
  const events: SiteEvent[] = [
    {
      type: 'SiteApplicationSubmitted',
      data: {
        ...common,
        submittedOn: '2023-02-01',
        submittedBy: 'clerk',
        reviewerIds: [],
        policyVersion: 'datong-2022',
        premises: { address: '大同市 1 号', premisesKey: 'pk' },
        renovation: { investmentFen: 100_000_000, auditRef: 'AUD-1', completedOn: '2023-01-20' },
        totalFen: 30_000_000,
      },
    },
    {
      type: 'SiteTrancheApprovalStarted',
      data: {
        ...common,
        processId: 's1.r',
        trancheId: 's1.r',
        decidedOn: '2023-03-01',
        approvedBy: 'fay',
        policyVersion: 'datong-2022',
        amountFen: 30_000_000,
      },
    },
    {
      type: 'SiteTrancheApproved',
      data: {
        ...common,
        processId: 's1.r',
        trancheId: 's1.r',
        decidedOn: '2023-03-01',
        policyVersion: 'datong-2022',
        amountFen: 30_000_000,
      },
    },
  ];
  if (paid) {
    events.push(
      {
        type: 'SiteTranchePublicized',
        data: {
          siteId: 's1',
          trancheId: 's1.r',
          publicityId: 'p1',
          startsOn: '2023-03-02',
          endsOn: '2023-03-08',
        },
      },
      {
        type: 'SiteTrancheDisbursed',
        data: {
          ...common,
          trancheId: 's1.r',
          disbursementId: 'd-9',
          paidOn: '2023-03-10',
          amountFen: 30_000_000,
          bankRef: 'ICBC-9',
          paidBy: 'fay',
        },
      },
    );
  }
  return events;
}

/** Internship application i1 of SCHOOL, its tranche approved at 1,800 yuan for two interns, optionally paid. */
function rewards(paid: boolean): InternshipEvent[] {
  const common = { applicationId: 'i1', schoolId: SCHOOL };
  const events: InternshipEvent[] = [
    {
      type: 'InternshipApplicationSubmitted',
      data: {
        ...common,
        year: 2023,
        submittedOn: '2024-01-10',
        submittedBy: 'clerk',
        reviewerIds: [],
        agreementRef: 'AGR',
        trainingBaseRef: 'TB',
        policyVersion: 'datong-2022',
        interns: [],
        internsSent: 50,
        retained: 25,
        retentionBasisPoints: 5000,
      },
    },
    {
      type: 'InternshipTrancheApprovalStarted',
      data: {
        ...common,
        processId: 'i1.i1',
        trancheId: 'i1.i1',
        decidedOn: '2024-01-20',
        approvedBy: 'fay',
        policyVersion: 'datong-2022',
        candidates: [],
      },
    },
    {
      type: 'InternshipTrancheApproved',
      data: {
        ...common,
        processId: 'i1.i1',
        trancheId: 'i1.i1',
        decidedOn: '2024-01-20',
        policyVersion: 'datong-2022',
        amountFen: 180_000,
        included: [
          { internId: 'i1.p1', personKey: 'k1', amountFen: 80_000 },
          { internId: 'i1.p2', personKey: 'k2', amountFen: 100_000 },
        ],
        refused: [],
      },
    },
  ];
  if (paid) {
    events.push({
      type: 'InternshipTrancheDisbursed',
      data: {
        ...common,
        trancheId: 'i1.i1',
        disbursementId: 'd-7',
        paidOn: '2024-02-05',
        amountFen: 180_000,
        bankRef: 'ICBC-7',
        paidBy: 'fay',
      },
    });
  }
  return events;
}

describe('R-FRAUD findings naming whole site and internship tranches (falseTrancheIds)', () => {
  it('given a paid renovation tranche, when a finding names it, then its payment is due back as one clawback and nothing is cancelled', () => {
    site
      .given(renovation(true))
      .when((s) => decideFindSiteTrancheFalse(s, { ...finding, trancheId: 's1.r' }))
      .then([
        {
          type: 'SiteTrancheFoundFalse',
          data: {
            siteId: 's1',
            enterpriseId: ENT,
            kind: 'renovation',
            trancheId: 's1.r',
            ...finding,
            cancelledFen: 0,
            clawback: {
              clawbackId: 'd-9:s1.r',
              disbursementId: 'd-9',
              paidOn: '2023-03-10',
              bankRef: 'ICBC-9',
              amountFen: 30_000_000,
            },
          },
        },
      ]);
  });

  it('given an approved unpaid renovation tranche, when found false, then its amount is cancelled, it can no more be published, and the outcome says so', () => {
    const events = decideFindSiteTrancheFalse(foldSite(renovation(false)), {
      ...finding,
      trancheId: 's1.r',
    });
    expect(events[0].data).toMatchObject({ cancelledFen: 30_000_000 });
    expect(events[0].data).not.toHaveProperty('clawback');
    const after = foldSite([...renovation(false), ...events]);
    expect(() => checkSitePublishable(after, 's1.r', '2024-03-11')).toThrow(
      expect.objectContaining({ rule: 'R-FRAUD' }),
    );
    expect(falseSiteTrancheOutcome(after, 's1.r', finding)).toEqual({
      trancheId: 's1.r',
      programme: 'siteRenovation',
      applicationId: 's1',
      status: 'found',
      foundFalseBy: { caseId: 'case-1', findingId: 'f-1' },
      approvedFen: 30_000_000,
      cancelledFen: 30_000_000,
    });
    site
      .given([...renovation(false), ...events])
      .when((s) => decideFindSiteTrancheFalse(s, { ...finding, trancheId: 's1.r' }))
      .thenNothing();
  });

  it('given a tranche another finding named first, when read back for this finding, then it is alreadyFalse and adds nothing', () => {
    const first = decideFindSiteTrancheFalse(foldSite(renovation(true)), {
      ...finding,
      trancheId: 's1.r',
    });
    const outcome = falseSiteTrancheOutcome(foldSite([...renovation(true), ...first]), 's1.r', {
      caseId: 'case-2',
      findingId: 'f-2',
    });
    expect(outcome).toMatchObject({ status: 'alreadyFalse', cancelledFen: 0 });
    expect(outcome).not.toHaveProperty('payment');
  });

  it('given a site tranche, when a case against another party names it, then 422 R-FRAUD; found false already, 409', () => {
    const state = foldSite(renovation(true));
    expect(() =>
      checkFalseSiteTranche(state, 's1.r', { kind: 'enterprise', id: makeCreditCode(53) }),
    ).toThrow(expect.objectContaining({ kind: 'rule', rule: 'R-FRAUD' }));
    expect(checkFalseSiteTranche(state, 's1.r', enterpriseParty).trancheId).toBe('s1.r');
    const found = decideFindSiteTrancheFalse(state, { ...finding, trancheId: 's1.r' });
    expect(() =>
      checkFalseSiteTranche(foldSite([...renovation(true), ...found]), 's1.r', enterpriseParty),
    ).toThrow(expect.objectContaining({ kind: 'conflict', rule: 'R-FRAUD' }));
    expect(() => checkFalseSiteTranche(state, 's1.y1', enterpriseParty)).toThrow(
      expect.objectContaining({ kind: 'not_found' }),
    );
  });

  it("given a school's paid internship tranche, when a finding against the school names it, then the 1,800 yuan paid are due back", () => {
    expect(
      checkFalseInternshipTranche(foldInternship(rewards(true)), 'i1.i1', schoolParty),
    ).toBeDefined();
    internship
      .given(rewards(true))
      .when((s) => decideFindInternshipTrancheFalse(s, { ...finding, trancheId: 'i1.i1' }))
      .then([
        {
          type: 'InternshipTrancheFoundFalse',
          data: {
            applicationId: 'i1',
            schoolId: SCHOOL,
            trancheId: 'i1.i1',
            ...finding,
            cancelledFen: 0,
            clawback: {
              clawbackId: 'd-7:i1.i1',
              disbursementId: 'd-7',
              paidOn: '2024-02-05',
              bankRef: 'ICBC-7',
              amountFen: 180_000,
            },
          },
        },
      ]);
  });

  it('given an unpaid internship tranche found false, when paid, then 422 R-FRAUD; an enterprise case may not name it', () => {
    const found = decideFindInternshipTrancheFalse(foldInternship(rewards(false)), {
      ...finding,
      trancheId: 'i1.i1',
    });
    const after = foldInternship([...rewards(false), ...found]);
    expect(falseInternshipTrancheOutcome(after, 'i1.i1', finding)).toMatchObject({
      status: 'found',
      programme: 'internship',
      approvedFen: 180_000,
      cancelledFen: 180_000,
    });
    expect(() =>
      checkInternshipDisbursement(
        after,
        {
          disbursementId: 'd-8',
          trancheId: 'i1.i1',
          paidOn: '2024-03-20',
          amountFen: 180_000,
          bankRef: 'X',
          paidBy: 'fay',
        },
        {
          publicityId: 'p',
          startsOn: '2024-03-11',
          endsOn: '2024-03-17',
          openObjections: 0,
          upheldObjectionsOnTheList: 0,
        },
      ),
    ).toThrow(expect.objectContaining({ rule: 'R-FRAUD' }));
    expect(() =>
      checkFalseInternshipTranche(foldInternship(rewards(false)), 'i1.i1', enterpriseParty),
    ).toThrow(expect.objectContaining({ kind: 'rule', rule: 'R-FRAUD' }));
  });
});
