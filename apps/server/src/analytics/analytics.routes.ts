import {
  AnalyticsExportQuery,
  AnalyticsOverview,
  AnalyticsPostDetail,
  AnalyticsPostParams,
  AnalyticsQuery,
  AnalyticsReportQuery,
  AnalyticsReportSent,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { AnalyticsReports } from './analytics-reports.service.ts';
import type { AnalyticsService } from './analytics.service.ts';

/** The analytics overview of a period, a post's figures, and each table of the overview as CSV. */
export function analyticsRoutes(services: {
  analytics: AnalyticsService;
  reports: AnalyticsReports;
  workspaceLocale: (workspaceId: string) => Promise<'fr' | 'en'>;
}): RouteDefinition[] {
  const { analytics, reports } = services;
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/analytics/overview',
      tag: 'Analytics',
      access: { kind: 'workspace', permission: 'analytics.read' },
      summary:
        'KPIs of a period of local days (default: the last 28) against the previous period, time series, breakdowns by channel and format, best hours, and the posts behind the figures',
      params: WorkspaceParams,
      query: AnalyticsQuery,
      response: AnalyticsOverview,
      handler: async (context) => analytics.overview(actorOf(context), context.query),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/analytics/posts/:postId',
      tag: 'Analytics',
      access: { kind: 'workspace', permission: 'analytics.read' },
      summary: 'A published post’s figures per publication since it was published, with its days',
      params: AnalyticsPostParams,
      response: AnalyticsPostDetail,
      handler: async (context) => analytics.postDetail(actorOf(context), context.params.postId),
    }),
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/analytics/export',
      tag: 'Analytics',
      access: { kind: 'workspace', permission: 'analytics.read' },
      summary:
        'One table of the overview (kpis, series, channels, formats, posts, best_hours) as CSV with a header row',
      params: WorkspaceParams,
      query: AnalyticsExportQuery,
      response: z.string(),
      produces: 'text/csv; charset=utf-8',
      handler: async (context) => {
        const { filename, csv } = await analytics.exportCsv(actorOf(context), context.query);
        context.reply.header('content-disposition', `attachment; filename="${filename}"`);
        return csv;
      },
    }),
    defineRoute({
      method: 'POST',
      url: '/api/workspaces/:workspaceId/analytics/reports/send',
      tag: 'Analytics',
      access: { kind: 'workspace', permission: 'reports.manage' },
      summary:
        'E-mail the analytics report (PDF and CSV) of the last periodDays days to the caller, in French or English',
      params: WorkspaceParams,
      query: AnalyticsReportQuery,
      response: AnalyticsReportSent,
      handler: async (context) => {
        const actor = actorOf(context);
        const language = context.query.language ?? (await services.workspaceLocale(actor.workspaceId));
        return reports.send(actor, {
          kpis: context.query.kpis,
          periodDays: context.query.periodDays,
          language,
          recipients: [actor.email],
        });
      },
    }),
  ];
}
