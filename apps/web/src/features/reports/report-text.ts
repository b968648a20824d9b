import type { ReportSchedule } from '@sillage/contracts';
import type { Locale, Translate } from '../../i18n/i18n.tsx';

/** The weekday's name in the user's language (1 = Monday). */
export function weekdayName(weekday: number, locale: Locale): string {
  // 5 January 2026 is a Monday.
  const date = new Date(Date.UTC(2026, 0, 4 + weekday));
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { weekday: 'long', timeZone: 'UTC' }).format(
    date,
  );
}

/** "Every Monday at 09:00 (Europe/Paris)", "On day 1 of each month at 08:00 (…)", or "Not scheduled". */
export function describeSchedule(schedule: ReportSchedule, timeZone: string, locale: Locale, t: Translate): string {
  if (schedule.kind === 'none') return t('reports.schedule.noneLong');
  if (schedule.kind === 'weekly')
    return t('reports.schedule.weeklyLong', {
      weekday: weekdayName(schedule.weekday, locale),
      time: schedule.time,
      zone: timeZone,
    });
  return t('reports.schedule.monthlyLong', { day: schedule.dayOfMonth, time: schedule.time, zone: timeZone });
}
