/**
 * The value rules WeChat applies to each subscribe-message keyword. A keyword's type is the prefix of its
 * name (`thing1`, `character_string2`, `number01`). Source: the table 订阅消息参数值内容限制说明 in
 * https://developers.weixin.qq.com/miniprogram/dev/OpenApiDoc/mp-message-management/subscribe-message/sendMessage.html
 * Lengths count characters, not bytes: one 汉字 is one character.
 */

const HAN = /\p{Script=Han}/u;
const CONTROL = /\p{Cc}/u;

const length = (value: string) => [...value].length;

// "时间格式支持HH:MM:SS或者HH:MM。日期包含年月日，为y年m月d日，y年m月、m月d日格式，或者用‘-’、‘/’、‘.’符号连接，
// 如2018-01-01，2018/01/01，2018.01.01，2018-01，01-01。" Both time and date accept a range joined by "~".
const TIME = String.raw`(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?`;
const DATE = String.raw`(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}年\d{1,2}月|\d{1,2}月\d{1,2}日|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{4}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2})`;
const rangeOf = (point: string) => new RegExp(`^${point}(?:\\s*~\\s*${point})?$`, 'u');
const TIME_VALUE = rangeOf(String.raw`(?:${DATE}\s*)?${TIME}`); // 24小时制时间格式（支持+年月日）
const DATE_VALUE = rangeOf(String.raw`${DATE}(?:\s*${TIME})?`); // 年月日格式（支持+24小时制时间）

const RULES: Readonly<Record<string, (value: string) => boolean>> = {
  thing: (v) => length(v) <= 20, // 20个以内字符，可汉字、数字、字母或符号组合
  number: (v) => length(v) <= 32 && /^\d+(?:\.\d+)?$/.test(v), // 32位以内数字，只能数字，可带小数
  letter: (v) => /^[A-Za-z]{1,32}$/.test(v), // 32位以内字母
  symbol: (v) => length(v) <= 5 && !HAN.test(v) && !/[A-Za-z0-9]/.test(v), // 5位以内符号
  character_string: (v) => length(v) <= 32 && !HAN.test(v), // 32位以内数字、字母或符号
  time: (v) => TIME_VALUE.test(v),
  date: (v) => DATE_VALUE.test(v),
  amount: (v) => /^[¥￥$€£]?\d{1,10}(?:\.\d+)?元?$/u.test(v), // 1个币种符号+10位以内纯数字，可带小数，结尾可带“元”
  phone_number: (v) => length(v) <= 17 && !HAN.test(v) && !/[A-Za-z]/.test(v), // 17位以内，数字、符号
  car_number: isCarNumber, // 8位以内，第一位与最后一位可为汉字，其余为字母或数字
  name: isName,
  phrase: (v) => /^\p{Script=Han}{1,5}$/u.test(v), // 5个以内纯汉字
  // 枚举值: WeChat checks the value against the template's enum list, which only the real platform knows.
  enum: () => true,
};

function isCarNumber(value: string): boolean {
  const chars = [...value];
  if (chars.length > 8) return false;
  return chars.every((c, i) => /[A-Za-z0-9]/.test(c) || ((i === 0 || i === chars.length - 1) && HAN.test(c)));
}

/** 10个以内纯汉字或20个以内纯字母或符号; 中文和字母混合按中文名算，10个字内. */
function isName(value: string): boolean {
  if (/\d/.test(value)) return false;
  return length(value) <= (HAN.test(value) ? 10 : 20);
}

export type KeywordVerdict = 'ok' | 'empty' | 'invalid';

/** Judges one `data` entry of a subscribe message the way WeChat does, by its keyword's type. */
export function judgeKeyword(keyword: string, value: unknown): KeywordVerdict {
  if (value === undefined || value === null) return 'empty';
  const text = typeof value === 'number' ? String(value) : value;
  if (typeof text !== 'string') return 'invalid';
  if (text.trim() === '') return 'empty';
  const type = /^([a-z_]+)\d+$/.exec(keyword)?.[1];
  const rule = type === undefined ? undefined : RULES[type];
  // Every keyword of a real template has one of the documented types, so an unknown name is a caller's bug.
  if (rule === undefined || CONTROL.test(text)) return 'invalid';
  return rule(text) ? 'ok' : 'invalid';
}
