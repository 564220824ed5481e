/**
 * The ballot (选票): its type, its options and what a valid set of choices is. The same check runs in
 * the mini-program (instant feedback) and in the Lambda (the authority).
 */

export const BALLOT_KINDS = ['approve', 'single', 'multiple', 'election'] as const;
export type BallotKind = (typeof BALLOT_KINDS)[number];

export const BALLOT_KIND_LABELS: Record<BallotKind, string> = {
  approve: '同意 / 不同意 / 弃权',
  single: '单选',
  multiple: '多选（最多选 k 项）',
  election: '选举（k 个席位）',
};

export interface BallotOption {
  optionId: string;
  label: string;
}

export interface BallotSpec {
  kind: BallotKind;
  options: BallotOption[];
  /** Most options a voter may choose (multiple) or seats to fill (election); 1 otherwise. */
  maxChoices: number;
}

/** The fixed options of a 同意/不同意/弃权 ballot. */
export const APPROVE_OPTIONS: BallotOption[] = [
  { optionId: 'agree', label: '同意' },
  { optionId: 'disagree', label: '不同意' },
  { optionId: 'abstain', label: '弃权' },
];
export const ABSTAIN = 'abstain';

/** Option ids of free-form ballots are their position, so a poll's options read o1, o2… in the export. */
export function ballotSpec(kind: BallotKind, labels: readonly string[], maxChoices?: number): BallotSpec {
  if (kind === 'approve') return { kind, options: APPROVE_OPTIONS, maxChoices: 1 };
  return {
    kind,
    options: labels.map((label, i) => ({ optionId: `o${i + 1}`, label })),
    maxChoices: kind === 'single' ? 1 : Math.max(1, maxChoices ?? 1),
  };
}

/**
 * Why a set of choices is not a valid ballot, or undefined when it is. An empty choice on a
 * free-form ballot is a blank ballot (弃权); on an approve ballot 弃权 is its own option.
 */
export function invalidChoices(spec: BallotSpec, choices: readonly string[]): string | undefined {
  const known = new Set(spec.options.map((o) => o.optionId));
  if (choices.some((c) => !known.has(c))) return '选项不存在，请刷新后重新选择';
  if (new Set(choices).size !== choices.length) return '同一选项只能选一次';
  if (spec.kind === 'approve') return choices.length === 1 ? undefined : '请选择同意、不同意或弃权中的一项';
  if (choices.length > spec.maxChoices)
    return spec.kind === 'election' ? `最多选 ${spec.maxChoices} 人` : `最多选 ${spec.maxChoices} 项`;
  return undefined;
}

/** A ballot that chose nothing counts as 弃权. */
export function isAbstention(spec: BallotSpec, choices: readonly string[]): boolean {
  return spec.kind === 'approve' ? choices[0] === ABSTAIN : choices.length === 0;
}

/** What a voter chose, in words ("同意", "张三、李四", "弃权"). */
export function choiceWords(spec: BallotSpec, choices: readonly string[]): string {
  if (isAbstention(spec, choices)) return '弃权';
  const label = new Map(spec.options.map((o) => [o.optionId, o.label]));
  return choices.map((c) => label.get(c) ?? c).join('、');
}
