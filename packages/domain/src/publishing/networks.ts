/**
 * Every network Sillage publishes to, named once for the domain, the connectors, the contracts and the simulators.
 * @example networkIds.includes('bluesky') // true
 */
export const networkIds = [
  'facebook',
  'instagram',
  'threads',
  'linkedin',
  'x',
  'tiktok',
  'youtube',
  'pinterest',
  'bluesky',
  'mastodon',
  'google_business',
] as const;

export type NetworkId = (typeof networkIds)[number];
