import type { AnalyticsOverview, AnalyticsReportDefinition, KpiKey, KpiView } from '@sillage/contracts';
import { addLocalDays } from '@sillage/domain';
import PDFDocument from 'pdfkit';
import { toCsv } from './csv.ts';

type Language = AnalyticsReportDefinition['language'];

/** The report's words in both languages (the KPI names are those of the web app and docs/metrics.md). */
export const reportWords: Record<
  Language,
  {
    kpi: Record<KpiKey, string>;
    title: string;
    period: (start: string, end: string) => string;
    previous: (start: string, end: string) => string;
    headers: [string, string, string, string];
    notReported: string;
    undefined: string;
    sources: string;
    definitions: string;
    subject: (workspace: string, start: string, end: string) => string;
    body: (workspace: string, start: string, end: string) => string;
  }
> = {
  en: {
    kpi: {
      impressions: 'Impressions',
      reach: 'Reach',
      engagements: 'Engagements',
      engagement_rate_by_reach: 'Engagement rate by reach',
      engagement_rate_by_impressions: 'Engagement rate by impressions',
      link_clicks: 'Link clicks',
      click_through_rate: 'Click-through rate',
      video_views: 'Video views',
      follower_growth: 'Follower growth',
      follower_growth_rate: 'Follower growth rate',
    },
    title: 'Analytics report',
    period: (start, end) => `Period: ${start} to ${end} (inclusive)`,
    previous: (start, end) => `Compared with: ${start} to ${end}`,
    headers: ['KPI', 'Period', 'Previous period', 'Change'],
    notReported: 'not reported',
    undefined: 'undefined',
    sources: 'Sources',
    definitions: 'Every figure is defined in docs/metrics.md; "not reported" means the network does not give it.',
    subject: (workspace, start, end) => `${workspace}: analytics report ${start} to ${end}`,
    body: (workspace, start, end) =>
      `The analytics report of ${workspace} for ${start} to ${end} is attached as a PDF, with its figures as CSV.`,
  },
  fr: {
    kpi: {
      impressions: 'Impressions',
      reach: 'Portée',
      engagements: 'Engagements',
      engagement_rate_by_reach: 'Taux d’engagement par portée',
      engagement_rate_by_impressions: 'Taux d’engagement par impressions',
      link_clicks: 'Clics sur les liens',
      click_through_rate: 'Taux de clic',
      video_views: 'Vues de vidéo',
      follower_growth: 'Gain d’abonnés',
      follower_growth_rate: 'Croissance des abonnés',
    },
    title: 'Rapport de statistiques',
    period: (start, end) => `Période : du ${start} au ${end} inclus`,
    previous: (start, end) => `Comparée à : du ${start} au ${end}`,
    headers: ['Indicateur', 'Période', 'Période précédente', 'Évolution'],
    notReported: 'non communiqué',
    undefined: 'indéfini',
    sources: 'Sources',
    definitions:
      'Chaque chiffre est défini dans docs/metrics.md ; « non communiqué » signifie que le réseau ne le donne pas.',
    subject: (workspace, start, end) => `${workspace} : rapport de statistiques du ${start} au ${end}`,
    body: (workspace, start, end) =>
      `Le rapport de statistiques de ${workspace} du ${start} au ${end} est joint en PDF, avec ses chiffres en CSV.`,
  },
};

const intlLocale: Record<Language, string> = { fr: 'fr-FR', en: 'en-GB' };

/** A KPI figure as text in the report's language: a count, a percentage, "not reported" or "undefined". */
export function reportFigure(result: KpiView['current'], unit: KpiView['unit'], language: Language): string {
  if (result.kind === 'not_reported') return reportWords[language].notReported;
  if (result.kind === 'undefined') return reportWords[language].undefined;
  const format =
    unit === 'ratio'
      ? new Intl.NumberFormat(intlLocale[language], {
          style: 'percent',
          minimumFractionDigits: 2,
          maximumFractionDigits: 2,
        })
      : new Intl.NumberFormat(intlLocale[language], { maximumFractionDigits: 0 });
  // The PDF's standard fonts have no narrow no-break space: French thousands use a plain space.
  return format.format(result.value).replace(/[\u202f\u00a0]/g, ' ');
}

