export * from './common.ts';
export * from './auth.ts';
export * from './workspaces.ts';
export * from './api-tokens.ts';
export * from './audit.ts';
export * from './health.ts';
export * from './channels.ts';
export * from './posts.ts';
