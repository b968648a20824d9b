/**
 * Replaces `{name}` placeholders with values; unknown placeholders stay visible so they get noticed.
 * @example interpolate('Hello, {name}', { name: 'Ada' }) // "Hello, Ada"
 */
export function interpolate(template: string, values?: Record<string, string | number>): string {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (match, name: string) => (name in values ? String(values[name]) : match));
}
