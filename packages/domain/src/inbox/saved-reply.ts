/** Saved replies: a body with `{{variables}}` filled from the item, the workspace and the member answering. */

export const savedReplyVariables = [
  'author_name',
  'author_handle',
  'brand',
  'agent_name',
  'channel_name',
  'network',
] as const;
export type SavedReplyVariable = (typeof savedReplyVariables)[number];

const placeholder = /\{\{\s*([^{}]*?)\s*\}\}/g;

export type SavedReplyRendering =
  | { ok: true; text: string }
  /** `unknown`: names that are not variables; `missing`: variables that have no value for this item. */
  | { ok: false; unknown: string[]; missing: SavedReplyVariable[] };

/**
 * The variable names a body uses that are not known variables (a typo such as `{{autor_name}}`).
 * @example unknownSavedReplyVariables('Hello {{ author_name }} from {{brnd}}') // ['brnd']
 */
export function unknownSavedReplyVariables(body: string): string[] {
  const known = new Set<string>(savedReplyVariables);
  return [...new Set([...body.matchAll(placeholder)].map((match) => match[1] ?? ''))].filter(
    (name) => !known.has(name),
  );
}

/**
 * Fills a body's variables; refuses (never leaves `{{...}}` in a reply sent to a customer) when a name is
 * unknown or a variable has no value.
 * @example renderSavedReply('Merci {{author_name}} !', { author_name: 'Léa' }) // { ok: true, text: 'Merci Léa !' }
 */
export function renderSavedReply(
  body: string,
  values: Partial<Record<SavedReplyVariable, string | null>>,
): SavedReplyRendering {
  const unknown = unknownSavedReplyVariables(body);
  const missing = [
    ...new Set(
      [...body.matchAll(placeholder)]
        .map((match) => match[1] as SavedReplyVariable)
        .filter((name) => !unknown.includes(name) && !values[name]),
    ),
  ];
  if (unknown.length > 0 || missing.length > 0) return { ok: false, unknown, missing };
  return { ok: true, text: body.replace(placeholder, (_, name: SavedReplyVariable) => values[name] ?? '') };
}
