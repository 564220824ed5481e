/**
 * 计票: counts ballots and applies the poll's decision rule. Pure: the close-time Lambda feeds it
 * every ballot read back from the table, the recount endpoint does it again, and property tests
 * compare it with an independent count.
 */
import { ABSTAIN, isAbstention, type BallotSpec } from './ballot';
import { abstentionWords, RULE_PRESETS } from './presets';
import { meets, thresholdWords, type DecisionRule, type RulePresetId, type Threshold, type VoterBasis } from './rules';

/** One counted ballot: its choices and weights (heads is always 1; area in hundredths of ㎡, owners' polls only). */
export interface CountedBallot {
  choices: readonly string[];
  heads: number;
  area: number;
}

export interface Totals {
  heads: number;
  area: number;
}

export interface TallyInput {
  spec: BallotSpec;
  basis: VoterBasis;
  preset: RulePresetId;
  /** Everyone entitled to vote, frozen when the vote was scheduled. */
  electorate: Totals;
  ballots: Iterable<CountedBallot>;
}

export interface Check {
  /** What was measured, e.g. 参与表决人数. */
  label: string;
  measure: 'heads' | 'area';
  value: number;
  total: number;
  threshold: Threshold;
  met: boolean;
}

export interface OptionTally {
  optionId: string;
  label: string;
  heads: number;
  area: number;
  /** The approval checks of this option (empty under a plurality rule). */
  checks: Check[];
  passes: boolean;
}

export type OutcomeKind = 'passed' | 'rejected' | 'noQuorum' | 'winner' | 'noWinner' | 'elected' | 'tie';

export interface Tally {
  ballots: number;
  electorate: Totals;
  participation: Totals;
  abstentions: Totals;
  /** The denominator of approval shares: everyone who took part, or only those who did not abstain. */
  approvalBase: Totals;
  quorum: { checks: Check[]; met: boolean };
  options: OptionTally[];
  outcome: { kind: OutcomeKind; winners: string[]; tied: string[] };
  /** The outcome and its numbers in plain words. */
  summary: string;
  /** The rule that decided the outcome, in plain words. */
  decidedBy: string;
  abstentionRule: string;
}

const HEAD_NOUN: Record<VoterBasis, string> = { person: '人', household: '户', owners: '人' };

export function tally(input: TallyInput): Tally {
  const { spec, basis } = input;
  const preset = RULE_PRESETS[input.preset];
  const rule: DecisionRule = preset.rule;
  const perOption = new Map(spec.options.map((o) => [o.optionId, { heads: 0, area: 0 }]));
  const participation = { heads: 0, area: 0 };
  const abstentions = { heads: 0, area: 0 };
  let ballots = 0;
  for (const b of input.ballots) {
    ballots++;
    participation.heads += b.heads;
    participation.area += b.area;
    if (isAbstention(spec, b.choices)) {
      abstentions.heads += b.heads;
      abstentions.area += b.area;
    }
    for (const c of b.choices) {
      const o = perOption.get(c);
      if (o) {
        o.heads += b.heads;
        o.area += b.area;
      }
    }
  }
  const noun = HEAD_NOUN[basis];
  const approvalBase =
    rule.abstentions === 'participate'
      ? participation
      : { heads: participation.heads - abstentions.heads, area: participation.area - abstentions.area };

  const quorumChecks: Check[] = [];
  if (rule.quorum) {
    quorumChecks.push(check('参与表决人数', 'heads', participation.heads, input.electorate.heads, rule.quorum.heads));
    if (rule.quorum.area)
      quorumChecks.push(
        check('参与表决的专有部分面积', 'area', participation.area, input.electorate.area, rule.quorum.area),
      );
  }
  const quorumMet = quorumChecks.every((c) => c.met);

  const options: OptionTally[] = spec.options.map((o) => {
    const counts = perOption.get(o.optionId) as Totals;
    const checks: Check[] = [];
    if (rule.approval.kind === 'share') {
      checks.push(check(`${o.label}的人数`, 'heads', counts.heads, approvalBase.heads, rule.approval.heads));
      if (rule.approval.area)
        checks.push(check(`${o.label}的专有部分面积`, 'area', counts.area, approvalBase.area, rule.approval.area));
    }
    const passes = rule.approval.kind === 'share' ? checks.every((c) => c.met) : false;
    return { optionId: o.optionId, label: o.label, heads: counts.heads, area: counts.area, checks, passes };
  });

  const outcome = decide(spec, rule, quorumMet, options);
  const words = describe({
    spec,
    basis,
    noun,
    preset: input.preset,
    quorumChecks,
    quorumMet,
    options,
    outcome,
    participation,
    electorate: input.electorate,
    ballots,
  });
  return {
    ballots,
    electorate: input.electorate,
    participation,
    abstentions,
    approvalBase,
    quorum: { checks: quorumChecks, met: quorumMet },
    options,
    outcome,
    summary: words.summary,
    decidedBy: words.decidedBy,
    abstentionRule: abstentionWords(rule, basis),
  };
}

