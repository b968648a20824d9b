import { detectLanguageOfTokens } from './language/detect-language.ts';
import { extractFeatures, featureDimension } from './sentiment/features.ts';
import { defaultLexiconSettings, readLexicon, type LexiconSettings } from './sentiment/lexicon-scorer.ts';
import { englishLexicon, frenchLexicon } from './sentiment/lexicons.ts';
import { predictProbabilities, trainLinearModel, type LinearModel } from './sentiment/linear-model.ts';
import { tokenize, type Token } from './sentiment/tokenize.ts';
import {
  sentimentLabels,
  type AnalyzedLanguage,
  type SentimentCorrection,
  type SentimentLabel,
  type TextAnalysis,
  type TextAnalyzer,
} from './text-analysis.ts';

/** Where the lexicon's -1..+1 compound score turns positive or negative, per language (tuned on the train splits). */
export type SentimentThresholds = { positive: number; negative: number };

export type TextAnalyzerOptions = {
  /** The workspace's corrections: they train a linear model on top of the lexicon, and override identical texts. */
  corrections?: readonly SentimentCorrection[];
  lexicon?: Partial<LexiconSettings>;
  thresholds?: Partial<Record<AnalyzedLanguage, SentimentThresholds>>;
  /** Training settings of the learned layer; the defaults train ~2,000 corrections in about a second. */
  training?: { epochs?: number; learningRate?: number; l2?: number; seed?: number; offsetScale?: number };
};

const defaultThresholds: Record<AnalyzedLanguage, SentimentThresholds> = {
  fr: { positive: 0.2, negative: -0.01 },
  en: { positive: 0.35, negative: -0.05 },
  other: { positive: 0.2, negative: -0.1 },
};

// Language confidence reported when only sentiment words, not function words, pointed to the language.
const lowConfidence = 0.2;

// Steepness of the lexicon's logits: how strongly the rules speak before the learned layer corrects them.
const defaultOffsetScale = 4;

function lexiconFor(language: AnalyzedLanguage) {
  if (language === 'fr') return frenchLexicon;
  if (language === 'en') return englishLexicon;
  return undefined;
}

/** Same key for texts that differ only by case, spacing or mentions, so a correction applies to its reposts. */
function correctionKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/@[\p{L}\p{N}_]+|https?:\/\/\S+/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
}

function softmax(logits: readonly number[]): number[] {
  const max = Math.max(...logits);
  const exponentials = logits.map((logit) => Math.exp(logit - max));
  const total = exponentials.reduce((sum, value) => sum + value, 0);
  return exponentials.map((value) => value / total);
}

/**
 * Builds the analyzer: language detection, lexicon-and-rules sentiment, and, when corrections are given, a
 * deterministic linear model trained on them at creation time.
 * @example createTextAnalyzer().analyze('Service client au top, merci !').sentiment.label // 'positive'
 */
export function createTextAnalyzer(options: TextAnalyzerOptions = {}): TextAnalyzer {
  const settings: LexiconSettings = { ...defaultLexiconSettings, ...options.lexicon };
  const thresholds = { ...defaultThresholds, ...options.thresholds };
  const offsetScale = options.training?.offsetScale ?? defaultOffsetScale;

  const offsets = (compound: number, language: AnalyzedLanguage): number[] => {
    const limits = thresholds[language];
    return [offsetScale * (limits.negative - compound), 0, offsetScale * (compound - limits.positive)];
  };

  const prepare = (tokens: Token[], language: AnalyzedLanguage) => {
    const reading = readLexicon(tokens, lexiconFor(language), settings);
    return { reading, offset: offsets(reading.compound, language) };
  };

  const withoutEvidence = (tokens: Token[]) => {
    const english = prepare(tokens, 'en');
    const french = prepare(tokens, 'fr');
    if (english.reading.wordHits === 0 && french.reading.wordHits === 0) return undefined;
    const [language, chosen] =
      french.reading.wordHits > english.reading.wordHits ? ['fr' as const, french] : ['en' as const, english];
    return { guess: { language, confidence: lowConfidence }, ...chosen };
  };

  const corrections = options.corrections ?? [];
  const remembered = new Map<string, SentimentLabel>();
  let model: LinearModel | undefined;
  if (corrections.length > 0) {
    const examples = corrections.map((correction) => {
      const tokens = tokenize(correction.text);
      const language = correction.language ?? detectLanguageOfTokens(tokens).language;
      const { reading, offset } = prepare(tokens, language);
      remembered.set(correctionKey(correction.text), correction.label);
      return {
        features: extractFeatures(tokens, reading, language),
        offset,
        label: sentimentLabels.indexOf(correction.label),
      };
    });
    model = trainLinearModel(examples, {
      dimension: featureDimension,
      classes: sentimentLabels.length,
      epochs: options.training?.epochs ?? 10,
      learningRate: options.training?.learningRate ?? 0.05,
      l2: options.training?.l2 ?? 1e-3,
      seed: options.training?.seed ?? 20261128,
    });
  }

  return {
    analyze(text, analyzeOptions) {
      const tokens = tokenize(text);
      let guess =
        analyzeOptions?.language === undefined
          ? detectLanguageOfTokens(tokens)
          : { language: analyzeOptions.language, confidence: 1 };
      let { reading, offset } = prepare(tokens, guess.language);
      if (guess.language === 'other' && guess.confidence === 0) {
        // No function word at all ("Great!!!", "Magnifique"): the lexicon that recognizes more words decides.
        const fallback = withoutEvidence(tokens);
        if (fallback !== undefined) ({ guess, reading, offset } = fallback);
      }
      const correction = remembered.size > 0 ? remembered.get(correctionKey(text)) : undefined;
      let probabilities: number[];
      if (correction !== undefined) probabilities = sentimentLabels.map((label) => (label === correction ? 1 : 0));
      else if (model !== undefined) {
        probabilities = predictProbabilities(model, extractFeatures(tokens, reading, guess.language), offset);
      } else probabilities = softmax(offset);
      let best = 0;
      for (let label = 1; label < probabilities.length; label += 1) {
        if ((probabilities[label] as number) > (probabilities[best] as number)) best = label;
      }
      const [negative, , positive] = probabilities as [number, number, number];
      const score = model === undefined && correction === undefined ? reading.compound : positive - negative;
      const confidence = (probabilities[best] as number) * (guess.language === 'other' ? 0.5 : 1);
      const analysis: TextAnalysis = {
        language: guess.language,
        languageConfidence: guess.confidence,
        sentiment: {
          label: sentimentLabels[best] as SentimentLabel,
          score: Math.round(score * 1000) / 1000,
          confidence: Math.round(confidence * 1000) / 1000,
        },
      };
      return analysis;
    },
  };
}
