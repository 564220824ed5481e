const CN_DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 二十三 → 23 (up to 999), for labels like 第十二网格; NaN when it is not a Chinese numeral. */
export function chineseNumeral(s: string): number {
  let total = 0;
  let digit = 0;
  for (const ch of s) {
    if (ch in CN_DIGITS) digit = CN_DIGITS[ch] as number;
    else if (ch === '十' || ch === '百') {
      total += (digit || 1) * (ch === '十' ? 10 : 100);
      digit = 0;
    } else return NaN;
  }
  return total + digit;
}

/**
 * Compares labels the way people count doors and grids: "2单元" before "10单元", "502" before "1101",
 * "第二网格" before "第十网格". Hand-rolled because Intl collation with `numeric` is missing on some
 * mini-program engines, and no collation reads Chinese numerals.
 */
export function naturalCompare(a: string, b: string): number {
  const re = /(\d+)|([零〇一二两三四五六七八九十百]+)|([^\d零〇一二两三四五六七八九十百]+)/g;
  const pa = a.match(re) ?? [];
  const pb = b.match(re) ?? [];
  const num = (t: string) => (/^\d/.test(t) ? Number(t) : chineseNumeral(t));
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const x = pa[i];
    const y = pb[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const nx = num(x);
    const ny = num(y);
    if (!Number.isNaN(nx) && !Number.isNaN(ny)) {
      if (nx !== ny) return nx - ny;
    } else if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
