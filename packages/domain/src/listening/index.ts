export * from './text-analysis.ts';
export * from './analyzer.ts';
export { detectLanguage, detectLanguageOfTokens, type LanguageGuess } from './language/detect-language.ts';