function check(label: string, measure: 'heads' | 'area', value: number, total: number, threshold: Threshold): Check {
  return { label, measure, value, total, threshold, met: meets(value, total, threshold) };
}

function decide(spec: BallotSpec, rule: DecisionRule, quorumMet: boolean, options: OptionTally[]): Tally['outcome'] {
  if (!quorumMet) return { kind: 'noQuorum', winners: [], tied: [] };
  const byId = (id: string) => options.find((o) => o.optionId === id) as OptionTally;
  if (spec.kind === 'approve') {
    const agree = byId('agree');
    if (rule.approval.kind === 'share')
      return { kind: agree.passes ? 'passed' : 'rejected', winners: agree.passes ? ['agree'] : [], tied: [] };
    const disagree = byId('disagree');
    if (agree.heads === disagree.heads) return { kind: 'tie', winners: [], tied: ['agree', 'disagree'] };
    return agree.heads > disagree.heads
      ? { kind: 'passed', winners: ['agree'], tied: [] }
      : { kind: 'rejected', winners: [], tied: [] };
  }
  const seats = spec.kind === 'single' ? 1 : spec.maxChoices;
  const candidates = options.filter(
    (o) => o.optionId !== ABSTAIN && (rule.approval.kind === 'share' ? o.passes : o.heads > 0),
  );
  const { winners, tied } = top(candidates, seats, rule.approval.kind === 'share');
  if (winners.length === 0 && tied.length === 0) return { kind: 'noWinner', winners: [], tied: [] };
  if (winners.length === 0) return { kind: 'tie', winners: [], tied };
  return { kind: spec.kind === 'single' ? 'winner' : 'elected', winners, tied };
}

/**
 * The `seats` best options by heads (then area where area weighs). Options tied across the last seat
 * are reported as tied rather than picked: a tie is the committee's to resolve (runoff), not chance's.
 */
function top(candidates: OptionTally[], seats: number, byArea: boolean) {
  const key = (o: OptionTally) => [o.heads, byArea ? o.area : 0] as const;
  const sorted = [...candidates].sort((a, b) => key(b)[0] - key(a)[0] || key(b)[1] - key(a)[1]);
  if (sorted.length <= seats) return { winners: sorted.map((o) => o.optionId), tied: [] as string[] };
  const boundary = key(sorted[seats - 1] as OptionTally);
  const same = (o: OptionTally) => key(o)[0] === boundary[0] && key(o)[1] === boundary[1];
  if (!same(sorted[seats] as OptionTally))
    return { winners: sorted.slice(0, seats).map((o) => o.optionId), tied: [] as string[] };
  return {
    winners: sorted.filter((o) => !same(o) && sorted.indexOf(o) < seats).map((o) => o.optionId),
    tied: sorted.filter(same).map((o) => o.optionId),
  };
}

/** 1,234.56㎡ from hundredths of a square metre. */
export function areaText(centi: number): string {
  const [int, frac] = (centi / 100).toFixed(2).split('.');
  return `${(int as string).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}.${frac}㎡`;
}

/** 66.67% (two decimals; 0% of an empty whole). */
export function shareText(part: number, whole: number): string {
  if (!(whole > 0)) return '0%';
  return `${(Math.round((part / whole) * 10000) / 100).toFixed(2).replace(/\.?0+$/, '')}%`;
}

