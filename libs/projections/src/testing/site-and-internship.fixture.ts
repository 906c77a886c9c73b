/**
 * Issue #7 events for the read-model tests: enterprise E1 has special terms
 * (renovation cap 8,000,000 yuan), 40 effective seats recognised on
 * 2023-01-05 and 60 on 2024-01-05; a lease site (year 1 paid, year 2
 * approved), a renovation (approved, then withdrawn by an upheld objection),
 * a purchase (year 1 paid); school S1 is paid for an internship tranche less
 * one person an objection took out.
 */
import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { ledgerEvent, recorded } from './ledger-events.fixture';

export const E1 = '91140200MA0000001X';
export const S1 = '12140200MB0000002Y';
const LEASE = 'site-lease';
const RENO = 'site-reno';
const BUY = 'site-buy';
const IA = 'ia-1';

const premises = (key: string) => ({ address: `大同市平城区 ${key} 号`, premisesKey: key });

export const specialTermsProposed = ledgerEvent('SpecialTermsProposed', {
  enterpriseId: E1,
  termsId: 'terms-1',
  documentRef: '同政办函〔2023〕12号',
  basis: 'top-enterprise',
  overrides: { site: { renovationCapFen: 800_000_000 } },
  validFrom: '2023-01-01',
  validTo: '2027-12-31',
  proposedOn: '2023-01-02',
  proposedBy: 'rita',
  note: 'Top 500, 600-seat site',
  policyVersion: 'datong-2022',
});
export const specialTermsConfirmed = ledgerEvent('SpecialTermsConfirmed', {
  enterpriseId: E1,
  termsId: 'terms-1',
  confirmedOn: '2023-01-03',
  confirmedBy: 'fay',
});

const recognition = (recognitionId: string, recognizedOn: string, recognized: number) => [
  ledgerEvent('EffectiveSeatRecognitionStarted', {
    processId: recognitionId,
    recognitionId,
    enterpriseId: E1,
    recognizedOn,
    recognizedBy: 'rita',
    policyVersion: 'datong-2022',
    specialTermsId: 'terms-1',
    candidates: [],
    refused: [],
  }),
  ledgerEvent('EffectiveSeatsRecognized', {
    processId: recognitionId,
    recognitionId,
    enterpriseId: E1,
    recognizedOn,
    policyVersion: 'datong-2022',
    specialTermsId: 'terms-1',
    recognized,
    seats: [
      {
        seatRef: 'X-1',
        status: 'refused',
        months: 11,
        occupants: 1,
        rule: 'R-EFF',
        reason: '11 months',
      },
    ],
  }),
];

const leaseSubmitted = ledgerEvent('SiteApplicationSubmitted', {
  siteId: LEASE,
  enterpriseId: E1,
  kind: 'lease',
  submittedOn: '2023-01-10',
  submittedBy: 'a-clerk',
  reviewerIds: [],
  policyVersion: 'datong-2022',
  specialTermsId: 'terms-1',
  premises: premises('1'),
  lease: { startsOn: '2023-01-01', endsOn: '2027-12-31' },
});
const leaseYear = (year: 1 | 2, decidedOn: string, seats: number) => [
  ledgerEvent('SiteTrancheApprovalStarted', {
    processId: `${LEASE}.y${year}`,
    siteId: LEASE,
    enterpriseId: E1,
    kind: 'lease',
    trancheId: `${LEASE}.y${year}`,
    year,
    decidedOn,
    approvedBy: 'fay',
    policyVersion: 'datong-2022',
    specialTermsId: 'terms-1',
    leaseYearFrom: `${2022 + year}-01-01`,
    leaseYearTo: `${2022 + year}-12-31`,
    perSeatFen: 250_000,
  }),
  ledgerEvent('LeaseSeatsCounted', {
    trancheId: `${LEASE}.y${year}`,
    siteId: LEASE,
    enterpriseId: E1,
    decidedOn,
    leaseYearFrom: `${2022 + year}-01-01`,
    leaseYearTo: `${2022 + year}-12-31`,
    effectiveSeats: seats,
    countedElsewhere: 0,
    seats,
    recognitionId: year === 1 ? 'r1' : 'r2',
  }),
  ledgerEvent('SiteTrancheApproved', {
    processId: `${LEASE}.y${year}`,
    siteId: LEASE,
    enterpriseId: E1,
    kind: 'lease',
    trancheId: `${LEASE}.y${year}`,
    year,
    decidedOn,
    policyVersion: 'datong-2022',
    specialTermsId: 'terms-1',
    amountFen: seats * 250_000,
    effectiveSeats: seats,
    seats,
    perSeatFen: 250_000,
  }),
];
const publicized = (
  siteId: string,
  trancheId: string,
  publicityId: string,
  startsOn: string,
  endsOn: string,
) => ledgerEvent('SiteTranchePublicized', { siteId, trancheId, publicityId, startsOn, endsOn });
const siteDisbursed = (
  siteId: string,
  kind: 'lease' | 'purchase',
  trancheId: string,
  paidOn: string,
  amountFen: number,
) =>
  ledgerEvent('SiteTrancheDisbursed', {
    siteId,
    enterpriseId: E1,
    kind,
    trancheId,
    disbursementId: `dis-${trancheId}`,
    paidOn,
    amountFen,
    bankRef: `BANK-${trancheId}`,
    paidBy: 'fay',
  });

