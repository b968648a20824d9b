/**
 * X (Twitter) weighted text length, computed exactly as twitter-text v3's `parseTweet`:
 * NFC first, each URL counts `transformedURLLength`, each emoji sequence `defaultWeight` (v3),
 * every other code point by the weighted ranges; U+FFFE, U+FEFF and U+FFFF make the text invalid.
 */
import { extractXEmoji } from './x-emoji-extractor.ts';
import { extractXUrls } from './x-url-extractor.ts';
import { xTextConfigV3, type XTextConfig } from './x-text-config.ts';

/** The result of weighing a text; lengths in weighted characters, ranges in UTF-16 code units. */
export type XTextParseResult = {
  /** Weighted characters (a URL is 23, a CJK character or an emoji 2, a Latin letter 1). */
  weightedLength: number;
  /** Share of the maximum used, in thousandths (floored): 1000 means exactly full. */
  permillage: number;
  /** True when non-empty, within the maximum and free of invalid characters. */
  valid: boolean;
  displayRangeStart: number;
  /** Index of the last UTF-16 code unit of the original text (0 when empty). */
  displayRangeEnd: number;
  validRangeStart: number;
  /** Index of the last UTF-16 code unit that still fits (in the original text's indices). */
  validRangeEnd: number;
};

const invalidCharacters = /[\uFFFE\uFEFF\uFFFF]/;

function characterWeight(codeUnit: number, config: XTextConfig): number {
  for (const range of config.ranges) {
    if (codeUnit >= range.start && codeUnit <= range.end) return range.weight;
  }
  return config.defaultWeight;
}

function isHighSurrogateAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index);
  const next = text.charCodeAt(index + 1);
  return code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff;
}

function entityEnds(starts: readonly { start: number; end: number }[]): Map<number, number> {
  return new Map(starts.map((entity) => [entity.start, entity.end]));
}

/**
 * Weighs a post for X (default config v3: 280 weighted characters, URLs 23, emoji 2).
 * @example parseXText('Hi http://test.co').weightedLength // 26
 */
export function parseXText(text: string, config: XTextConfig = xTextConfigV3): XTextParseResult {
  const normalized = text.normalize('NFC');
  const urlEnds = config.transformedURLLength > 0 ? entityEnds(extractXUrls(normalized)) : new Map<number, number>();
  const emojiEnds =
    config.emojiParsingEnabled === true ? entityEnds(extractXEmoji(normalized)) : new Map<number, number>();
  const maxScaled = config.maxWeightedTweetLength * config.scale;

  let scaledLength = 0;
  let validIndex = 0;
  let valid = true;
  for (let index = 0; index < normalized.length; index += 1) {
    const urlEnd = urlEnds.get(index);
    const emojiEnd = emojiEnds.get(index);
    if (urlEnd !== undefined) {
      scaledLength += config.transformedURLLength * config.scale;
      index = urlEnd - 1;
    } else if (emojiEnd !== undefined) {
      scaledLength += config.defaultWeight;
      index = emojiEnd - 1;
    } else {
      // An astral code point is weighed by its low surrogate, which no range covers: defaultWeight.
      if (isHighSurrogateAt(normalized, index)) index += 1;
      scaledLength += characterWeight(normalized.charCodeAt(index), config);
    }
    if (valid) valid = !invalidCharacters.test(normalized.charAt(index));
    if (valid && scaledLength <= maxScaled) validIndex = index;
  }

  const weightedLength = scaledLength / config.scale;
  const normalizationOffset = text.length - normalized.length;
  return {
    weightedLength,
    permillage: Math.floor((weightedLength / config.maxWeightedTweetLength) * 1000),
    valid: valid && weightedLength > 0 && weightedLength <= config.maxWeightedTweetLength,
    displayRangeStart: 0,
    displayRangeEnd: text.length > 0 ? text.length - 1 : 0,
    validRangeStart: 0,
    validRangeEnd: validIndex + normalizationOffset,
  };
}
