import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RecordRecoveryDto } from '../features/fraud/fraud.dto';
import { RecordDisbursementDto } from '../features/payments/payments.dto';
import { ReportFundUseDto } from '../features/seat-subsidy/seat-subsidy.dto';
import { SubmitSiteApplicationDto } from '../features/sites/site-applications.dto';
import { INVESTMENT_FEN_MAX, SPENDING_FEN_MAX, TRANSFER_FEN_MAX } from './dto-limits';

/**
 * Issue #12 point 9: every amount a request carries has an upper bound, a
 * plausible maximum for its field (dto-limits.ts), and the bounds leave room
 * for totals over many of them to stay exact (below 2^53 fen).
 */

async function fieldsInError(cls: new () => object, body: object): Promise<string[]> {
  const errors = await validate(plainToInstance(cls, body) as object);
  return errors.map((e) => e.property);
}

const renovation = (investmentFen: number) => ({
  enterpriseId: '91140200MA0KXXXXXX',
  kind: 'renovation',
  submittedOn: '2023-02-01',
  premises: { address: '大同市平城区御河西路 100 号' },
  investmentFen,
  auditRef: 'AUDIT-1',
  completedOn: '2023-01-15',
});

describe('amount bounds of the request bodies (dto-limits.ts, issue #12)', () => {
  it.each([
    [
      'a payment',
      RecordDisbursementDto,
      (amountFen: number) => ({ paidOn: '2023-03-20', amountFen, bankRef: 'B-1' }),
      'amountFen',
      TRANSFER_FEN_MAX,
    ],
    [
      'a recovery',
      RecordRecoveryDto,
      (amountFen: number) => ({ receivedOn: '2024-04-15', amountFen, bankRef: 'B-1' }),
      'amountFen',
      TRANSFER_FEN_MAX,
    ],
    [
      'education spending',
      ReportFundUseDto,
      (educationFen: number) => ({ reportedOn: '2024-01-31', educationFen, otherFen: 0 }),
      'educationFen',
      SPENDING_FEN_MAX,
    ],
    [
      'other spending',
      ReportFundUseDto,
      (otherFen: number) => ({ reportedOn: '2024-01-31', educationFen: 0, otherFen }),
      'otherFen',
      SPENDING_FEN_MAX,
    ],
    [
      'a renovation investment',
      SubmitSiteApplicationDto,
      renovation,
      'investmentFen',
      INVESTMENT_FEN_MAX,
    ],
  ] as const)(
    'given %s at its bound, when validated, then it passes; one fen more, or 2^53 − 1, is refused naming the field',
    async (_what, cls, body, field, max) => {
      const at = await fieldsInError(cls, body(max));
      expect(at.filter((f) => f !== 'enterpriseId')).toEqual([]);
      for (const over of [max + 1, Number.MAX_SAFE_INTEGER]) {
        expect([over, await fieldsInError(cls, body(over))]).toEqual([
          over,
          expect.arrayContaining([field]),
        ]);
      }
    },
  );

  it('given the bounds, when a thousand amounts at the largest transfer bound are added, then the total is still exact', () => {
    expect(Number.isSafeInteger(1_000 * TRANSFER_FEN_MAX)).toBe(true);
    expect(Number.isSafeInteger(900 * INVESTMENT_FEN_MAX)).toBe(true);
    expect(Number.isSafeInteger(1_000 * SPENDING_FEN_MAX)).toBe(true);
  });

  it('given every DTO of every feature, when its amount fields (isFen) are listed, then each has an upper bound of at most 10^13 fen', () => {
    const features = path.join(__dirname, '../features');
    const classes: (new () => object)[] = [];
    for (const feature of fs.readdirSync(features)) {
      for (const file of fs.readdirSync(path.join(features, feature))) {
        if (!file.endsWith('.dto.ts')) continue;
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const exported = require(path.join(features, feature, file)) as Record<string, unknown>;
        for (const value of Object.values(exported)) {
          if (typeof value === 'function') classes.push(value as new () => object);
        }
      }
    }
    const storage = getMetadataStorage();
    const unbounded: string[] = [];
    let amounts = 0;
    for (const cls of classes) {
      const metadata = storage.getTargetValidationMetadatas(cls, '', true, false);
      const fenFields = new Set(
        metadata
          .filter((m) => m.name === 'isFen' || m.constraintCls?.name === 'isFen')
          .map((m) => m.propertyName),
      );
      for (const field of fenFields) {
        amounts += 1;
        const max = metadata.find((m) => m.propertyName === field && m.name === 'max');
        const bound = max?.constraints?.[0] as number | undefined;
        if (bound === undefined || bound > 10_000_000_000_000) {
          unbounded.push(`${cls.name}.${field}`);
        }
      }
    }
    expect(amounts).toBeGreaterThanOrEqual(5);
    expect(unbounded).toEqual([]);
  });
});
