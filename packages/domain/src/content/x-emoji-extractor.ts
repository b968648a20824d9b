/**
 * Finds emoji sequences the way X counts them in twitter-text v3 (each sequence is one unit):
 * ZWJ sequences, flags, keycaps (with or without U+FE0F), skin-tone modifiers and tag sequences.
 */

/** An emoji sequence with its UTF-16 code-unit range `[start, end)`. */
export type XEmojiEntity = { emoji: string; start: number; end: number };

// © and ® weigh 1 as text; they only become an emoji with the emoji variation selector.
const textDefaultBase = '[\\u00A9\\u00AE]\\uFE0F';
const pictographicBase = '(?![\\u00A9\\u00AE])[\\p{Extended_Pictographic}\\p{Emoji_Presentation}]';
const modifierOrVariation = '(?:\\p{Emoji_Modifier}|\\uFE0F\\u20E3?)?';
const tagSequence = '(?:[\\u{E0020}-\\u{E007E}]+\\u{E007F})?';
const keycap = '[#*0-9]\\uFE0F?\\u20E3';
const flag = '\\p{Regional_Indicator}{2}';
const element = `(?:${flag}|(?:${textDefaultBase}|${pictographicBase})${modifierOrVariation}${tagSequence})`;
const emojiPattern = `${keycap}|${element}(?:\\u200D${element})*`;

/**
 * Lists emoji sequences in text, left to right (indices in UTF-16 code units).
 * @example extractXEmoji('a🙋🏽') // [{ emoji: '🙋🏽', start: 1, end: 5 }]
 */
export function extractXEmoji(text: string): XEmojiEntity[] {
  const found: XEmojiEntity[] = [];
  for (const match of text.matchAll(new RegExp(emojiPattern, 'gu'))) {
    found.push({ emoji: match[0], start: match.index, end: match.index + match[0].length });
  }
  return found;
}
