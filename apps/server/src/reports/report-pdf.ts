import type { AnalyticsOverview, BreakdownRow, KpiView, MetricResultView, ReportBody } from '@sillage/contracts';
import { addLocalDays } from '@sillage/domain';
import PDFDocument from 'pdfkit';
import { changeText, reportFigure, reportKpis, reportWords } from '../analytics/analytics-report.ts';
import { sectionWords } from './report-words.ts';

type Document = PDFKit.PDFDocument;
type Cell = string;

export type ReportPdfInput = {
  workspaceName: string;
  overview: AnalyticsOverview;
  report: Pick<ReportBody, 'title' | 'language' | 'kpis' | 'sections' | 'commentary' | 'branding'>;
};

const left = 50;
const right = 545;
const bottom = 780;
const grey = '#555555';

/** Text for a count or a ratio figure in the report's language. */
const figure = (result: MetricResultView, unit: 'count' | 'ratio', language: 'fr' | 'en') =>
  reportFigure(result, unit, language);

/** Starts a new page when fewer than `height` points are left. */
function ensureRoom(document: Document, height: number) {
  if (document.y + height > bottom) document.addPage();
}

/**
 * A table: a header row on the brand colour and one row per entry; `widths` are fractions of the page width.
 * Each cell is one line (long text is cut with an ellipsis), so pdftotext keeps each row on one line.
 */
function table(document: Document, color: string, widths: number[], header: Cell[], rows: Cell[][]) {
  const total = right - left;
  const xs = widths.reduce<number[]>((acc, width, index) => [...acc, (acc[index] ?? left) + width * total], [left]);
  const line = (cells: Cell[], bold: boolean) => {
    ensureRoom(document, 18);
    const y = document.y;
    if (bold) document.rect(left, y - 3, total, 16).fill(color);
    document
      .fillColor(bold ? '#ffffff' : '#000000')
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(8);
    cells.forEach((cell, index) => {
      const x = xs[index] ?? left;
      const width = (xs[index + 1] ?? right) - x - 6;
      document.text(cell, x + 3, y, { width, height: 11, ellipsis: true, lineBreak: false });
    });
    document.fillColor('#000000');
    document.x = left;
    document.y = y + 16;
  };
  line(header, true);
  for (const row of rows) line(row, false);
  document.moveDown(0.5);
}

function heading(document: Document, color: string, text: string) {
  ensureRoom(document, 60);
  document.moveDown(0.5);
  document.fillColor(color).font('Helvetica-Bold').fontSize(13).text(text, left);
  document.fillColor('#000000').moveDown(0.3);
}

const valueOf = (result: MetricResultView) => (result.kind === 'value' ? result.value : null);

/** A line chart of impressions and engagements per bucket, drawn as vector paths, with its axis labels. */
function seriesChart(document: Document, color: string, overview: AnalyticsOverview, language: 'fr' | 'en') {
  const height = 140;
  ensureRoom(document, height + 40);
  const top = document.y;
  const [x0, x1, y0, y1] = [left + 40, right - 10, top + height, top + 10];
  const points = overview.series;
  const lines = [
    { values: points.map((point) => valueOf(point.impressions)), stroke: color, label: 'impressions' as const },
    { values: points.map((point) => valueOf(point.engagements)), stroke: '#d97706', label: 'engagements' as const },
  ];
  const max = Math.max(1, ...lines.flatMap((line) => line.values.filter((value): value is number => value !== null)));
  document.lineWidth(0.5).strokeColor('#999999').moveTo(x0, y1).lineTo(x0, y0).lineTo(x1, y0).stroke();
  document.fillColor(grey).font('Helvetica').fontSize(7);
  document.text(figure({ kind: 'value', value: max }, 'count', language), left, y1 - 3, { width: 36, align: 'right' });
  document.text('0', left, y0 - 4, { width: 36, align: 'right' });
  const step = points.length > 1 ? (x1 - x0) / (points.length - 1) : 0;
  const xAt = (index: number) => (points.length > 1 ? x0 + index * step : (x0 + x1) / 2);
  const yAt = (value: number) => y0 - (value / max) * (y0 - y1);
  for (const line of lines) {
    document.lineWidth(1.5).strokeColor(line.stroke);
    let drawing = false;
    line.values.forEach((value, index) => {
      if (value === null) {
        drawing = false;
        return;
      }
      if (drawing) document.lineTo(xAt(index), yAt(value));
      else document.moveTo(xAt(index), yAt(value));
      drawing = true;
    });
    document.stroke();
    line.values.forEach((value, index) => {
      if (value !== null) document.circle(xAt(index), yAt(value), 1.8).fill(line.stroke);
    });
  }
  const first = points[0]?.start ?? '';
  const last = points.at(-1)?.start ?? '';
  document.fillColor(grey).fontSize(7);
  document.text(first, x0, y0 + 3, { lineBreak: false });
  document.text(last, x1 - 60, y0 + 3, { width: 60, align: 'right', lineBreak: false });
  const words = sectionWords[language].series;
  document.fillColor(color).text(`— ${words.impressions}`, x0, y0 + 14, { lineBreak: false });
  document.fillColor('#d97706').text(`— ${words.engagements}`, x0 + 100, y0 + 14, { lineBreak: false });
  document.fillColor('#000000');
  document.x = left;
  document.y = y0 + 30;
}