const renoSubmitted = ledgerEvent('SiteApplicationSubmitted', {
  siteId: RENO,
  enterpriseId: E1,
  kind: 'renovation',
  submittedOn: '2023-02-01',
  submittedBy: 'a-clerk',
  reviewerIds: [],
  policyVersion: 'datong-2022',
  specialTermsId: 'terms-1',
  premises: premises('2'),
  renovation: { investmentFen: 3_000_000_000, auditRef: 'AUD-7', completedOn: '2023-01-20' },
  totalFen: 800_000_000,
});
const renoApproved = [
  ledgerEvent('SiteTrancheApprovalStarted', {
    processId: `${RENO}.r`,
    siteId: RENO,
    enterpriseId: E1,
    kind: 'renovation',
    trancheId: `${RENO}.r`,
    decidedOn: '2023-02-10',
    approvedBy: 'fay',
    policyVersion: 'datong-2022',
    specialTermsId: 'terms-1',
    amountFen: 800_000_000,
  }),
  ledgerEvent('SiteTrancheApproved', {
    processId: `${RENO}.r`,
    siteId: RENO,
    enterpriseId: E1,
    kind: 'renovation',
    trancheId: `${RENO}.r`,
    decidedOn: '2023-02-10',
    policyVersion: 'datong-2022',
    specialTermsId: 'terms-1',
    amountFen: 800_000_000,
  }),
];
const renoWithdrawn = ledgerEvent('SiteTrancheWithdrawn', {
  siteId: RENO,
  enterpriseId: E1,
  kind: 'renovation',
  trancheId: `${RENO}.r`,
  amountFen: 800_000_000,
  withdrawnOn: '2023-02-15',
  cause: { kind: 'objection', id: 'obj-1', publicityId: 'pub-reno' },
});

const buySubmitted = ledgerEvent('SiteApplicationSubmitted', {
  siteId: BUY,
  enterpriseId: E1,
  kind: 'purchase',
  submittedOn: '2023-03-01',
  submittedBy: 'rita',
  reviewerIds: ['rita'],
  policyVersion: 'datong-2022',
  specialTermsId: 'terms-1',
  premises: premises('3'),
  purchase: {
    areaDm2: 500_100,
    areaDm2Counted: 500_000,
    purchasedOn: '2023-02-20',
    certificateRef: 'C-1',
  },
  totalFen: 250_000_000,
  yearFen: [75_000_000, 62_500_000, 37_500_000, 37_500_000, 37_500_000],
});
const buyYear1 = [
  ledgerEvent('SiteTrancheApprovalStarted', {
    processId: `${BUY}.y1`,
    siteId: BUY,
    enterpriseId: E1,
    kind: 'purchase',
    trancheId: `${BUY}.y1`,
    year: 1,
    decidedOn: '2023-03-05',
    approvedBy: 'fay',
    policyVersion: 'datong-2022',
    amountFen: 75_000_000,
  }),
  ledgerEvent('SiteTrancheApproved', {
    processId: `${BUY}.y1`,
    siteId: BUY,
    enterpriseId: E1,
    kind: 'purchase',
    trancheId: `${BUY}.y1`,
    year: 1,
    decidedOn: '2023-03-05',
    policyVersion: 'datong-2022',
    amountFen: 75_000_000,
  }),
];

