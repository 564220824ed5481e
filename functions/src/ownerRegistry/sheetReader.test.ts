import { writeCells } from '../roster/transfer/sheetFiles';
import { parseCsv, readSheetCells } from './sheetReader';

const HEADER = ['房屋坐落', '不动产单元号', '面积', '权利人'];
const ROWS = [
  ['幸福里3栋1单元502室', '350102-001', 88.25, '王秀英、李建华'],
  ['A & B <"引号">', '', 100, ''],
];

describe('reading an extract without the spreadsheet libraries', () => {
  it('reads back an .xlsx: shared strings, numbers, empty cells, escaped text', async () => {
    const cells = readSheetCells(await writeCells(HEADER, ROWS, 'xlsx'), 'xlsx');
    expect(cells[0]).toEqual(HEADER);
    expect(cells[1]).toEqual(ROWS[0]);
    expect(cells[2]?.[0]).toBe('A & B <"引号">');
    expect(cells[2]?.[2]).toBe(100);
    expect(cells[2]?.[3] ?? '').toBe('');
  });

  it('reads a CSV with quotes, commas and line breaks, as UTF-8 with BOM or GB18030', async () => {
    const cells = readSheetCells(await writeCells(HEADER, ROWS, 'csv'), 'csv');
    expect(cells[1]).toEqual(['幸福里3栋1单元502室', '350102-001', '88.25', '王秀英、李建华']);
    expect(cells[2]?.[0]).toBe('A & B <"引号">');
    expect(parseCsv('a,"b,c","d\r\ne"\r\n1,"say ""hi""",\n')).toEqual([
      ['a', 'b,c', 'd\r\ne'],
      ['1', 'say "hi"', ''],
    ]);
    const gb = Buffer.from(new Uint8Array([0xc3, 0xe6, 0xbb, 0xfd, 0x2c, 0x31])); // 面积,1 in GB18030
    expect(readSheetCells(gb, 'csv')).toEqual([['面积', '1']]);
  });

  it('throws on what is not a zip', () => {
    expect(() => readSheetCells(Buffer.from('not a spreadsheet'), 'xlsx')).toThrow();
  });
});
