import { deflateRawSync } from 'node:zlib';

/**
 * An .xlsx of one sheet or several: the parts write-excel-file wrote for our exports (shared strings, a bold header style,
 * column widths; the styles completed to what a strict reader expects), in a zip made with node:zlib. write-excel-file and its zip library were ~77 KB of each
 * export Lambda for this; this is ~3 KB. Strings go through the shared-string table as Excel and WPS write
 * them; numbers and booleans are typed cells; a Date is written as its ISO text (no export writes one).
 */
export type XlsxCell = string | number | boolean | Date | null | undefined;

const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>';
const MAIN_NS = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL_NS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const CT = 'application/vnd.openxmlformats-officedocument.spreadsheetml';

const contentTypes = (sheets: number) =>
  `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default ContentType="application/xml" Extension="xml"/>' +
  '<Default ContentType="application/vnd.openxmlformats-package.relationships+xml" Extension="rels"/>' +
  `<Override ContentType="${CT}.sheet.main+xml" PartName="/xl/workbook.xml"/>` +
  `<Override ContentType="${CT}.sharedStrings+xml" PartName="/xl/sharedStrings.xml"/>` +
  `<Override ContentType="${CT}.styles+xml" PartName="/xl/styles.xml"/>` +
  Array.from(
    { length: sheets },
    (_, i) => `<Override ContentType="${CT}.worksheet+xml" PartName="/xl/worksheets/sheet${i + 1}.xml"/>`,
  ).join('') +
  '</Types>';

const ROOT_RELS =
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}"><Relationship Id="rId1" ` +
  `Type="${REL_NS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`;

// Sheet i (1-based) is relationship rId<i>; the shared strings and styles come after the sheets.
const workbook = (names: string[]) =>
  `${XML_HEAD}<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}"><workbookPr/><bookViews><workbookView/></bookViews>` +
  `<sheets>${names.map((n, i) => `<sheet r:id="rId${i + 1}" sheetId="${i + 1}" name="${escapeXml(n)}"/>`).join('')}` +
  '</sheets><calcPr/></workbook>';

const workbookRels = (sheets: number) =>
  `${XML_HEAD}<Relationships xmlns="${PKG_REL_NS}">` +
  Array.from(
    { length: sheets },
    (_, i) => `<Relationship Id="rId${i + 1}" Type="${REL_NS}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`,
  ).join('') +
  `<Relationship Id="rId${sheets + 1}" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/>` +
  `<Relationship Id="rId${sheets + 2}" Type="${REL_NS}/styles" Target="styles.xml"/></Relationships>`;

// Style 0: the default; style 1: bold (the header row). In schema order and with the Normal cell style, so a
// strict reader (openpyxl, Excel's repair check) finds nothing to complain about; no theme references.
const STYLES =
  `${XML_HEAD}<styleSheet xmlns="${MAIN_NS}">` +
  '<fonts count="2"><font><sz val="11"/></font><font><b/><sz val="11"/></font></fonts>' +
  '<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>' +
  '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>' +
  '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
  '<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>' +
  '<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>' +
  '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>';

