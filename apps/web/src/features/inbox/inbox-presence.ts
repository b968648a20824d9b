import { useEffect, useRef, useState } from 'react';
import { InboxPresenceView, Ok } from '@sillage/contracts';
import type { z } from 'zod';
import { api, workspacePath } from '../../api/client.ts';

/** How often the open item tells the server the member is still there (the server forgets after 15 s). */
const PRESENCE_MS = 5_000;

type Presence = z.infer<typeof InboxPresenceView>;

/**
 * Keeps the member's presence on an item while it is open, saying whether they are typing (sent at once when
 * that changes), and returns who else has it open; leaving the item removes the presence.
 */
export function useInboxPresence(workspaceId: string, itemId: string, typing: boolean): Presence | undefined {
  const [presence, setPresence] = useState<Presence>();
  const typingRef = useRef(typing);
  typingRef.current = typing;
  const path = workspacePath(workspaceId, 'inbox', 'items', itemId, 'presence');

  useEffect(() => {
    let stopped = false;
    const ping = () => {
      void api
        .put(path, InboxPresenceView, { typing: typingRef.current })
        .then((next) => {
          if (!stopped) setPresence(next);
        })
        .catch(() => undefined);
    };
    const timer = setInterval(ping, PRESENCE_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
      void api.delete(path, Ok).catch(() => undefined);
    };
  }, [path]);

  useEffect(() => {
    void api
      .put(path, InboxPresenceView, { typing })
      .then(setPresence)
      .catch(() => undefined);
  }, [path, typing]);

  return presence;
}
