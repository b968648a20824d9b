export * from './approval-chain.ts';
