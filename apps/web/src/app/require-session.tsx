import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { useI18n } from '../i18n/i18n.tsx';
import { useSession } from '../features/auth/session.tsx';
import { PublicLayout } from './public-layout.tsx';
import { LoadFailure, LoadingBlock } from './status-blocks.tsx';

/** Lets signed-in users through; sends others to set-up (first run) or to the login page. */
export function RequireSession() {
  const { t } = useI18n();
  const { state, retry } = useSession();
  const location = useLocation();
  switch (state.status) {
    case 'loading':
      return (
        <PublicLayout title={t('app.name')}>
          <LoadingBlock />
        </PublicLayout>
      );
    case 'needsSetup':
      return <Navigate to="/setup" replace />;
    case 'anonymous':
      return (
        <Navigate to="/login" replace state={state.signedOut ? null : { from: location.pathname + location.search }} />
      );
    case 'unavailable':
      return (
        <PublicLayout title={t('errors.serverUnavailableTitle')}>
          <LoadFailure error={state.error} onRetry={retry} />
        </PublicLayout>
      );
    case 'signedIn':
      return <Outlet />;
  }
}

/** Public pages wait for the session check, so they can redirect a signed-in user. */
export function WaitForSession({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { state, retry } = useSession();
  if (state.status === 'loading') {
    return (
      <PublicLayout title={t('app.name')}>
        <LoadingBlock />
      </PublicLayout>
    );
  }
  if (state.status === 'unavailable') {
    return (
      <PublicLayout title={t('errors.serverUnavailableTitle')}>
        <LoadFailure error={state.error} onRetry={retry} />
      </PublicLayout>
    );
  }
  return <>{children}</>;
}