/** Horizontal bars of each channel's impressions, drawn as vector rectangles. */
function channelBars(document: Document, color: string, rows: readonly BreakdownRow[], language: 'fr' | 'en') {
  const values = rows.map((row) => valueOf(row.impressions) ?? 0);
  const max = Math.max(1, ...values);
  ensureRoom(document, rows.length * 14 + 10);
  rows.forEach((row, index) => {
    const y = document.y;
    document.fillColor('#000000').font('Helvetica').fontSize(8);
    document.text(row.label, left, y, { width: 120, height: 10, ellipsis: true, lineBreak: false });
    const width = ((values[index] ?? 0) / max) * (right - left - 200);
    if (width > 0) document.rect(left + 125, y, width, 8).fill(color);
    document
      .fillColor(grey)
      .text(figure(row.impressions, 'count', language), left + 130 + width, y, { lineBreak: false });
    document.x = left;
    document.y = y + 13;
  });
  document.fillColor('#000000').moveDown(0.5);
}

function kpiRows(kpis: KpiView[], language: 'fr' | 'en'): Cell[][] {
  return kpis.map((kpi) => [
    reportWords[language].kpi[kpi.key],
    figure(kpi.current, kpi.unit, language),
    figure(kpi.previous, kpi.unit, language),
    changeText(kpi, language),
  ]);
}

function breakdownRows(rows: readonly BreakdownRow[], language: 'fr' | 'en'): Cell[][] {
  return rows.map((row) => [
    row.label,
    String(row.posts),
    figure(row.impressions, 'count', language),
    figure(row.engagements, 'count', language),
    figure(row.engagementRateByImpressions, 'ratio', language),
    figure(row.linkClicks, 'count', language),
  ]);
}

/** A logo given as a data URL, as pdfkit takes it; a broken image is left out rather than failing the report. */
function drawLogo(document: Document, dataUrl: string | null) {
  if (!dataUrl) return;
  try {
    const image = Buffer.from(dataUrl.slice(dataUrl.indexOf(',') + 1), 'base64');
    document.image(image, right - 100, 28, { fit: [100, 40], align: 'right' });
  } catch {
    // An unreadable image: the report goes out without it.
  }
}

/**
 * The saved report as a PDF: the brand colour, logo and agency (white label) around the chosen sections in
 * their order (KPI table, time series chart with its table, channel bars with their table, top posts,
 * commentary), then the definition and source of every number and the period they cover.
 */
