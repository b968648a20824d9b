import { conversionTypes, currencyFractionDigits, type ConversionType } from '@sillage/domain';
import { NotCsvError, parseCsv } from '../publishing/post-import.ts';

/** The columns of a conversions file (orders or leads from a shop or a CRM); value and currency may be empty. */
export const conversionColumns = ['event_id', 'type', 'occurred_at', 'visitor_id', 'value', 'currency'] as const;
const requiredColumns = ['event_id', 'type', 'occurred_at', 'visitor_id'] as const;
const MAX_ROWS = 50_000;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

export type ImportedConversion = {
  line: number;
  eventId: string;
  type: ConversionType;
  value: { amountMinor: number; currency: string } | undefined;
  visitorId: string;
  occurredAt: Date;
};

export type ImportRowError = { line: number; reason: string };

export type ParsedImport =
  { ok: true; rows: ImportedConversion[] } | { ok: false; notCsv: string } | { ok: false; errors: ImportRowError[] };

/** "49.90" in EUR -> 4990; undefined when the amount is not a plain decimal with the currency's digits at most. */
function toMinorUnits(text: string, currency: string): number | undefined {
  const digits = currencyFractionDigits(currency);
  const match = /^(\d{1,12})(?:\.(\d+))?$/.exec(text);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  if (fraction.length > digits) return undefined;
  return Number(match[1]) * 10 ** digits + Number(fraction.padEnd(digits, '0') || '0');
}

/**
 * Reads a conversions CSV and checks every row; any bad row makes the whole file fail with every problem
 * listed by line (line 1 is the header), so a file is imported entirely or not at all.
 */
export function parseConversionsCsv(text: string): ParsedImport {
  let records;
  try {
    records = parseCsv(text);
  } catch (error) {
    if (error instanceof NotCsvError) return { ok: false, notCsv: error.message };
    throw error;
  }
  const [header, ...rows] = records;
  if (!header)
    return { ok: false, notCsv: `The file is empty; send a CSV whose first line is ${conversionColumns.join(',')}.` };
  const names = header.cells.map((cell) => cell.trim().toLowerCase());
  const missing = requiredColumns.filter((column) => !names.includes(column));
  if (missing.length > 0)
    return {
      ok: false,
      notCsv: `This is not a CSV of conversions: its first line lacks the column(s) ${missing.join(', ')}. Expected ${conversionColumns.join(',')} (value and currency may be empty).`,
    };
  if (rows.length > MAX_ROWS)
    return {
      ok: false,
      errors: [{ line: 1, reason: `The file has ${rows.length} rows; split it into files of ${MAX_ROWS} at most.` }],
    };
  const at = (cells: string[], column: (typeof conversionColumns)[number]) => {
    const index = names.indexOf(column);
    return index < 0 ? '' : (cells[index] ?? '').trim();
  };
  const errors: ImportRowError[] = [];
  const parsed: ImportedConversion[] = [];
  const firstLineOf = new Map<string, number>();
  for (const { line, cells } of rows) {
    const problems: string[] = [];
    if (cells.length !== header.cells.length)
      problems.push(`it has ${cells.length} fields where the header has ${header.cells.length}`);
    const eventId = at(cells, 'event_id');
    if (eventId === '') problems.push('event_id is empty');
    else if (eventId.length > 200) problems.push('event_id is longer than 200 characters');
    else if (firstLineOf.has(eventId))
      problems.push(`event_id "${eventId}" already appears on line ${firstLineOf.get(eventId)}`);
    else firstLineOf.set(eventId, line);
    const type = at(cells, 'type');
    if (!(conversionTypes as readonly string[]).includes(type))
      problems.push(`type "${type}" is not one of ${conversionTypes.join(', ')}`);
    const occurred = at(cells, 'occurred_at');
    const occurredAt = new Date(occurred);
    if (!INSTANT.test(occurred) || Number.isNaN(occurredAt.getTime()))
      problems.push(
        `occurred_at "${occurred}" is not an ISO 8601 instant with its offset, such as 2026-11-27T14:05:00Z`,
      );
    const visitorId = at(cells, 'visitor_id');
    if (visitorId === '') problems.push('visitor_id is empty (the slg_v id the site stored with the order or lead)');
    const valueText = at(cells, 'value');
    const currency = at(cells, 'currency').toUpperCase();
    let value: ImportedConversion['value'];
    if (valueText !== '' || currency !== '') {
      if (!/^[A-Z]{3}$/.test(currency)) problems.push(`currency "${currency}" is not an ISO 4217 code such as EUR`);
      else {
        let amountMinor: number | undefined;
        try {
          amountMinor = toMinorUnits(valueText, currency);
        } catch {
          problems.push(`currency "${currency}" is not a known ISO 4217 code`);
        }
        if (amountMinor === undefined && problems.every((problem) => !problem.startsWith('currency')))
          problems.push(
            `value "${valueText}" is not an amount in ${currency} such as 49.90 (a dot, no thousands separator)`,
          );
        else if (amountMinor !== undefined) value = { amountMinor, currency };
      }
    }
    if (type === 'purchase' && valueText === '') problems.push('a purchase needs a value and a currency');
    if (problems.length > 0) {
      errors.push({ line, reason: problems.join('; ') });
      continue;
    }
    parsed.push({ line, eventId, type: type as ConversionType, value, visitorId, occurredAt });
  }
  if (errors.length > 0) return { ok: false, errors };
  if (parsed.length === 0) return { ok: false, notCsv: 'The file has a header but no rows; nothing to import.' };
  return { ok: true, rows: parsed };
}
