import type { CheckView, ResultView } from '@linli/shared';
import { areaText } from '@/packages/agora/lib/format';

const MEASURE = { heads: '人数', area: '面积' } as const;

/** 「参与表决 · 人数 12 / 18（需三分之二以上（含）），已达到」: one threshold as the notice states it. */
export function checkLine(c: CheckView): string {
  const of = (n: number) => (c.measure === 'area' ? areaText(n) : `${n} 人`);
  return `${c.label}·${MEASURE[c.measure]}：${of(c.value)} / ${of(c.total)}，需${c.thresholdWords}，${c.met ? '已达到' : '未达到'}`;
}

/** The rows of the count: each option by heads and (owners' polls) by area. */
export function optionRows(r: ResultView, owners: boolean) {
  return r.options.map((o) => ({
    label: o.label,
    heads: `${o.heads} 人`,
    area: owners ? areaText(o.area) : '',
    passes: o.passes,
  }));
}

/** A hash on paper: groups of 8 hex digits, so it can be read out and compared line by line. */
export const groupedHash = (hex: string) => hex.match(/.{1,8}/g)?.join(' ') ?? hex;