export async function renderSavedReportPdf(input: ReportPdfInput): Promise<Buffer> {
  const { overview, report } = input;
  const { language } = report;
  const color = report.branding.brandColor;
  const words = sectionWords[language];
  const base = reportWords[language];
  const document = new PDFDocument({
    size: 'A4',
    margin: 50,
    bufferPages: true,
    info: { Title: `${report.title} — ${input.workspaceName}`, Author: report.branding.agencyName ?? 'Sillage' },
  });
  const chunks: Buffer[] = [];
  document.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Buffer>((resolve, reject) => {
    document.on('end', () => resolve(Buffer.concat(chunks)));
    document.on('error', reject);
  });

  const lastDay = addLocalDays(overview.period.end, -1);
  document.rect(0, 0, 595.28, 14).fill(color);
  drawLogo(document, report.branding.logoDataUrl);
  document.fillColor('#000000').font('Helvetica-Bold').fontSize(18).text(report.title, left, 40, { width: 380 });
  document.font('Helvetica').fontSize(11).fillColor(grey).text(input.workspaceName, left);
  document.fillColor('#000000').moveDown(0.5).fontSize(10);
  document.text(base.period(overview.period.start, lastDay));
  document.text(base.previous(overview.previousPeriod.start, addLocalDays(overview.previousPeriod.end, -1)));
  document.text(overview.period.timeZone);

  const kpis = reportKpis(overview, report);
  for (const section of report.sections) {
    heading(document, color, words.sections[section]);
    if (section === 'kpis') table(document, color, [0.4, 0.2, 0.2, 0.2], [...base.headers], kpiRows(kpis, language));
    if (section === 'series') {
      if (overview.series.length === 0) document.font('Helvetica').fontSize(10).text(words.noData, left);
      else {
        seriesChart(document, color, overview, language);
        table(
          document,
          color,
          [0.25, 0.25, 0.25, 0.25],
          [words.series.bucket, words.series.impressions, words.series.engagements, words.series.linkClicks],
          overview.series.map((point) => [
            point.start,
            figure(point.impressions, 'count', language),
            figure(point.engagements, 'count', language),
            figure(point.linkClicks, 'count', language),
          ]),
        );
      }
    }
    if (section === 'channels') {
      if (overview.byChannel.length === 0) document.font('Helvetica').fontSize(10).text(words.noData, left);
      else {
        channelBars(document, color, overview.byChannel, language);
        const b = words.breakdown;
        table(
          document,
          color,
          [0.24, 0.12, 0.14, 0.14, 0.18, 0.18],
          [b.channel, b.posts, b.impressions, b.engagements, b.rate, b.linkClicks],
          breakdownRows(overview.byChannel, language),
        );
      }
    }
    if (section === 'top_posts') {
      const top = [...overview.posts]
        .sort((a, b) => (valueOf(b.engagements) ?? -1) - (valueOf(a.engagements) ?? -1))
        .slice(0, 5);
      if (top.length === 0) document.font('Helvetica').fontSize(10).text(words.noData, left);
      else
        table(
          document,
          color,
          [0.11, 0.15, 0.3, 0.14, 0.14, 0.16],
          [
            words.topPosts.date,
            words.topPosts.channel,
            words.topPosts.text,
            words.breakdown.impressions,
            words.breakdown.engagements,
            words.breakdown.rate,
          ],
          top.map((post) => [
            post.publishedAt.slice(0, 10),
            post.channelName,
            post.text.replace(/\s+/g, ' '),
            figure(post.impressions, 'count', language),
            figure(post.engagements, 'count', language),
            figure(post.engagementRateByImpressions, 'ratio', language),
          ]),
        );
    }
    if (section === 'commentary' && report.commentary.trim())
      document.font('Helvetica').fontSize(10).fillColor('#000000').text(report.commentary.trim(), left);
  }

  heading(document, color, words.definitionsTitle);
  document.font('Helvetica').fontSize(8).fillColor('#000000');
  document.text(words.periodAndZone(overview.period.start, lastDay, overview.period.timeZone), left);
  for (const kpi of kpis)
    document.text(
      `${words.definitionOf(base.kpi[kpi.key], kpi.definition)} — ${base.sources}: ${kpi.sources.join(', ') || '—'}`,
    );
  document.text(words.tableDefinitions);

  const footer = report.branding.agencyName ? words.preparedBy(report.branding.agencyName) : words.preparedWithSillage;
  const range = document.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index += 1) {
    document.switchToPage(index);
    document.page.margins.bottom = 0;
    document
      .font('Helvetica')
      .fontSize(8)
      .fillColor(grey)
      .text(`${footer} · ${words.page(index + 1, range.count)}`, left, 810, { width: right - left, align: 'center' });
  }
  document.end();
  return finished;
}
