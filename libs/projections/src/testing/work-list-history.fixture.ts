import type { RecordedEvent } from '@ledger/event-store/event-store.port';
import { ledgerEvent, recorded } from './ledger-events.fixture';

export interface WorkListHistoryOptions {
  enterprises: number;
  applicationsPerEnterprise: number;
  schools?: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
/** Credit-code shaped ids: distinct, sortable, no check digit (read models do not check it). */
export const workListEnterpriseId = (i: number) => `91140200MA${pad(i, 7)}X`;
export const workListSchoolId = (i: number) => `52140200MB${pad(i, 7)}Y`;
const day = (d: number) =>
  new Date(Date.UTC(2023, 0, 1) + d * 86_400_000).toISOString().slice(0, 10);

/**
 * A synthetic history for the work lists (issue #13): enterprises with seat
 * applications in every state (submitted, reviewed, a tranche approved, on a
 * notice ending on various days, paid), cases (some closed, some suspending),
 * and schools with internship applications. Events are shaped by the domain's
 * types but not decided (no caps, no months): what the list read models read.
 * A generator, so that a benchmark can apply 100,000 items page by page.
 */
export function* workListHistory(options: WorkListHistoryOptions): Generator<RecordedEvent> {
  let position = 0;
  const at = (stream: string, d: number) => ({
    position: ++position,
    stream,
    businessDate: day(d),
    recordedAt: new Date(Date.UTC(2023, 0, 1) + position * 1000).toISOString(),
  });
  for (let e = 0; e < options.enterprises; e++) {
    const enterpriseId = workListEnterpriseId(e);
    const ent = `enterprise-${enterpriseId}`;
    yield recorded(
      ledgerEvent('EnterpriseRegistered', {
        enterpriseId,
        name: `大同${e % 7 === 0 ? '呼叫' : '标注'}企业${e}`,
        industry: e % 2 === 0 ? 'call' : 'annotation',
        seats: 300,
        registeredOn: day(e % 30),
      }),
      at(ent, e % 30),
    );
    for (let a = 0; a < options.applicationsPerEnterprise; a++) {
      const applicationId = `sa-${pad(e, 6)}-${pad(a, 3)}`;
      const stream = `seat-application-${applicationId}`;
      const trancheId = `${applicationId}.t1`;
      const kind = (e + a) % 5;
      yield recorded(
        ledgerEvent('SeatApplicationSubmitted', {
          processId: applicationId,
          applicationId,
          enterpriseId,
          submittedOn: day(40),
          policyVersion: 'datong-2022',
          claims: [],
        }),
        at(stream, 40),
      );
      if (kind === 0) continue;
      yield recorded(
        ledgerEvent('ApplicationReviewed', {
          processId: `${applicationId}:review`,
          applicationId,
          reviewedBy: 'rita',
          decidedOn: day(45),
          decisions: [],
        }),
        at(stream, 45),
      );
      if (kind === 1) continue;
      yield recorded(
        ledgerEvent('TrancheApproved', {
          processId: trancheId,
          applicationId,
          enterpriseId,
          trancheId,
          tranche: 1,
          decidedOn: day(50),
          policyVersion: 'datong-2022',
          amountFen: 250_000 * (1 + (a % 4)),
          included: [],
          refused: [],
        }),
        at(stream, 50),
      );
      if (kind === 2) continue;
      const publicityId = `pub-${pad(e, 6)}-${pad(a, 3)}`;
      const endsOn = day(56 + ((e * 7 + a) % 20));
      yield recorded(
        ledgerEvent('PublicityOpened', {
          processId: publicityId,
          publicityId,
          startsOn: day(50),
          endsOn,
          policyVersion: 'datong-2022',
          tranches: [{ trancheId, applicationId, enterpriseId, programme: 'seat' }],
          entries: [],
        }),
        at(`publicity-${publicityId}`, 50),
      );
      yield recorded(
        ledgerEvent('TranchePublicized', {
          applicationId,
          trancheId,
          publicityId,
          startsOn: day(50),
          endsOn,
        }),
        at(stream, 50),
      );
      if (kind === 3) continue;
      yield recorded(
        ledgerEvent('TrancheDisbursed', {
          applicationId,
          enterpriseId,
          trancheId,
          disbursementId: `dis-${applicationId}`,
          paidOn: day(80),
          amountFen: 250_000 * (1 + (a % 4)),
          bankRef: `BANK-${applicationId}`,
          paidBy: 'fay',
        }),
        at(stream, 80),
      );
    }
    if (e % 5 === 4) {
      const caseId = `case-${pad(e, 6)}`;
      yield recorded(
        ledgerEvent('CaseOpened', {
          processId: caseId,
          caseId,
          enterpriseId,
          openedOn: day(90),
          openedBy: 'sue',
          reason: 'spot check',
          suspend: e % 10 === 4,
        }),
        at(`case-${caseId}`, 90),
      );
      if (e % 10 === 4) {
        yield recorded(
          ledgerEvent('EnterpriseSuspended', {
            enterpriseId,
            caseId,
            suspendedOn: day(90),
            reason: 'spot check',
          }),
          at(ent, 90),
        );
      } else {
        yield recorded(
          ledgerEvent('CaseClosed', {
            processId: `${caseId}:closure`,
            caseId,
            enterpriseId,
            closedOn: day(95),
            closedBy: 'sue',
            outcome: 'dismissed',
            note: 'nothing found',
            liftsSuspension: false,
          }),
          at(`case-${caseId}`, 95),
        );
      }
    }
  }
  for (let s = 0; s < (options.schools ?? 0); s++) {
    const schoolId = workListSchoolId(s);
    yield recorded(
      ledgerEvent('SchoolRegistered', { schoolId, name: `大同职业学校${s}`, registeredOn: day(1) }),
      at(`school-${schoolId}`, 1),
    );
    const applicationId = `ia-${pad(s, 6)}`;
    const stream = `internship-application-${applicationId}`;
    yield recorded(
      ledgerEvent('InternshipApplicationSubmitted', {
        applicationId,
        schoolId,
        year: 2023,
        submittedOn: day(60),
        submittedBy: 'rita',
        reviewerIds: [],
        agreementRef: 'A-1',
        trainingBaseRef: 'T-1',
        policyVersion: 'datong-2022',
        interns: [],
        internsSent: 60,
        retained: 40,
        retentionBasisPoints: 6667,
      }),
      at(stream, 60),
    );
    if (s % 2 === 0) continue;
    yield recorded(
      ledgerEvent('InternshipTrancheApproved', {
        processId: `${applicationId}.i1`,
        applicationId,
        schoolId,
        trancheId: `${applicationId}.i1`,
        decidedOn: day(65),
        policyVersion: 'datong-2022',
        amountFen: 3_200_000,
        included: [],
        refused: [],
      }),
      at(stream, 65),
    );
  }
}
