import { badRequest } from '../../http/errors';

// The spreadsheet libraries (read-excel-file, write-excel-file, papaparse: ~150 KB with their zip code) are
// imported on first use, not at module load: the bundle still carries them, but a cold start of the roster,
// ledger and export Lambdas does not evaluate them, and only a request that reads or writes a file pays.
const papa = () => import('papaparse').then((m) => m.default);

export type Cell = string | number | boolean | Date | null | undefined;

/** Cells of the first sheet of an .xlsx, or of a .csv (UTF-8, with or without BOM, or GB18030 as WPS saves it). */
export async function readCells(body: Buffer, format: 'xlsx' | 'csv'): Promise<Cell[][]> {
  if (format === 'csv') {
    const text = decodeCsv(body);
    const { data } = (await papa()).parse<string[]>(text, { skipEmptyLines: false });
    return data;
  }
  try {
    const { readSheet } = await import('read-excel-file/node');
    return (await readSheet(body)) as Cell[][];
  } catch {
    throw badRequest('无法读取该 Excel 文件，请确认是 .xlsx 格式（可在 WPS/Excel 中“另存为”）');
  }
}

function decodeCsv(body: Buffer): string {
  const utf8 = new TextDecoder('utf-8', { fatal: false }).decode(body).replace(/^\uFEFF/, '');
  // Excel and WPS on Chinese Windows save CSV as GB18030; U+FFFD in the UTF-8 reading gives it away.
  if (!utf8.includes('\uFFFD')) return utf8;
  return new TextDecoder('gb18030').decode(body);
}

/** An .xlsx with a bold header row and sensible column widths, or a UTF-8 CSV with BOM (opens in Excel). */
export async function writeCells(header: string[], rows: Cell[][], format: 'xlsx' | 'csv'): Promise<Buffer> {
  if (format === 'csv') {
    const csv = (await papa()).unparse([
      header,
      ...rows.map((r) => r.map((c) => (c instanceof Date ? c.toISOString() : (c ?? '')))),
    ]);
    return Buffer.from(`\uFEFF${csv}`, 'utf8');
  }
  const data = [
    header.map((value) => ({ value, fontWeight: 'bold' as const })),
    ...rows.map((r) => r.map((c) => (c === null || c === undefined ? null : { value: c }))),
  ];
  const { default: writeXlsxFile } = await import('write-excel-file/node');
  return writeXlsxFile(data as never, {
    columns: header.map((h) => ({ width: Math.max(10, h.length * 2 + 2) })),
  }).toBuffer();
}
