import fc from 'fast-check';
import { ballotSpec, type BallotKind, type BallotSpec } from './ballot';
import { RULE_PRESETS } from './presets';
import { meets, presetAllows, toCentiArea, type RulePresetId, type VoterBasis } from './rules';
import { areaText, shareText, tally, type CountedBallot } from './tally';

const approve = ballotSpec('approve', []);
const owner = (choice: string, squareMetres: number): CountedBallot => ({
  choices: [choice],
  heads: 1,
  area: toCentiArea(squareMetres),
});
const household = (...choices: string[]): CountedBallot => ({ choices, heads: 1, area: 0 });
const repeat = <T>(n: number, make: () => T): T[] => Array.from({ length: n }, make);

describe('thresholds, compared exactly', () => {
  it('reads 以上 as ≥ and 过半数 as >, including at exactly the fraction', () => {
    const twoThirds = RULE_PRESETS.ownersOrdinary.rule.quorum.heads;
    const half = RULE_PRESETS.ownersOrdinary.rule.approval.heads;
    expect(meets(200, 300, twoThirds)).toBe(true);
    expect(meets(199, 300, twoThirds)).toBe(false);
    expect(meets(50, 100, half)).toBe(false);
    expect(meets(51, 100, half)).toBe(true);
    // 2/3 of 100 is not an integer: 67 reaches it, 66 does not, with no floating point in between.
    expect(meets(67, 100, twoThirds)).toBe(true);
    expect(meets(66, 100, twoThirds)).toBe(false);
  });

  it('never lets anything reach a threshold of an empty electorate', () => {
    expect(meets(0, 0, RULE_PRESETS.ownersOrdinary.rule.quorum.heads)).toBe(false);
  });

  it('keeps owners presets for owners and residents presets for people and households', () => {
    expect(presetAllows('ownersMajor', 'owners')).toBe(true);
    expect(presetAllows('ownersMajor', 'household')).toBe(false);
    expect(presetAllows('residentsMeeting', 'owners')).toBe(false);
  });
});

