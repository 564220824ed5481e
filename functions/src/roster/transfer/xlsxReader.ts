import { inflateRawSync } from 'node:zlib';

/**
 * The cells of an .xlsx's first sheet, read with node:zlib and a few regular expressions. read-excel-file and its
 * zip and XML libraries were ~62 KB of the roster transfer Lambda for this (with papaparse ~83 KB, a third of it);
 * this is ~4 KB. It reads what Excel, WPS and our own writer (xlsxWriter.ts) produce: shared strings (rich text
 * runs joined, phonetic runs left out), inline strings, numbers, booleans, formula results (their cached value),
 * and numbers in a date format as a Date — and gives back what read-excel-file gave (sheetFiles.test.ts compares
 * the two): text trimmed and null when empty, rows padded to the widest, trailing empty rows and columns dropped.
 */
export type SheetCell = string | number | boolean | Date | null;

/** Why a file is not a readable .xlsx; the caller turns it into a 400. */
export class UnreadableXlsx extends Error {}

/** A zip bomb's guard: a roster of 20,000 rows is a few MB of XML. */
const MAX_PART_BYTES = 64 * 1024 * 1024;

/** The parts of a zip by name (only the ones asked for are inflated). */
function zipEntries(file: Buffer): Map<string, () => Buffer> {
  // End of central directory: 22 bytes plus a comment of up to 64 KB, at the end of the file.
  let eocd = -1;
  for (let i = file.length - 22; i >= Math.max(0, file.length - 22 - 0xffff); i--) {
    if (file.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new UnreadableXlsx('not a zip');
  const count = file.readUInt16LE(eocd + 10);
  let at = file.readUInt32LE(eocd + 16);
  const entries = new Map<string, () => Buffer>();
  for (let n = 0; n < count; n++) {
    if (at + 46 > file.length || file.readUInt32LE(at) !== 0x02014b50)
      throw new UnreadableXlsx('bad central directory');
    const method = file.readUInt16LE(at + 10);
    const compressedSize = file.readUInt32LE(at + 20);
    const nameLength = file.readUInt16LE(at + 28);
    const extraLength = file.readUInt16LE(at + 30);
    const commentLength = file.readUInt16LE(at + 32);
    const localHeader = file.readUInt32LE(at + 42);
    const name = file.toString('utf8', at + 46, at + 46 + nameLength);
    entries.set(name, () => {
      if (file.readUInt32LE(localHeader) !== 0x04034b50) throw new UnreadableXlsx('bad local header');
      const start = localHeader + 30 + file.readUInt16LE(localHeader + 26) + file.readUInt16LE(localHeader + 28);
      const data = file.subarray(start, start + compressedSize);
      if (method === 0) return data;
      if (method === 8) return inflateRawSync(data, { maxOutputLength: MAX_PART_BYTES });
      throw new UnreadableXlsx(`compression method ${method}`);
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };
const decodeXml = (s: string) =>
  s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
      : ENTITIES[e]!,
  );

const attribute = (tag: string, name: string) =>
  new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1] ?? new RegExp(`\\s${name}='([^']*)'`).exec(tag)?.[1];

/** The text of a shared or inline string: every <t> outside phonetic (<rPh>) runs, joined. */
function stringText(xml: string): string {
  let text = '';
  for (const m of xml
    .replace(/<rPh\b[\s\S]*?<\/rPh>/g, '')
    .matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>|<t(?:\s[^>]*)?\/>/g))
    text += decodeXml(m[1] ?? '');
  return text;
}

/** Resolves a relationship target against the folder of the part that names it. */
function resolvePart(from: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = from.split('/').slice(0, -1);
  for (const piece of target.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.') parts.push(piece);
  }
  return parts.join('/');
}

// Built-in number formats that are dates or times (ECMA-376 §18.8.30), and a custom format that shows a date:
// d, m, y, h or s outside quoted text, brackets (colours, [h]) and backslash escapes.
const DATE_FORMAT_IDS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 27, 30, 36, 45, 46, 47, 50, 57]);
const isDateFormat = (code: string) => /[dmyhs]/i.test(code.replace(/"[^"]*"|\[[^\]]*\]|\\./g, ''));

/** For each cell style index, whether its number format is a date. */
function dateStyles(stylesXml: string | undefined): boolean[] {
  if (!stylesXml) return [];
  const custom = new Map<number, boolean>();
  for (const m of stylesXml.matchAll(/<numFmt\s[^>]*>/g)) {
    const id = Number(attribute(m[0], 'numFmtId'));
    custom.set(id, isDateFormat(decodeXml(attribute(m[0], 'formatCode') ?? '')));
  }
  const xfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(stylesXml)?.[1] ?? '';
  return [...xfs.matchAll(/<xf\b[^>]*>/g)].map((m) => {
    const id = Number(attribute(m[0], 'numFmtId') ?? 0);
    return custom.get(id) ?? DATE_FORMAT_IDS.has(id);
  });
}

/** Excel's serial day (1900 system: day 25569 is 1970-01-01) as a Date in UTC, as read-excel-file gave it. */
const fromSerial = (serial: number) => new Date(Math.round((serial - 25569) * 86400000));

/** Zero-based column of a reference like "AB12". */
function columnOf(ref: string): number {
  let column = 0;
  for (const ch of /^[A-Z]+/.exec(ref)?.[0] ?? '') column = column * 26 + (ch.charCodeAt(0) - 64);
  return column - 1;
}

export function readXlsxCells(file: Buffer): SheetCell[][] {
  const entries = zipEntries(file);
  const part = (name: string) => entries.get(name)?.().toString('utf8');

  const workbook = part('xl/workbook.xml');
  if (!workbook) throw new UnreadableXlsx('no workbook');
  const rels = new Map<string, { type: string; target: string }>();
  for (const m of (part('xl/_rels/workbook.xml.rels') ?? '').matchAll(/<Relationship\s[^>]*>/g))
    rels.set(attribute(m[0], 'Id') ?? '', {
      type: attribute(m[0], 'Type') ?? '',
      target: resolvePart('xl/workbook.xml', attribute(m[0], 'Target') ?? ''),
    });
  const firstSheet = /<sheet\s[^>]*>/.exec(workbook)?.[0];
  const sheetRel = firstSheet ? rels.get(attribute(firstSheet, 'r:id') ?? '') : undefined;
  const sheet = part(sheetRel?.target ?? 'xl/worksheets/sheet1.xml');
  if (!sheet) throw new UnreadableXlsx('no sheet');
  const relOfType = (suffix: string) => [...rels.values()].find((r) => r.type.endsWith(suffix))?.target;

  const shared = [
    ...(part(relOfType('/sharedStrings') ?? 'xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g),
  ].map((m) => stringText(m[1] ?? ''));
  const dates = dateStyles(part(relOfType('/styles') ?? 'xl/styles.xml'));

  const rows: SheetCell[][] = [];
  let nextRow = 0;
  const sheetData = /<sheetData\b[^>]*>([\s\S]*)<\/sheetData>/.exec(sheet)?.[1] ?? '';
  for (const rowMatch of sheetData.matchAll(/<row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/row>)/g)) {
    const r = attribute(rowMatch[0].slice(0, rowMatch[0].indexOf('>') + 1), 'r');
    const rowIndex = r ? Number(r) - 1 : nextRow;
    nextRow = rowIndex + 1;
    const cells: SheetCell[] = [];
    let nextColumn = 0;
    for (const cellMatch of (rowMatch[2] ?? '').matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const tag = `<c${cellMatch[1]}>`;
      const ref = attribute(tag, 'r');
      const column = ref ? columnOf(ref) : nextColumn;
      nextColumn = column + 1;
      const body = cellMatch[2] ?? '';
      const type = attribute(tag, 't') ?? 'n';
      const v = /<v(?:\s[^>]*)?>([\s\S]*?)<\/v>/.exec(body)?.[1];
      let value: SheetCell = null;
      if (type === 'inlineStr') value = stringText(/<is>([\s\S]*?)<\/is>/.exec(body)?.[1] ?? '');
      else if (v === undefined) value = null;
      else if (type === 's') value = shared[Number(v)] ?? null;
      else if (type === 'str') value = decodeXml(v);
      else if (type === 'b') value = v.trim() === '1';
      else if (type === 'e') value = null;
      else if (type === 'd') value = new Date(decodeXml(v));
      else {
        const n = Number(v);
        value = Number.isNaN(n) ? null : dates[Number(attribute(tag, 's') ?? 0)] ? fromSerial(n) : n;
      }
      if (typeof value === 'string') value = value.trim() === '' ? null : value.trim();
      cells[column] = value;
    }
    rows[rowIndex] = cells;
  }

  const filled = (row: SheetCell[] | undefined) => !!row && row.some((c) => c !== null && c !== undefined);
  const lastRow = rows.findLastIndex(filled);
  const kept = Array.from({ length: lastRow + 1 }, (_, i) => rows[i] ?? []);
  const width = Math.max(0, ...kept.map((row) => row.findLastIndex((c) => c !== null && c !== undefined) + 1));
  return kept.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? null));
}
