import { chineseNumeral, formatInvitationCode, formatNumber, naturalCompare } from './format';

describe('naturalCompare', () => {
  it('orders doors, buildings and grids the way people count them', () => {
    expect(['10栋', '2栋', '1栋'].sort(naturalCompare)).toEqual(['1栋', '2栋', '10栋']);
    expect(['1101', '502', '1001'].sort(naturalCompare)).toEqual(['502', '1001', '1101']);
    expect(['第十网格', '第三网格', '第二网格', '第一网格', '第十一网格'].sort(naturalCompare)).toEqual([
      '第一网格',
      '第二网格',
      '第三网格',
      '第十网格',
      '第十一网格',
    ]);
  });

  it('reads Chinese numerals', () => {
    expect(chineseNumeral('二十三')).toBe(23);
    expect(chineseNumeral('十二')).toBe(12);
    expect(chineseNumeral('一百零五')).toBe(105);
  });
});

describe('formatting', () => {
  it('groups thousands and trims decimals', () => {
    expect(formatNumber(45210.5)).toBe('45,210.5');
    expect(formatNumber(1000)).toBe('1,000');
  });

  it('splits an invitation code for reading aloud', () => {
    expect(formatInvitationCode('abcd2345')).toBe('ABCD-2345');
    expect(formatInvitationCode('ab')).toBe('AB');
  });
});
