export * from './faults.ts';
export * from './ids.ts';
export * from './router.ts';
export * from './simulator-server.ts';
