import {
  decideVerifyPayeeAccount,
  evolvePayeeAccounts,
  initialPayeeAccountsState,
  maskAccountNumber,
  PayeeAccount,
  payeeAccountOn,
} from './payee-account.decider';

const account = (over: Partial<PayeeAccount> = {}): PayeeAccount => ({
  accountId: 'acc-1',
  payeeKind: 'enterprise',
  payeeId: '911402000000000192',
  accountName: '大同云呼叫有限公司',
  accountNumber: '6222020200112233445',
  bankName: '中国工商银行大同分行',
  bankCode: '102162000015',
  verifiedOn: '2023-03-01',
  verifiedBy: 'rita',
  ...over,
});
const payee = { registered: true, name: '大同云呼叫有限公司' };

describe('payee accounts', () => {
  it('given a registered enterprise, when an account in its name is verified, then it is recorded', () => {
    expect(decideVerifyPayeeAccount(initialPayeeAccountsState(), account(), payee)).toEqual([
      { type: 'PayeeAccountVerified', data: account() },
    ]);
  });

  it('given another name on the account, when verified, then 400 names accountName', () => {
    expect(() =>
      decideVerifyPayeeAccount(
        initialPayeeAccountsState(),
        account({ accountName: '大同云呼叫公司' }),
        payee,
      ),
    ).toThrow(expect.objectContaining({ kind: 'invalid', details: { field: 'accountName' } }));
  });

  it('given an 11-digit bank code, when verified, then 400 names bankCode', () => {
    expect(() =>
      decideVerifyPayeeAccount(
        initialPayeeAccountsState(),
        account({ bankCode: '10216200001' }),
        payee,
      ),
    ).toThrow(expect.objectContaining({ details: { field: 'bankCode' } }));
  });

  it('given an unregistered payee, when an account is verified, then 404', () => {
    expect(() =>
      decideVerifyPayeeAccount(initialPayeeAccountsState(), account(), {
        registered: false,
        name: '',
      }),
    ).toThrow(expect.objectContaining({ kind: 'not_found' }));
  });

  it('given two accounts, when read on a date, then the latest verified on or before it is used and the first is kept', () => {
    let s = initialPayeeAccountsState();
    s = evolvePayeeAccounts(s, { type: 'PayeeAccountVerified', data: account() });
    s = evolvePayeeAccounts(s, {
      type: 'PayeeAccountVerified',
      data: account({
        accountId: 'acc-2',
        accountNumber: '6222020200999988887',
        verifiedOn: '2023-06-01',
      }),
    });
    expect(payeeAccountOn(s, '2023-05-31')?.accountId).toBe('acc-1');
    expect(payeeAccountOn(s, '2023-06-01')?.accountId).toBe('acc-2');
    expect(payeeAccountOn(s, '2023-02-28')).toBeUndefined();
    expect(s.accounts).toHaveLength(2);
  });

  it('given an account number, when masked, then only the last four digits show', () => {
    expect(maskAccountNumber('6222020200112233445')).toBe('***************3445');
  });
});
