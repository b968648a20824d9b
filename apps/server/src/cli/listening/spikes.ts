import { readFile } from 'node:fs/promises';
import { detectSpikes, spikeSensitivities, type SeriesPoint, type SpikeSensitivity } from '@sillage/domain';
import type { Command } from '../commands.ts';
import { UsageError } from '../usage-error.ts';

const TIMESTAMP = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/** Parses ISO 8601 or "YYYY-MM-DD HH:MM:SS" (UTC when no offset is given) into ms since the epoch, or null. */
export function parseTimestamp(text: string): number | null {
  const match = TIMESTAMP.exec(text.trim());
  if (!match) return null;
  const [, year, month, day, hour, minute, second = '00', fraction = '', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : zone.length === 5 ? `${zone.slice(0, 3)}:${zone.slice(3)}` : zone;
  const at = Date.parse(`${year}-${month}-${day}T${hour}:${minute}:${second}${fraction}${offset}`);
  return Number.isNaN(at) ? null : at;
}

/** Reads `timestamp,value` CSV (header required) into points; errors name the line and what to fix. */
export function parseSeriesCsv(text: string, source: string): SeriesPoint[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = (lines[0] ?? '').split(',').map((cell) => cell.trim().replace(/^"|"$/g, '').toLowerCase());
  const timeColumn = header.indexOf('timestamp');
  const valueColumn = header.indexOf('value');
  if (timeColumn < 0 || valueColumn < 0)
    throw new UsageError(
      `${source}:1: the header must name the columns "timestamp" and "value" (got "${lines[0] ?? ''}")`,
    );
  const points: SeriesPoint[] = [];
  for (let index = 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (!line.trim()) continue;
    const cells = line.split(',').map((cell) => cell.trim().replace(/^"|"$/g, ''));
    const where = `${source}:${index + 1}`;
    const at = parseTimestamp(cells[timeColumn] ?? '');
    if (at === null)
      throw new UsageError(
        `${where}: timestamp "${cells[timeColumn] ?? ''}" is not ISO 8601 or "YYYY-MM-DD HH:MM:SS" (UTC)`,
      );
    const raw = cells[valueColumn] ?? '';
    const value = Number(raw);
    if (raw === '' || !Number.isFinite(value) || value < 0)
      throw new UsageError(`${where}: value "${raw}" is not a number at least 0`);
    points.push({ at, value });
  }
  if (!points.length) throw new UsageError(`${source}: no data rows after the header`);
  return points;
}

export const spikesCommand: Command = {
  name: 'spikes',
  summary: 'Detect spikes in a timestamp,value CSV; writes one CSV row per alert',
  options: {
    input: { type: 'string', description: 'CSV file with a header and timestamp,value rows (required)' },
    sensitivity: { type: 'string', description: 'low, medium (default) or high' },
    'step-minutes': { type: 'string', description: 'Grid step in minutes (default 5)' },
  },
  async run(values) {
    if (typeof values.input !== 'string' || !values.input) throw new UsageError('--input <series.csv> is required');
    const sensitivity = (values.sensitivity ?? 'medium') as string;
    if (!(spikeSensitivities as readonly string[]).includes(sensitivity))
      throw new UsageError(`--sensitivity must be low, medium or high (got "${sensitivity}")`);
    const stepMinutes = values['step-minutes'] === undefined ? 5 : Number(values['step-minutes']);
    if (!(stepMinutes > 0) || !Number.isFinite(stepMinutes))
      throw new UsageError(`--step-minutes must be a positive number (got "${String(values['step-minutes'])}")`);
    let text: string;
    try {
      text = await readFile(values.input, 'utf8');
    } catch (error) {
      throw new UsageError(
        `--input: cannot read ${values.input} (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      );
    }
    const alerts = detectSpikes(parseSeriesCsv(text, values.input), {
      sensitivity: sensitivity as SpikeSensitivity,
      stepMinutes,
    });
    const rows = alerts.map((alert) =>
      [
        new Date(alert.at).toISOString(),
        alert.severity,
        alert.value,
        Number(alert.expected.toFixed(3)),
        Number(alert.score.toFixed(3)),
      ].join(','),
    );
    process.stdout.write(['timestamp,severity,value,expected,score', ...rows].join('\n') + '\n');
    return 0;
  },
};
