import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fromSerial, readXlsx } from '../testing/xlsx-reader.ts';
import { columnName, toXlsx } from './xlsx.ts';

describe('the XLSX writer', () => {
  it('names columns like a spreadsheet', () => {
    assert.deepEqual([0, 25, 26, 27, 701, 702].map(columnName), ['A', 'Z', 'AA', 'AB', 'ZZ', 'AAA']);
  });

  it('writes a bold header, numbers as numbers, dates as dates and text as text', () => {
    const file = toXlsx('channels', [
      ['day', 'published_at', 'impressions', 'rate', 'note'],
      ['2026-03-04', '2026-03-04T08:30:00.000Z', 1234, 0.0502, '=cmd|"/c calc"!A1 & <b>'],
      ['2026-03-05', null, 0, -1.5, 'not reported'],
    ]);
    assert.equal(file.subarray(0, 2).toString(), 'PK');
    const { sheetName, cells } = readXlsx(file);
    assert.equal(sheetName, 'channels');
    const byRef = new Map(cells.map((cell) => [cell.ref, cell]));
    assert.deepEqual(byRef.get('A1'), { ref: 'A1', type: 'text', value: 'day', bold: true });
    assert.equal(byRef.get('A2')?.type, 'date');
    assert.equal(fromSerial(byRef.get('A2')!.value as number), '2026-03-04T00:00:00.000Z');
    assert.equal(byRef.get('B2')?.type, 'datetime');
    assert.equal(fromSerial(byRef.get('B2')!.value as number), '2026-03-04T08:30:00.000Z');
    assert.deepEqual(byRef.get('C2'), { ref: 'C2', type: 'number', value: 1234, bold: false });
    assert.deepEqual(byRef.get('D2'), { ref: 'D2', type: 'number', value: 0.0502, bold: false });
    assert.deepEqual(byRef.get('E2'), { ref: 'E2', type: 'text', value: '=cmd|"/c calc"!A1 & <b>', bold: false });
    assert.equal(byRef.has('B3'), false, 'an empty cell is left out');
    assert.deepEqual(byRef.get('D3')?.value, -1.5);
    assert.equal(cells.length, 14);
  });

  it('refuses numbers a spreadsheet cannot hold', () => {
    assert.throws(() => toXlsx('x', [['a'], [Number.NaN]]), /finite/);
  });
});
