import type { ReportSection } from '@sillage/contracts';

type Language = 'fr' | 'en';

/** The saved report's own words (section titles, tables, branding) in both languages. */
export const sectionWords: Record<
  Language,
  {
    sections: Record<ReportSection, string>;
    series: { bucket: string; impressions: string; engagements: string; linkClicks: string };
    breakdown: {
      channel: string;
      posts: string;
      impressions: string;
      engagements: string;
      rate: string;
      linkClicks: string;
    };
    topPosts: { date: string; channel: string; text: string };
    noData: string;
    definitionsTitle: string;
    definitionOf: (name: string, anchor: string) => string;
    tableDefinitions: string;
    periodAndZone: (start: string, end: string, timeZone: string) => string;
    preparedBy: (agency: string) => string;
    preparedWithSillage: string;
    page: (page: number, total: number) => string;
    subject: (title: string, start: string, end: string) => string;
    body: (title: string, workspace: string, start: string, end: string) => string;
  }
> = {
  en: {
    sections: {
      kpis: 'Key figures',
      series: 'Over time',
      channels: 'By channel',
      top_posts: 'Top posts (by engagements)',
      commentary: 'Commentary',
    },
    series: { bucket: 'From', impressions: 'Impressions', engagements: 'Engagements', linkClicks: 'Link clicks' },
    breakdown: {
      channel: 'Channel',
      posts: 'Posts',
      impressions: 'Impressions',
      engagements: 'Engagements',
      rate: 'Eng. rate (impr.)',
      linkClicks: 'Link clicks',
    },
    topPosts: { date: 'Published', channel: 'Channel', text: 'Post' },
    noData: 'No data for this period.',
    definitionsTitle: 'Definitions and sources',
    definitionOf: (name, anchor) => `${name}: docs/metrics.md#${anchor}`,
    tableDefinitions:
      'Tables: impressions, engagements and link clicks are sums over the period (docs/metrics.md#impressions, ' +
      '#engagements, #link-clicks); the engagement rate is the sum of engagements over the sum of impressions ' +
      '(docs/metrics.md#engagement-rate-by-impressions). "not reported" means the network does not give the figure.',
    periodAndZone: (start, end, timeZone) => `Every figure covers ${start} to ${end} inclusive, days in ${timeZone}.`,
    preparedBy: (agency) => `Prepared by ${agency}`,
    preparedWithSillage: 'Prepared with Sillage',
    page: (page, total) => `Page ${page} of ${total}`,
    subject: (title, start, end) => `${title}: ${start} to ${end}`,
    body: (title, workspace, start, end) =>
      `"${title}" (${workspace}) for ${start} to ${end} is attached as a PDF, with its figures as CSV.`,
  },
  fr: {
    sections: {
      kpis: 'Chiffres clés',
      series: 'Évolution',
      channels: 'Par canal',
      top_posts: 'Meilleures publications (par engagements)',
      commentary: 'Commentaire',
    },
    series: { bucket: 'Du', impressions: 'Impressions', engagements: 'Engagements', linkClicks: 'Clics sur les liens' },
    breakdown: {
      channel: 'Canal',
      posts: 'Publications',
      impressions: 'Impressions',
      engagements: 'Engagements',
      rate: 'Taux d’eng. (impr.)',
      linkClicks: 'Clics sur les liens',
    },
    topPosts: { date: 'Publiée le', channel: 'Canal', text: 'Publication' },
    noData: 'Aucune donnée sur cette période.',
    definitionsTitle: 'Définitions et sources',
    definitionOf: (name, anchor) => `${name} : docs/metrics.md#${anchor}`,
    tableDefinitions:
      'Tableaux : impressions, engagements et clics sont des sommes sur la période (docs/metrics.md#impressions, ' +
      '#engagements, #link-clicks) ; le taux d’engagement est la somme des engagements sur la somme des impressions ' +
      '(docs/metrics.md#engagement-rate-by-impressions). « non communiqué » : le réseau ne donne pas ce chiffre.',
    periodAndZone: (start, end, timeZone) =>
      `Chaque chiffre couvre du ${start} au ${end} inclus, jours du fuseau ${timeZone}.`,
    preparedBy: (agency) => `Préparé par ${agency}`,
    preparedWithSillage: 'Préparé avec Sillage',
    page: (page, total) => `Page ${page} sur ${total}`,
    subject: (title, start, end) => `${title} : du ${start} au ${end}`,
    body: (title, workspace, start, end) =>
      `« ${title} » (${workspace}) du ${start} au ${end} est joint en PDF, avec ses chiffres en CSV.`,
  },
};
