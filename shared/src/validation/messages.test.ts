import * as z from 'zod/mini';
import { fieldProblems, installChineseMessages, zh } from './messages';
import { id, mobile, text } from './fields';

installChineseMessages();

const problems = (schema: z.ZodMiniType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : fieldProblems(r.error).map((p) => p.message);
};

describe('validation messages a resident can read', () => {
  it('names the field for missing, too long and badly formed values', () => {
    const form = z.strictObject({ title: text('标题', { max: 5 }), phone: mobile(), unitId: id('房屋') });
    expect(problems(form, {})).toEqual(['请填写标题', '请填写手机号', '请填写房屋']);
    expect(problems(form, { title: '一二三四五六', phone: '12345', unitId: '../x' })).toEqual([
      '标题不能超过 5 个字',
      '手机号的格式不正确',
      '房屋的格式不正确',
    ]);
  });

  it('rejects control characters and trims what people type', () => {
    expect(problems(text('说明', { max: 20 }), 'a\u0000b')).toEqual(['说明含有不可见的控制字符']);
    expect(text('说明', { max: 20 }).parse('  你好  ')).toBe('你好');
    expect(text('说明', { max: 20, multiline: true }).parse('第一行\n第二行')).toBe('第一行\n第二行');
  });

  it('labels numbers and enums through zh()', () => {
    expect(problems(z.coerce.number(zh('楼层')).check(z.int(), z.gte(1)), '0')).toEqual(['楼层不能小于 1']);
    expect(problems(z.enum(['owner', 'tenant'], zh('与房屋的关系')), 'x')).toEqual(['请选择有效的与房屋的关系']);
  });

  it('reports unknown fields rather than storing them', () => {
    expect(problems(z.strictObject({ a: z.string() }), { a: 'x', isAdmin: true })).toEqual(['不认识的字段：isAdmin']);
  });

  it('normalises mainland mobile numbers', () => {
    expect(mobile().parse('+86 138-0013-8000')).toBe('13800138000');
  });
});
