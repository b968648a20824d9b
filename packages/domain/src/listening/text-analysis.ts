/**
 * The one interface through which listening, the inbox and measurement read a text's language and sentiment.
 * Implementations live beside this file; callers depend only on these types.
 */

export const sentimentLabels = ['negative', 'neutral', 'positive'] as const;
export type SentimentLabel = (typeof sentimentLabels)[number];

/** Languages the analyzer models; anything else is reported as 'other' (and gets a neutral, low-confidence read). */
export type AnalyzedLanguage = 'fr' | 'en' | 'other';

export type TextAnalysis = {
  language: AnalyzedLanguage;
  /** 0..1: how sure the language detector is. */
  languageConfidence: number;
  sentiment: {
    label: SentimentLabel;
    /** -1 (most negative) .. +1 (most positive). */
    score: number;
    /** 0..1: how sure the classifier is of `label`. */
    confidence: number;
  };
};

/** A correction a user made to a label: the workspace's corrections train the model on top of the lexicon. */
export type SentimentCorrection = { text: string; label: SentimentLabel; language?: AnalyzedLanguage };

export type TextAnalyzer = {
  /** `language` forces the language instead of detecting it. */
  analyze(text: string, options?: { language?: 'fr' | 'en' }): TextAnalysis;
};
