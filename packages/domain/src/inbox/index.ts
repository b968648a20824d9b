export * from './inbox-kpis.ts';
export * from './messaging-window.ts';
export * from './moderation-rules.ts';
export * from './saved-reply.ts';