export function checkWords(c: Check, noun: string): string {
  const value = c.measure === 'area' ? areaText(c.value) : `${c.value} ${noun}`;
  const total = c.measure === 'area' ? areaText(c.total) : `${c.total} ${noun}`;
  return `${c.label} ${value} / ${total}（${shareText(c.value, c.total)}，需${thresholdWords(c.threshold)}，${c.met ? '达到' : '未达到'}）`;
}

function describe(a: {
  spec: BallotSpec;
  basis: VoterBasis;
  noun: string;
  preset: RulePresetId;
  quorumChecks: Check[];
  quorumMet: boolean;
  options: OptionTally[];
  outcome: Tally['outcome'];
  participation: Totals;
  electorate: Totals;
  ballots: number;
}): { summary: string; decidedBy: string } {
  const label = (id: string) => a.options.find((o) => o.optionId === id)?.label ?? id;
  const turnout = `共收回 ${a.ballots} 张有效选票，参与 ${a.participation.heads} / ${a.electorate.heads} ${a.noun}（${shareText(a.participation.heads, a.electorate.heads)}）${
    a.basis === 'owners'
      ? `，专有部分面积 ${areaText(a.participation.area)} / ${areaText(a.electorate.area)}（${shareText(a.participation.area, a.electorate.area)}）`
      : ''
  }。`;
  const failedQuorum = a.quorumChecks.find((c) => !c.met);
  const optionChecks = (id: string) =>
    (a.options.find((o) => o.optionId === id)?.checks ?? []).map((c) => checkWords(c, a.noun)).join('；');
  const rankLine = a.options
    .filter((o) => o.optionId !== ABSTAIN)
    .map((o) => `${o.label} ${o.heads} ${a.noun}${a.basis === 'owners' ? `（${areaText(o.area)}）` : ''}`)
    .join('，');
  const presetLabel = RULE_PRESETS[a.preset].label;
  switch (a.outcome.kind) {
    case 'noQuorum':
      return {
        summary: `未形成决定：参与表决未达到法定比例。${turnout}`,
        decidedBy: `${presetLabel}：${checkWords(failedQuorum as Check, a.noun)}。`,
      };
    case 'passed':
      return {
        summary: `表决通过。${turnout}`,
        decidedBy: `${presetLabel}：${a.quorumChecks
          .map((c) => checkWords(c, a.noun))
          .concat(
            optionChecks('agree')
              ? [optionChecks('agree')]
              : [`同意 ${a.options[0]?.heads} ${a.noun}，多于不同意 ${a.options[1]?.heads} ${a.noun}`],
          )
          .join('；')}。`,
      };
    case 'rejected': {
      const agree = a.options.find((o) => o.optionId === 'agree') as OptionTally;
      const failing = agree.checks.find((c) => !c.met);
      return {
        summary: `表决未通过。${turnout}`,
        decidedBy: `${presetLabel}：${failing ? checkWords(failing, a.noun) : `同意 ${agree.heads} ${a.noun}，不多于不同意 ${a.options[1]?.heads} ${a.noun}`}。`,
      };
    }
    case 'winner':
    case 'elected':
      return {
        summary: `${a.outcome.kind === 'winner' ? '得票结果：' : '当选：'}${a.outcome.winners.map(label).join('、')}。${turnout}${a.outcome.tied.length ? `${a.outcome.tied.map(label).join('、')} 票数相同，需另行决定。` : ''}`,
        decidedBy: `${presetLabel}：${rankLine}。${a.outcome.winners
          .map((w) => optionChecks(w))
          .filter(Boolean)
          .join('；')}`,
      };
    case 'tie':
      return {
        summary: `${a.outcome.tied.map(label).join('、')} 票数相同，未能产生结果，需另行决定。${turnout}`,
        decidedBy: `${presetLabel}：${rankLine}。`,
      };
    case 'noWinner':
      return { summary: `没有选项达到通过比例。${turnout}`, decidedBy: `${presetLabel}：${rankLine}。` };
  }
}
