import { fundUseProjection, FundUseEntry, fundUseTotals } from './fund-use.projection';
import { journalSpecification } from './testing/projection-specification';
import { ledgerEvent, recorded } from './testing/ledger-events.fixture';

const spec = journalSpecification(fundUseProjection);
const E1 = '91140200MA0000001X';
const report = (reportId: string, reportedOn: string, educationFen: number, otherFen: number) =>
  ledgerEvent('FundUseReported', {
    enterpriseId: E1,
    reportId,
    reportedOn,
    educationFen,
    otherFen,
    reportedBy: 'a-clerk',
  });

describe('fund use projection (R-SEAT-7)', () => {
  it('given a report, when projected, then one row carries education and other spending on the report date', () => {
    spec
      .when(
        recorded(report('fu-1', '2024-01-31', 100_000, 400_000), {
          position: 12,
          recordedAt: '2024-02-01T00:00:00Z',
        }),
      )
      .thenRows([
        {
          enterpriseId: E1,
          reportId: 'fu-1',
          educationFen: 100_000,
          otherFen: 400_000,
          businessDate: '2024-01-31',
          recordedAt: '2024-02-01T00:00:00.000Z',
          position: 12,
        },
      ]);
  });

  it('given other events, when projected, then there is no row', () => {
    const opened = ledgerEvent('EnterpriseSuspended', {
      enterpriseId: E1,
      caseId: 'c',
      suspendedOn: '2024-01-01',
      reason: 'x',
    });
    spec.when(recorded(opened, { position: 3 })).thenRows([]);
  });

  it('given two reports, when totalled as of dates, then only reports made by then count', () => {
    const rows: FundUseEntry[] = [
      recorded(report('fu-1', '2024-01-31', 100_000, 400_000), { position: 12 }),
      recorded(report('fu-2', '2024-06-30', 50_000, 0), { position: 20 }),
    ].flatMap((e) => fundUseProjection.project(e).map((op) => op.row));
    expect(fundUseTotals(rows, '2024-01-30')).toEqual({ educationFen: 0, otherFen: 0, reports: 0 });
    expect(fundUseTotals(rows, '2024-01-31')).toEqual({
      educationFen: 100_000,
      otherFen: 400_000,
      reports: 1,
    });
    expect(fundUseTotals(rows, '2024-12-31')).toEqual({
      educationFen: 150_000,
      otherFen: 400_000,
      reports: 2,
    });
  });
});