describe('民法典 第278条, worked examples at the boundaries', () => {
  // 12 owner heads holding 1,200.00 ㎡ in the building.
  const electorate = { heads: 12, area: toCentiArea(1200) };

  it('a 3/4 matter passes with exactly 2/3 taking part and exactly 3/4 of them agreeing, by heads and by area', () => {
    // 8 of 12 owners (2/3) with 800 of 1,200 ㎡ (2/3) vote; 6 of 8 (3/4) agree holding 600 of 800 ㎡ (3/4).
    const ballots = [...repeat(6, () => owner('agree', 100)), owner('disagree', 100), owner('abstain', 100)];
    const t = tally({ spec: approve, basis: 'owners', preset: 'ownersMajor', electorate, ballots });
    expect(t.quorum.met).toBe(true);
    expect(t.participation).toEqual({ heads: 8, area: 80000 });
    expect(t.outcome.kind).toBe('passed');
    expect(t.options[0]).toMatchObject({ optionId: 'agree', heads: 6, area: 60000, passes: true });
    expect(t.summary).toContain('表决通过');
    expect(t.decidedBy).toContain('业主共同决定·重大事项');
    expect(t.decidedBy).toContain('四分之三以上（含）');
  });

  it('fails a 3/4 matter by one hundredth of a square metre of agreeing area', () => {
    const ballots = [
      ...repeat(5, () => owner('agree', 100)),
      owner('agree', 99.99),
      owner('disagree', 100.01),
      owner('abstain', 100),
    ];
    const t = tally({ spec: approve, basis: 'owners', preset: 'ownersMajor', electorate, ballots });
    expect(t.quorum.met).toBe(true);
    expect(t.outcome.kind).toBe('rejected');
    expect(t.decidedBy).toContain('同意的专有部分面积');
    expect(t.decidedBy).toContain('未达到');
  });

  it('has no decision when one owner fewer than 2/3 takes part, however many agree', () => {
    const ballots = repeat(7, () => owner('agree', 150));
    const t = tally({ spec: approve, basis: 'owners', preset: 'ownersMajor', electorate, ballots });
    expect(t.participation.area).toBe(105000); // 7 × 150 ㎡ is 87.5% of the area…
    expect(t.quorum.checks.map((c) => c.met)).toEqual([false, true]); // …but 7 of 12 heads is not 2/3
    expect(t.outcome.kind).toBe('noQuorum');
    expect(t.decidedBy).toContain('参与表决人数');
  });

  it('counts a multi-unit owner once by head while their area sums', () => {
    // One owner of four units (400 ㎡) and seven single-unit owners: 8 heads but 1,100 ㎡ take part.
    const ballots = [
      owner('agree', 400),
      ...repeat(4, () => owner('agree', 100)),
      ...repeat(3, () => owner('disagree', 100)),
    ];
    const t = tally({ spec: approve, basis: 'owners', preset: 'ownersOrdinary', electorate, ballots });
    expect(t.participation).toEqual({ heads: 8, area: 110000 });
    // Agree: 5 of 8 heads (> 1/2) and 800 of 1,100 ㎡ (> 1/2) → passes an ordinary matter…
    expect(t.outcome.kind).toBe('passed');
    // …but not a 3/4 matter: area 72.7% and heads 62.5%.
    expect(tally({ spec: approve, basis: 'owners', preset: 'ownersMajor', electorate, ballots }).outcome.kind).toBe(
      'rejected',
    );
  });

  it('rejects an ordinary matter at exactly half: 过半数 means more than half', () => {
    const ballots = [...repeat(4, () => owner('agree', 100)), ...repeat(4, () => owner('disagree', 100))];
    expect(tally({ spec: approve, basis: 'owners', preset: 'ownersOrdinary', electorate, ballots }).outcome.kind).toBe(
      'rejected',
    );
  });

  it('counts 弃权 as taking part but not as agreeing, and says so', () => {
    // 8 take part: 6 agree, 2 abstain → 6/8 = 3/4 passes; one more abstention (5 agree) fails.
    const pass = [...repeat(6, () => owner('agree', 100)), ...repeat(2, () => owner('abstain', 100))];
    const fail = [...repeat(5, () => owner('agree', 100)), ...repeat(3, () => owner('abstain', 100))];
    const t = tally({ spec: approve, basis: 'owners', preset: 'ownersMajor', electorate, ballots: pass });
    expect(t.outcome.kind).toBe('passed');
    expect(t.abstentions).toEqual({ heads: 2, area: 20000 });
    expect(t.approvalBase).toEqual(t.participation);
    expect(t.abstentionRule).toContain('弃权票计入参与表决的人数和专有部分面积');
    expect(
      tally({ spec: approve, basis: 'owners', preset: 'ownersMajor', electorate, ballots: fail }).outcome.kind,
    ).toBe('rejected');
  });
});

