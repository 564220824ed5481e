import * as z from 'zod/mini';
import { fieldProblems, installChineseMessages, zh } from './messages';
import { id, instant, mobile, text } from './fields';

installChineseMessages();

const problems = (schema: z.ZodMiniType, input: unknown) => {
  const r = schema.safeParse(input);
  return r.success ? [] : fieldProblems(r.error).map((p) => p.message);
};

describe('validation messages a resident can read', () => {
  it('names the field for missing, too long and badly formed values', () => {
    const form = z.strictObject({ title: text('标题', { max: 5 }), phone: mobile(), unitId: id('房屋') });
    expect(problems(form, {})).toEqual(['请填写标题', '请填写手机号', '请选择房屋']);
    expect(problems(form, { title: '一二三四五六', phone: '12345', unitId: '../x' })).toEqual([
      '标题不能超过 5 个字',
      '手机号的格式不正确',
      '房屋的格式不正确',
    ]);
  });

  it('asks 请选择… for what was not picked, and keeps 格式不正确 for what was given badly', () => {
    const form = z.strictObject({
      category: id('类别'),
      dueBy: instant('承诺完成时间'),
      day: z.iso.date(zh('日期')),
      relation: z.enum(['owner', 'tenant'], zh('与房屋的关系')),
      buildings: z.array(id('楼栋')).check(z.minLength(1)),
      title: text('标题', { max: 5 }),
    });
    const empty = { category: '', dueBy: '', day: '', relation: '', buildings: [], title: '' };
    expect(problems(form, empty)).toEqual([
      '请选择类别',
      '请选择承诺完成时间',
      '请选择日期',
      '请选择与房屋的关系',
      '请选择此项',
      '请填写标题',
    ]);
    expect(problems(form, { ...empty, category: null, dueBy: undefined })).toEqual(
      expect.arrayContaining(['请选择类别', '请选择承诺完成时间']),
    );
    expect(problems(instant('承诺完成时间'), '明天')).toEqual(['承诺完成时间的格式不正确']);
    expect(problems(id('类别'), '../x')).toEqual(['类别的格式不正确']);
    expect(problems(mobile(), '')).toEqual(['请填写手机号']);
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
