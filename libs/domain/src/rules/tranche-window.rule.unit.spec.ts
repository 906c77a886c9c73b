import { DATONG_2022 } from '../policy/datong-2022.policy';
import { trancheWindowEndsOn, trancheWindowRule } from './tranche-window.rule';

describe('R-SEAT-4 24-month window', () => {
  it('given no first tranche yet, when tranche 1 is approved, then the window does not apply', () => {
    expect(trancheWindowRule(undefined, '2030-01-01', DATONG_2022, 'approval')).toBeUndefined();
  });

  it('given tranche 1 approved on 2023-03-15, when the window is computed, then it ends 2025-03-15', () => {
    expect(trancheWindowEndsOn('2023-03-15', DATONG_2022)).toBe('2025-03-15');
  });

  it('given tranche 1 approved on 2023-03-15, when a tranche is approved on 2025-03-15 (exactly 24 months later), then it is inside', () => {
    expect(trancheWindowRule('2023-03-15', '2025-03-15', DATONG_2022, 'approval')).toBeUndefined();
  });

  it('given tranche 1 approved on 2023-03-15, when a tranche is approved on 2025-03-16, then it is refused naming R-SEAT-4', () => {
    expect(trancheWindowRule('2023-03-15', '2025-03-16', DATONG_2022, 'approval')).toEqual({
      rule: 'R-SEAT-4',
      reason:
        'approval on 2025-03-16 is after 2025-03-15, 24 months after the first tranche (2023-03-15)',
    });
  });

  it('given tranche 1 approved on 2023-03-15, when a payment is made on 2025-03-16, then it is refused naming R-SEAT-4 and says payment', () => {
    expect(trancheWindowRule('2023-03-15', '2025-03-16', DATONG_2022, 'payment')?.reason).toMatch(
      /^payment on 2025-03-16/,
    );
  });

  it('given tranche 1 approved on 2024-02-29, when the window is computed, then it ends on 2026-02-28 (month-end clamp)', () => {
    expect(trancheWindowEndsOn('2024-02-29', DATONG_2022)).toBe('2026-02-28');
  });

  it('given tranche 1 approved on 2024-02-29, when a tranche is approved on 2026-02-28, then it is inside', () => {
    expect(trancheWindowRule('2024-02-29', '2026-02-28', DATONG_2022, 'approval')).toBeUndefined();
  });

  it('given tranche 1 approved on 2024-02-29, when a tranche is approved on 2026-03-01, then it is refused naming R-SEAT-4', () => {
    expect(trancheWindowRule('2024-02-29', '2026-03-01', DATONG_2022, 'approval')?.rule).toBe(
      'R-SEAT-4',
    );
  });

  it('given tranche 1 approved on 2023-08-31, when the window is computed, then it ends on 2025-08-31 and 2025-09-01 is refused', () => {
    expect(trancheWindowEndsOn('2023-08-31', DATONG_2022)).toBe('2025-08-31');
    expect(trancheWindowRule('2023-08-31', '2025-09-01', DATONG_2022, 'payment')?.rule).toBe(
      'R-SEAT-4',
    );
  });

  it('given tranche 1 approved on 2023-03-15, when a tranche is approved the same day, then it is inside', () => {
    expect(trancheWindowRule('2023-03-15', '2023-03-15', DATONG_2022, 'approval')).toBeUndefined();
  });
});
