export * from './connector.ts';
export * from './errors.ts';
export * from './http/http-fetch.ts';
export * from './registry.ts';