const schoolRegistered = ledgerEvent('SchoolRegistered', {
  schoolId: S1,
  name: '大同职业技术学院',
  registeredOn: '2023-01-05',
});
const internshipSubmitted = ledgerEvent('InternshipApplicationSubmitted', {
  applicationId: IA,
  schoolId: S1,
  year: 2023,
  submittedOn: '2024-01-15',
  submittedBy: 'school-clerk',
  reviewerIds: [],
  agreementRef: 'AGR-1',
  trainingBaseRef: 'BASE-1',
  policyVersion: 'datong-2022',
  interns: [1, 2, 3].map((n) => ({
    internId: `${IA}.p${n}`,
    personKey: `pk-${n}`,
    personId: `14020219990101${String(n).padStart(3, '0')}X`,
    personIdMasked: `140202********${String(n).padStart(3, '0')}X`,
    name: `实习生${n}`,
    level: n === 2 ? ('secondary' as const) : ('higher' as const),
    enterpriseId: E1,
    employedMonths: ['2023-07', '2023-08', '2023-09', '2023-10', '2023-11', '2023-12'],
    longestRunMonths: 6,
    retained: true,
  })),
  internsSent: 50,
  retained: 25,
  retentionBasisPoints: 5_000,
});
const internshipTranche = [
  ledgerEvent('InternshipTrancheApprovalStarted', {
    processId: `${IA}.i1`,
    applicationId: IA,
    schoolId: S1,
    trancheId: `${IA}.i1`,
    decidedOn: '2024-01-20',
    approvedBy: 'fay',
    policyVersion: 'datong-2022',
    candidates: [
      { internId: `${IA}.p1`, personKey: 'pk-1', level: 'higher', requestedFen: 100_000 },
      { internId: `${IA}.p2`, personKey: 'pk-2', level: 'secondary', requestedFen: 80_000 },
      { internId: `${IA}.p3`, personKey: 'pk-3', level: 'higher', requestedFen: 100_000 },
    ],
  }),
  ledgerEvent('InternshipRewardsReserved', {
    schoolId: S1,
    applicationId: IA,
    trancheId: `${IA}.i1`,
    decidedOn: '2024-01-20',
    reserved: [
      { internId: `${IA}.p1`, personKey: 'pk-1', amountFen: 100_000 },
      { internId: `${IA}.p2`, personKey: 'pk-2', amountFen: 80_000 },
    ],
    refused: [
      { internId: `${IA}.p3`, personKey: 'pk-3', rule: 'R-INT', reason: 'already rewarded' },
    ],
  }),
  ledgerEvent('InternshipTrancheApproved', {
    processId: `${IA}.i1`,
    applicationId: IA,
    schoolId: S1,
    trancheId: `${IA}.i1`,
    decidedOn: '2024-01-20',
    policyVersion: 'datong-2022',
    amountFen: 180_000,
    included: [
      { internId: `${IA}.p1`, personKey: 'pk-1', amountFen: 100_000 },
      { internId: `${IA}.p2`, personKey: 'pk-2', amountFen: 80_000 },
    ],
    refused: [{ internId: `${IA}.p3`, rule: 'R-INT', reason: 'already rewarded' }],
  }),
  ledgerEvent('InternshipTranchePublicized', {
    applicationId: IA,
    trancheId: `${IA}.i1`,
    publicityId: 'pub-ia',
    startsOn: '2024-01-21',
    endsOn: '2024-01-27',
  }),
  ledgerEvent('InternWithdrawnFromTranche', {
    applicationId: IA,
    schoolId: S1,
    trancheId: `${IA}.i1`,
    internId: `${IA}.p2`,
    personKey: 'pk-2',
    amountFen: 80_000,
    withdrawnOn: '2024-01-25',
    cause: { kind: 'objection', id: 'obj-2', publicityId: 'pub-ia' },
  }),
  ledgerEvent('InternshipTrancheDisbursed', {
    applicationId: IA,
    schoolId: S1,
    trancheId: `${IA}.i1`,
    disbursementId: 'dis-ia',
    paidOn: '2024-01-30',
    amountFen: 100_000,
    bankRef: 'BANK-ia',
    paidBy: 'fay',
  }),
];

