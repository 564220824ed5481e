import { chinaDateText, chinaDateTimeText } from '../time/chinaTime';
import type { TemplateMapping } from './templates';

/**
 * Turns an intent into the `data` of a subscribe message that WeChat will accept. WeChat refuses a whole
 * send with 47003 when one keyword breaks its type's rule (thing ≤ 20 characters, phrase ≤ 5 汉字, name
 * ≤ 10 汉字, time in its formats, …: the table 订阅消息参数值内容限制说明 in the sendMessage doc), so every
 * value is made to fit — long text is cut with an ellipsis — or, where no honest fit exists (a number
 * keyword fed words), the message is not rendered at all and goes to the inbox only.
 */

const ELLIPSIS = '…';
const HAN = /\p{Script=Han}/u;
const HAN_ONLY = /[^\p{Script=Han}]/gu;
// Control and bidi-override characters never belong in a message; line breaks become spaces.
const INVISIBLE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/gu;

const chars = (s: string) => [...s];

/** Collapses whitespace, drops invisible characters, trims. */
function clean(value: string): string {
  return value.replace(/\s+/gu, ' ').replace(INVISIBLE, '').trim();
}

/** At most `max` characters; a cut keeps room for the ellipsis so the reader knows there is more. */
export function fitLength(value: string, max: number): string {
  const list = chars(value);
  if (list.length <= max) return value;
  return (
    list
      .slice(0, max - 1)
      .join('')
      .trimEnd() + ELLIPSIS
  );
}

type Fit = (value: string) => string | undefined;

function isoInstant(value: string): Date | undefined {
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return undefined;
  const at = new Date(value);
  return Number.isNaN(at.getTime()) ? undefined : at;
}

const FITS: Readonly<Record<string, Fit>> = {
  thing: (v) => fitLength(v, 20) || undefined,
  // 5个以内纯汉字: keep the 汉字, cut without an ellipsis (it is not one).
  phrase: (v) => chars(v.replace(HAN_ONLY, '')).slice(0, 5).join('') || undefined,
  // 10个以内纯汉字或20个以内纯字母或符号 — and no digits at all.
  name: (v) => {
    const text = v.replace(/\d/g, '').trim();
    if (!text) return undefined;
    return HAN.test(text) ? chars(text).slice(0, 10).join('') : chars(text).slice(0, 20).join('');
  },
  time: (v) => {
    const at = isoInstant(v);
    return at ? chinaDateTimeText(at) : undefined;
  },
  date: (v) => {
    const at = isoInstant(v);
    return at ? chinaDateText(at) : undefined;
  },
  number: (v) => (/^\d{1,32}(?:\.\d+)?$/.test(v) && chars(v).length <= 32 ? v : undefined),
  character_string: (v) =>
    chars(v.replace(/\p{Script=Han}/gu, '').replace(/\s+/g, ''))
      .slice(0, 32)
      .join('') || undefined,
  letter: (v) => (/^[A-Za-z]{1,32}$/.test(v) ? v : undefined),
  amount: (v) => (/^[¥￥$€£]?\d{1,10}(?:\.\d+)?元?$/u.test(v) ? v : undefined),
  phone_number: (v) => (chars(v).length <= 17 && /^[\d+\-() ]+$/.test(v) ? v : undefined),
};

export type RenderedData = { ok: true; data: Record<string, string> } | { ok: false; keyword: string; reason: string };

export interface RenderSource {
  title: string;
  body: string;
  data: Readonly<Record<string, string>>;
}

/**
 * Fills each keyword of a template from the intent, fitted to WeChat's rules. `ok: false` names the
 * first keyword that cannot be filled honestly (missing data, or a value of the wrong kind).
 */
export function renderTemplateData(mapping: TemplateMapping, source: RenderSource, sentAt: Date): RenderedData {
  const data: Record<string, string> = {};
  for (const [keyword, from] of Object.entries(mapping.values)) {
    const raw = valueOf(from, source, sentAt);
    const type = /^([a-z_]+)\d+$/.exec(keyword)?.[1];
    const fit = type ? FITS[type] : undefined;
    if (!fit) return { ok: false, keyword, reason: `模板字段 ${keyword} 的类型不受支持` };
    const value = raw === undefined ? undefined : fit(clean(raw));
    if (value === undefined || value === '')
      return { ok: false, keyword, reason: `模板字段 ${keyword} 没有合规的内容` };
    data[keyword] = value;
  }
  return { ok: true, data };
}

function valueOf(from: string, source: RenderSource, sentAt: Date): string | undefined {
  if (from === 'title') return source.title;
  if (from === 'body') return source.body;
  if (from === 'sentAt') return sentAt.toISOString();
  if (from.startsWith('data.')) return source.data[from.slice(5)];
  if (from.startsWith('=')) return from.slice(1);
  return undefined;
}
