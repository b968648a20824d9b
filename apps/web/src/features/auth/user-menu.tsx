import { useState } from 'react';
import { Link } from 'react-router-dom';
import { useI18n } from '../../i18n/i18n.tsx';
import { useSession, useSignedIn } from './session.tsx';

/** Who is signed in, a link to their account, and the way out. */
export function UserMenu({ accountPath }: { accountPath: string }) {
  const { t } = useI18n();
  const session = useSignedIn();
  const { signOut } = useSession();
  const [busy, setBusy] = useState(false);

  async function logout() {
    setBusy(true);
    // Signing out makes the session anonymous; <RequireSession> then shows the login page.
    await signOut();
  }

  return (
    <div className="user-menu" data-testid="user-menu">
      <span className="user-menu__name" title={session.user.email}>
        {session.user.name}
      </span>
      <Link to={accountPath} className="user-menu__link">
        {t('userMenu.account')}
      </Link>
      <button type="button" className="button button--ghost" onClick={logout} disabled={busy} data-testid="logout">
        {t('userMenu.logout')}
      </button>
    </div>
  );
}
