/**
 * 行政区划代码 (GB/T 2260, as the 民政部 publishes it): six digits, two each for the province, the
 * prefecture-level city and the county-level division (区/县/县级市). A street (街道) and its
 * communities lie in one county-level division, so Linli asks for that code.
 *
 * The rule checked, without shipping the whole ~3,200-entry table (it changes yearly and would weigh on
 * the mini-program):
 * - six digits;
 * - the province segment is one of the 34 province-level codes (11–15, 21–23, 31–37, 41–46, 50–54,
 *   61–65, 71, 81, 82);
 * - the prefecture segment is 01–70 (cities and prefectures; 01/02 under the four municipalities) or 90
 *   (county-level units directly under a province, e.g. 济源 419001, 仙桃 429004);
 * - the county segment is 01–99: a code ending in `00` names a prefecture or province, not where a
 *   street lies — except the four prefecture-level cities that have no county-level divisions, whose
 *   streets and towns sit directly under the city (东莞 441900, 中山 442000, 儋州 460400, 嘉峪关 620200);
 * - Taiwan (71), Hong Kong (81) and Macao (82) have no 街道 under this system and are refused.
 */

export const PROVINCE_CODES = [
  '11',
  '12',
  '13',
  '14',
  '15',
  '21',
  '22',
  '23',
  '31',
  '32',
  '33',
  '34',
  '35',
  '36',
  '37',
  '41',
  '42',
  '43',
  '44',
  '45',
  '46',
  '50',
  '51',
  '52',
  '53',
  '54',
  '61',
  '62',
  '63',
  '64',
  '65',
  '71',
  '81',
  '82',
] as const;

/** Prefecture-level cities without county-level divisions: their code itself is where streets lie. */
export const CITIES_WITHOUT_COUNTIES: Record<string, string> = {
  '441900': '东莞市',
  '442000': '中山市',
  '460400': '儋州市',
  '620200': '嘉峪关市',
};

const NO_STREETS = new Set(['71', '81', '82']);

/** Why `code` is not a county-level 行政区划代码 a street can lie in, in words for the form; undefined when it is. */
export function regionCodeProblem(code: string): string | undefined {
  if (!/^\d{6}$/.test(code)) return '区划代码应为 6 位数字（区县级，如 350102）';
  const province = code.slice(0, 2);
  const city = Number(code.slice(2, 4));
  const county = code.slice(4, 6);
  if (!(PROVINCE_CODES as readonly string[]).includes(province)) return `没有以 ${province} 开头的省级区划代码`;
  if (NO_STREETS.has(province)) return '台湾、香港、澳门的区划代码不适用于街道';
  if (CITIES_WITHOUT_COUNTIES[code]) return undefined;
  if (code.endsWith('0000')) return '这是省级区划代码，请填写街道所在区县的代码';
  if (!((city >= 1 && city <= 70) || city === 90)) return `区划代码第 3–4 位（地级）${code.slice(2, 4)} 不存在`;
  if (county === '00') return '这是地级市的区划代码，请填写街道所在区县的代码';
  return undefined;
}

export const isRegionCode = (code: string) => regionCodeProblem(code) === undefined;
