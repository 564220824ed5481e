import { installChineseMessages } from '../validation/messages';
import { receiptCode } from './votingContracts';

installChineseMessages();

describe('核验码 as a person types it back', () => {
  it('accepts lower case, spaces and hyphens, and keeps the code itself', () => {
    expect(receiptCode().parse('abcd efgh jkmn')).toBe('ABCDEFGHJKMN');
    expect(receiptCode().parse(' ABCD-EFGH-JKMN ')).toBe('ABCDEFGHJKMN');
    expect(receiptCode().parse('ABCDEFGHJKMN')).toBe('ABCDEFGHJKMN');
  });

  it('still refuses what is not a code, in words', () => {
    const problem = (input: string) => receiptCode().safeParse(input).error?.issues[0]?.message;
    expect(problem('abcd efgh')).toBe('核验码的格式不正确');
    expect(problem('abcd/efgh/jkmn')).toBe('核验码的格式不正确');
    expect(problem('   ')).toBe('请填写核验码');
  });
});
