export * from './resampler.ts';
export * from './spike-detector.ts';
export * from './negative-share-detector.ts';
