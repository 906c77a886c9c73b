import { get, qs } from '../api/client';
import { ErrorNotice, useLoad } from '../components/ui';
import { formatYuan } from '../format/money';
import { programmeText, useI18n } from '../i18n/i18n';

interface Amounts {
  approvedFen: number;
  disbursedFen: number;
  clawbackDueFen: number;
  recoveredFen: number;
}
interface Balance {
  enterpriseId: string;
  asOf: string;
  programmes: Record<string, Amounts>;
  totals: Amounts;
}

const FIELDS: [keyof Amounts, string][] = [
  ['approvedFen', 'field.approved'],
  ['disbursedFen', 'field.disbursed'],
  ['clawbackDueFen', 'field.clawbackDue'],
  ['recoveredFen', 'field.recovered'],
];

/** An enterprise's balance per programme, in yuan, as of a business date and as known at a time. */
export function BalanceView(props: { enterpriseId: string; asOf?: string; asKnownAt?: string }) {
  const { t, lang } = useI18n();
  const path = `/v1/enterprises/${encodeURIComponent(props.enterpriseId)}/balance${qs({
    asOf: props.asOf,
    asKnownAt: props.asKnownAt,
  })}`;
  const b = useLoad<Balance>(path, props.enterpriseId ? () => get(path) : undefined);
  if (b.error) return <ErrorNotice error={b.error} />;
  if (!b.data) return null;
  const rows: [string, Amounts][] = [
    ...Object.entries(b.data.programmes).map(([p, a]): [string, Amounts] => [
      programmeText(lang, p),
      a,
    ]),
    [t('field.total'), b.data.totals],
  ];
  return (
    <table className="balance">
      <caption>
        {b.data.enterpriseId} · {t('field.asOf')} {b.data.asOf}
      </caption>
      <thead>
        <tr>
          <th scope="col">{t('field.programme')}</th>
          {FIELDS.map(([, key]) => (
            <th scope="col" className="money" key={key}>
              {t(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(([programme, a]) => (
          <tr key={programme}>
            <th scope="row">{programme}</th>
            {FIELDS.map(([f]) => (
              <td key={f} className="money">
                {formatYuan(a[f])}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
