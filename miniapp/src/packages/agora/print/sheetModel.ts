import type { ResponseOf } from '@linli/shared';
import type { agoraArchiveRoutes } from '@linli/shared';
import { areaText, SECRECY_STATEMENT, windowText } from '@/packages/agora/lib/format';

export type SheetsAnswer = ResponseOf<typeof agoraArchiveRoutes.ballotSheets>;
export type Sheet = SheetsAnswer['sheets'][number];

/** ABCD-EFGH: the code as printed, in two groups a 楼长 reads back easily. */
export const printedCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4)}`;

/** How many boxes a voter may tick, in words on the sheet. */
export function choiceRule(a: Pick<SheetsAnswer, 'ballotKind' | 'maxChoices'>): string {
  if (a.ballotKind === 'approve' || a.ballotKind === 'single') return '请在一个选项后的方框内打“✓”，多选或不选视为弃权';
  return `请在选项后的方框内打“✓”，最多选 ${a.maxChoices} 项，超过视为弃权`;
}

/** The lines of one 表决票 that are not the options: who, which units and area, the matter, the rule. */
export function sheetLines(a: SheetsAnswer, s: Sheet) {
  return {
    heading: a.basis === 'owners' ? '业主共同决定事项表决票' : '居民表决票（一户一票）',
    holder: a.basis === 'owners' ? `业主（权利人）：${s.holder}` : `房屋：${s.holder}`,
    units: s.units.map((u) => `${u.label}（建筑面积 ${areaText(u.area)}）`),
    area: `专有部分面积合计：${areaText(s.area)}`,
    window: `表决时间：${windowText(a.opensAt, a.closesAt)}`,
    rule: `${a.ruleName}。依据：${a.legalBasis}`,
    secrecy: SECRECY_STATEMENT[a.secrecy],
    code: `表决票编码：${printedCode(s.code)}`,
  };
}
