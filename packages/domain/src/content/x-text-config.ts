/**
 * The weighting configurations of twitter-text (v2 and v3), as published in its `config/*.json`.
 * Weights are in hundredths of a character (`scale` 100): a weight of 200 counts as 2 characters.
 */

/** An inclusive range of UTF-16 code units and the weight each one carries. */
export type XWeightedRange = { start: number; end: number; weight: number };

/** How X weighs text: the maximum length (characters), the scale and the weights (scaled units). */
export type XTextConfig = {
  version: number;
  maxWeightedTweetLength: number;
  scale: number;
  defaultWeight: number;
  transformedURLLength: number;
  emojiParsingEnabled?: boolean;
  ranges: readonly XWeightedRange[];
};

const latinAndPunctuationRanges: readonly XWeightedRange[] = [
  { start: 0, end: 4351, weight: 100 },
  { start: 8192, end: 8205, weight: 100 },
  { start: 8208, end: 8223, weight: 100 },
  { start: 8242, end: 8247, weight: 100 },
];

/**
 * twitter-text v2: 280 weighted characters, CJK and astral code points weigh 2, URLs 23.
 * @example parseXText('Hi', xTextConfigV2).weightedLength // 2
 */
export const xTextConfigV2: XTextConfig = {
  version: 2,
  maxWeightedTweetLength: 280,
  scale: 100,
  defaultWeight: 200,
  transformedURLLength: 23,
  ranges: latinAndPunctuationRanges,
};

/**
 * twitter-text v3 (what X uses today): v2 plus every emoji sequence weighing 2 as one unit.
 * @example parseXText('👨‍👩‍👧‍👦', xTextConfigV3).weightedLength // 2
 */
export const xTextConfigV3: XTextConfig = {
  version: 3,
  maxWeightedTweetLength: 280,
  scale: 100,
  defaultWeight: 200,
  emojiParsingEnabled: true,
  transformedURLLength: 23,
  ranges: latinAndPunctuationRanges,
};
