import { AuditPage, AuditQuery, WorkspaceParams } from '@sillage/contracts';
import type { Services } from '../composition.ts';
import { presentAuditEntry } from './presenters.ts';
import { defineRoute, type RouteDefinition } from './route.ts';

export function auditRoutes(services: Services): RouteDefinition[] {
  return [
    defineRoute({
      method: 'GET',
      url: '/api/workspaces/:workspaceId/audit-log',
      tag: 'Audit',
      access: { kind: 'workspace', permission: 'audit.read' },
      summary: 'Security-relevant actions in the workspace, newest first',
      params: WorkspaceParams,
      query: AuditQuery,
      response: AuditPage,
      handler: async ({ params, query }) => {
        const entries = await services.audit.list(params.workspaceId, {
          before: query.before,
          limit: query.limit,
          action: query.action,
        });
        const last = entries.at(-1);
        return {
          entries: entries.map(presentAuditEntry),
          nextBefore: entries.length === query.limit && last ? last.cursor : null,
        };
      },
    }),
  ];
}
