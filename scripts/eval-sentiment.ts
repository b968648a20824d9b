// Evaluates the listening sentiment classifier on the val splits of the research tweets, out of the box and with
// the train split given as a workspace's corrections. Usage:
//   node --import tsx scripts/eval-sentiment.ts [data-dir]   (default ../shared/data relative to the repo root)
// Prints macro-F1, macro recall, accuracy and the confusion matrix of every run, then one JSON line of figures.
// The tweets are read at run time only: nothing from them is written anywhere.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  createTextAnalyzer,
  sentimentLabels,
  type SentimentCorrection,
  type SentimentLabel,
} from '../packages/domain/src/index.ts';
import { csvColumn, parseCsv } from '../apps/server/src/cli/listening/classify.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const argument = process.argv[2] ?? path.join(root, '../shared/data');
const folder = [path.join(argument, 'sentiment'), argument].find((candidate) =>
  existsSync(path.join(candidate, 'xlmt-fr/val.normalized.csv')),
);
if (!folder) {
  process.stderr.write(`eval-sentiment: no xlmt-fr/val.normalized.csv under ${argument} (expected sentiment/)\n`);
  process.exit(2);
}

// The normalized files keep some characters as literal \uXXXX escapes; a real mention would hold the character.
const unescape = (text: string) =>
  text.replace(/\\u([0-9a-fA-F]{4})/gu, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

type LabelledText = SentimentCorrection & { language: 'fr' | 'en' };

function load(relative: string, language: 'fr' | 'en'): LabelledText[] {
  const source = path.join(folder as string, relative);
  const records = parseCsv(readFileSync(source, 'utf8'), source);
  const labels = csvColumn(records, 'label', source);
  return csvColumn(records, 'text', source).map((record, index) => ({
    text: unescape(record.fields[0] ?? ''),
    label: (labels[index]?.fields[0] ?? '').trim() as SentimentLabel,
    language,
  }));
}

type Figures = { macroF1: number; macroRecall: number; accuracy: number; confusion: number[][] };

/** Confusion matrix (rows: truth, columns: prediction, in sentimentLabels order) and the usual figures. */
function measure(truth: readonly SentimentLabel[], predicted: readonly SentimentLabel[]): Figures {
  const confusion = sentimentLabels.map(() => sentimentLabels.map(() => 0));
  truth.forEach((label, index) => {
    const row = confusion[sentimentLabels.indexOf(label)] as number[];
    const column = sentimentLabels.indexOf(predicted[index] as SentimentLabel);
    row[column] = (row[column] ?? 0) + 1;
  });
  const perClass = sentimentLabels.map((_, label) => {
    const truePositives = confusion[label]?.[label] ?? 0;
    const actual = (confusion[label] as number[]).reduce((sum, value) => sum + value, 0);
    const guessed = confusion.reduce((sum, row) => sum + (row[label] as number), 0);
    const recall = actual === 0 ? 0 : truePositives / actual;
    const precision = guessed === 0 ? 0 : truePositives / guessed;
    return { recall, f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall) };
  });
  const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
  const correct = sentimentLabels.reduce((sum, _, label) => sum + (confusion[label]?.[label] ?? 0), 0);
  return {
    macroF1: mean(perClass.map((entry) => entry.f1)),
    macroRecall: mean(perClass.map((entry) => entry.recall)),
    accuracy: correct / truth.length,
    confusion,
  };
}

const round = (value: number) => Math.round(value * 1000) / 1000;
const results: Record<string, { macroF1: number; macroRecall: number; accuracy: number }> = {};

// SemEval-2017 tweets appear in several splits: 1,430 of tweeteval-en-val's 2,000 texts are also in xlmt-en/train.
// A learned run scores only the texts that are not among its corrections (a corrected text keeps its label).
const key = (text: string) => text.trim().toLowerCase();

function run(name: string, language: 'fr' | 'en', val: string, train?: string): void {
  const corrections = train === undefined ? [] : load(train, language);
  const corrected = new Set(corrections.map((correction) => key(correction.text)));
  const all = load(val, language);
  const rows = all.filter((row) => !corrected.has(key(row.text)));
  const trainingStart = performance.now();
  const analyzer = createTextAnalyzer({ corrections });
  const trainingMs = performance.now() - trainingStart;
  const predicted = rows.map((row) => analyzer.analyze(row.text, { language }).sentiment.label);
  const figures = measure(
    rows.map((row) => row.label),
    predicted,
  );
  results[name] = {
    macroF1: round(figures.macroF1),
    macroRecall: round(figures.macroRecall),
    accuracy: round(figures.accuracy),
  };
  const lines = [
    `${name}: ${rows.length} texts${rows.length < all.length ? ` (${all.length - rows.length} also among the corrections left out)` : ''}${train === undefined ? '' : `, ${corrections.length} corrections learned in ${Math.round(trainingMs)} ms`}`,
    `  macro-F1 ${round(figures.macroF1)}  macro recall ${round(figures.macroRecall)}  accuracy ${round(figures.accuracy)}`,
    `  confusion (rows truth, columns predicted: ${sentimentLabels.join(', ')})`,
    ...figures.confusion.map(
      (row, index) =>
        `    ${(sentimentLabels[index] as string).padEnd(9)} ${row.map((value) => String(value).padStart(5)).join('')}`,
    ),
  ];
  process.stdout.write(lines.join('\n') + '\n');
}

run('fr xlmt-fr/val, lexicon', 'fr', 'xlmt-fr/val.normalized.csv');
run('en xlmt-en/val, lexicon', 'en', 'xlmt-en/val.normalized.csv');
run('en tweeteval-en-val, lexicon', 'en', 'tweeteval-en-val/val.normalized.csv');
run('fr xlmt-fr/val, learned', 'fr', 'xlmt-fr/val.normalized.csv', 'xlmt-fr/train.normalized.csv');
run('en xlmt-en/val, learned', 'en', 'xlmt-en/val.normalized.csv', 'xlmt-en/train.normalized.csv');
run('en tweeteval-en-val, learned', 'en', 'tweeteval-en-val/val.normalized.csv', 'xlmt-en/train.normalized.csv');
/** Texts per second on one core over every val text, repeated for at least two seconds after a warm-up. */
function throughput(corrections: readonly SentimentCorrection[], detect: boolean): number {
  const texts = [...load('xlmt-fr/val.normalized.csv', 'fr'), ...load('tweeteval-en-val/val.normalized.csv', 'en')];
  const analyzer = createTextAnalyzer({ corrections });
  const pass = () => {
    for (const row of texts) analyzer.analyze(row.text, detect ? undefined : { language: row.language });
  };
  pass();
  let analyzed = 0;
  const start = performance.now();
  while (performance.now() - start < 2000) {
    pass();
    analyzed += texts.length;
  }
  return Math.round(analyzed / ((performance.now() - start) / 1000));
}

const learnedFrom = [...load('xlmt-fr/train.normalized.csv', 'fr'), ...load('xlmt-en/train.normalized.csv', 'en')];
const speed = {
  lexiconDetectedLanguage: throughput([], true),
  lexiconGivenLanguage: throughput([], false),
  learnedDetectedLanguage: throughput(learnedFrom, true),
};
process.stdout.write(
  `throughput (texts/s, one core): lexicon with language detection ${speed.lexiconDetectedLanguage}, ` +
    `lexicon with --lang ${speed.lexiconGivenLanguage}, learned from ${learnedFrom.length} corrections with language detection ${speed.learnedDetectedLanguage}\n`,
);
process.stdout.write(JSON.stringify({ eval: 'sentiment', ...results, textsPerSecond: speed }) + '\n');
