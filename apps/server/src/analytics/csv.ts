/** A cell of an exported table: text, a number (written as is, full precision) or empty. */
export type CsvCell = string | number | null;

/**
 * One cell in RFC 4180 form: quoted when it holds a comma, a quote, a line break or edge spaces, with its
 * quotes doubled. Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR first) is prefixed
 * with an apostrophe; numbers are never altered.
 * @example csvCell('Lyon, "rue Mercière"') // '"Lyon, ""rue Mercière"""'
 */
export function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'number') {
    if (!Number.isFinite(cell)) throw new RangeError(`A CSV number must be finite; got ${String(cell)}.`);
    return String(cell);
  }
  const text = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Rows (the first is the header) as CSV text with CRLF line ends, as RFC 4180 says. */
export function toCsv(rows: readonly (readonly CsvCell[])[]): string {
  return rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
