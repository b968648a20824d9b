export * from './connector.ts';
export * from './errors.ts';
export * from './registry.ts';
