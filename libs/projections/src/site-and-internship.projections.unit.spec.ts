import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { disbursementViewProjection } from './disbursement-view.projection';
import { enterpriseBalanceProjection, BalanceEntry } from './enterprise-balance.projection';
import {
  effectiveSeatsAsOf,
  effectiveSeatsViewProjection,
} from './effective-seats-view.projection';
import { internshipApplicationViewProjection } from './internship-application-view.projection';
import { openProcessesProjection } from './open-processes.projection';
import { publicityViewProjection } from './publicity-view.projection';
import { documentOperations, DocumentProjection, JournalProjection } from './read-model';
import {
  schoolBalanceOf,
  schoolBalanceProjection,
  SchoolBalanceEntry,
} from './school-balance.projection';
import { siteApplicationViewProjection } from './site-application-view.projection';
import { specialTermsViewProjection } from './special-terms-view.projection';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';
import { E1, S1, siteAndInternshipStory } from './testing/site-and-internship.fixture';

const story = siteAndInternshipStory();

function documents<D extends object>(
  projection: DocumentProjection<D>,
  events: readonly RecordedEvent[],
) {
  const docs = new Map<string, D>();
  for (const event of events) {
    for (const op of documentOperations(projection, event, (id) => docs.get(id))) {
      if (op.kind === 'put') docs.set(op.id, op.doc);
      else if (op.kind === 'delete') docs.delete(op.id);
    }
  }
  return docs;
}

function rows<R extends object>(
  projection: JournalProjection<R>,
  events: readonly RecordedEvent[],
): R[] {
  return events.flatMap((e) => projection.project(e).map((op) => op.row));
}

const sum = (entries: BalanceEntry[], programme: string, kind: string, asOf = '9999-12-31') =>
  entries
    .filter((r) => r.programme === programme && r.kind === kind && r.businessDate <= asOf)
    .reduce((s, r) => s + r.amountFen, 0);

describe('enterprise balance: site programmes (R-SITE-*, R-PAY)', () => {
  const entries = rows(enterpriseBalanceProjection, story);

  it('given the story, when the lease rows are summed, then years 1 and 2 are approved (40 and 60 seats × 2,500 yuan) and year 1 paid', () => {
    expect(sum(entries, 'siteLease', 'approved')).toBe(10_000_000 + 15_000_000);
    expect(sum(entries, 'siteLease', 'disbursed')).toBe(10_000_000);
    expect(sum(entries, 'siteLease', 'approved', '2023-12-31')).toBe(10_000_000);
  });

  it('given a renovation withdrawn by an upheld objection, when summed, then it is approved on its date and taken back on the withdrawal date', () => {
    expect(sum(entries, 'siteRenovation', 'approved', '2023-02-14')).toBe(800_000_000);
    expect(sum(entries, 'siteRenovation', 'approved')).toBe(0);
    expect(sum(entries, 'siteRenovation', 'disbursed')).toBe(0);
  });

  it('given the purchase, when summed, then year 1 (30 %) is approved and paid under sitePurchase; nothing under seat', () => {
    expect(sum(entries, 'sitePurchase', 'approved')).toBe(75_000_000);
    expect(sum(entries, 'sitePurchase', 'disbursed')).toBe(75_000_000);
    expect(entries.filter((r) => r.programme === 'seat')).toEqual([]);
    expect(new Set(entries.map((r) => r.enterpriseId))).toEqual(new Set([E1]));
  });
});

describe('school balance (R-INT)', () => {
  const entries = rows(schoolBalanceProjection, story);

  it('given an internship tranche of 1,800 yuan less an 800 yuan withdrawal, paid 1,000 yuan, when summed, then approved 1,000 and disbursed 1,000', () => {
    expect(schoolBalanceOf(entries, '2024-12-31')).toEqual({
      programmes: {
        internship: {
          approvedFen: 100_000,
          disbursedFen: 100_000,
          clawbackDueFen: 0,
          recoveredFen: 0,
        },
      },
      totals: { approvedFen: 100_000, disbursedFen: 100_000, clawbackDueFen: 0, recoveredFen: 0 },
    });
  });

  it('given the same rows, when asked as of the day before the withdrawal, then 1,800 yuan are approved and nothing paid', () => {
    expect(schoolBalanceOf(entries, '2024-01-24').totals).toMatchObject({
      approvedFen: 180_000,
      disbursedFen: 0,
    });
  });

  it('given the rows, when asked as known before the payment was recorded, then the payment is not there', () => {
    const paid = entries.find((r) => r.kind === 'disbursed') as SchoolBalanceEntry;
    const before = new Date(Date.parse(paid.recordedAt) - 1).toISOString();
    expect(schoolBalanceOf(entries, '2024-12-31', before).totals.disbursedFen).toBe(0);
    expect(entries.every((r) => r.schoolId === S1 && r.programme === 'internship')).toBe(true);
  });
});

