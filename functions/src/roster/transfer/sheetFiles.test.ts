import fc from 'fast-check';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { readCells, toCsv, writeCells, type Cell } from './sheetFiles';

const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.constantFrom('一网格', ' 3栋 ', 'a,b', 'say "hi"', 'line\nbreak', 'cr\rlf', '\uFEFFbom', '=1+2', '<&>', ''),
);
const cell: fc.Arbitrary<Cell> = fc.oneof(
  text,
  fc.integer({ min: -1e6, max: 1e6 }),
  fc.double({ min: -1e6, max: 1e6, noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);
const rows = fc.array(fc.array(cell, { maxLength: 6 }), { maxLength: 8 });

test('CSV is written exactly as papaparse unparsed it', () => {
  fc.assert(
    fc.property(rows, (r) => {
      expect(toCsv(r)).toBe(Papa.unparse(r));
    }),
    { numRuns: 300 },
  );
});

test('a written CSV reads back to the same text cells', async () => {
  const header = ['网格', '楼栋', '备注'];
  const body = [
    ['一网格', '3栋', 'a, "quoted"\nline'],
    ['二网格', ' 5栋 ', ''],
  ];
  const file = await writeCells(header, body, 'csv');
  expect(file.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
  expect(await readCells(file, 'csv')).toEqual([header, ...body]);
});

// XML 1.0 cannot carry these; the writer drops them rather than write a sheet Excel refuses to open.
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

test('an .xlsx reads back (with read-excel-file) to the cells written, header first', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 30 }),
      rows,
      async (header, body) => {
        const file = await writeCells(header, body, 'xlsx');
        const back = (await readSheet(file)) as Cell[][];
        // What read-excel-file gives back: text without the characters XML cannot hold, trimmed (it trims what
        // it reads), and empty when nothing is left; numbers and booleans as they were; null for null and
        // undefined; rows padded to the widest, trailing empty rows and columns dropped.
        const expected = [header, ...body].map((r) =>
          r.map((c) => {
            if (typeof c !== 'string') return c ?? null;
            const kept = c.replace(NOT_XML, '').trim();
            return kept === '' ? null : kept;
          }),
        );
        const width = Math.max(...expected.map((r) => r.length));
        const lastRow = expected.findLastIndex((r) => r.some((c) => c !== null));
        const trimmed = expected.slice(0, lastRow + 1).map((r) => [...r, ...Array<null>(width - r.length).fill(null)]);
        const lastColumn = Math.max(...trimmed.map((r) => r.findLastIndex((c) => c !== null)));
        expect(back).toEqual(trimmed.map((r) => r.slice(0, lastColumn + 1)));
      },
    ),
    { numRuns: 60 },
  );
});

test('columns past Z are named AA, AB…', async () => {
  const header = Array.from({ length: 30 }, (_, i) => `列${i + 1}`);
  const file = await writeCells(header, [header.map((_, i) => i)], 'xlsx');
  const [head, first] = (await readSheet(file)) as Cell[][];
  expect(head).toEqual(header);
  expect(first).toEqual(header.map((_, i) => i));
});
