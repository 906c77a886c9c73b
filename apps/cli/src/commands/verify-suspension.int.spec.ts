import * as fs from 'node:fs';
import {
  approveTranche,
  enterpriseFold,
  metadataFor,
  openPublicity,
  runOnStream,
  seatApplicationFold,
} from '@ledger/application';
import { DATONG_2022, decideRecordDisbursement, goodStanding, streams } from '@ledger/domain';
import { makeCreditCode, makeResidentId } from '@ledger/domain/identity/test-ids';
import {
  captureIo,
  tempDir,
  withEmbeddedLedger,
} from '../../../../libs/audit/test-support/ledger-dir';
import { ctxAt, personKeyOf } from '../../../../libs/audit/test-support/seat-history';
import { reviewedOneClaimApplication } from '@ledger/application/testing/payable-tranche';
import { runCli } from '../cli';

/**
 * Issue #12 point 6: `ledger verify` flags a payment recorded after its
 * enterprise's suspension (the race the old code lost). The history is made
 * by hand on a real ledger file: a tranche approved and published through
 * the application layer, then `EnterpriseSuspended` and a `TrancheDisbursed`
 * decided with the standing read before the suspension, both sealed and
 * projected like any event, so only the invariant can tell.
 */
jest.setTimeout(60_000);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

async function verify(dataDir: string) {
  const { out, io } = captureIo({ LEDGER_DATA_DIR: dataDir });
  const code = await runCli(['verify', '--quiet'], io);
  return { code, report: JSON.parse(out.stdout) };
}

/** A published tranche of one enterprise; with `raceLost`, it is paid after the suspension. */
async function history(raceLost: boolean): Promise<{ dir: string; paidAt: number }> {
  const dir = tempDir('verify-suspension');
  dirs.push(dir);
  const at = '2024-03-20T02:00:00.000Z';
  const reviewer = ctxAt('rita', 'reviewer', at);
  const finance = ctxAt('fay', 'finance', at);
  const supervisor = ctxAt('sue', 'supervisor', at);
  const enterpriseId = makeCreditCode(9_001);
  const personId = makeResidentId('140202', '19850505', 11);
  let paidAt = 0;
  await withEmbeddedLedger(dir, async (deps) => {
    await reviewedOneClaimApplication(
      deps,
      { reviewer, secondReviewer: ctxAt('rob', 'reviewer', at) },
      {
        enterpriseId,
        enterpriseName: '大同竞态',
        applicationId: 'app-r',
        personId,
        personKey: personKeyOf(personId),
      },
    );
    await approveTranche(deps, finance, 'app-r', { tranche: 1, decidedOn: '2023-03-10' });
    await openPublicity(deps, reviewer, {
      publicityId: 'pub-r',
      trancheIds: ['app-r.t1'],
      startsOn: '2023-03-11',
      endsOn: '2023-03-17',
    });
    const suspend = () =>
      runOnStream(
        deps.store,
        streams.enterprise(enterpriseId),
        enterpriseFold,
        () => [
          {
            type: 'EnterpriseSuspended' as const,
            data: { enterpriseId, caseId: 'case-r', suspendedOn: '2024-03-01', reason: 'tip' },
          },
        ],
        () => metadataFor(supervisor, '2024-03-01'),
      );
    // The standing as the payment read it, before the suspension reached it.
    const standing = goodStanding(enterpriseId);
    if (raceLost) await suspend();
    const paid = await runOnStream(
      deps.store,
      streams.seatApplication('app-r'),
      seatApplicationFold,
      (s) =>
        decideRecordDisbursement(
          s,
          {
            disbursementId: 'd-r',
            trancheId: 'app-r.t1',
            paidOn: '2023-03-20',
            amountFen: 250_000,
            bankRef: 'RACE-1',
            paidBy: 'fay',
          },
          {
            publicityId: 'pub-r',
            startsOn: '2023-03-11',
            endsOn: '2023-03-17',
            openObjections: 0,
            upheldObjectionsOnTheList: 0,
          },
          DATONG_2022,
          standing,
        ),
      () => metadataFor(finance, '2023-03-20'),
    );
    paidAt = paid.position!;
    if (!raceLost) await suspend();
  });
  return { dir, paidAt };
}

describe('ledger verify: no approval or payment while suspended (R-FRAUD)', () => {
  it('given a payment recorded after its enterprise was suspended, when verified, then exit 1 names R-FRAUD at the payment', async () => {
    const { dir, paidAt } = await history(true);
    const { code, report } = await verify(dir);
    expect(code).toBe(1);
    expect(report.firstBadPosition).toBe(paidAt);
    expect(report.problems).toEqual([
      expect.objectContaining({
        position: paidAt,
        check: 'invariant',
        rule: 'R-FRAUD',
        type: 'TrancheDisbursed',
        message: expect.stringContaining('suspended by case case-r'),
      }),
    ]);
  });

  it('given the same payment recorded before the suspension, when verified, then it holds', async () => {
    const { dir } = await history(false);
    const { code, report } = await verify(dir);
    expect({ code, problems: report.problems }).toEqual({ code: 0, problems: [] });
  });
});
