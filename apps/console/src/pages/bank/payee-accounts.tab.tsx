import { useState } from 'react';
import { ApiError, get, post } from '../../api/client';
import { Done, ErrorNotice, Field, Section, today, useAction, useLoad } from '../../components/ui';
import { useI18n } from '../../i18n/i18n';
import { isAccountNumber, isCnapsCode } from './bank-format';
import { Select } from './bank-ui';

interface Account {
  accountId: string;
  accountName: string;
  accountNumber: string;
  bankName: string;
  bankCode: string;
  verifiedOn: string;
  verifiedBy: string;
}
interface Accounts {
  payeeId: string;
  payeeKind: 'enterprise' | 'school';
  current?: Account;
  history: Account[];
}

const base = (kind: string, id: string) =>
  `/v1/${kind === 'school' ? 'schools' : 'enterprises'}/${encodeURIComponent(id.trim())}/bank-accounts`;

/**
 * 收款账户: a reviewer records the account an enterprise or school is paid to,
 * verified against its registered name; a change is a new account and the
 * history stays (which account a payment went to is never rewritten).
 */
export default function PayeeAccountsTab() {
  const { t } = useI18n();
  const [kind, setKind] = useState('enterprise');
  const [payeeId, setPayeeId] = useState('');
  const [accountName, setAccountName] = useState('');
  const [accountNumber, setAccountNumber] = useState('');
  const [bankName, setBankName] = useState('');
  const [bankCode, setBankCode] = useState('');
  const [verifiedOn, setVerifiedOn] = useState(today());
  const [shown, setShown] = useState<{ kind: string; id: string; tick: number }>();
  const send = useAction<{ accountId: string }>();
  const codeBad = bankCode !== '' && !isCnapsCode(bankCode);
  const numberBad = accountNumber !== '' && !isAccountNumber(accountNumber);
  const show = () => setShown((s) => ({ kind, id: payeeId.trim(), tick: (s?.tick ?? 0) + 1 }));
  return (
    <>
      <Section title={t('bank.accounts')}>
        <div className="form">
          <Select
            label={t('bank.payeeKind')}
            value={kind}
            onChange={setKind}
            options={[
              { value: 'enterprise', label: t('bank.kind.enterprise') },
              { value: 'school', label: t('bank.kind.school') },
            ]}
          />
          <Field label={t('field.enterpriseId')} value={payeeId} onChange={setPayeeId} />
          <button type="button" disabled={!payeeId.trim()} onClick={show}>
            {t('bank.showAccounts')}
          </button>
        </div>
        <div className="form">
          <Field label={t('bank.accountName')} value={accountName} onChange={setAccountName} />
          <Field
            label={t('bank.accountNumber')}
            value={accountNumber}
            onChange={setAccountNumber}
          />
          <Field label={t('bank.bankName')} value={bankName} onChange={setBankName} />
          <Field label={t('bank.bankCode')} value={bankCode} onChange={setBankCode} />
          <Field
            label={t('bank.verifiedOn')}
            type="date"
            value={verifiedOn}
            onChange={setVerifiedOn}
          />
          <button
            type="button"
            disabled={
              send.busy ||
              !payeeId.trim() ||
              !accountName.trim() ||
              !bankName.trim() ||
              !isAccountNumber(accountNumber) ||
              !isCnapsCode(bankCode)
            }
            onClick={async () => {
              const done = await send.run(() =>
                post<{ accountId: string }>(base(kind, payeeId), {
                  accountName: accountName.trim(),
                  accountNumber: accountNumber.trim(),
                  bankName: bankName.trim(),
                  bankCode: bankCode.trim(),
                  verifiedOn,
                }),
              );
              if (done) show();
            }}
          >
            {t('bank.verify')}
          </button>
        </div>
        {codeBad && (
          <p className="error field-error" role="alert">
            {t('bank.bankCode')}: {t('bank.badCnaps')}
          </p>
        )}
        {numberBad && (
          <p className="error field-error" role="alert">
            {t('bank.accountNumber')}: {t('bank.badAccountNumber')}
          </p>
        )}
        <ErrorNotice error={send.error} />
        <Done show={!!send.result} />
      </Section>
      {shown && shown.id && <History key={`${shown.kind}:${shown.id}:${shown.tick}`} {...shown} />}
    </>
  );
}

function History({ kind, id }: { kind: string; id: string }) {
  const { t } = useI18n();
  const path = base(kind, id);
  const list = useLoad<Accounts>(path, () => get(path));
  const history = list.data?.history ?? [];
  // 404 is an enterprise or school without an account yet, not a fault.
  const none = list.error instanceof ApiError && list.error.status === 404;
  return (
    <Section title={t('bank.history')}>
      {!none && <ErrorNotice error={list.error} />}
      <table className="account-history">
        <caption>
          {t('bank.history')} · {id}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('bank.accountName')}</th>
            <th scope="col">{t('bank.accountNumber')}</th>
            <th scope="col">{t('bank.bankName')}</th>
            <th scope="col">{t('bank.bankCode')}</th>
            <th scope="col">{t('bank.verifiedOn')}</th>
            <th scope="col">{t('bank.verifiedBy')}</th>
            <th scope="col">{t('field.status')}</th>
          </tr>
        </thead>
        <tbody>
          {[...history].reverse().map((a) => (
            <tr key={a.accountId} data-account={a.accountId}>
              <td>{a.accountName}</td>
              <td className="account-number">{a.accountNumber}</td>
              <td>{a.bankName}</td>
              <td>{a.bankCode}</td>
              <td>{a.verifiedOn}</td>
              <td>{a.verifiedBy}</td>
              <td>
                {a.accountId === list.data?.current?.accountId
                  ? t('bank.currentAccount')
                  : t('bank.formerAccount')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {!list.loading && history.length === 0 && (
        <p className="muted">{none ? t('bank.noAccount') : t('app.none')}</p>
      )}
    </Section>
  );
}
