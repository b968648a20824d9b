import type { Locale } from './i18n.tsx';

const intlLocale: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

/**
 * An instant shown in an explicit IANA time zone (never the browser's by accident).
 * @example formatInstant('2025-03-30T01:30:00Z', 'Europe/Paris', 'fr') // "30 mars 2025, 03:30"
 */
export function formatInstant(instant: string, timeZone: string, locale: Locale): string {
  const date = new Date(instant);
  if (Number.isNaN(date.getTime())) return instant;
  return new Intl.DateTimeFormat(intlLocale[locale], {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone,
  }).format(date);
}

/** The IANA zones the browser knows, always including `current` and UTC. */
export function timeZoneOptions(current?: string): string[] {
  const zones = new Set<string>(typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : []);
  zones.add('UTC');
  if (current) zones.add(current);
  return [...zones].sort((left, right) => left.localeCompare(right));
}

/** The browser's own zone, used only as a default suggestion in forms. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}
