import { lazy, ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';
import { Tabs } from './bank-ui';

// The bank pages load when their tab is opened: the first load stays within its budget (ADR 0018).
const BudgetsTab = lazy(() => import('./budgets.tab'));
const PaymentBatchesTab = lazy(() => import('./payment-batches.tab'));
const StatementsTab = lazy(() => import('./statements.tab'));
const ReportsTab = lazy(() => import('./reports.tab'));
const PayeeAccountsTab = lazy(() => import('./payee-accounts.tab'));

/** Finance's page: what was there (待支付) first, then the bank cycle (issue #14). */
export function FinanceTabs({ payable }: { payable: ReactNode }) {
  const { t } = useI18n();
  return (
    <Tabs
      name="finance"
      label={t('bank.financeTabs')}
      tabs={[
        { id: 'payable', label: t('bank.tab.payable'), render: () => payable },
        { id: 'budgets', label: t('bank.tab.budgets'), render: () => <BudgetsTab /> },
        { id: 'batches', label: t('bank.tab.batches'), render: () => <PaymentBatchesTab /> },
        { id: 'statements', label: t('bank.tab.statements'), render: () => <StatementsTab /> },
        { id: 'reports', label: t('bank.tab.reports'), render: () => <ReportsTab /> },
      ]}
    />
  );
}

/** Reviewer's page: the review work first, then payee accounts (收款账户). */
export function ReviewerTabs({ review }: { review: ReactNode }) {
  const { t } = useI18n();
  return (
    <Tabs
      name="reviewer"
      label={t('bank.reviewerTabs')}
      tabs={[
        { id: 'review', label: t('bank.tab.review'), render: () => review },
        { id: 'accounts', label: t('bank.tab.accounts'), render: () => <PayeeAccountsTab /> },
      ]}
    />
  );
}
