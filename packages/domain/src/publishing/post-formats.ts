/**
 * Native formats, named once for all networks: the connectors' capabilities, the composer and the API use
 * these names. Which network takes which format is the connectors' `capabilities.formats`.
 */
export const postFormats = [
  'text',
  'image',
  'multi_image',
  'carousel',
  'video',
  'reel',
  'story',
  'short',
  'thread',
  'document',
  'link',
  'pin',
  'local_post',
  'offer',
] as const;

export type PostFormat = (typeof postFormats)[number];
