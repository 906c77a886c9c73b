import {
  DATONG_2022,
  decideRecordDisbursement,
  decideRecordRecovery,
  decideStartTrancheApproval,
  goodStanding,
  maskResidentId,
  streams,
} from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import { metadataFor } from '../command-context';
import { resumeProcesses } from '../process-recovery';
import { clearTranche } from '../standing/tranche-clearance';
import { loadStream, runOnStream } from '../stream-command';
import {
  caseFold,
  enterpriseFold,
  personFold,
  schoolFold,
  seatApplicationFold,
} from '../stream-decider';
import { closeCase } from './case-closure.process';
import { openCase } from './case-opening.process';
import { recordDisbursement } from './disbursement.process';
import { registerEnterprise } from './enterprise-registration.process';
import { recordFinding } from './finding.process';
import {
  approveInternshipTranche,
  registerSchool,
  submitInternshipApplication,
} from './internship.process';
import { openPublicity } from './publicity-opening.process';
import { recordRecovery } from './recovery.process';
import { recordStandingCheck } from './standing-check.process';
import { approveSiteTranche, submitSiteApplication } from './site-application.process';
import {
  approvedAndPublishedHalfYearTranche,
  registeredCallCentre,
  reviewedHalfYearClaim,
} from '../testing/payable-tranche';
import { thrown } from '../testing/thrown';
import { ctx, reviewer, finance, supervisor, sqliteLedgerForTest } from '../testing/process-ledger';

/**
 * R-FRAUD as amended (issue #11 point 7) and its race (issue #12 point 6) on
 * a real SQLite store, as the API runs them: a finding suspends at once; the
 * suspension outlives the closure until the last of what is due back is
 * recovered, and that recovery lifts it, resumably; a suspension settles the
 * clearances of approvals and payments in flight; a case against a school
 * with its internship tranche, and a site tranche, found false.
 */
jest.setTimeout(60_000);

const T = 250_000;
const rob = ctx('rob', 'reviewer');
const SIX = ['2023-01', '2023-02', '2023-03', '2023-04', '2023-05', '2023-06'];

