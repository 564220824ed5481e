import { badRequest } from '../../http/errors';
import { readCsvRows } from './csvReader';
import { readXlsxCells } from './xlsxReader';
import { writeXlsx } from './xlsxWriter';

// Reading (the roster import) and writing (every export) are our own code: read-excel-file and papaparse were
// ~83 KB of the roster transfer Lambda (xlsxReader.ts, csvReader.ts; sheetFiles.test.ts checks both still read
// what those libraries read), write-excel-file ~77 KB of each export Lambda (xlsxWriter.ts, toCsv below).

export type Cell = string | number | boolean | Date | null | undefined;

/** Cells of the first sheet of an .xlsx, or of a .csv (UTF-8, with or without BOM, or GB18030 as WPS saves it). */
export async function readCells(body: Buffer, format: 'xlsx' | 'csv'): Promise<Cell[][]> {
  if (format === 'csv') return readCsvRows(decodeCsv(body));
  try {
    return readXlsxCells(body);
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
  if (format === 'csv') return Buffer.from(`\uFEFF${toCsv([header, ...rows])}`, 'utf8');
  return writeXlsx(
    header,
    rows,
    header.map((h) => Math.max(10, h.length * 2 + 2)),
  );
}

/**
 * RFC 4180 text, as papaparse's unparse wrote it before: fields joined by commas, rows by CRLF, a field quoted
 * (its quotes doubled) when it holds a comma, a quote, CR or LF, a BOM, or starts or ends with a space; empty for
 * null and undefined, ISO text for a Date.
 */
export function toCsv(rows: Cell[][]): string {
  const field = (c: Cell): string => {
    if (c === null || c === undefined) return '';
    if (c instanceof Date) return Number.isNaN(c.getTime()) ? '' : c.toISOString();
    const text = String(c);
    const quote = /[",\r\n\uFEFF]/.test(text) || text.startsWith(' ') || text.endsWith(' ');
    return quote ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((r) => r.map(field).join(',')).join('\r\n');
}

/** The zip container the .xlsx writer uses, for exports of several files (the 议事 archive). */
export { zip } from './xlsxWriter';