describe('居民会议 and 意见征集', () => {
  const electorate = { heads: 10, area: 0 };

  it('needs more than half of the households present and more than half of them agreeing', () => {
    const five = [...repeat(5, () => household('agree'))];
    expect(
      tally({ spec: approve, basis: 'household', preset: 'residentsMeeting', electorate, ballots: five }).outcome.kind,
    ).toBe('noQuorum');
    const six = [...repeat(3, () => household('agree')), ...repeat(3, () => household('disagree'))];
    expect(
      tally({ spec: approve, basis: 'household', preset: 'residentsMeeting', electorate, ballots: six }).outcome.kind,
    ).toBe('rejected');
    const sixPass = [...repeat(4, () => household('agree')), household('disagree'), household('abstain')];
    expect(
      tally({ spec: approve, basis: 'household', preset: 'residentsMeeting', electorate, ballots: sixPass }).outcome
        .kind,
    ).toBe('passed');
  });

  it('ranks a consultation by votes, leaves blank ballots out of the base, and reports a tie instead of picking', () => {
    const spec = ballotSpec('single', ['周六上午', '周日下午', '工作日晚上']);
    const ballots = [household('o1'), household('o1'), household('o2'), household('o2'), household(), household('o3')];
    const t = tally({ spec, basis: 'person', preset: 'consultation', electorate, ballots });
    expect(t.outcome).toEqual({ kind: 'tie', winners: [], tied: ['o1', 'o2'] });
    expect(t.abstentions.heads).toBe(1);
    expect(t.approvalBase.heads).toBe(5);
    expect(t.abstentionRule).toContain('只计入参与率');
    const clear = tally({
      spec,
      basis: 'person',
      preset: 'consultation',
      electorate,
      ballots: [...ballots, household('o2')],
    });
    expect(clear.outcome).toEqual({ kind: 'winner', winners: ['o2'], tied: [] });
    expect(clear.summary).toContain('周日下午');
  });

  it('elects the best k candidates who each reach the share, and reports a tie across the last seat', () => {
    const spec = ballotSpec('election', ['张三', '李四', '王五', '赵六'], 2);
    // 6 of 10 households vote: 张三 5, 李四 4, 王五 4, 赵六 1. More than half of 6 is 4 → 张三, 李四 and 王五 reach it.
    const ballots = [
      household('o1', 'o2'),
      household('o1', 'o3'),
      household('o1', 'o2'),
      household('o1', 'o3'),
      household('o2', 'o3'),
      household('o1', 'o4'),
    ];
    const t = tally({ spec, basis: 'household', preset: 'residentsMeeting', electorate, ballots });
    expect(t.options.map((o) => [o.label, o.heads, o.passes])).toEqual([
      ['张三', 5, true],
      ['李四', 3, false],
      ['王五', 3, false],
      ['赵六', 1, false],
    ]);
    expect(t.outcome).toEqual({ kind: 'elected', winners: ['o1'], tied: [] });
    // 7 vote: 张三 5, 李四 4, 王五 4 all reach "more than half of 7"; 李四 and 王五 tie for the second seat.
    const tiedBallots = [...ballots.slice(0, 5), household('o1'), household('o2', 'o3')];
    const tied = tally({ spec, basis: 'household', preset: 'residentsMeeting', electorate, ballots: tiedBallots });
    expect(tied.outcome).toEqual({ kind: 'elected', winners: ['o1'], tied: ['o2', 'o3'] });
    expect(tied.summary).toContain('票数相同');
  });
});

describe('formatting', () => {
  it('writes areas and shares the way notices do', () => {
    expect(areaText(123456789)).toBe('1,234,567.89㎡');
    expect(shareText(2, 3)).toBe('66.67%');
    expect(shareText(1, 2)).toBe('50%');
    expect(shareText(0, 0)).toBe('0%');
  });
});

/**
 * An independent count: BigInt arithmetic, choices folded one by one, thresholds compared by cross
 * multiplication in the other direction. The tally must agree with it on every random ballot set.
 */
function recount(
  spec: BallotSpec,
  preset: RulePresetId,
  electorate: { heads: number; area: number },
  ballots: CountedBallot[],
) {
  const rule = RULE_PRESETS[preset].rule as (typeof RULE_PRESETS)[RulePresetId]['rule'];
  const abstained = (b: CountedBallot) =>
    spec.kind === 'approve' ? b.choices[0] === 'abstain' : b.choices.length === 0;
  const sum = (xs: CountedBallot[], f: (b: CountedBallot) => number) => xs.reduce((n, b) => n + BigInt(f(b)), 0n);
  const heads = sum(ballots, (b) => b.heads);
  const area = sum(ballots, (b) => b.area);
  const reach = (part: bigint, whole: bigint, t: { fraction: { num: number; den: number }; comparison: string }) =>
    whole > 0n &&
    (t.comparison === 'atLeast'
      ? BigInt(t.fraction.den) * part - BigInt(t.fraction.num) * whole >= 0n
      : BigInt(t.fraction.den) * part - BigInt(t.fraction.num) * whole > 0n);
  const quorum =
    !('quorum' in rule) ||
    (reach(heads, BigInt(electorate.heads), rule.quorum.heads) &&
      (!('area' in rule.quorum) || reach(area, BigInt(electorate.area), rule.quorum.area)));
  const base = rule.abstentions === 'participate' ? ballots : ballots.filter((b) => !abstained(b));
  const options = spec.options.map((o) => {
    const chose = ballots.filter((b) => b.choices.includes(o.optionId));
    const h = sum(chose, (b) => b.heads);
    const a = sum(chose, (b) => b.area);
    const passes =
      rule.approval.kind === 'share' &&
      reach(
        h,
        sum(base, (b) => b.heads),
        rule.approval.heads,
      ) &&
      (!('area' in rule.approval) ||
        reach(
          a,
          sum(base, (b) => b.area),
          rule.approval.area as never,
        ));
    return { optionId: o.optionId, heads: Number(h), area: Number(a), passes };
  });
  return { heads: Number(heads), area: Number(area), quorum, options };
}

