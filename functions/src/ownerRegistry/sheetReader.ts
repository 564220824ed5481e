import { inflateRawSync } from 'node:zlib';
import type { ExtractCell as Cell } from '@linli/shared';

/**
 * The cells of an extract's first sheet (.xlsx) or of a .csv, read with node:zlib and a few regular expressions.
 * Why not roster/transfer's readCells: read-excel-file and papaparse are ~110 KB of bundle, which would put this
 * Lambda at ~350 KB (the budget is 250); a registry extract is plain text and numbers in one sheet, which is all
 * this reads (shared strings, inline strings, numbers, booleans; no formulas' results other than their cached value).
 */
export function readSheetCells(body: Buffer, format: 'xlsx' | 'csv'): Cell[][] {
  return format === 'csv' ? parseCsv(decodeText(body)) : readXlsx(body);
}

/** UTF-8 (with or without BOM), or GB18030 as Excel and WPS on Chinese Windows save CSV. */
function decodeText(body: Buffer): string {
  const utf8 = new TextDecoder('utf-8').decode(body).replace(/^\uFEFF/, '');
  return utf8.includes('\uFFFD') ? new TextDecoder('gb18030').decode(body) : utf8;
}

/** RFC 4180: fields separated by commas, rows by CR?LF, quoted fields with doubled quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      row.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += c;
  }
  if (field !== '' || row.length) {
    row.push(field);
    rows.push(row);
  }
  return rows;
}

/** The entries of a zip archive (stored or deflated), by name, from its central directory. */
function unzip(buffer: Buffer): Map<string, Buffer> {
  let eocd = buffer.length - 22;
  while (eocd >= 0 && buffer.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error('not a zip archive');
  const files = new Map<string, Buffer>();
  let at = buffer.readUInt32LE(eocd + 16);
  for (let i = buffer.readUInt16LE(eocd + 10); i > 0; i--) {
    if (buffer.readUInt32LE(at) !== 0x02014b50) throw new Error('corrupt zip central directory');
    const method = buffer.readUInt16LE(at + 10);
    const size = buffer.readUInt32LE(at + 20);
    const nameLength = buffer.readUInt16LE(at + 28);
    const local = buffer.readUInt32LE(at + 42);
    const name = buffer.toString('utf8', at + 46, at + 46 + nameLength);
    const start = local + 30 + buffer.readUInt16LE(local + 26) + buffer.readUInt16LE(local + 28);
    const data = buffer.subarray(start, start + size);
    files.set(name, method === 0 ? Buffer.from(data) : inflateRawSync(data));
    at += 46 + nameLength + buffer.readUInt16LE(at + 30) + buffer.readUInt16LE(at + 32);
  }
  return files;
}

const unescapeXml = (s: string) =>
  s.replace(/&(#x[0-9a-f]+|#\d+|amp|lt|gt|quot|apos);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e.toLowerCase()]!,
  );
/** The text of every `<t>` inside an element (a shared string's runs, an inline string). */
const textOf = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([^<]*)<\/t>/g)].map((m) => unescapeXml(m[1]!)).join('');

function columnIndex(ref: string): number {
  let n = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? '') n = n * 26 + ch.charCodeAt(0) - 64;
  return n - 1;
}

function firstSheetPath(files: Map<string, Buffer>): string {
  const workbook = files.get('xl/workbook.xml')?.toString('utf8') ?? '';
  const rels = files.get('xl/_rels/workbook.xml.rels')?.toString('utf8') ?? '';
  const rid = /<sheet\b[^>]*\br:id="([^"]+)"/.exec(workbook)?.[1];
  const target = rid && new RegExp(`<Relationship\\b[^>]*\\bId="${rid}"[^>]*\\bTarget="([^"]+)"`).exec(rels)?.[1];
  const alt = rid && new RegExp(`<Relationship\\b[^>]*\\bTarget="([^"]+)"[^>]*\\bId="${rid}"`).exec(rels)?.[1];
  const path = target || alt;
  if (!path) return 'xl/worksheets/sheet1.xml';
  return path.startsWith('/') ? path.slice(1) : `xl/${path}`;
}

function readXlsx(body: Buffer): Cell[][] {
  const files = unzip(body);
  const shared = [...(files.get('xl/sharedStrings.xml')?.toString('utf8') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map(
    (m) => textOf(m[1]!),
  );
  const sheet = files.get(firstSheetPath(files))?.toString('utf8');
  if (sheet === undefined) throw new Error('no worksheet');
  const rows: Cell[][] = [];
  for (const row of sheet.matchAll(/<row\b([^>]*)>([\s\S]*?)<\/row>/g)) {
    const index = Number(/\br="(\d+)"/.exec(row[1]!)?.[1] ?? rows.length + 1) - 1;
    const cells: Cell[] = [];
    for (const c of row[2]!.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1]!;
      const inner = c[2] ?? '';
      const col = columnIndex(/\br="([A-Z]+)\d*"/.exec(attrs)?.[1] ?? '');
      const type = /\bt="(\w+)"/.exec(attrs)?.[1];
      const v = /<v>([^<]*)<\/v>/.exec(inner)?.[1];
      const at = col >= 0 ? col : cells.length;
      if (type === 's') cells[at] = v === undefined ? null : (shared[Number(v)] ?? null);
      else if (type === 'inlineStr') cells[at] = textOf(inner);
      else if (type === 'str') cells[at] = v === undefined ? null : unescapeXml(v);
      else if (type === 'b') cells[at] = v === '1';
      else cells[at] = v === undefined || v === '' ? null : Number(v);
    }
    rows[index] = cells;
  }
  return Array.from(rows, (r) => r ?? []);
}
