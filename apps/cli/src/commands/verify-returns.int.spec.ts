import * as fs from 'node:fs';
import {
  approveTranche,
  openPublicity,
  recordDisbursement,
  returnDisbursement,
} from '@ledger/application';
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
 * Issue #14 (ADR 0021): a payment of December 2023 the bank sends back in
 * January 2024 (退票 across fiscal years), then paid again in 2024, recorded
 * through the application layer on a real ledger file: `ledger verify`
 * (chain, invariants, read models against a rebuild) finds nothing.
 */
jest.setTimeout(60_000);

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

describe('ledger verify: a return across fiscal years (ADR 0021)', () => {
  it('given a payment of 2023-12-20 returned on 2024-01-10 and paid again on 2024-01-15, when verified, then it holds', async () => {
    const dir = tempDir('verify-returns');
    dirs.push(dir);
    const at = '2024-01-20T02:00:00.000Z';
    const reviewer = ctxAt('rita', 'reviewer', at);
    const finance = ctxAt('fay', 'finance', at);
    const enterpriseId = makeCreditCode(9_101);
    const personId = makeResidentId('140202', '19850505', 21);
    await withEmbeddedLedger(dir, async (deps) => {
      await reviewedOneClaimApplication(
        deps,
        { reviewer, secondReviewer: ctxAt('rob', 'reviewer', at) },
        {
          enterpriseId,
          enterpriseName: '大同跨年退票',
          applicationId: 'app-y',
          personId,
          personKey: personKeyOf(personId),
        },
      );
      await approveTranche(deps, finance, 'app-y', { tranche: 1, decidedOn: '2023-12-05' });
      await openPublicity(deps, reviewer, {
        publicityId: 'pub-y',
        trancheIds: ['app-y.t1'],
        startsOn: '2023-12-06',
        endsOn: '2023-12-12',
      });
      await recordDisbursement(deps, finance, {
        disbursementId: 'd-y1',
        trancheId: 'app-y.t1',
        paidOn: '2023-12-20',
        amountFen: 250_000,
        bankRef: 'PAY-Y1',
      });
      await returnDisbursement(deps, finance, {
        disbursementId: 'd-y1',
        trancheId: 'app-y.t1',
        returnedOn: '2024-01-10',
        bankRef: 'RET-Y1',
        reason: '收款账户已销户',
      });
      await recordDisbursement(deps, finance, {
        disbursementId: 'd-y2',
        trancheId: 'app-y.t1',
        paidOn: '2024-01-15',
        amountFen: 250_000,
        bankRef: 'PAY-Y2',
      });
    });
    const { out, io } = captureIo({ LEDGER_DATA_DIR: dir });
    const code = await runCli(['verify', '--quiet'], io);
    const report = JSON.parse(out.stdout) as { problems: unknown[] };
    expect({ code, problems: report.problems }).toEqual({ code: 0, problems: [] });
  });
});
