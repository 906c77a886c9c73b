import { useEffect, useState } from 'react';
import { useToken } from './api/client';
import { expired, Session, signIn, signOut } from './auth/session';
import { useI18n } from './i18n/i18n';
import { ApplicantPage } from './pages/applicant.page';
import { FinanceTabs, ReviewerTabs } from './pages/bank/bank-tabs';
import { AuditorPage } from './pages/auditor.page';
import { Ageing, FinancePage } from './pages/finance.page';
import { ReviewerPage } from './pages/reviewer.page';
import { SupervisorPage } from './pages/supervisor.page';

/** The role in the token decides what the console shows: one main page per role. */
function RolePage({ session }: { session: Session }) {
  switch (session.role) {
    case 'applicant':
      return <ApplicantPage session={session} />;
    case 'reviewer':
      return <ReviewerTabs review={<ReviewerPage />} />;
    case 'finance':
      return <FinanceTabs payable={<FinancePage />} />;
    case 'supervisor':
      return (
        <>
          <SupervisorPage />
          <Ageing />
        </>
      );
    case 'auditor':
      return <AuditorPage />;
  }
}

export function App() {
  const { t, toggle, lang } = useI18n();
  const [session, setSession] = useState<Session | undefined>(() => signIn());
  const isExpired = session !== undefined && expired(session, Date.now());
  useToken(isExpired ? undefined : session?.token);
  useEffect(() => {
    document.documentElement.lang = lang;
    document.title = t('app.title');
  }, [lang, t]);
  return (
    <>
      <header className="top no-print">
        <h1>{t('app.title')}</h1>
        {session && !isExpired && (
          <nav aria-label="role">
            <span className="role">{t(`role.${session.role}`)}</span>
            <span className="who">
              {t('app.signedInAs')}: {session.sub}
              {session.enterpriseId ? ` · ${session.enterpriseId}` : ''}
              {session.schoolId ? ` · ${session.schoolId}` : ''}
            </span>
          </nav>
        )}
        <button type="button" onClick={toggle} lang={lang === 'en' ? 'zh-CN' : 'en'}>
          {t('app.language')}
        </button>
        {session && (
          <button
            type="button"
            onClick={() => {
              signOut();
              useToken(undefined);
              setSession(undefined);
            }}
          >
            {t('app.signOut')}
          </button>
        )}
      </header>
      <main>
        {!session && <p className="muted">{t('app.signedOut')}</p>}
        {isExpired && <p role="alert">{t('app.expired')}</p>}
        {session && !isExpired && <RolePage session={session} />}
      </main>
    </>
  );
}