export function changeText(kpi: KpiView, language: Language): string {
  const change = kpi.relativeChange;
  if (change.kind !== 'value') return reportFigure(change, 'ratio', language);
  return `${change.value > 0 ? '+' : ''}${reportFigure(change, 'ratio', language)}`;
}

const lastDay = (end: string) => addLocalDays(end, -1);

/** The report's chosen KPIs, in the definition's order. */
export function reportKpis(
  overview: AnalyticsOverview,
  definition: Pick<AnalyticsReportDefinition, 'kpis'>,
): KpiView[] {
  return definition.kpis.flatMap((key) => overview.kpis.filter((kpi) => kpi.key === key));
}

/** The report as a PDF: title, period and comparison, one row per KPI, sources and where figures are defined. */
export async function renderReportPdf(input: {
  workspaceName: string;
  overview: AnalyticsOverview;
  definition: AnalyticsReportDefinition;
}): Promise<Buffer> {
  const { overview, definition } = input;
  const text = reportWords[definition.language];
  const document = new PDFDocument({
    size: 'A4',
    margin: 50,
    info: { Title: `${text.title} — ${input.workspaceName}` },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  document.font('Helvetica-Bold').fontSize(18).text(`${text.title} — ${input.workspaceName}`);
  document.moveDown(0.5);
  document.font('Helvetica').fontSize(11);
  document.text(text.period(overview.period.start, lastDay(overview.period.end)));
  document.text(text.previous(overview.previousPeriod.start, lastDay(overview.previousPeriod.end)));
  document.text(overview.period.timeZone);
  document.moveDown();

  const columns = [50, 250, 360, 470];
  const row = (cells: readonly string[], bold = false) => {
    const y = document.y;
    document.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(10);
    cells.forEach((cell, index) =>
      document.text(cell, columns[index] ?? 50, y, { width: (columns[index + 1] ?? 545) - (columns[index] ?? 50) - 8 }),
    );
    document.x = 50;
    document.moveDown(0.6);
  };
  row(text.headers, true);
  const kpis = reportKpis(overview, definition);
  for (const kpi of kpis)
    row([
      text.kpi[kpi.key],
      reportFigure(kpi.current, kpi.unit, definition.language),
      reportFigure(kpi.previous, kpi.unit, definition.language),
      changeText(kpi, definition.language),
    ]);
  document.moveDown();
  const sources = [...new Set(kpis.flatMap((kpi) => kpi.sources))].sort();
  document
    .font('Helvetica')
    .fontSize(9)
    .text(`${text.sources}: ${sources.join(', ') || '—'}`, 50);
  document.text(text.definitions, 50);
  document.end();
  return finished;
}

/** The report's KPIs as CSV (the same columns as the overview's "kpis" export). */
export function renderReportCsv(
  overview: AnalyticsOverview,
  definition: Pick<AnalyticsReportDefinition, 'kpis'>,
): string {
  const figure = (result: KpiView['current']) =>
    result.kind === 'value' ? result.value : result.kind === 'not_reported' ? 'not reported' : 'undefined';
  return toCsv([
    [
      'kpi',
      'unit',
      'period_start',
      'period_end',
      'value',
      'previous_value',
      'absolute_change',
      'relative_change',
      'sources',
      'definition',
    ],
    ...reportKpis(overview, definition).map((kpi) => [
      kpi.key,
      kpi.unit,
      overview.period.start,
      overview.period.end,
      figure(kpi.current),
      figure(kpi.previous),
      figure(kpi.absoluteChange),
      figure(kpi.relativeChange),
      kpi.sources.join(' '),
      `docs/metrics.md#${kpi.definition}`,
    ]),
  ]);
}

/** The e-mail's subject and text in the report's language. */
export function reportMessage(workspaceName: string, overview: AnalyticsOverview, language: Language) {
  const [start, end] = [overview.period.start, lastDay(overview.period.end)];
  return {
    subject: reportWords[language].subject(workspaceName, start, end),
    text: reportWords[language].body(workspaceName, start, end),
  };
}
