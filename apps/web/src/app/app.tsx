import { BrowserRouter, Navigate, Route, Routes } from 'react-router-dom';
import { ApiTokensPage } from '../features/api-tokens/api-tokens-page.tsx';
import { LinksPage } from '../features/links/links-page.tsx';
import { MediaLibraryPage } from '../features/media/media-library-page.tsx';
import { ApprovalSettingsPage } from '../features/approvals/approval-settings-page.tsx';
import { ClientApprovalPage } from '../features/approvals/client-approval-page.tsx';
import { PostApprovalPage } from '../features/approvals/post-approval-page.tsx';
import { ChannelsPage } from '../features/channels/channels-page.tsx';
import { AuditLogPage } from '../features/audit/audit-log-page.tsx';
import { LoginPage } from '../features/auth/login-page.tsx';
import { SessionProvider } from '../features/auth/session.tsx';
import { InvitationAcceptPage } from '../features/members/invitation-accept-page.tsx';
import { MembersPage } from '../features/members/members-page.tsx';
import { CalendarPage } from '../features/calendar/calendar-page.tsx';
import { InboxPage } from '../features/inbox/inbox-page.tsx';
import { ListeningPage } from '../features/listening/listening-page.tsx';
import { CrisisRoomPage } from '../features/crisis/crisis-room-page.tsx';
import { StrategyPage } from '../features/strategy/strategy-page.tsx';
import { ComposerPage } from '../features/composer/composer-page.tsx';
import { AnalyticsPage } from '../features/analytics/analytics-page.tsx';
import { AnalyticsPostPage } from '../features/analytics/analytics-post-page.tsx';
import { ReportsPage } from '../features/reports/reports-page.tsx';
import { PillarPage } from '../features/pillars/pillar-page.tsx';
import { pillars } from '../features/pillars/pillars.ts';
import { AccountPage } from '../features/settings/account-page.tsx';
import { SettingsLayout } from '../features/settings/settings-layout.tsx';
import { SetupPage } from '../features/setup/setup-page.tsx';
import { HomeRedirect } from '../features/workspaces/home-redirect.tsx';
import { OverviewPage } from '../features/workspaces/overview-page.tsx';
import { WorkspaceRoute } from '../features/workspaces/workspace-context.tsx';
import { WorkspaceSettingsPage } from '../features/workspaces/workspace-settings-page.tsx';
import { I18nProvider, useI18n } from '../i18n/i18n.tsx';
import { ToastProvider } from '../ui/toast.tsx';
import { NotFoundContent, NotFoundPage } from './not-found-page.tsx';
import { RequireSession, WaitForSession } from './require-session.tsx';

/** Every client route of the SPA; the server answers index.html for all of them. */
// Pillars with their own pages; the others show what they will do until they are built.
const builtPillars = new Set(['calendar', 'analytics', 'strategy', 'inbox', 'listening']);

function AppRoutes() {
  return (
    <Routes>
      <Route
        path="/setup"
        element={
          <WaitForSession>
            <SetupPage />
          </WaitForSession>
        }
      />
      <Route
        path="/login"
        element={
          <WaitForSession>
            <LoginPage />
          </WaitForSession>
        }
      />
      <Route path="/invitations/:token" element={<InvitationAcceptPage />} />
      <Route path="/approve/:token" element={<ClientApprovalPage />} />
      <Route element={<RequireSession />}>
        <Route path="/" element={<HomeRedirect />} />
        <Route path="/w/:workspaceId" element={<WorkspaceRoute />}>
          <Route index element={<OverviewPage />} />
          <Route path="calendar" element={<CalendarPage />} />
          <Route path="inbox" element={<InboxPage />} />
          <Route path="listening" element={<ListeningPage />} />
          <Route path="crisis/:crisisId" element={<CrisisRoomPage />} />
          <Route path="strategy" element={<StrategyPage />} />
          <Route path="compose" element={<ComposerPage />} />
          <Route path="media" element={<MediaLibraryPage />} />
          <Route path="posts/:postId/approval" element={<PostApprovalPage />} />
          <Route path="analytics" element={<AnalyticsPage />} />
          <Route path="analytics/posts/:postId" element={<AnalyticsPostPage />} />
          <Route path="analytics/reports" element={<ReportsPage />} />
          {pillars
            .filter((pillar) => !builtPillars.has(pillar.slug))
            .map((pillar) => (
              <Route key={pillar.slug} path={pillar.slug} element={<PillarPage pillar={pillar} />} />
            ))}
          <Route path="settings" element={<SettingsLayout />}>
            <Route index element={<Navigate to="workspace" replace />} />
            <Route path="workspace" element={<WorkspaceSettingsPage />} />
            <Route path="members" element={<MembersPage />} />
            <Route path="channels" element={<ChannelsPage />} />
            <Route path="api-tokens" element={<ApiTokensPage />} />
            <Route path="links" element={<LinksPage />} />
            <Route path="audit" element={<AuditLogPage />} />
            <Route path="approvals" element={<ApprovalSettingsPage />} />
            <Route path="account" element={<AccountPage />} />
          </Route>
          <Route path="*" element={<NotFoundContent />} />
        </Route>
      </Route>
      <Route path="*" element={<NotFoundPage />} />
    </Routes>
  );
}

function WithToasts() {
  const { t } = useI18n();
  return (
    <ToastProvider dismissLabel={t('common.dismiss')}>
      <SessionProvider>
        <BrowserRouter>
          <AppRoutes />
        </BrowserRouter>
      </SessionProvider>
    </ToastProvider>
  );
}

export function App() {
  return (
    <I18nProvider>
      <WithToasts />
    </I18nProvider>
  );
}
