import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { Result, Spin } from 'antd';
import { Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router';
import { ApiError } from '../api/client.js';
import { isFullySignedIn, SessionProvider, useSession } from '../auth/session.js';
import { PrefsProvider } from '../prefs/PrefsProvider.js';
import { AppShell } from '../shell/AppShell.js';
import { SignInPage } from '../pages/signin/SignInPage.js';
import { PAGES } from './pages.js';

const queryClient = new QueryClient({
  defaultOptions: {
    queries: {
      staleTime: 30_000,
      // A refusal (403, 404) will not change by asking again; a dropped connection might.
      retry: (count, e) => !(e instanceof ApiError && e.status < 500) && count < 2,
      refetchOnWindowFocus: false,
    },
  },
});

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <PrefsProvider>
          <BrowserRouter>
            <Gate />
          </BrowserRouter>
        </PrefsProvider>
      </SessionProvider>
    </QueryClientProvider>
  );
}

export function PageLoading() {
  const { t } = useTranslation();
  return (
    <div style={{ padding: '3rem', textAlign: 'center' }}>
      <Spin size="large" description={t('common.loading')} />
    </div>
  );
}

/** Sign-in until every step is done, then the shell with the pages this user may open. */
function Gate() {
  const { me, can } = useSession();
  const location = useLocation();
  const { t } = useTranslation();
  if (me === undefined) return <PageLoading />;
  if (!isFullySignedIn(me)) {
    if (location.pathname === '/signin') return <SignInPage />;
    const next = location.pathname + location.search;
    return <Navigate to={`/signin${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`} replace />;
  }
  return (
    <Routes>
      <Route path="/signin" element={<SignInPage />} />
      <Route element={<AppShell />}>
        {PAGES.map(({ path, component: Page, requires }) => (
          <Route
            key={path}
            path={path}
            element={
              !requires || can(requires.resource, requires.action) ? (
                <Suspense fallback={<PageLoading />}>
                  <Page />
                </Suspense>
              ) : (
                <Result status="403" title={t('errors.forbiddenTitle')} subTitle={t('errors.forbidden')} />
              )
            }
          />
        ))}
        <Route path="*" element={<Result status="404" title={t('errors.notFoundTitle')} subTitle={t('errors.pageNotFound')} />} />
      </Route>
    </Routes>
  );
}
