import { get } from '../api/client';
import { ErrorNotice, useLoad } from '../components/ui';
import { formatYuan } from '../format/money';
import { useI18n } from '../i18n/i18n';

interface Notice {
  publicityId: string;
  startsOn: string;
  endsOn: string;
  publishedAt?: string;
  entries: {
    enterpriseName: string;
    personName: string;
    personIdMasked: string;
    amountFen: number;
    programme?: string;
    standard?: { text: string; rateFen: number; unit: string };
  }[];
}

/**
 * The 公示 as it is posted: title, the list (names, masked IDs, standard,
 * amount), the period and where it is published. The print stylesheet prints
 * only this block, on A4.
 */
export function NoticeView({ publicityId }: { publicityId: string }) {
  const { t } = useI18n();
  const n = useLoad<Notice>(`notice:${publicityId}`, () =>
    get(`/v1/publicity/${encodeURIComponent(publicityId)}`),
  );
  if (n.error) return <ErrorNotice error={n.error} />;
  if (!n.data) return null;
  const total = n.data.entries.reduce((s, e) => s + e.amountFen, 0);
  return (
    <div className="notice-actions">
      <button type="button" className="no-print" onClick={() => window.print()}>
        {t('reviewer.print')}
      </button>
      <article className="notice" aria-label={t('reviewer.noticeTitle')}>
        <h2>{t('reviewer.noticeTitle')}</h2>
        <p>{t('reviewer.noticeBody')}</p>
        <table>
          <thead>
            <tr>
              <th scope="col">序号</th>
              <th scope="col">{t('field.enterpriseName')}</th>
              <th scope="col">{t('field.name')}</th>
              <th scope="col">{t('field.personId')}</th>
              <th scope="col">{t('field.standard')}</th>
              <th scope="col">{t('field.amount')}</th>
            </tr>
          </thead>
          <tbody>
            {n.data.entries.map((e, i) => (
              <tr key={`${e.personIdMasked}-${i}`}>
                <td>{i + 1}</td>
                <td>{e.enterpriseName}</td>
                <td>{e.personName}</td>
                <td className="id">{e.personIdMasked}</td>
                <td>{e.standard?.text ?? ''}</td>
                <td className="money">{formatYuan(e.amountFen)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row" colSpan={5}>
                合计
              </th>
              <td className="money">{formatYuan(total)}</td>
            </tr>
          </tfoot>
        </table>
        <p>
          公示期：{n.data.startsOn} 至 {n.data.endsOn}
          {n.data.publishedAt && <>；公示地点：{n.data.publishedAt}</>}
        </p>
        <p className="notice-id">
          {t('field.publicityId')} {n.data.publicityId}
        </p>
      </article>
    </div>
  );
}
