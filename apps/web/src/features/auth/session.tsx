import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { Ok, SessionResponse, SetupStatus } from '@sillage/contracts';
import type { z } from 'zod';
import { api, ApiError, onUnauthenticated, setCsrfToken } from '../../api/client.ts';

export type Session = z.infer<typeof SessionResponse>;

export type SessionState =
  | { status: 'loading' }
  | { status: 'needsSetup' }
  /** `signedOut`: the user chose to leave, so the next login starts from home, not from the last page. */
  | { status: 'anonymous'; signedOut?: boolean }
  | { status: 'signedIn'; session: Session }
  | { status: 'unavailable'; error: ApiError };

type SessionApi = {
  state: SessionState;
  /** Keep the session a login, a set-up or an accepted invitation answered with. */
  signedIn: (session: Session) => void;
  /** Re-read `/api/session` (after a password change the CSRF token is new). */
  refresh: () => Promise<Session | undefined>;
  signOut: () => Promise<void>;
  retry: () => void;
};

const SessionContext = createContext<SessionApi | null>(null);

async function readSession(): Promise<Session | undefined> {
  try {
    return await api.get('/api/session', SessionResponse, { publicCall: true });
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return undefined;
    throw error;
  }
}

/** Who is signed in, for the whole app; going to 401 anywhere brings the user back to the login page. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  const apply = useCallback((session: Session | undefined, signedOut = false) => {
    setCsrfToken(session?.csrfToken ?? null);
    setState(session ? { status: 'signedIn', session } : { status: 'anonymous', signedOut });
  }, []);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      const setup = await api.get('/api/setup', SetupStatus, { publicCall: true });
      if (setup.needsSetup) return { status: 'needsSetup' } as const;
      return readSession();
    })()
      .then((result) => {
        if (cancelled) return;
        if (result && 'status' in result) setState(result);
        else apply(result);
      })
      .catch((error: unknown) => {
        if (cancelled) return;
        const failure = error instanceof ApiError ? error : new ApiError(0, 'unknown', String(error), undefined, null);
        setState({ status: 'unavailable', error: failure });
      });
    return () => {
      cancelled = true;
    };
  }, [apply, attempt]);

  useEffect(() => onUnauthenticated(() => apply(undefined)), [apply]);

  const refresh = useCallback(async () => {
    const session = await readSession();
    apply(session);
    return session;
  }, [apply]);

  const signOut = useCallback(async () => {
    try {
      await api.post('/api/auth/logout', Ok);
    } catch {
      // Already signed out, or the server is away: the page forgets the session either way.
    }
    apply(undefined, true);
  }, [apply]);

  const value = useMemo<SessionApi>(
    () => ({
      state,
      signedIn: (session) => apply(session),
      refresh,
      signOut,
      retry: () => setAttempt((value) => value + 1),
    }),
    [state, apply, refresh, signOut],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionApi {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in session; only for pages under <RequireSession>. */
export function useSignedIn(): Session {
  const { state } = useSession();
  if (state.status !== 'signedIn') throw new Error('useSignedIn used outside a signed-in page');
  return state.session;
}