/** The whole story, in order, with positions from 1 and the streams the ledger writes to. */
export function siteAndInternshipStory(): RecordedEvent[] {
  const on = (event: { type: string; data: object }, stream: string, businessDate: string) => ({
    event,
    stream,
    businessDate,
  });
  const steps = [
    on(specialTermsProposed, `enterprise-${E1}`, '2023-01-02'),
    on(specialTermsConfirmed, `enterprise-${E1}`, '2023-01-03'),
    ...recognition('r1', '2023-01-05', 40).map((e) => on(e, `effective-seats-${E1}`, '2023-01-05')),
    on(leaseSubmitted, `site-${LEASE}`, '2023-01-10'),
    ...leaseYear(1, '2023-01-20', 40).map((e, i) =>
      on(e, i === 1 ? `effective-seats-${E1}` : `site-${LEASE}`, '2023-01-20'),
    ),
    on(
      publicized(LEASE, `${LEASE}.y1`, 'pub-lease', '2023-01-21', '2023-01-27'),
      `site-${LEASE}`,
      '2023-01-21',
    ),
    on(
      siteDisbursed(LEASE, 'lease', `${LEASE}.y1`, '2023-01-30', 10_000_000),
      `site-${LEASE}`,
      '2023-01-30',
    ),
    on(renoSubmitted, `site-${RENO}`, '2023-02-01'),
    ...renoApproved.map((e) => on(e, `site-${RENO}`, '2023-02-10')),
    on(
      publicized(RENO, `${RENO}.r`, 'pub-reno', '2023-02-11', '2023-02-17'),
      `site-${RENO}`,
      '2023-02-11',
    ),
    on(renoWithdrawn, `site-${RENO}`, '2023-02-15'),
    on(buySubmitted, `site-${BUY}`, '2023-03-01'),
    ...buyYear1.map((e) => on(e, `site-${BUY}`, '2023-03-05')),
    on(
      publicized(BUY, `${BUY}.y1`, 'pub-buy', '2023-03-06', '2023-03-12'),
      `site-${BUY}`,
      '2023-03-06',
    ),
    on(
      siteDisbursed(BUY, 'purchase', `${BUY}.y1`, '2023-03-13', 75_000_000),
      `site-${BUY}`,
      '2023-03-13',
    ),
    ...recognition('r2', '2024-01-05', 60).map((e) => on(e, `effective-seats-${E1}`, '2024-01-05')),
    ...leaseYear(2, '2024-01-10', 60).map((e, i) =>
      on(e, i === 1 ? `effective-seats-${E1}` : `site-${LEASE}`, '2024-01-10'),
    ),
    on(schoolRegistered, `school-${S1}`, '2023-01-05'),
    on(internshipSubmitted, `internship-application-${IA}`, '2024-01-15'),
    ...internshipTranche.map((e, i) =>
      on(e, i === 1 ? `school-${S1}` : `internship-application-${IA}`, '2024-01-20'),
    ),
  ];
  return steps.map((s, i) =>
    recorded(s.event, {
      position: i + 1,
      stream: s.stream,
      businessDate: s.businessDate,
      recordedAt: `2024-02-01T0${Math.floor(i / 10)}:${String(i % 10).padStart(2, '0')}:00.000Z`,
    }),
  );
}
