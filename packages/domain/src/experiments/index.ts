export * from './fisher-exact.ts';
export * from './proportion-tests.ts';
export * from './binomial-intervals.ts';
export * from './binomial-profile-interval.ts';
export * from './two-proportions.ts';
export * from './ab-decision.ts';
