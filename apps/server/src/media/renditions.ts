/** The aspect ratios networks crop to, with the size each rendition is made at (never enlarged beyond its source). */
export const renditionAspects = {
  '1x1': { ratio: 1, width: 1080, height: 1080, label: '1:1' },
  '4x5': { ratio: 4 / 5, width: 1080, height: 1350, label: '4:5' },
  '9x16': { ratio: 9 / 16, width: 1080, height: 1920, label: '9:16' },
  '1.91x1': { ratio: 1.91, width: 1200, height: 628, label: '1.91:1' },
  '16x9': { ratio: 16 / 9, width: 1920, height: 1080, label: '16:9' },
} as const;
export type RenditionAspect = keyof typeof renditionAspects;
export const renditionAspectNames = Object.keys(renditionAspects) as RenditionAspect[];

const even = (value: number) => Math.max(2, 2 * Math.round(value / 2));

export type RenditionPlan = {
  /** The centred crop of the source, in source pixels. */
  crop: { width: number; height: number; x: number; y: number };
  /** The rendition's size: the aspect's target, or the crop itself when the source is smaller. */
  width: number;
  height: number;
};

/**
 * The centred crop of a `width`×`height` source at the aspect's ratio, and the size it is resized to. Sizes are
 * even (video encoders need it); the result keeps the ratio within a pixel of rounding.
 */
export function planRendition(width: number, height: number, aspect: RenditionAspect): RenditionPlan {
  const target = renditionAspects[aspect];
  const source = width / height;
  const cropWidth = source > target.ratio ? Math.round(height * target.ratio) : width;
  const cropHeight = source > target.ratio ? height : Math.round(width / target.ratio);
  const crop = {
    width: cropWidth,
    height: cropHeight,
    x: Math.floor((width - cropWidth) / 2),
    y: Math.floor((height - cropHeight) / 2),
  };
  if (cropWidth >= target.width) return { crop, width: target.width, height: target.height };
  return { crop, width: even(cropWidth), height: even(cropWidth / target.ratio) };
}
