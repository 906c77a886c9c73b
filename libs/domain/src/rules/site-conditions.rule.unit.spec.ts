import { latestStandingCheckOn, siteConditionsRule, StandingCheck } from './site-conditions.rule';

const check = (
  checkId: string,
  checkedOn: string,
  over: Partial<StandingCheck> = {},
): StandingCheck => ({
  checkId,
  checkedOn,
  normalOperation: true,
  badCreditRecord: false,
  source: '信用中国',
  ...over,
});

describe('R-SITE-COND enterprise in normal operation with no bad credit record', () => {
  it('given no standing check, when a site tranche is decided, then it is refused naming R-SITE-COND', () => {
    expect(siteConditionsRule(latestStandingCheckOn([], '2023-03-01'), '2023-03-01')).toEqual({
      rule: 'R-SITE-COND',
      reason: 'no standing check of the enterprise on or before 2023-03-01',
    });
  });

  it('given a good check on 2023-03-01, when a tranche is decided that day, then it passes; the day before it is refused (the check is later)', () => {
    const checks = [check('c1', '2023-03-01')];
    expect(siteConditionsRule(latestStandingCheckOn(checks, '2023-03-01'), '2023-03-01')).toBe(
      undefined,
    );
    expect(
      siteConditionsRule(latestStandingCheckOn(checks, '2023-02-28'), '2023-02-28')?.rule,
    ).toBe('R-SITE-COND');
  });

  it('given a check showing the enterprise not in normal operation, when a tranche is decided, then R-SITE-COND names it', () => {
    const latest = latestStandingCheckOn(
      [check('c1', '2023-03-01', { normalOperation: false, source: '市场监管登记' })],
      '2023-04-01',
    );
    expect(siteConditionsRule(latest, '2023-04-01')).toEqual({
      rule: 'R-SITE-COND',
      reason:
        'the latest standing check on or before 2023-04-01 (2023-03-01, 市场监管登记) shows the enterprise not in normal operation',
    });
  });

  it('given a check showing a bad credit record, when a tranche is decided, then R-SITE-COND names it', () => {
    const latest = latestStandingCheckOn(
      [check('c1', '2023-03-01', { badCreditRecord: true })],
      '2023-04-01',
    );
    expect(siteConditionsRule(latest, '2023-04-01')?.reason).toMatch(/a bad credit record/);
  });

  it('given a bad check then a good one, when a tranche is decided after both, then the latest (good) governs; between them the bad one does', () => {
    const checks = [
      check('c1', '2023-03-01', { badCreditRecord: true }),
      check('c2', '2023-05-01'),
    ];
    expect(latestStandingCheckOn(checks, '2023-06-01')?.checkId).toBe('c2');
    expect(siteConditionsRule(latestStandingCheckOn(checks, '2023-06-01'), '2023-06-01')).toBe(
      undefined,
    );
    expect(
      siteConditionsRule(latestStandingCheckOn(checks, '2023-04-30'), '2023-04-30')?.rule,
    ).toBe('R-SITE-COND');
  });

  it('given a good check recorded after a bad one dated later, when a tranche is decided after both dates, then the later date governs whatever the recording order', () => {
    const checks = [
      check('c2', '2023-05-01', { normalOperation: false }),
      check('c1', '2023-03-01'),
    ];
    expect(latestStandingCheckOn(checks, '2023-06-01')?.checkId).toBe('c2');
  });

  it('given two checks on the same day, when a tranche is decided, then the one recorded later governs (a correction)', () => {
    const checks = [
      check('c1', '2023-03-01', { badCreditRecord: true }),
      check('c2', '2023-03-01'),
    ];
    expect(latestStandingCheckOn(checks, '2023-03-01')?.checkId).toBe('c2');
  });
});
