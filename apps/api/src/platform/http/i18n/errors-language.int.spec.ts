import { Body, Controller, Post } from '@nestjs/common';
import { DATONG_2022 } from '@ledger/domain/policy/datong-2022.policy';
import { conflict, ruleViolation, suspendedError } from '@ledger/domain/shared/ledger-error';
import { enterpriseSuspensionRule } from '@ledger/domain/rules/enterprise-suspension.rule';
import { paymentAmountRule } from '@ledger/domain/rules/payment-amount.rule';
import { personCapRule } from '@ledger/domain/rules/person-cap.rule';
import { publicityDurationRule } from '@ledger/domain/rules/publicity-duration.rule';
import { IsInt, Max, Min } from 'class-validator';
import { Public } from '../../auth/auth.decorators';
import { PlatformTestApp, startPlatformTestApp } from '../../test-support/platform-test-app';

class SeatsDto {
  @IsInt()
  @Min(0)
  @Max(1_000_000)
  seats!: number;
}

const refusal = <T extends { rule: string; reason: string } | undefined>(r: T) => {
  if (!r) throw new Error('the rule did not refuse');
  return r;
};

/** Refusals built by the real domain rules, so that a reworded rule shows here. */
@Public()
@Controller('language-test')
class LanguageTestController {
  @Post('seats')
  seats(@Body() body: SeatsDto) {
    return body;
  }

  @Post('already-paid')
  alreadyPaid() {
    throw conflict('tranche t-1 was already paid (d-1)', { rule: 'R-PAY', disbursementId: 'd-1' });
  }

  @Post('short-notice')
  shortNotice() {
    const r = refusal(publicityDurationRule('2023-03-01', '2023-03-05', DATONG_2022));
    throw ruleViolation(r.rule, r.reason);
  }

  @Post('wrong-amount')
  wrongAmount() {
    const r = refusal(paymentAmountRule(100_000, 250_000));
    throw ruleViolation(r.rule, r.reason);
  }

  @Post('cap')
  cap() {
    const decision = personCapRule(DATONG_2022.seat.personCapFen, 250_000, DATONG_2022);
    if (!('refusal' in decision)) throw new Error('not at the cap');
    throw ruleViolation(decision.refusal.rule, decision.refusal.reason);
  }

  @Post('suspended')
  suspended() {
    const r = refusal(
      enterpriseSuspensionRule(
        { enterpriseId: 'E1', suspendedByCaseIds: ['case-1'] },
        'record payments',
      ),
    );
    throw suspendedError(r.reason, r.rule, { suspendedBy: ['case-1'] });
  }
}

describe('error bodies in the language the request asks for', () => {
  let t: PlatformTestApp;
  beforeAll(async () => {
    t = await startPlatformTestApp({ controllers: [LanguageTestController] });
  });
  afterAll(() => t.close());

  const zh = { 'Accept-Language': 'zh-CN,zh;q=0.9,en;q=0.8' };
  const post = (path: string, body: unknown = {}, headers: Record<string, string> = {}) =>
    t.request('POST', `/language-test/${path}`, { body, headers });

  describe('400: one message per field', () => {
    it('in English by default, naming only the constraint that is true of "300"', async () => {
      const r = await post('seats', { seats: '300' });
      expect(r.status).toBe(400);
      expect(r.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        message: 'Invalid request: seats',
        details: [{ field: 'seats', messages: ['seats must be an integer number'] }],
      });
      expect(r.headers.get('content-language')).toBe('en');
    });

    it('in Chinese for zh-CN', async () => {
      const r = await post('seats', { seats: -1 }, zh);
      expect(r.body).toEqual({
        statusCode: 400,
        error: '请求无效',
        message: '请求无效：seats',
        details: [{ field: 'seats', messages: ['seats 不能小于 0'] }],
      });
      expect(r.headers.get('content-language')).toBe('zh-CN');
    });
  });

  describe('409: the rule at the top level', () => {
    it('in English', async () => {
      const r = await post('already-paid');
      expect(r.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        message: 'tranche t-1 was already paid (d-1)',
        rule: 'R-PAY',
        details: { rule: 'R-PAY', disbursementId: 'd-1' },
      });
    });

    it('in Chinese, with the article', async () => {
      const r = await post('already-paid', {}, zh);
      expect(r.body).toMatchObject({
        statusCode: 409,
        error: '冲突',
        message: '批次 t-1 已拨付（d-1）',
        rule: 'R-PAY',
        article: '第八条',
      });
    });
  });

  describe('422: the rule and its article; amounts in yuan', () => {
    it('R-PUB in English (no article: the English body keeps its keys)', async () => {
      const r = await post('short-notice');
      expect(r.body).toEqual({
        statusCode: 422,
        error: 'Unprocessable Entity',
        message: 'the notice runs 5 days (2023-03-01 to 2023-03-05); at least 7 are needed',
        rule: 'R-PUB',
      });
    });

    it('R-PUB in Chinese cites 第七条', async () => {
      const r = await post('short-notice', {}, zh);
      expect(r.body).toEqual({
        statusCode: 422,
        error: '不符合政策规定',
        message: '公示期为 5 天（2023-03-01 至 2023-03-05），不得少于 7 天',
        rule: 'R-PUB',
        article: '第七条',
      });
    });

    it('R-PAY amounts are yuan in both languages', async () => {
      const en = await post('wrong-amount');
      expect(en.body).toMatchObject({
        message: 'the payment is 1,000.00 yuan; the tranche is 2,500.00 yuan',
        rule: 'R-PAY',
      });
      const cn = await post('wrong-amount', {}, zh);
      expect(cn.body).toMatchObject({
        message: '拨付金额为 1,000.00元，批次金额为 2,500.00元',
        rule: 'R-PAY',
        article: '第八条',
      });
    });

    it('R-SEAT-5 cites 第三条(三) with the cap in yuan', async () => {
      const r = await post('cap', {}, zh);
      expect(r.body).toMatchObject({
        message: '该人员在所有企业累计的坐席补贴已达上限 10,000.00元',
        rule: 'R-SEAT-5',
        article: '第三条(三)',
      });
    });
  });

  describe('423: suspended', () => {
    it('in English', async () => {
      const r = await post('suspended');
      expect(r.body).toEqual({
        statusCode: 423,
        error: 'Locked',
        message:
          'enterprise E1 is suspended by case case-1; no one may record payments for it until the case is closed and everything due back is recovered',
        rule: 'R-FRAUD',
        details: { suspendedBy: ['case-1'] },
      });
    });

    it('in Chinese', async () => {
      const r = await post('suspended', {}, zh);
      expect(r.body).toEqual({
        statusCode: 423,
        error: '已暂停',
        message: '企业 E1 因案件 case-1 被暂停拨付，结案且应退款项全部追回前任何人不得为其登记拨付',
        rule: 'R-FRAUD',
        article: '第十一条',
        details: { suspendedBy: ['case-1'] },
      });
    });
  });

  it('respects q-values: English preferred over Chinese stays English', async () => {
    const r = await post('short-notice', {}, { 'Accept-Language': 'zh-CN;q=0.5, en;q=0.9' });
    expect(r.body).not.toHaveProperty('article');
    const refused = await post('short-notice', {}, { 'Accept-Language': 'en;q=0, zh;q=0.1' });
    expect(refused.body).toHaveProperty('article', '第七条');
  });
});
