import {
  AlertsQuery,
  CreateListeningQueryBody,
  ListeningAlertParams,
  ListeningAlertView,
  ListeningQueryParams,
  ListeningQueryView,
  ListeningSeries,
  ListeningTop,
  MentionsPage,
  MentionsQuery,
  Ok,
  PeriodQuery,
  SeriesQuery,
  ShareOfVoice,
  TopQuery,
  UpdateListeningAlertBody,
  UpdateListeningQueryBody,
  WorkspaceParams,
} from '@sillage/contracts';
import { z } from 'zod';
import { actorOf } from '../http/actor.ts';
import { defineRoute, type RouteDefinition } from '../http/route.ts';
import type { ListeningAlertRecord } from './listening-alerts.repository.ts';
import type { ListeningQueryRecord } from './listening-queries.repository.ts';
import type { ListeningService } from './listening.service.ts';

const iso = (date: Date) => date.toISOString();

const presentQuery = (query: ListeningQueryRecord): z.input<typeof ListeningQueryView> => ({
  id: query.id,
  name: query.name,
  text: query.text,
  kind: query.kind,
  active: query.active,
  createdAt: iso(query.createdAt),
  updatedAt: iso(query.updatedAt),
});

const presentAlert = (alert: ListeningAlertRecord): z.input<typeof ListeningAlertView> => ({
  id: alert.id,
  queryId: alert.queryId,
  queryName: alert.queryName,
  kind: alert.kind,
  severity: alert.severity,
  windowStart: iso(alert.windowStart),
  windowEnd: iso(alert.windowEnd),
  observed: alert.observed,
  expected: alert.expected,
  score: alert.score,
  status: alert.status,
  raisedAt: iso(alert.raisedAt),
});

const base = '/api/workspaces/:workspaceId/listening';
const tag = 'Listening';
const read = { kind: 'workspace', permission: 'listening.read' } as const;
const manage = { kind: 'workspace', permission: 'listening.manage' } as const;

/** Listening queries, mentions, series, share of voice, tops and alerts: what the crisis room reads. */
export function listeningRoutes(services: { listening: ListeningService }): RouteDefinition[] {
  const { listening } = services;
  return [
    defineRoute({
      method: 'GET',
      url: `${base}/queries`,
      tag,
      access: read,
      summary: 'The workspace’s listening queries',
      params: WorkspaceParams,
      response: z.array(ListeningQueryView),
      handler: async (context) => (await listening.listQueries(actorOf(context))).map(presentQuery),
    }),
    defineRoute({
      method: 'POST',
      url: `${base}/queries`,
      tag,
      access: manage,
      status: 201,
      summary: 'Create a listening query; a query that does not parse gets 400 invalid_query with its position',
      params: WorkspaceParams,
      body: CreateListeningQueryBody,
      response: ListeningQueryView,
      handler: async (context) => presentQuery(await listening.createQuery(actorOf(context), context.body)),
    }),
    defineRoute({
      method: 'PATCH',
      url: `${base}/queries/:queryId`,
      tag,
      access: manage,
      summary: 'Rename, rewrite, reclassify, pause or resume a listening query',
      params: ListeningQueryParams,
      body: UpdateListeningQueryBody,
      response: ListeningQueryView,
      handler: async (context) =>
        presentQuery(await listening.updateQuery(actorOf(context), context.params.queryId, context.body)),
    }),
    defineRoute({
      method: 'DELETE',
      url: `${base}/queries/:queryId`,
      tag,
      access: manage,
      summary: 'Delete a listening query with its matches and alerts (the mentions stay)',
      params: ListeningQueryParams,
      response: Ok,
      handler: async (context) => {
        await listening.deleteQuery(actorOf(context), context.params.queryId);
        return { ok: true as const };
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/mentions`,
      tag,
      access: read,
      summary: 'Mentions, newest first, filtered by query, sentiment, language, source, period and words',
      params: WorkspaceParams,
      query: MentionsQuery,
      response: MentionsPage,
      handler: async (context) => {
        const page = await listening.listMentions(actorOf(context), context.query);
        return {
          nextCursor: page.nextCursor,
          mentions: page.mentions.map((mention) => ({
            ...mention,
            publishedAt: iso(mention.publishedAt),
            collectedAt: iso(mention.collectedAt),
          })),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/queries/:queryId/series`,
      tag,
      access: read,
      summary: 'Volume and sentiment of a query per hour or day of the workspace’s time zone',
      params: ListeningQueryParams,
      query: SeriesQuery,
      response: ListeningSeries,
      handler: async (context) => {
        const series = await listening.series(actorOf(context), context.params.queryId, context.query);
        return {
          ...series,
          from: iso(series.from),
          to: iso(series.to),
          buckets: series.buckets.map((bucket) => ({ ...bucket, start: iso(bucket.start) })),
        };
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/share-of-voice`,
      tag,
      access: read,
      summary: 'Share of voice of the brand against its competitors over a period',
      params: WorkspaceParams,
      query: PeriodQuery,
      response: ShareOfVoice,
      handler: async (context) => {
        const share = await listening.shareOfVoice(actorOf(context), context.query);
        return { ...share, from: iso(share.from), to: iso(share.to) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/top`,
      tag,
      access: read,
      summary: 'Top terms, hashtags and authors of a period, for one query or all mentions',
      params: WorkspaceParams,
      query: TopQuery,
      response: ListeningTop,
      handler: async (context) => {
        const top = await listening.top(actorOf(context), context.query);
        return { ...top, from: iso(top.from), to: iso(top.to) };
      },
    }),
    defineRoute({
      method: 'GET',
      url: `${base}/alerts`,
      tag,
      access: read,
      summary: 'Alerts raised by spike detection (volume, negative share), newest first',
      params: WorkspaceParams,
      query: AlertsQuery,
      response: z.array(ListeningAlertView),
      handler: async (context) => (await listening.listAlerts(actorOf(context), context.query)).map(presentAlert),
    }),
    defineRoute({
      method: 'PATCH',
      url: `${base}/alerts/:alertId`,
      tag,
      access: manage,
      summary: 'Acknowledge or resolve an alert',
      params: ListeningAlertParams,
      body: UpdateListeningAlertBody,
      response: ListeningAlertView,
      handler: async (context) =>
        presentAlert(await listening.setAlertStatus(actorOf(context), context.params.alertId, context.body.status)),
    }),
  ];
}
