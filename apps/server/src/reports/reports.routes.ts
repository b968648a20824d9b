import {
  AnalyticsXlsxQuery,
  Ok,
  ReportBody,
  ReportDeliveryView,
  ReportList,
  ReportParams,
  ReportView,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { AnalyticsService } from '../analytics/analytics.service.ts';
import type { ReportsService } from './reports.service.ts';
import { toXlsx, xlsxContentType } from './xlsx.ts';

const base = '/api/workspaces/:workspaceId/reports';

/** Saved reports (read by analysts, managed by who manages reports) and the XLSX export of the analytics tables. */
export function reportsRoutes(services: { reports: ReportsService; analytics: AnalyticsService }): RouteDefinition[] {
  const { reports, analytics } = services;
  return [
    defineRoute({
      method: 'GET',
      url: base,
      tag: 'Reports',
      access: { kind: 'workspace', permission: 'analytics.read' },
      summary: "The workspace's saved reports, each with its next scheduled sending and its last 10 deliveries",
      params: WorkspaceParams,
      response: ReportList,
      handler: async (context) => ({ reports: await reports.list(actorOf(context)) }),
    }),
    defineRoute({
      method: 'POST',
      url: base,
      tag: 'Reports',
      access: { kind: 'workspace', permission: 'reports.manage' },
      summary:
        'Saves a report: title, language, period, KPIs, sections, commentary, member recipients, branding ' +
        '(colour, logo, agency for white label) and a weekly or monthly schedule in the workspace’s time zone',
      params: WorkspaceParams,
      body: ReportBody,
      response: ReportView,
      status: 201,
      handler: async (context) => reports.create(actorOf(context), context.body),
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/:reportId`,
      tag: 'Reports',
      access: { kind: 'workspace', permission: 'analytics.read' },
      summary: 'A saved report with its next scheduled sending and its last 10 deliveries',
      params: ReportParams,
      response: ReportView,
      handler: async (context) => reports.get(actorOf(context), context.params.reportId),
    }),
    defineRoute({
      method: 'PUT',
      url: `${base}/:reportId`,
      tag: 'Reports',
      access: { kind: 'workspace', permission: 'reports.manage' },
      summary: 'Replaces a saved report; a changed schedule counts from now (no past occurrence is sent)',
      params: ReportParams,
      body: ReportBody,
      response: ReportView,
      handler: async (context) => reports.update(actorOf(context), context.params.reportId, context.body),
    }),
    defineRoute({
      method: 'DELETE',
      url: `${base}/:reportId`,
      tag: 'Reports',
      access: { kind: 'workspace', permission: 'reports.manage' },
      summary: 'Deletes a saved report and its delivery history',
      params: ReportParams,
      response: Ok,
      handler: async (context) => {
        await reports.remove(actorOf(context), context.params.reportId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/:reportId/pdf`,
      tag: 'Reports',
      access: { kind: 'workspace', permission: 'analytics.read' },
      summary: 'The report’s PDF as it would be sent today (the period ending yesterday in the workspace’s zone)',
      params: ReportParams,
      response: z.string(),
      produces: 'application/pdf',
      handler: async (context) => {
        const { filename, pdf } = await reports.preview(actorOf(context), context.params.reportId);
        context.reply.header('content-disposition', `inline; filename="${filename}"`);
        return pdf;
      },
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/:reportId/send`,
      tag: 'Reports',
      access: { kind: 'workspace', permission: 'reports.manage' },
      summary: 'Sends the report now (PDF and CSV) to its recipients; recorded among its deliveries',
      params: ReportParams,
      response: ReportDeliveryView,
      handler: async (context) => reports.sendNow(actorOf(context), context.params.reportId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/analytics/export/xlsx',
      tag: 'Analytics',
      access: { kind: 'workspace', permission: 'analytics.read' },
      summary:
        'One table of the overview (kpis, series, channels, formats, posts, best_hours) as an XLSX workbook: ' +
        'the same columns as the CSV export, numbers as numbers, dates as dates',
      params: WorkspaceParams,
      query: AnalyticsXlsxQuery,
      response: z.string(),
      produces: xlsxContentType,
      handler: async (context) => {
        const { filename, rows } = await analytics.exportCsv(actorOf(context), context.query);
        context.reply.header('content-disposition', `attachment; filename="${filename.replace(/\.csv$/, '.xlsx')}"`);
        return toXlsx(context.query.table, rows);
      },
    }),
  ];
}