const BASES: VoterBasis[] = ['person', 'household', 'owners'];
const PRESETS = Object.keys(RULE_PRESETS) as RulePresetId[];

const pollArb = fc
  .record({
    basis: fc.constantFrom(...BASES),
    kind: fc.constantFrom<BallotKind>('approve', 'single', 'multiple', 'election'),
    optionCount: fc.integer({ min: 2, max: 6 }),
    k: fc.integer({ min: 1, max: 3 }),
    presetPick: fc.nat(),
    electorateHeads: fc.integer({ min: 1, max: 400 }),
  })
  .chain((p) => {
    const presets = PRESETS.filter((id) => presetAllows(id, p.basis));
    const preset = presets[p.presetPick % presets.length] as RulePresetId;
    const spec = ballotSpec(
      p.kind,
      Array.from({ length: p.optionCount }, (_, i) => `选项${i + 1}`),
      Math.min(p.k, p.optionCount),
    );
    const ids = spec.options.map((o) => o.optionId);
    const choice =
      spec.kind === 'approve'
        ? fc.constantFrom(...ids).map((c) => [c])
        : fc.subarray(ids, { minLength: 0, maxLength: spec.maxChoices });
    const ballot = fc.record({
      choices: choice,
      heads: fc.constant(1),
      area: p.basis === 'owners' ? fc.integer({ min: 3000, max: 40000 }) : fc.constant(0),
    });
    return fc.record({
      spec: fc.constant(spec),
      basis: fc.constant(p.basis),
      preset: fc.constant(preset),
      ballots: fc.array(ballot, { maxLength: Math.min(p.electorateHeads, 120) }),
      electorate: fc.constant({ heads: p.electorateHeads, area: p.electorateHeads * 9000 }),
    });
  });

describe('the tally equals an independent recount (property)', () => {
  it('for random ballot sets, bases, presets and ballot types', () => {
    fc.assert(
      fc.property(pollArb, ({ spec, basis, preset, ballots, electorate }) => {
        const t = tally({ spec, basis, preset, electorate, ballots });
        const r = recount(spec, preset, electorate, ballots);
        expect(t.ballots).toBe(ballots.length);
        expect(t.participation).toEqual({ heads: r.heads, area: r.area });
        expect(t.quorum.met).toBe(r.quorum);
        expect(
          t.options.map((o) => ({ optionId: o.optionId, heads: o.heads, area: o.area, passes: o.passes })),
        ).toEqual(r.options);
        if (!r.quorum) expect(t.outcome.kind).toBe('noQuorum');
        // Winners are always options that passed (share rules) or received votes (plurality), never more than the seats.
        for (const w of t.outcome.winners) {
          const o = t.options.find((x) => x.optionId === w)!;
          expect(RULE_PRESETS[preset].rule.approval.kind === 'share' ? o.passes : o.heads > 0).toBe(true);
        }
        expect(t.outcome.winners.length).toBeLessThanOrEqual(
          spec.kind === 'single' || spec.kind === 'approve' ? 1 : spec.maxChoices,
        );
        expect(t.summary.length).toBeGreaterThan(0);
      }),
      { numRuns: 400 },
    );
  });

  it('does not depend on the order ballots are read in', () => {
    fc.assert(
      fc.property(pollArb, fc.nat(), ({ spec, basis, preset, ballots, electorate }, seed) => {
        const shuffled = [...ballots].sort(
          (a, b) => ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 17 + seed) % 5),
        );
        const a = tally({ spec, basis, preset, electorate, ballots });
        const b = tally({ spec, basis, preset, electorate, ballots: shuffled });
        expect(b.options).toEqual(a.options);
        expect(b.outcome).toEqual(a.outcome);
      }),
      { numRuns: 100 },
    );
  });
});
