import { preferredLanguage } from './accept-language';
import { fenToYuanText, problemToChinese, toChinese } from './localize-message';

describe('error messages for people', () => {
  it('given Accept-Language headers, when parsed, then the highest q of zh/en wins and English is the default', () => {
    expect(preferredLanguage(undefined)).toBe('en');
    expect(preferredLanguage('')).toBe('en');
    expect(preferredLanguage('zh-CN')).toBe('zh');
    expect(preferredLanguage('zh-Hans-CN,zh;q=0.9')).toBe('zh');
    expect(preferredLanguage('en-US,zh-CN;q=0.8')).toBe('en');
    expect(preferredLanguage('fr, zh;q=0.3, en;q=0.2')).toBe('zh');
    expect(preferredLanguage('zh;q=0, en;q=0.1')).toBe('en');
    expect(preferredLanguage('zh;q=abc')).toBe('en');
    expect(preferredLanguage('*')).toBe('en');
  });

  it('given fen in a message, when shown, then it is yuan', () => {
    expect(fenToYuanText('the payment is 100000 fen; the tranche is 250000 fen')).toBe(
      'the payment is 1,000.00 yuan; the tranche is 250000 fen'.replace(
        '250000 fen',
        '2,500.00 yuan',
      ),
    );
    expect(fenToYuanText('must be a non-negative whole number of fen')).toBe(
      'must be a non-negative whole number of fen',
    );
  });

  it('given domain messages, when translated, then names and parameters carry over', () => {
    expect(toChinese('seat application a-1 not found')).toBe('未找到坐席补贴申请 a-1');
    expect(toChinese('tranche a-1/t2 is still being approved; retry shortly')).toBe(
      '批次 a-1/t2 正在审批中，请稍后重试',
    );
    expect(toChinese('seat application a-1 already exists')).toBe('坐席补贴申请 a-1 已存在');
    expect(
      toChinese(
        'no claim qualifies for tranche 2: tranche 2 needs 12 months of wages and insurance; the claim shows 7',
      ),
    ).toBe(
      '没有申报符合第 2 次发放的条件：第 2 次发放需要 12 个月的工资和社保记录，申报仅有 7 个月',
    );
    expect(toChinese('decidedOn: must not be before the application (2023-01-02)')).toBe(
      'decidedOn：不能早于申请日期（2023-01-02）',
    );
    expect(toChinese('u-1 reviewed this application and may not approve tranches for it')).toBe(
      'u-1 审核了该申请，不得再为其审批批次',
    );
  });

  it('given a message with no template, when translated, then it is still Chinese with the original', () => {
    expect(toChinese('something new went wrong', 'rule')).toBe(
      '不符合政策规定：something new went wrong',
    );
  });

  it('given validator messages, when translated, then they are Chinese', () => {
    expect(problemToChinese('seats must be an integer number')).toBe('seats 须为整数');
    expect(problemToChinese('property foo should not exist')).toBe('不允许的字段 foo');
  });
});

describe('returns (退票) in Chinese', () => {
  it('given the refusals of a return, when localised, then each reads in Chinese with its ids and dates', () => {
    expect(toChinese('disbursement d-1 was already returned on 2023-03-22')).toBe(
      '拨付 d-1 已于 2023-03-22 退票',
    );
    expect(
      toChinese('a return on 2023-03-19 cannot predate disbursement d-1 (paid on 2023-03-20)'),
    ).toBe('退票日期 2023-03-19 不能早于拨付 d-1 的拨付日期（2023-03-20）');
  });
});
