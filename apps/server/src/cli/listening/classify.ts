import { readFile } from 'node:fs/promises';
import { createTextAnalyzer, sentimentLabels, type SentimentCorrection, type SentimentLabel } from '@sillage/domain';
import type { Command } from '../commands.ts';
import { UsageError } from '../usage-error.ts';

/** One parsed CSV record with the 1-based line number it starts on (for error messages). */
export type CsvRecord = { line: number; fields: string[] };

/**
 * Parses RFC 4180 CSV: fields separated by commas, optionally quoted with `"` (doubled inside), records separated
 * by CRLF or LF, line breaks allowed inside quotes. A UTF-8 byte order mark is skipped; blank lines are ignored.
 */
export function parseCsv(text: string, source: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let afterQuote = false;
  let line = 1;
  let recordLine = 1;
  let index = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const endRecord = () => {
    fields.push(field);
    if (fields.length > 1 || fields[0] !== '') records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    afterQuote = false;
  };
  for (; index < text.length; index += 1) {
    const character = text[index] as string;
    if (quoted) {
      if (character === '"') {
        if (text[index + 1] === '"') {
          field += '"';
          index += 1;
        } else {
          quoted = false;
          afterQuote = true;
        }
      } else {
        if (character === '\n') line += 1;
        field += character;
      }
    } else if (character === ',') {
      fields.push(field);
      field = '';
      afterQuote = false;
    } else if (character === '\n' || character === '\r') {
      if (character === '\r' && text[index + 1] === '\n') index += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else if (character === '"' && field === '' && !afterQuote) {
      quoted = true;
    } else if (afterQuote) {
      throw new UsageError(
        `${source} line ${line}: unexpected "${character}" after a closing quote (write "" for a quote inside a quoted field)`,
      );
    } else {
      field += character;
    }
  }
  if (quoted) throw new UsageError(`${source} line ${recordLine}: a quoted field is never closed`);
  if (field !== '' || fields.length > 0) endRecord();
  return records;
}

/** Quotes a CSV field when it holds a comma, a quote or a line break. */
export function formatCsvField(value: string): string {
  return /[",\r\n]/u.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** The values of `column` in each record after the header, with their line numbers; the header must name it. */
export function csvColumn(records: readonly CsvRecord[], column: string, source: string): CsvRecord[] {
  const header = records[0];
  if (header === undefined) throw new UsageError(`${source} is empty: expected a header row with a "${column}" column`);
  const position = header.fields.map((name) => name.trim().toLowerCase()).indexOf(column);
  if (position < 0) {
    throw new UsageError(
      `${source} has no "${column}" column in its header row (found: ${header.fields.join(', ')}); the first row must name the columns, one of them "${column}"`,
    );
  }
  return records.slice(1).map((record) => ({ line: record.line, fields: [record.fields[position] ?? ''] }));
}

/** Reads `text,label` corrections; a label other than negative, neutral or positive is an error with its line. */
export function parseCorrections(
  text: string,
  source: string,
  language: 'fr' | 'en' | undefined,
): SentimentCorrection[] {
  const records = parseCsv(text, source);
  const texts = csvColumn(records, 'text', source);
  const labels = csvColumn(records, 'label', source);
  return texts.map((record, index) => {
    const label = (labels[index]?.fields[0] ?? '').trim().toLowerCase();
    if (!(sentimentLabels as readonly string[]).includes(label)) {
      throw new UsageError(
        `${source} line ${record.line}: label "${label}" is not one of ${sentimentLabels.join(', ')}; fix or remove that row`,
      );
    }
    const correction: SentimentCorrection = { text: record.fields[0] ?? '', label: label as SentimentLabel };
    if (language !== undefined) correction.language = language;
    return correction;
  });
}

async function readStandardInput(): Promise<string> {
  if (process.stdin.isTTY) {
    throw new UsageError(
      'classify reads CSV on standard input, e.g. sillage listening classify --lang fr < mentions.csv',
    );
  }
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

export const classifyCommand: Command = {
  name: 'classify',
  summary: 'Sentiment and language of each "text" of a CSV on stdin; writes text,label,score,language',
  options: {
    lang: { type: 'string', description: 'fr, en or auto (default): the language of the texts, or detect it per row' },
    learn: { type: 'string', description: 'CSV of text,label corrections that train the model on top of the lexicon' },
  },
  async run(values) {
    const lang = (values.lang ?? 'auto') as string;
    if (lang !== 'fr' && lang !== 'en' && lang !== 'auto') {
      throw new UsageError(`--lang must be fr, en or auto (got "${lang}")`);
    }
    const language = lang === 'auto' ? undefined : lang;
    let corrections: SentimentCorrection[] = [];
    if (typeof values.learn === 'string') {
      let content: string;
      try {
        content = await readFile(values.learn, 'utf8');
      } catch (error) {
        throw new UsageError(
          `--learn: cannot read ${values.learn} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
        );
      }
      corrections = parseCorrections(content, values.learn, language);
    } else if (values.learn !== undefined) throw new UsageError('--learn needs a file: --learn corrections.csv');

    const rows = csvColumn(parseCsv(await readStandardInput(), 'standard input'), 'text', 'standard input');
    const analyzer = createTextAnalyzer({ corrections });
    const output = ['text,label,score,language'];
    for (const row of rows) {
      const text = row.fields[0] ?? '';
      const analysis = analyzer.analyze(text, language === undefined ? undefined : { language });
      output.push(
        [formatCsvField(text), analysis.sentiment.label, String(analysis.sentiment.score), analysis.language].join(','),
      );
    }
    process.stdout.write(output.join('\n') + '\n');
    return 0;
  },
};
