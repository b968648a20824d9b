/** The inbox's keyboard shortcuts: j/k next/previous item, a assign to me, c close, r focus the reply box. */
export type InboxShortcut = 'next' | 'previous' | 'assignToMe' | 'close' | 'focusReply';

const shortcuts: Record<string, InboxShortcut> = {
  j: 'next',
  k: 'previous',
  a: 'assignToMe',
  c: 'close',
  r: 'focusReply',
};

/** The shortcut a key press means, or undefined while typing in a field or with a modifier held. */
export function shortcutOf(event: {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  targetTag: string | undefined;
  targetEditable: boolean;
}): InboxShortcut | undefined {
  if (event.ctrlKey || event.metaKey || event.altKey || event.targetEditable) return undefined;
  const tag = event.targetTag?.toLowerCase();
  if (tag === 'input' || tag === 'textarea' || tag === 'select') return undefined;
  return shortcuts[event.key];
}

/** The id `step` places away from `current` in `ids`, staying within the list; the first id when none is current. */
export function stepSelection(ids: readonly string[], current: string | undefined, step: 1 | -1): string | undefined {
  if (ids.length === 0) return undefined;
  const index = current === undefined ? -1 : ids.indexOf(current);
  if (index < 0) return ids[0];
  return ids[Math.min(ids.length - 1, Math.max(0, index + step))];
}