describe('site application view', () => {
  const docs = documents(siteApplicationViewProjection, story);

  it('given the lease, when viewed, then both years show their seats and year 1 its notice and payment', () => {
    const lease = docs.get('site-lease');
    expect(lease).toMatchObject({
      kind: 'lease',
      programme: 'siteLease',
      specialTermsId: 'terms-1',
      lease: { startsOn: '2023-01-01', endsOn: '2027-12-31' },
    });
    expect(lease?.tranches).toEqual([
      {
        trancheId: 'site-lease.y1',
        year: 1,
        status: 'approved',
        decidedOn: '2023-01-20',
        policyVersion: 'datong-2022',
        specialTermsId: 'terms-1',
        amountFen: 10_000_000,
        effectiveSeats: 40,
        seats: 40,
        perSeatFen: 250_000,
        publicity: { publicityId: 'pub-lease', startsOn: '2023-01-21', endsOn: '2023-01-27' },
        disbursement: {
          disbursementId: 'dis-site-lease.y1',
          paidOn: '2023-01-30',
          amountFen: 10_000_000,
          bankRef: 'BANK-site-lease.y1',
        },
      },
      expect.objectContaining({ trancheId: 'site-lease.y2', amountFen: 15_000_000, seats: 60 }),
    ]);
  });

  it('given the purchase of 5,001 m², when viewed, then the area counted is 5,000 m² and the five years are listed', () => {
    expect(docs.get('site-buy')).toMatchObject({
      purchase: { areaM2: 5001, areaM2Counted: 5000 },
      totalFen: 250_000_000,
      yearFen: [75_000_000, 62_500_000, 37_500_000, 37_500_000, 37_500_000],
    });
  });

  it('given the withdrawn renovation, when viewed, then it pays nothing and says why', () => {
    expect(docs.get('site-reno')?.tranches[0]).toMatchObject({
      amountFen: 0,
      withdrawn: { amountFen: 800_000_000, withdrawnOn: '2023-02-15', objectionId: 'obj-1' },
    });
  });

  it('given an event applied twice, when viewed, then nothing changes', () => {
    const twice = documents(siteApplicationViewProjection, [...story, story[story.length - 10]]);
    expect(twice.get('site-lease')).toEqual(docs.get('site-lease'));
  });
});

describe('internship application view', () => {
  const doc = documents(internshipApplicationViewProjection, story).get('ia-1');

  it('given the application, when viewed, then it shows the retention as 0.5000 and the tranche less the withdrawn person', () => {
    expect(doc).toMatchObject({
      schoolId: S1,
      internsSent: 50,
      retained: 25,
      retentionRate: '0.5000',
      tranche: {
        trancheId: 'ia-1.i1',
        amountFen: 100_000,
        withdrawn: [{ internId: 'ia-1.p2', amountFen: 80_000 }],
        refused: [{ internId: 'ia-1.p3', rule: 'R-INT', reason: 'already rewarded' }],
        disbursement: { disbursementId: 'dis-ia', amountFen: 100_000 },
      },
    });
  });
});

describe('effective seats view (R-EFF)', () => {
  const view = documents(effectiveSeatsViewProjection, story).get(E1);

  it('given recognitions of 40 then 60 seats, when the count is asked, then the latest on or before the date answers', () => {
    expect(effectiveSeatsAsOf(view, '2023-01-04')).toEqual({
      effectiveSeats: 0,
      recognitionId: null,
      recognizedOn: null,
    });
    expect(effectiveSeatsAsOf(view, '2023-06-30')).toEqual({
      effectiveSeats: 40,
      recognitionId: 'r1',
      recognizedOn: '2023-01-05',
    });
    expect(effectiveSeatsAsOf(view, '2024-01-05').effectiveSeats).toBe(60);
    expect(view?.recognitions[0]).toMatchObject({
      specialTermsId: 'terms-1',
      refused: [{ seatRef: 'X-1', rule: 'R-EFF', reason: '11 months' }],
    });
    expect(view?.leaseCounts.map((c) => c.seats)).toEqual([40, 60]);
  });
});

