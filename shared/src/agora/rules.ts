/**
 * Decision rules of 议事厅 polls: who the electorate is (basis), how many of them must take part
 * (quorum) and what share an option needs among those who took part (approval). Every comparison is
 * exact integer arithmetic, so "exactly two thirds" is decided the way the law reads, never by a
 * floating-point rounding.
 */

/** How ballots are weighed: one per person, one per household (一户一票), or per owner with area (业主共同决定). */
export const VOTER_BASES = ['person', 'household', 'owners'] as const;
export type VoterBasis = (typeof VOTER_BASES)[number];

export const VOTER_BASIS_LABELS: Record<VoterBasis, string> = {
  person: '每人一票（已绑定的居民）',
  household: '一户一票',
  owners: '业主表决（按专有部分面积和人数）',
};

export interface Fraction {
  num: number;
  den: number;
}

/** `atLeast` is 以上 (≥), `moreThan` is 过半数 / 超过 (>). */
export type Comparison = 'atLeast' | 'moreThan';

export interface Threshold {
  fraction: Fraction;
  comparison: Comparison;
}

/** Whether `part` of `whole` reaches the threshold; nothing reaches a threshold of an empty whole. */
export function meets(part: number, whole: number, t: Threshold): boolean {
  if (!(whole > 0)) return false;
  const left = part * t.fraction.den;
  const right = t.fraction.num * whole;
  return t.comparison === 'atLeast' ? left >= right : left > right;
}

const FRACTION_WORDS: Record<string, string> = { '1/2': '二分之一', '2/3': '三分之二', '3/4': '四分之三' };

/** "三分之二以上" / "过半数": how residents and the law say a threshold. */
export function thresholdWords(t: Threshold): string {
  const key = `${t.fraction.num}/${t.fraction.den}`;
  if (key === '1/2' && t.comparison === 'moreThan') return '过半数';
  const words = FRACTION_WORDS[key] ?? `${t.fraction.num}/${t.fraction.den}`;
  return t.comparison === 'atLeast' ? `${words}以上（含）` : `超过${words}`;
}

/** "≥ 2/3" / "> 1/2": the compact form for charts and tables. */
export function thresholdSymbol(t: Threshold): string {
  return `${t.comparison === 'atLeast' ? '≥' : '>'} ${t.fraction.num}/${t.fraction.den}`;
}

/**
 * What a decision needs. `area` checks apply only to owners' decisions (weights by 专有部分面积).
 * `plurality` means the options are ranked and the most-voted wins, with no share required.
 */
export interface DecisionRule {
  quorum?: { heads: Threshold; area?: Threshold };
  approval: { kind: 'share'; heads: Threshold; area?: Threshold } | { kind: 'plurality' };
  /**
   * `participate`: a 弃权 ballot counts as taking part (in the quorum and in the approval base), so it
   * weighs like a "no" for approval, as 参与表决 reads in 民法典 第278条; `ignored`: it counts for turnout
   * only and is left out of the base, as in an opinion survey.
   */
  abstentions: 'participate' | 'ignored';
}

/** The decision rules a committee picks from; their texts and thresholds are in presets.ts. */
export const RULE_PRESET_IDS = ['residentsMeeting', 'consultation', 'ownersOrdinary', 'ownersMajor'] as const;
export type RulePresetId = (typeof RULE_PRESET_IDS)[number];

/**
 * Which electorates each rule applies to. Kept apart from the presets' long legal texts, so the API
 * contracts (which the mini-program's main package carries) carry only this.
 */
export const PRESET_BASES: Record<RulePresetId, readonly VoterBasis[]> = {
  residentsMeeting: ['person', 'household'],
  consultation: ['person', 'household'],
  ownersOrdinary: ['owners'],
  ownersMajor: ['owners'],
};

export function presetAllows(preset: RulePresetId, basis: VoterBasis): boolean {
  return PRESET_BASES[preset].includes(basis);
}

/** Areas are compared in hundredths of a square metre (integers), so sums and thresholds are exact. */
export const toCentiArea = (squareMetres: number) => Math.round(squareMetres * 100);
