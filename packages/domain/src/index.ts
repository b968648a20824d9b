export * from './governance/permissions.ts';
