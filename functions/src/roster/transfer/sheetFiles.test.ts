import fc from 'fast-check';
import Papa from 'papaparse';
import { readSheet } from 'read-excel-file/node';
import { readCsvRows } from './csvReader';
import { readCells, toCsv, writeCells, type Cell } from './sheetFiles';
import { readXlsxCells } from './xlsxReader';
import { zip } from './xlsxWriter';

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

// Our readers replaced read-excel-file and papaparse in the Lambda (xlsxReader.ts, csvReader.ts); both libraries
// stay as the reference they must agree with.

// Well-formed CSV in the shapes sheets arrive in: commas, tabs or semicolons, LF or CRLF, fields quoted when they
// must be (holding the delimiter, a quote or a line break) or just because. Malformed quoting is left out: there
// papaparse's recovery is its own, and an import shows the rows it read in its preview either way.
const csvText = fc
  .constantFrom(',', '\t', ';')
  .chain((delimiter) =>
    fc.record({
      delimiter: fc.constant(delimiter),
      lineBreak: fc.constantFrom('\n', '\r\n'),
      rows: fc.array(
        fc.array(fc.array(fc.constantFrom('a', '一', ' ', delimiter, '"', '\n', 'x y'), { maxLength: 5 }), {
          minLength: 1,
          maxLength: 4,
        }),
        { maxLength: 6 },
      ),
      quoteAll: fc.boolean(),
      trailingBreak: fc.boolean(),
    }),
  )
  .map(({ delimiter, lineBreak, rows: r, quoteAll, trailingBreak }) => {
    const field = (parts: string[]) => {
      const f = parts.join('');
      const must = f.includes(delimiter) || /["\n\r]/.test(f);
      return quoteAll || must ? `"${f.replace(/"/g, '""')}"` : f;
    };
    return r.map((row) => row.map(field).join(delimiter)).join(lineBreak) + (trailingBreak ? lineBreak : '');
  });

test('a CSV reads as papaparse read it: written sheets, and any text from the characters that matter', () => {
  fc.assert(
    fc.property(rows, (r) => {
      const text = toCsv(r);
      expect(readCsvRows(text)).toEqual(Papa.parse<string[]>(text, { skipEmptyLines: false }).data);
    }),
    { numRuns: 300 },
  );
  fc.assert(
    fc.property(csvText, (text) => {
      expect(readCsvRows(text)).toEqual(Papa.parse<string[]>(text, { skipEmptyLines: false }).data);
    }),
    { numRuns: 2000 },
  );
  for (const text of ['a\tb\tc\n1\t2\t3', 'a;b;c\n1;2;3\n', '网格,楼栋\r\n一网格,3栋\r\n', '', 'x'])
    expect(readCsvRows(text)).toEqual(Papa.parse<string[]>(text, { skipEmptyLines: false }).data);
});

test('an .xlsx reads as read-excel-file read it', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.string({ minLength: 1, maxLength: 8 }), { minLength: 1, maxLength: 12 }),
      rows,
      async (h, b) => {
        const file = await writeCells(h, b, 'xlsx');
        expect(readXlsxCells(file)).toEqual(await readSheet(file));
      },
    ),
    { numRuns: 100 },
  );
});

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/** An .xlsx as Excel and WPS write one: rich text, phonetic runs, inline strings, gaps, dates, formulas. */
function excelLikeWorkbook(): Buffer {
  return zip([
    ['[Content_Types].xml', '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>'],
    [
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN}" xmlns:r="${RELS}"><sheets><sheet name="花名册" sheetId="3" r:id="rId7"/><sheet name="说明" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    ],
    [
      'xl/_rels/workbook.xml.rels',
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
        `<Relationship Id="rId1" Type="${RELS}/worksheet" Target="worksheets/sheet1.xml"/>` +
        `<Relationship Id="rId7" Type="${RELS}/worksheet" Target="/xl/worksheets/sheet2.xml"/>` +
        `<Relationship Id="rId2" Type="${RELS}/sharedStrings" Target="strings.xml"/>` +
        `<Relationship Id="rId3" Type="${RELS}/styles" Target="styles.xml"/></Relationships>`,
    ],
    [
      'xl/styles.xml',
      `<styleSheet xmlns="${MAIN}"><numFmts count="1"><numFmt numFmtId="176" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>` +
        '<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="14"/><xf numFmtId="176"/><xf numFmtId="2"/></cellXfs></styleSheet>',
    ],
    [
      'xl/strings.xml',
      `<sst xmlns="${MAIN}"><si><t>网格</t></si><si><r><rPr><b/></rPr><t>楼</t></r><r><t xml:space="preserve">栋 </t></r></si>` +
        '<si><t>王&amp;李</t><rPh sb="0" eb="1"><t>オウ</t></rPh></si><si><t/></si><si><t>&#x4E00;网格</t></si></sst>',
    ],
    [
      'xl/worksheets/sheet1.xml',
      `<worksheet xmlns="${MAIN}"><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`,
    ],
    [
      'xl/worksheets/sheet2.xml',
      `<worksheet xmlns="${MAIN}"><sheetData>` +
        '<row r="2" spans="1:6"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="D2" t="inlineStr"><is><t>面积</t></is></c><c r="E2" t="s"><v>3</v></c></row>' +
        '<row r="3"><c r="A3" t="s"><v>4</v></c><c r="B3" t="s"><v>2</v></c><c r="C3" s="3"><v>89.5</v></c><c r="D3" t="str"><f>C3*2</f><v>179</v></c><c r="E3" t="b"><v>1</v></c></row>' +
        '<row r="4"><c r="A4" s="1"><v>46000</v></c><c r="B4" s="2"><v>45292.5</v></c><c r="C4" t="e"><v>#DIV/0!</v></c><c r="F4"/></row>' +
        '<row r="6"/></sheetData></worksheet>',
    ],
  ]);
}

test('an Excel-made .xlsx: the first sheet in the workbook, rich and phonetic text, gaps, dates, formulas', async () => {
  const file = excelLikeWorkbook();
  const cells = readXlsxCells(file);
  expect(cells).toEqual([
    [null, null, null, null, null],
    ['网格', '楼栋', null, '面积', null],
    ['一网格', '王&李', 89.5, '179', true],
    [new Date('2025-12-09T00:00:00Z'), new Date('2024-01-01T12:00:00Z'), null, null, null],
  ]);
  expect(cells).toEqual(await readSheet(file));
});

test('a file that is not an .xlsx is a 400 with a Chinese message, never a 500', async () => {
  await expect(readCells(Buffer.from('网格,楼栋'), 'xlsx')).rejects.toMatchObject({ status: 400 });
  const truncated = excelLikeWorkbook().subarray(0, 200);
  await expect(readCells(truncated, 'xlsx')).rejects.toMatchObject({ status: 400 });
});
