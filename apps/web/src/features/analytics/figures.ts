import type { KpiKey, MetricResultView } from '@sillage/contracts';
import type { Locale, MessageKey, Translate } from '../../i18n/i18n.tsx';

const intlLocale: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB' };

export type Unit = 'count' | 'ratio';

/** The number itself, or null when the figure is not reported or undefined. */
export const numberOf = (result: MetricResultView): number | null => (result.kind === 'value' ? result.value : null);

/** A count with the locale's separators, or a ratio as a percentage (1 = 100 %). */
export function formatNumber(value: number, unit: Unit, locale: Locale): string {
  if (unit === 'ratio')
    return new Intl.NumberFormat(intlLocale[locale], {
      style: 'percent',
      minimumFractionDigits: 1,
      maximumFractionDigits: 2,
    }).format(value);
  return new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 0 }).format(value);
}

/** A figure as people read it: its number, "not reported" (never 0) or "undefined". */
export function formatFigure(result: MetricResultView, unit: Unit, locale: Locale, t: Translate): string {
  if (result.kind === 'value') return formatNumber(result.value, unit, locale);
  return result.kind === 'not_reported' ? t('analytics.notReported') : t('analytics.undefined');
}

const reasonKeys: Record<string, MessageKey> = {
  network_does_not_report: 'analytics.reason.network_does_not_report',
  reach_not_additive: 'analytics.reason.reach_not_additive',
  no_reported_items: 'analytics.reason.no_reported_items',
  zero_denominator: 'analytics.reason.zero_denominator',
  missing_exchange_rate: 'analytics.reason.missing_exchange_rate',
  no_data: 'analytics.reason.no_data',
};

/** Why a figure has no number, and the notes that qualify a number, as sentences. */
export function explainFigure(result: MetricResultView, t: Translate): string[] {
  if (result.kind !== 'value') return [t(reasonKeys[result.reason] ?? 'analytics.reason.no_data')];
  return (result.notes ?? []).map((note) => {
    switch (note.code) {
      case 'items_excluded_not_reported':
        return t('analytics.note.itemsExcluded', { count: note.count });
      case 'components_not_reported':
        return t('analytics.note.componentsNotReported', {
          components: note.components.map((name) => t(componentKey(name))).join(', '),
        });
      case 'upper_bound':
        return t('analytics.note.upperBound');
      default:
        return t('analytics.note.inconsistent', { count: note.count });
    }
  });
}

function componentKey(name: string): MessageKey {
  const keys: Record<string, MessageKey> = {
    reactions: 'analytics.metric.reactions',
    comments: 'analytics.metric.comments',
    shares: 'analytics.metric.shares',
    saves: 'analytics.metric.saves',
    linkClicks: 'analytics.metric.linkClicks',
  };
  return keys[name] ?? 'analytics.metric.reactions';
}

export const kpiLabel: Record<KpiKey, MessageKey> = {
  impressions: 'analytics.kpi.impressions',
  reach: 'analytics.kpi.reach',
  engagements: 'analytics.kpi.engagements',
  engagement_rate_by_reach: 'analytics.kpi.engagement_rate_by_reach',
  engagement_rate_by_impressions: 'analytics.kpi.engagement_rate_by_impressions',
  link_clicks: 'analytics.kpi.link_clicks',
  click_through_rate: 'analytics.kpi.click_through_rate',
  video_views: 'analytics.kpi.video_views',
  follower_growth: 'analytics.kpi.follower_growth',
  follower_growth_rate: 'analytics.kpi.follower_growth_rate',
};

export const kpiDefinition: Record<KpiKey, MessageKey> = {
  impressions: 'analytics.definition.impressions',
  reach: 'analytics.definition.reach',
  engagements: 'analytics.definition.engagements',
  engagement_rate_by_reach: 'analytics.definition.engagement_rate_by_reach',
  engagement_rate_by_impressions: 'analytics.definition.engagement_rate_by_impressions',
  link_clicks: 'analytics.definition.link_clicks',
  click_through_rate: 'analytics.definition.click_through_rate',
  video_views: 'analytics.definition.video_views',
  follower_growth: 'analytics.definition.follower_growth',
  follower_growth_rate: 'analytics.definition.follower_growth_rate',
};

/** A local date (YYYY-MM-DD) shown in the locale, without any time-zone shift. */
export function formatLocalDate(date: string, locale: Locale, options: Intl.DateTimeFormatOptions = {}): string {
  const instant = new Date(`${date}T12:00:00Z`);
  if (Number.isNaN(instant.getTime())) return date;
  return new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'medium', timeZone: 'UTC', ...options }).format(
    instant,
  );
}