// Characters XML 1.0 cannot carry at all (a sheet with one would not open); everything else is escaped.
// eslint-disable-next-line no-control-regex -- matching the control characters is the point
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const escapeXml = (s: string) =>
  s.replace(NOT_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A, B, …, Z, AA, AB… for the zero-based column index. */
function columnName(index: number): string {
  let name = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

/** The header row in bold, then the rows; `widths` in characters, per column. */
export function writeXlsx(header: string[], rows: XlsxCell[][], widths: number[]): Buffer {
  return writeWorkbook([{ name: 'Sheet1', header, rows, widths }]);
}

export interface XlsxSheet {
  /** Shown on the sheet's tab: at most 31 characters, none of \ / ? * [ ] : (see `sheetName`). */
  name: string;
  header: string[];
  rows: XlsxCell[][];
  widths: number[];
}

/** A tab name Excel accepts: its forbidden characters dropped, 31 characters at most. */
export const sheetName = (name: string) => name.replace(/[\\/?*[\]:]/g, '').slice(0, 31) || 'Sheet';

/** A workbook of several sheets, in order, sharing one string table (the street's 台账: a summary and a sheet per community). */
export function writeWorkbook(sheets: XlsxSheet[]): Buffer {
  const strings = new Map<string, number>();
  const stringIndex = (s: string) => {
    let i = strings.get(s);
    if (i === undefined) strings.set(s, (i = strings.size));
    return i;
  };
  const cell = (value: XlsxCell, ref: string, style: string): string => {
    if (value === null || value === undefined || value === '') return '';
    if (typeof value === 'number') return Number.isFinite(value) ? `<c r="${ref}"${style}><v>${value}</v></c>` : '';
    if (typeof value === 'boolean') return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
    const text = value instanceof Date ? value.toISOString() : value;
    return `<c r="${ref}"${style} t="s"><v>${stringIndex(text)}</v></c>`;
  };
  const worksheet = ({ header, rows, widths }: XlsxSheet) => {
    const sheetRows = [header as XlsxCell[], ...rows].map((row, r) => {
      const style = r === 0 ? ' s="1"' : '';
      return `<row r="${r + 1}">${row.map((v, c) => cell(v, `${columnName(c)}${r + 1}`, style)).join('')}</row>`;
    });
    const cols = widths.map((w, c) => `<col min="${c + 1}" max="${c + 1}" width="${w}" customWidth="1"/>`).join('');
    return (
      `${XML_HEAD}<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">` +
      `${cols ? `<cols>${cols}</cols>` : ''}<sheetData>${sheetRows.join('')}</sheetData></worksheet>`
    );
  };
  const parts = sheets.map(worksheet);
  const sharedStrings =
    `${XML_HEAD}<sst xmlns="${MAIN_NS}" count="${strings.size}" uniqueCount="${strings.size}">` +
    [...strings.keys()]
      .map((s) => {
        // Excel drops leading and trailing spaces of a <t> unless told to keep them.
        const keep = /^\s|\s$/.test(s) ? ' xml:space="preserve"' : '';
        return `<si><t${keep}>${escapeXml(s)}</t></si>`;
      })
      .join('') +
    '</sst>';
  return zip([
    ['[Content_Types].xml', contentTypes(sheets.length)],
    ['_rels/.rels', ROOT_RELS],
    ['xl/workbook.xml', workbook(sheets.map((s) => s.name))],
    ['xl/_rels/workbook.xml.rels', workbookRels(sheets.length)],
    ['xl/styles.xml', STYLES],
    ['xl/sharedStrings.xml', sharedStrings],
    ...parts.map((p, i): [string, string] => [`xl/worksheets/sheet${i + 1}.xml`, p]),
  ]);
}

let crcTable: Int32Array | undefined;
function crc32(data: Buffer): number {
  crcTable ??= Int32Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c;
  });
  let crc = -1;
  for (const byte of data) crc = crcTable[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ -1) >>> 0;
}

/**
 * A zip of deflated entries (the container of every .xlsx, and the 议事 archive), without zip64: our files are far
 * under 4 GB.
 */
export function zip(entries: [name: string, content: string | Buffer][]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of entries) {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const packed = deflateRawSync(data);
    const fileName = Buffer.from(name, 'utf8');
    const crc = crc32(data);
    // Shared by the local and the central header: version 2.0, UTF-8 names, deflate, 1980-01-01 00:00.
    const common = (b: Buffer, at: number) => {
      b.writeUInt16LE(20, at);
      b.writeUInt16LE(0x0800, at + 2);
      b.writeUInt16LE(8, at + 4);
      b.writeUInt16LE(0, at + 6);
      b.writeUInt16LE(0x21, at + 8);
      b.writeUInt32LE(crc, at + 10);
      b.writeUInt32LE(packed.length, at + 14);
      b.writeUInt32LE(data.length, at + 18);
      b.writeUInt16LE(fileName.length, at + 22);
    };
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    common(local, 4);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    common(central, 6);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, packed);
    centrals.push(central, fileName);
    offset += local.length + fileName.length + packed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