describe('special terms view (R-SPECIAL)', () => {
  it('given terms proposed by rita and confirmed by fay, when viewed, then both actors and the overrides are shown', () => {
    expect(documents(specialTermsViewProjection, story).get(E1)).toMatchObject({
      terms: [
        {
          termsId: 'terms-1',
          status: 'confirmed',
          proposedBy: 'rita',
          confirmedBy: 'fay',
          overrides: { site: { renovationCapFen: 800_000_000 } },
        },
      ],
    });
  });
});

describe('disbursement view and open processes for the new programmes', () => {
  it('given site and internship payments, when viewed, then each names its programme and payee', () => {
    const docs = documents(disbursementViewProjection, story);
    expect(docs.get('dis-site-lease.y1')).toMatchObject({
      applicationId: 'site-lease',
      enterpriseId: E1,
      programme: 'siteLease',
      amountFen: 10_000_000,
      reversedBy: [],
    });
    expect(docs.get('dis-ia')).toMatchObject({
      applicationId: 'ia-1',
      schoolId: S1,
      programme: 'internship',
    });
    expect(docs.get('dis-ia')?.enterpriseId).toBeUndefined();
  });

  it('given every process of the story finished, when open processes are listed, then none is open; a lone start is', () => {
    expect(documents(openProcessesProjection, story).size).toBe(0);
    const lone = documents(openProcessesProjection, story.slice(0, 6));
    expect([...lone.values()]).toEqual([
      expect.objectContaining({ kind: 'SiteTrancheApprovalStarted', stream: 'site-site-lease' }),
    ]);
  });
});

describe('publicity view: site and internship entries (R-PUB)', () => {
  const opened = ledgerEvent('PublicityOpened', {
    processId: 'pub-1',
    publicityId: 'pub-1',
    startsOn: '2024-01-21',
    endsOn: '2024-01-27',
    policyVersion: 'datong-2022',
    tranches: [
      {
        trancheId: 'site-lease.y1',
        applicationId: 'site-lease',
        enterpriseId: E1,
        programme: 'siteLease',
      },
      { trancheId: 'ia-1.i1', applicationId: 'ia-1', schoolId: S1, programme: 'internship' },
    ],
    entries: [
      {
        trancheId: 'site-lease.y1',
        claimId: 'site-lease.y1',
        programme: 'siteLease',
        enterpriseId: E1,
        enterpriseName: '大同大呼叫',
        amountFen: 10_000_000,
      },
      {
        trancheId: 'ia-1.i1',
        claimId: 'ia-1.p1',
        programme: 'internship',
        schoolId: S1,
        schoolName: '大同职业技术学院',
        personName: '实习生1',
        personIdMasked: '140202********001X',
        amountFen: 100_000,
      },
    ],
  });

  it('given a notice with a site and an internship tranche, when viewed, then the site entry names no person and the internship entry the school and a masked ID', () => {
    const doc = documents(publicityViewProjection, [recorded(opened, { position: 1 })]).get(
      'pub-1',
    );
    expect(doc?.entries).toEqual([
      {
        trancheId: 'site-lease.y1',
        claimId: 'site-lease.y1',
        programme: 'siteLease',
        enterpriseName: '大同大呼叫',
        amountFen: 10_000_000,
      },
      {
        trancheId: 'ia-1.i1',
        claimId: 'ia-1.p1',
        programme: 'internship',
        schoolName: '大同职业技术学院',
        personName: '实习生1',
        personIdMasked: '140202********001X',
        amountFen: 100_000,
      },
    ]);
  });

  it('given an upheld objection that took the site tranche out, when viewed, then its entry is marked withdrawn', () => {
    const withdrawn = ledgerEvent('SiteTrancheWithdrawn', {
      siteId: 'site-lease',
      enterpriseId: E1,
      kind: 'lease',
      trancheId: 'site-lease.y1',
      amountFen: 10_000_000,
      withdrawnOn: '2024-01-25',
      cause: { kind: 'objection', id: 'o1', publicityId: 'pub-1' },
    });
    const doc = documents(publicityViewProjection, [
      recorded(opened, { position: 1 }),
      recorded(withdrawn, { position: 2 }),
    ]).get('pub-1');
    expect(doc?.entries[0].withdrawn).toBe(true);
    expect(doc?.entries[1].withdrawn).toBeUndefined();
  });
});
