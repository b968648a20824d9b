export * from './governance/permissions.ts';
export * from './content/x-text-config.ts';
export * from './content/x-url-extractor.ts';
export * from './content/x-emoji-extractor.ts';
export * from './content/x-weighted-length.ts';
export * from './calendar/zoned-time.ts';
export * from './publishing/publication-state.ts';
export * from './publishing/retry-policy.ts';