describe('suspensions that last until recovery, and that no approval or payment outruns (R-FRAUD)', () => {
  const ledger = sqliteLedgerForTest('ledger-suspension-', { projected: true });
  let seq = 0;
  const id = (label: string) => `${label}-${++seq}`;

  const suspendedBy = async (enterpriseId: string) => [
    ...(
      await loadStream(ledger.store, streams.enterprise(enterpriseId), enterpriseFold)
    ).state.suspensions.keys(),
  ];

  /** An enterprise with `count` one-claim applications, each tranche 1 approved and published. */
  async function enterpriseWithTranches(seed: number, count: number) {
    const enterpriseId = makeCreditCode(seed);
    await registeredCallCentre(ledger.deps, reviewer, enterpriseId, `E${seed}`);
    const apps: { applicationId: string; trancheId: string; publicityId: string }[] = [];
    for (let i = 0; i < count; i++) {
      const applicationId = id('app');
      await reviewedHalfYearClaim(
        ledger.deps,
        { reviewer, secondReviewer: rob },
        {
          enterpriseId,
          applicationId,
          reviewId: id('review'),
          personId: makeResidentId('140202', '19800101', (seed % 100) * 10 + i),
          personKey: `pk-${seed}-${i}`,
        },
      );
      apps.push({ applicationId, trancheId: `${applicationId}.t1`, publicityId: id('pub') });
    }
    return { enterpriseId, apps };
  }
  const approveAndPublish = (app: {
    applicationId: string;
    trancheId: string;
    publicityId: string;
  }) => approvedAndPublishedHalfYearTranche(ledger.deps, { reviewer, finance }, app);
  const pay = (trancheId: string) =>
    recordDisbursement(ledger.deps, finance, {
      disbursementId: id('dis'),
      trancheId,
      paidOn: '2023-07-14',
      amountFen: T,
      bankRef: id('BANK'),
    });

  it('given a case opened without suspension, when a finding names a paid claim, then the enterprise is suspended at once; closed with money outstanding it stays suspended until the recovery of the rest lifts it', async () => {
    const { enterpriseId, apps } = await enterpriseWithTranches(9_101, 2);
    for (const app of apps) await approveAndPublish(app);
    await pay(apps[0].trancheId);
    const caseId = id('case');
    await openCase(ledger.deps, supervisor, {
      caseId,
      enterpriseId,
      openedOn: '2024-03-01',
      reason: 'tip',
      suspend: false,
    });
    expect(await suspendedBy(enterpriseId)).toEqual([]);
    const finding = await recordFinding(ledger.deps, supervisor, caseId, {
      findingId: id('finding'),
      foundOn: '2024-03-10',
      note: 'forged payroll',
      falseClaimIds: [`${apps[0].applicationId}.c1`],
    });
    expect(finding.result).toMatchObject({ clawbackDueFen: T, suspended: true });
    expect(await suspendedBy(enterpriseId)).toEqual([caseId]);
    expect((await thrown(pay(apps[1].trancheId))).kind).toBe('suspended');

    const closed = await closeCase(ledger.deps, supervisor, caseId, {
      closedOn: '2024-03-20',
      outcome: 'upheld',
      note: 'false',
    });
    expect(closed.result.suspensionLifted).toBe(false);
    expect(await suspendedBy(enterpriseId)).toEqual([caseId]);
    const partial = await recordRecovery(ledger.deps, finance, caseId, {
      recoveryId: id('rec'),
      receivedOn: '2024-04-01',
      amountFen: 100_000,
      bankRef: id('BACK'),
    });
    expect(partial.result).toMatchObject({ outstandingFen: 150_000, suspensionLifted: false });
    expect(await suspendedBy(enterpriseId)).toEqual([caseId]);
    const rest = await recordRecovery(ledger.deps, finance, caseId, {
      recoveryId: id('rec'),
      receivedOn: '2024-04-15',
      amountFen: 150_000,
      bankRef: id('BACK'),
    });
    expect(rest.result).toMatchObject({ outstandingFen: 0, suspensionLifted: true });
    expect(await suspendedBy(enterpriseId)).toEqual([]);
    expect((await pay(apps[1].trancheId)).result.disbursementId).toBeDefined();
    const trace = await ledger.readModels.caseTrace(caseId);
    expect(trace).toMatchObject({
      status: 'closed',
      suspension: { requested: false, applied: true, lifted: true },
      outstandingFen: 0,
    });
    expect(
      (await loadStream(ledger.store, streams.case(caseId), caseFold)).state.openProcesses.size,
    ).toBe(0);
  });

  it('given the recovery that repays a closed case written and the process cut short, when recovery of open processes runs, then the suspension is lifted once', async () => {
    const { enterpriseId, apps } = await enterpriseWithTranches(9_102, 1);
    await approveAndPublish(apps[0]);
    await pay(apps[0].trancheId);
    const caseId = id('case');
    await openCase(ledger.deps, supervisor, {
      caseId,
      enterpriseId,
      openedOn: '2024-03-01',
      reason: 'tip',
      suspend: true,
    });
    await recordFinding(ledger.deps, supervisor, caseId, {
      findingId: id('finding'),
      foundOn: '2024-03-10',
      note: 'forged',
      falseClaimIds: [`${apps[0].applicationId}.c1`],
    });
    await closeCase(ledger.deps, supervisor, caseId, {
      closedOn: '2024-03-20',
      outcome: 'upheld',
      note: 'x',
    });
    const recoveryId = id('rec');
    // Only the first step, as a crash right after it would leave it.
    await runOnStream(
      ledger.store,
      streams.case(caseId),
      caseFold,
      (s) =>
        decideRecordRecovery(s, {
          recoveryId,
          receivedOn: '2024-04-01',
          amountFen: T,
          bankRef: id('BACK'),
          recordedBy: 'fay',
        }),
      () => metadataFor(finance, '2024-04-01'),
    );
    expect(await suspendedBy(enterpriseId)).toEqual([caseId]);
    const open = await ledger.readModels.openProcesses();
    expect(open.map((p) => [p.kind, p.processId])).toContainEqual(['RecoveryRecorded', recoveryId]);
    const report = await resumeProcesses(ledger.deps, ctx('system', 'system'), open);
    expect(report.failed).toEqual([]);
    expect(await suspendedBy(enterpriseId)).toEqual([]);
    const again = await resumeProcesses(ledger.deps, ctx('system', 'system'), open);
    expect(again.failed).toEqual([]);
    const lifts = (await ledger.store.readStream(streams.enterprise(enterpriseId))).filter(
      (e) => e.type === 'EnterpriseSuspensionLifted',
    );
    expect(lifts).toHaveLength(1);
  });

  it('given a payment cleared but not recorded and an approval started but not finished, when a case suspends the enterprise, then the approval is finished before the suspension and the payment is refused after it', async () => {
    const { enterpriseId, apps } = await enterpriseWithTranches(9_103, 2);
    await approveAndPublish(apps[0]);
    const [payable, approving] = apps;
    const payment = await clearTranche(
      ledger.deps,
      finance,
      { kind: 'enterprise', id: enterpriseId },
      { action: 'pay', trancheId: payable.trancheId, on: '2023-07-14' },
    );
    const approval = await clearTranche(
      ledger.deps,
      finance,
      { kind: 'enterprise', id: enterpriseId },
      { action: 'approve', trancheId: approving.trancheId, on: '2023-07-05' },
    );
    await runOnStream(
      ledger.store,
      streams.seatApplication(approving.applicationId),
      seatApplicationFold,
      (s) =>
        decideStartTrancheApproval(
          s,
          {
            tranche: 1,
            decidedOn: '2023-07-05',
            approvedBy: 'fay',
            clearanceId: approval.clearanceId,
          },
          DATONG_2022,
          goodStanding(enterpriseId),
        ),
      () => metadataFor(finance, '2023-07-05'),
    );
    const caseId = id('case');
    await openCase(ledger.deps, supervisor, {
      caseId,
      enterpriseId,
      openedOn: '2024-03-01',
      reason: 'tip',
      suspend: true,
    });
    const log = await ledger.store.readAll({ afterPosition: 0, maxCount: 100_000 });
    const at = (type: string, stream: string) =>
      log.find((e) => e.type === type && e.stream === stream)?.position ?? -1;
    const suspendedAt = at('EnterpriseSuspended', streams.enterprise(enterpriseId));
    expect(at('TrancheApproved', streams.seatApplication(approving.applicationId))).toBeLessThan(
      suspendedAt,
    );
    expect(
      at('TrancheClearanceRevoked', streams.seatApplication(payable.applicationId)),
    ).toBeLessThan(suspendedAt);
    const late = await thrown(
      runOnStream(
        ledger.store,
        streams.seatApplication(payable.applicationId),
        seatApplicationFold,
        (s) =>
          decideRecordDisbursement(
            s,
            {
              disbursementId: id('dis'),
              trancheId: payable.trancheId,
              paidOn: '2023-07-14',
              amountFen: T,
              bankRef: id('BANK'),
              paidBy: 'fay',
              clearanceId: payment.clearanceId,
            },
            {
              publicityId: payable.publicityId,
              startsOn: '2023-07-06',
              endsOn: '2023-07-12',
              openObjections: 0,
              upheldObjectionsOnTheList: 0,
            },
            DATONG_2022,
            goodStanding(enterpriseId),
          ),
        () => metadataFor(finance, '2023-07-14'),
      ),
    );
    expect({ kind: late.kind, rule: late.rule }).toEqual({ kind: 'suspended', rule: 'R-FRAUD' });
  });

  it("given a school's approved, unpaid internship tranche, when a finding names it, then it is cancelled and its interns' rewards are released on their person streams (R-INT)", async () => {
    const school = makeCreditCode(9_211);
    const employer = makeCreditCode(9_212);
    await registerSchool(ledger.deps, reviewer, {
      schoolId: school,
      name: '大同职院二',
      registeredOn: '2023-01-05',
    });
    await registerEnterprise(ledger.deps, reviewer, {
      enterpriseId: employer,
      name: 'employer 2',
      industry: 'call',
      seats: 300,
      registeredOn: '2022-12-30',
    });
    const interns = Array.from({ length: 50 }, (_, i) => {
      const personId = makeResidentId('140202', '20010101', 400 + i);
      return {
        personKey: `pk-unpaid-${i}`,
        personId,
        personIdMasked: maskResidentId(personId),
        name: `intern ${i}`,
        level: 'higher' as const,
        enterpriseId: employer,
        employedMonths: i < 25 ? SIX : SIX.slice(0, 5),
      };
    });
    const applicationId = id('ia');
    await submitInternshipApplication(ledger.deps, reviewer, {
      applicationId,
      schoolId: school,
      year: 2023,
      submittedOn: '2023-08-15',
      agreementRef: 'AGR',
      trainingBaseRef: 'BASE',
      interns,
    });
    const t = await approveInternshipTranche(ledger.deps, finance, applicationId, {
      decidedOn: '2023-08-20',
    });
    const person = streams.person('pk-unpaid-0');
    expect(
      (await loadStream(ledger.store, person, personFold)).state.internshipReward,
    ).toBeDefined();
    const caseId = id('case');
    await openCase(ledger.deps, supervisor, {
      caseId,
      schoolId: school,
      openedOn: '2024-03-01',
      reason: 'interns never employed',
      suspend: false,
    });
    const finding = await recordFinding(ledger.deps, supervisor, caseId, {
      findingId: id('finding'),
      foundOn: '2024-03-10',
      note: 'never employed',
      falseClaimIds: [],
      falseTrancheIds: [t.result.trancheId],
    });
    expect(finding.result).toMatchObject({ cancelledFen: t.result.amountFen, clawbackDueFen: 0 });
    const after = await loadStream(ledger.store, person, personFold);
    expect(after.state.internshipReward).toBeUndefined();
    expect(after.events.at(-1)).toMatchObject({
      type: 'PersonInternshipRewardReleased',
      data: { trancheId: t.result.trancheId, cause: { kind: 'finding' } },
    });
  });

  it("given a school's paid internship tranche and an enterprise's approved site tranche, when findings name them, then the school owes the reward back, is suspended and recovers; the site tranche is cancelled", async () => {
    const school = makeCreditCode(9_201);
    const employer = makeCreditCode(9_202);
    await registerSchool(ledger.deps, reviewer, {
      schoolId: school,
      name: '大同职院',
      registeredOn: '2023-01-05',
    });
    await registerEnterprise(ledger.deps, reviewer, {
      enterpriseId: employer,
      name: 'employer',
      industry: 'call',
      seats: 300,
      registeredOn: '2022-12-30',
    });
    const interns = Array.from({ length: 50 }, (_, i) => {
      const personId = makeResidentId('140202', '20010101', 300 + i);
      return {
        personKey: `pk-intern-${i}`,
        personId,
        personIdMasked: maskResidentId(personId),
        name: `intern ${i}`,
        level: 'higher' as const,
        enterpriseId: employer,
        employedMonths: i < 25 ? SIX : SIX.slice(0, 5),
      };
    });
    const applicationId = id('ia');
    await submitInternshipApplication(ledger.deps, reviewer, {
      applicationId,
      schoolId: school,
      year: 2023,
      submittedOn: '2023-08-15',
      agreementRef: 'AGR',
      trainingBaseRef: 'BASE',
      interns,
    });
    const t = await approveInternshipTranche(ledger.deps, finance, applicationId, {
      decidedOn: '2023-08-20',
    });
    const reward = t.result.amountFen;
    expect(reward).toBe(25 * 100_000);
    const publicityId = id('pub');
    await openPublicity(ledger.deps, reviewer, {
      publicityId,
      trancheIds: [t.result.trancheId],
      startsOn: '2023-08-21',
      endsOn: '2023-08-27',
    });
    const paid = await recordDisbursement(ledger.deps, finance, {
      disbursementId: id('dis'),
      trancheId: t.result.trancheId,
      paidOn: '2023-08-28',
      amountFen: reward,
      bankRef: id('BANK'),
    });

    const caseId = id('case');
    const opened = await openCase(ledger.deps, supervisor, {
      caseId,
      schoolId: school,
      openedOn: '2024-03-01',
      reason: 'retention records forged',
      suspend: false,
    });
    expect(opened.result).toEqual({ caseId, schoolId: school, suspended: false });
    const foreignClaim = await thrown(
      recordFinding(ledger.deps, supervisor, caseId, {
        findingId: id('finding'),
        foundOn: '2024-03-10',
        note: 'x',
        falseClaimIds: ['app-1.c1'],
      }),
    );
    expect(foreignClaim.rule).toBe('R-FRAUD');
    const finding = await recordFinding(ledger.deps, supervisor, caseId, {
      findingId: id('finding'),
      foundOn: '2024-03-10',
      note: 'retention forged',
      falseClaimIds: [],
      falseTrancheIds: [t.result.trancheId],
    });
    expect(finding.result).toMatchObject({
      clawbacks: [
        {
          trancheId: t.result.trancheId,
          disbursementId: paid.result.disbursementId,
          amountFen: reward,
        },
      ],
      clawbackDueFen: reward,
      suspended: true,
    });
    const schoolState = (await loadStream(ledger.store, streams.school(school), schoolFold)).state;
    expect([...schoolState.suspensions.keys()]).toEqual([caseId]);
    expect(await ledger.readModels.schoolBalance(school, '2024-03-31')).toMatchObject({
      programmes: { internship: { disbursedFen: reward, clawbackDueFen: reward, recoveredFen: 0 } },
    });
    expect(await ledger.readModels.schoolClawbackAgeing(school, '2024-03-31')).toMatchObject({
      schoolId: school,
      outstandingFen: reward,
      days0to30Fen: reward,
    });
    expect((await ledger.readModels.disbursement(paid.result.disbursementId))?.reversedBy).toEqual([
      expect.objectContaining({ caseId, amountFen: reward, recoveredFen: 0 }),
    ]);

    await closeCase(ledger.deps, supervisor, caseId, {
      closedOn: '2024-03-20',
      outcome: 'upheld',
      note: 'x',
    });
    const back = await recordRecovery(ledger.deps, finance, caseId, {
      recoveryId: id('rec'),
      receivedOn: '2024-04-01',
      amountFen: reward,
      bankRef: id('BACK'),
    });
    expect(back.result).toMatchObject({ outstandingFen: 0, suspensionLifted: true });
    expect(
      (await loadStream(ledger.store, streams.school(school), schoolFold)).state.suspensions.size,
    ).toBe(0);
    expect(await ledger.readModels.schoolBalance(school, '2024-04-30')).toMatchObject({
      programmes: { internship: { clawbackDueFen: reward, recoveredFen: reward } },
    });

    // A site tranche approved and not paid: cancelled whole.
    const site = await submitSiteApplication(ledger.deps, reviewer, {
      siteId: id('site'),
      enterpriseId: employer,
      kind: 'renovation',
      submittedOn: '2023-03-01',
      address: '大同市 装修 9 号',
      renovation: { investmentFen: 100_000_000, auditRef: 'AUD', completedOn: '2023-02-01' },
    });
    // R-SITE-COND: a site tranche needs a standing check on or before its date.
    await recordStandingCheck(ledger.deps, reviewer, {
      enterpriseId: employer,
      checkId: id('chk'),
      checkedOn: '2023-03-01',
      normalOperation: true,
      badCreditRecord: false,
      source: '市场监管登记',
    });
    const reno = await approveSiteTranche(ledger.deps, finance, site.result.applicationId, {
      decidedOn: '2023-03-05',
    });
    const siteCase = id('case');
    await openCase(ledger.deps, supervisor, {
      caseId: siteCase,
      enterpriseId: employer,
      openedOn: '2024-03-01',
      reason: 'no renovation',
      suspend: false,
    });
    const siteFinding = await recordFinding(ledger.deps, supervisor, siteCase, {
      findingId: id('finding'),
      foundOn: '2024-03-10',
      note: 'invoices forged',
      falseClaimIds: [],
      falseTrancheIds: [reno.result.trancheId],
    });
    expect(siteFinding.result).toMatchObject({
      clawbacks: [],
      cancelled: [{ trancheId: reno.result.trancheId, amountFen: 30_000_000 }],
      cancelledFen: 30_000_000,
    });
    expect(
      (await ledger.readModels.enterpriseBalance(employer, '2024-03-31')).programmes.siteRenovation,
    ).toMatchObject({ approvedFen: 0, clawbackDueFen: 0 });
    const closedSite = await closeCase(ledger.deps, supervisor, siteCase, {
      closedOn: '2024-03-20',
      outcome: 'upheld',
      note: 'nothing was paid',
    });
    expect(closedSite.result.suspensionLifted).toBe(true);
  });
});
