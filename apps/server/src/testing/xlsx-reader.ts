import assert from 'node:assert/strict';
import { strFromU8, unzipSync } from 'fflate';

type ReadCell = { ref: string; type: 'number' | 'date' | 'datetime' | 'text'; value: string | number; bold: boolean };

/** Reads the workbook back from its zip and XML parts: each cell's reference, kind and value. */
export function readXlsx(file: Buffer): { sheetName: string; cells: ReadCell[] } {
  const parts = unzipSync(new Uint8Array(file));
  const part = (name: string) => {
    const content = parts[name];
    assert.ok(content, `the workbook holds ${name}`);
    return strFromU8(content);
  };
  assert.match(part('[Content_Types].xml'), /spreadsheetml\.sheet\.main\+xml/);
  assert.match(part('_rels/.rels'), /Target="xl\/workbook\.xml"/);
  const sheetName = /<sheet name="([^"]+)"/.exec(part('xl/workbook.xml'))?.[1] ?? '';
  const styles = part('xl/styles.xml');
  const xfs = [...(/<cellXfs[^>]*>(.*?)<\/cellXfs>/.exec(styles)?.[1] ?? '').matchAll(/<xf ([^>]*)\/>/g)].map(
    (match) => match[1]!,
  );
  const formats = new Map(
    [...styles.matchAll(/<numFmt numFmtId="(\d+)" formatCode="([^"]+)"\/>/g)].map((match) => [match[1]!, match[2]!]),
  );
  const cells: ReadCell[] = [];
  for (const match of part('xl/worksheets/sheet1.xml').matchAll(/<c r="([A-Z]+\d+)"([^>]*)>(.*?)<\/c>/g)) {
    const [, ref, attributes, inner] = match as unknown as [string, string, string, string];
    const xf = xfs[Number(/s="(\d+)"/.exec(attributes)?.[1] ?? 0)] ?? '';
    const bold = /fontId="1"/.test(xf);
    const format = formats.get(/numFmtId="(\d+)"/.exec(xf)?.[1] ?? '0') ?? '';
    if (/t="inlineStr"/.test(attributes)) {
      const text = (/<t[^>]*>(.*?)<\/t>/.exec(inner)?.[1] ?? '')
        .replace(/&lt;/g, '<')
        .replace(/&gt;/g, '>')
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, '&');
      cells.push({ ref, type: 'text', value: text, bold });
      continue;
    }
    const value = Number(/<v>(.*?)<\/v>/.exec(inner)?.[1]);
    const type = format === 'yyyy-mm-dd' ? 'date' : format.includes('hh:mm') ? 'datetime' : 'number';
    cells.push({ ref, type, value, bold });
  }
  return { sheetName, cells };
}

/** An Excel serial day number as an ISO instant (1900 date system, days since 1899-12-30). */
export const fromSerial = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86_400_000).toISOString();
