import { isRegionCode, regionCodeProblem } from './regionCode';

describe('行政区划代码 of the county-level division a street lies in', () => {
  it.each([
    ['350102', '福州市鼓楼区'],
    ['110101', '北京市东城区'],
    ['310115', '上海市浦东新区'],
    ['500101', '重庆市万州区'],
    ['440305', '深圳市南山区'],
    ['419001', '济源市 (directly under Henan)'],
    ['441900', '东莞市 (no counties)'],
    ['620200', '嘉峪关市 (no counties)'],
    ['650102', '乌鲁木齐市天山区'],
  ])('accepts %s (%s)', (code) => expect(regionCodeProblem(code)).toBeUndefined());

  it.each([
    ['35010', '6 位数字'],
    ['3501021', '6 位数字'],
    ['35O102', '6 位数字'],
    [' 350102', '6 位数字'],
    ['990102', '没有以 99 开头'],
    ['190102', '没有以 19 开头'],
    ['350000', '省级'],
    ['350100', '地级市'],
    ['440300', '地级市'],
    ['357102', '第 3–4 位'],
    ['358002', '第 3–4 位'],
    ['350002', '第 3–4 位'],
    ['810001', '香港'],
    ['710101', '台湾'],
  ])('refuses %s (%s)', (code, why) => {
    expect(isRegionCode(code)).toBe(false);
    expect(regionCodeProblem(code)).toContain(why);
  });
});
