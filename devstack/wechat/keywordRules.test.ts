import { judgeKeyword } from './keywordRules';

describe('subscribe-message keyword rules (订阅消息参数值内容限制)', () => {
  it.each([
    ['thing1', '楼道灯不亮，请尽快处理'],
    ['thing1', '一二三四五六七八九十一二三四五六七八九十'], // exactly 20 characters
    ['number2', '42'],
    ['number2', '3.5'],
    ['letter3', 'ABC'],
    ['symbol4', '★-'],
    ['character_string5', 'SQ-20240501-0007'],
    ['time6', '15:01'],
    ['time6', '2019年10月1日 15:01'],
    ['time6', '09:00 ~ 11:30'],
    ['date7', '2019年10月1日'],
    ['date7', '2021-11-12 14:47:49'],
    ['date7', '2018/01/01~2018/01/03'],
    ['amount8', '¥100.50'],
    ['amount8', '30元'],
    ['phone_number9', '+86-0766-66888866'],
    ['car_number10', '粤A8Z888挂'],
    ['name11', '王小明'],
    ['name11', 'Wang Xiaoming'],
    ['phrase12', '处理中'],
    ['number13', 7],
  ])('accepts %s = %p', (keyword, value) => {
    expect(judgeKeyword(keyword, value)).toBe('ok');
  });

  it.each([
    ['thing1', '一二三四五六七八九十一二三四五六七八九十一'], // 21 characters
    ['thing1', '第一行\n第二行'], // control characters are refused everywhere
    ['number2', '12a'],
    ['number2', '-3'],
    ['letter3', 'AB1'],
    ['symbol4', '★★★★★★'],
    ['symbol4', 'a'],
    ['character_string5', '订单1'],
    ['character_string5', 'x'.repeat(33)],
    ['time6', '25:00'],
    ['time6', '明天上午'],
    ['date7', '2019年10月一日'],
    ['amount8', '¥12345678901'],
    ['phone_number9', '138-0000-0000 ext'],
    ['phone_number9', '1'.repeat(18)],
    ['car_number10', '粤A8Z888挂车'],
    ['car_number10', '粤A-8Z888'],
    ['name11', '欧阳一二三四五六七八九'], // 11 汉字
    ['name11', 'R2D2'],
    ['phrase12', '处理中了吗呀'], // 6 汉字
    ['phrase12', 'done'],
    ['keyword1', 'any'], // not a documented type
    ['thing1', { text: 'x' }],
  ])('refuses %s = %p', (keyword, value) => {
    expect(judgeKeyword(keyword, value)).toBe('invalid');
  });

  it.each([undefined, null, '', '   '])('calls %p empty', (value) => {
    expect(judgeKeyword('thing1', value)).toBe('empty');
  });

  it('leaves enum values to the real platform, which alone knows the list', () => {
    expect(judgeKeyword('enum1', '已受理')).toBe('ok');
  });
});
