export * from './inbox-kpis.ts';
export * from './messaging-window.ts';
