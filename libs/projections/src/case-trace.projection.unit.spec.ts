import { CaseTraceView, caseTraceProjection } from './case-trace.projection';
import { documentSpecification } from './testing/projection-specification';
import { CASE, E1, FOUND_ON, fraudCaseStory } from './testing/fraud-case.fixture';

const spec = documentSpecification(caseTraceProjection);
const story = fraudCaseStory();
/** The story up to (not including) the event at `position`, and that event. */
const upTo = (position: number) => ({
  given: story.filter((e) => e.position < position),
  when: story.find((e) => e.position === position)!,
});

const payment = (k: 1 | 2, recoveredFen: number) => ({
  disbursementId: `dis-${k}`,
  bankRef: `BOC-${k}`,
  paidOn: k === 1 ? '2023-04-10' : '2023-10-10',
  amountFen: 250_000,
  clawbackId: `dis-${k}:sa-1.c1`,
  recoveredFen,
  outstandingFen: 250_000 - recoveredFen,
});

function traceAfterFinding(): CaseTraceView {
  return {
    caseId: CASE,
    enterpriseId: E1,
    status: 'open',
    outcome: null,
    openedOn: '2024-03-01',
    openedBy: 'sue',
    reason: 'tip: seat never staffed',
    closedOn: null,
    suspension: { requested: true, applied: true, lifted: false },
    findings: [
      {
        findingId: 'f-1',
        foundOn: FOUND_ON,
        note: 'wage statements forged',
        status: 'found',
        claimId: 'sa-1.c1',
        applicationId: 'sa-1',
        personIdMasked: '140202********0011',
        capReleased: false,
        tranches: [
          {
            trancheId: 'sa-1.t1',
            approvedFen: 250_000,
            cancelledFen: 0,
            payments: [payment(1, 0)],
          },
          {
            trancheId: 'sa-1.t2',
            approvedFen: 250_000,
            cancelledFen: 0,
            payments: [payment(2, 0)],
          },
          { trancheId: 'sa-1.t3', approvedFen: 250_000, cancelledFen: 250_000, payments: [] },
        ],
      },
    ],
    clawbackDueFen: 500_000,
    cancelledFen: 250_000,
    recoveredFen: 0,
    outstandingFen: 500_000,
    recoveries: [],
    lastPosition: 107,
  };
}

describe('case trace projection (R-FRAUD: finding → claims → tranches → payments → recoveries)', () => {
  it('given a case opened with suspension, when a finding is recorded, then the claim shows as pending with no tranches yet', () => {
    const { given, when } = upTo(104);
    const ops = spec
      .given(...given)
      .when(when)
      .operations();
    const doc = ops[0].kind === 'put' ? (ops[0].doc as CaseTraceView) : undefined;
    expect(doc?.findings).toEqual([
      expect.objectContaining({ claimId: 'sa-1.c1', status: 'pending', tranches: [] }),
    ]);
    expect(doc?.suspension).toEqual({ requested: true, applied: true, lifted: false });
  });

  it('given the finding recorded, when it is applied, then each tranche shows what was approved, cancelled and paid, and 5,000 yuan is due', () => {
    const { given, when } = upTo(107);
    spec
      .given(...given)
      .when(when)
      .thenDocument(CASE, traceAfterFinding());
  });

  it('given 5,000 yuan due, when 1,000 yuan comes back, then it repays the oldest payment and 4,000 is outstanding', () => {
    const { given, when } = upTo(108);
    const expected = traceAfterFinding();
    expected.findings[0].tranches[0].payments = [payment(1, 100_000)];
    expected.recoveredFen = 100_000;
    expected.outstandingFen = 400_000;
    expected.recoveries = [
      {
        recoveryId: 'r-1',
        receivedOn: '2024-04-15',
        amountFen: 100_000,
        bankRef: 'BACK-1',
        allocations: [
          {
            clawbackId: 'dis-1:sa-1.c1',
            claimId: 'sa-1.c1',
            disbursementId: 'dis-1',
            amountFen: 100_000,
          },
        ],
        settledClaimIds: [],
      },
    ];
    expected.lastPosition = 108;
    spec
      .given(...given)
      .when(when)
      .thenDocument(CASE, expected);
  });

  it('given a partial recovery, when the rest comes back, then nothing is outstanding and the claim shows its cap released', () => {
    const { given, when } = upTo(109);
    const ops = spec
      .given(...given)
      .when(when)
      .operations();
    const doc = ops[0].kind === 'put' ? (ops[0].doc as CaseTraceView) : undefined;
    expect(doc).toMatchObject({
      clawbackDueFen: 500_000,
      recoveredFen: 500_000,
      outstandingFen: 0,
    });
    expect(doc?.findings[0].capReleased).toBe(true);
    expect(
      doc?.findings[0].tranches.flatMap((t) => t.payments.map((p) => p.outstandingFen)),
    ).toEqual([0, 0]);
  });

  it('given the case closed upheld, when its suspension is lifted, then the trace shows it closed and lifted', () => {
    const { given, when } = upTo(113);
    const ops = spec
      .given(...given)
      .when(when)
      .operations();
    const doc = ops[0].kind === 'put' ? (ops[0].doc as CaseTraceView) : undefined;
    expect(doc).toMatchObject({
      status: 'closed',
      outcome: 'upheld',
      closedOn: '2024-06-10',
      suspension: { requested: true, applied: true, lifted: true },
    });
  });

  it('given the trace, when an event it already folded comes again, then nothing changes', () => {
    const { given } = upTo(108);
    spec
      .given(...given)
      .when(story.find((e) => e.position === 107)!)
      .then([]);
  });

  it('given events of other streams, when projected, then the trace ignores them', () => {
    const enterpriseEvent = story.find((e) => e.type === 'EnterpriseSuspended')!;
    const clawback = story.find((e) => e.type === 'ClawbackAssessed')!;
    expect(caseTraceProjection.documentIds(enterpriseEvent)).toEqual([]);
    expect(caseTraceProjection.documentIds(clawback)).toEqual([]);
  });
});
