import { ballotSpec, invalidChoices } from './ballot';
import { bucketOf, stageOf } from './phases';
import { abstentionWords, RULE_PRESETS } from './presets';
import { thresholdSymbol, thresholdWords, toCentiArea } from './rules';
import { scopeAudience, scopeWords } from './scope';
import { tally, type CountedBallot } from './tally';

/**
 * What residents read of a poll, word for word: the published result (summary and how it was decided), the
 * stage and list a topic shows in, thresholds and scopes in words. These are notices on a 公告栏; a changed
 * word, a dropped area or a swapped "多于/不多于" is a wrong notice, so the texts are pinned exactly.
 */
const approve = ballotSpec('approve', []);
const owner = (choice: string, squareMetres: number): CountedBallot => ({
  choices: [choice],
  heads: 1,
  area: toCentiArea(squareMetres),
});
const vote = (...choices: string[]): CountedBallot => ({ choices, heads: 1, area: 0 });
const words = (t: ReturnType<typeof tally>) => ({ outcome: t.outcome, summary: t.summary, decidedBy: t.decidedBy });

describe('the published result, word for word', () => {
  it('an owners’ ordinary matter that passes names every check, by heads and by area', () => {
    const t = tally({
      spec: approve,
      basis: 'owners',
      preset: 'ownersOrdinary',
      electorate: { heads: 4, area: toCentiArea(400) },
      ballots: [owner('agree', 100), owner('agree', 100), owner('disagree', 100)],
    });
    expect(words(t)).toEqual({
      outcome: { kind: 'passed', winners: ['agree'], tied: [] },
      summary: '表决通过。共收回 3 张有效选票，参与 3 / 4 人（75%），专有部分面积 300.00㎡ / 400.00㎡（75%）。',
      decidedBy:
        '业主共同决定·一般事项（双三分之二参与、双过半同意）：参与表决人数 3 人 / 4 人（75%，需三分之二以上（含），达到）；' +
        '参与表决的专有部分面积 300.00㎡ / 400.00㎡（75%，需三分之二以上（含），达到）；' +
        '同意的人数 2 人 / 3 人（66.67%，需过半数，达到）；同意的专有部分面积 200.00㎡ / 300.00㎡（66.67%，需过半数，达到）。',
    });
  });

  it('an approve ballot under a plurality rule passes, ties or fails on heads alone, and says which', () => {
    const consult = (basis: 'household' | 'person', ...ballots: CountedBallot[]) =>
      words(tally({ spec: approve, basis, preset: 'consultation', electorate: { heads: 10, area: 0 }, ballots }));
    expect(consult('household', vote('agree'), vote('agree'), vote('disagree'))).toEqual({
      outcome: { kind: 'passed', winners: ['agree'], tied: [] },
      summary: '表决通过。共收回 3 张有效选票，参与 3 / 10 户（30%）。',
      decidedBy: '意见征集（得票最多者领先，供参考）：同意 2 户，多于不同意 1 户。',
    });
    expect(consult('household', vote('agree'), vote('disagree'))).toEqual({
      outcome: { kind: 'tie', winners: [], tied: ['agree', 'disagree'] },
      summary: '同意、不同意 票数相同，未能产生结果，需另行决定。共收回 2 张有效选票，参与 2 / 10 户（20%）。',
      decidedBy: '意见征集（得票最多者领先，供参考）：同意 1 户，不同意 1 户。',
    });
    expect(consult('person', vote('agree'), vote('disagree'), vote('disagree'))).toEqual({
      outcome: { kind: 'rejected', winners: [], tied: [] },
      summary: '表决未通过。共收回 3 张有效选票，参与 3 / 10 人（30%）。',
      decidedBy: '意见征集（得票最多者领先，供参考）：同意 1 人，不多于不同意 2 人。',
    });
  });

  it('a residents’ meeting without quorum, and one that fails its share, name the check that failed', () => {
    const meeting = (heads: number, ...ballots: CountedBallot[]) =>
      words(
        tally({
          spec: approve,
          basis: 'household',
          preset: 'residentsMeeting',
          electorate: { heads, area: 0 },
          ballots,
        }),
      );
    expect(meeting(10, vote('agree'))).toEqual({
      outcome: { kind: 'noQuorum', winners: [], tied: [] },
      summary: '未形成决定：参与表决未达到法定比例。共收回 1 张有效选票，参与 1 / 10 户（10%）。',
      decidedBy: '居民会议表决（过半数出席、过半数通过）：参与表决人数 1 户 / 10 户（10%，需过半数，未达到）。',
    });
    expect(meeting(4, vote('agree'), vote('disagree'), vote('disagree'))).toEqual({
      outcome: { kind: 'rejected', winners: [], tied: [] },
      summary: '表决未通过。共收回 3 张有效选票，参与 3 / 4 户（75%）。',
      decidedBy: '居民会议表决（过半数出席、过半数通过）：同意的人数 1 户 / 3 户（33.33%，需过半数，未达到）。',
    });
  });

  it('a single choice names its winner or its tie, with every option’s count', () => {
    const single = ballotSpec('single', ['甲', '乙', '丙']);
    const consult = (...ballots: CountedBallot[]) =>
      words(
        tally({
          spec: single,
          basis: 'household',
          preset: 'consultation',
          electorate: { heads: 10, area: 0 },
          ballots,
        }),
      );
    expect(consult(vote('o1'), vote('o1'), vote('o2'))).toEqual({
      outcome: { kind: 'winner', winners: ['o1'], tied: [] },
      summary: '得票结果：甲。共收回 3 张有效选票，参与 3 / 10 户（30%）。',
      decidedBy: '意见征集（得票最多者领先，供参考）：甲 2 户，乙 1 户，丙 0 户。',
    });
    expect(consult(vote('o1'), vote('o2'))).toEqual({
      outcome: { kind: 'tie', winners: [], tied: ['o1', 'o2'] },
      summary: '甲、乙 票数相同，未能产生结果，需另行决定。共收回 2 张有效选票，参与 2 / 10 户（20%）。',
      decidedBy: '意见征集（得票最多者领先，供参考）：甲 1 户，乙 1 户，丙 0 户。',
    });
  });

  it('an election names who is elected with their checks, or that nobody reached the share', () => {
    const election = ballotSpec('election', ['张三', '李四', '王五', '赵六'], 2);
    const elect = (...ballots: CountedBallot[]) =>
      words(
        tally({
          spec: election,
          basis: 'person',
          preset: 'residentsMeeting',
          electorate: { heads: 5, area: 0 },
          ballots,
        }),
      );
    expect(elect(vote('o1', 'o2'), vote('o1', 'o2'), vote('o1', 'o3'), vote('o2', 'o3'))).toEqual({
      outcome: { kind: 'elected', winners: ['o1', 'o2'], tied: [] },
      summary: '当选：张三、李四。共收回 4 张有效选票，参与 4 / 5 人（80%）。',
      decidedBy:
        '居民会议表决（过半数出席、过半数通过）：张三 3 人，李四 3 人，王五 2 人，赵六 0 人。' +
        '张三的人数 3 人 / 4 人（75%，需过半数，达到）；李四的人数 3 人 / 4 人（75%，需过半数，达到）',
    });
    expect(elect(vote('o1'), vote('o2'), vote('o3'))).toEqual({
      outcome: { kind: 'noWinner', winners: [], tied: [] },
      summary: '没有选项达到通过比例。共收回 3 张有效选票，参与 3 / 5 人（60%）。',
      decidedBy: '居民会议表决（过半数出席、过半数通过）：张三 1 人，李四 1 人，王五 1 人，赵六 0 人。',
    });
  });

  it('reports a tie across the last seat beside the seats it could fill, with owners’ areas', () => {
    const multiple = ballotSpec('multiple', ['甲', '乙', '丙'], 2);
    const t = tally({
      spec: multiple,
      basis: 'owners',
      preset: 'consultation',
      electorate: { heads: 5, area: toCentiArea(500) },
      ballots: [owner('o1', 100), owner('o1', 100), owner('o2', 100), owner('o3', 100)],
    });
    expect(words(t)).toEqual({
      outcome: { kind: 'elected', winners: ['o1'], tied: ['o2', 'o3'] },
      summary:
        '当选：甲。共收回 4 张有效选票，参与 4 / 5 人（80%），专有部分面积 400.00㎡ / 500.00㎡（80%）。乙、丙 票数相同，需另行决定。',
      decidedBy: '意见征集（得票最多者领先，供参考）：甲 2 人（200.00㎡），乙 1 人（100.00㎡），丙 1 人（100.00㎡）。',
    });
  });

  it('breaks an equal head count by area where area weighs (owners’ share rules)', () => {
    const oneSeat = ballotSpec('multiple', ['甲', '乙', '丙'], 1);
    const t = tally({
      spec: oneSeat,
      basis: 'owners',
      preset: 'ownersOrdinary',
      electorate: { heads: 3, area: toCentiArea(300) },
      ballots: [{ choices: ['o1', 'o2'], heads: 1, area: toCentiArea(120) }, owner('o2', 80), owner('o1', 100)],
    });
    // 甲 and 乙 both have 2 owners; 甲's 220 ㎡ beat 乙's 200 ㎡ for the one seat.
    expect(t.outcome).toEqual({ kind: 'elected', winners: ['o1'], tied: [] });
    expect(t.decidedBy).toContain('甲 2 人（220.00㎡），乙 2 人（200.00㎡）');
  });
});

describe('stages, lists, thresholds and scopes in words', () => {
  const now = new Date('2026-05-01T08:00:00Z');

  it('shows each phase as its stage, a vote by its window, and a published result with a commitment as 落实中', () => {
    expect(stageOf({ phase: 'proposed' }, now)).toBe('proposal');
    expect(stageOf({ phase: 'queued' }, now)).toBe('queued');
    expect(stageOf({ phase: 'declined' }, now)).toBe('declined');
    expect(stageOf({ phase: 'deliberation' }, now)).toBe('deliberation');
    expect(stageOf({ phase: 'counting' }, now)).toBe('counting');
    expect(stageOf({ phase: 'published' }, now)).toBe('published');
    expect(stageOf({ phase: 'published', hasCommitment: true }, now)).toBe('implementation');
    const window = { opensAt: '2026-05-01T08:00:00.000Z', closesAt: '2026-05-02T08:00:00.000Z' };
    expect(stageOf({ phase: 'voting', ...window }, new Date('2026-05-01T07:59:59Z'))).toBe('upcoming');
    expect(stageOf({ phase: 'voting', ...window }, now)).toBe('voting');
    expect(stageOf({ phase: 'voting', ...window }, new Date('2026-05-02T08:00:00Z'))).toBe('counting');
  });

  it('lists proposals, open topics and closed ones apart', () => {
    expect(['proposed', 'queued'].map((p) => bucketOf(p as 'proposed'))).toEqual(['proposals', 'proposals']);
    expect(['declined', 'published'].map((p) => bucketOf(p as 'declined'))).toEqual(['closed', 'closed']);
    expect(['deliberation', 'voting', 'counting'].map((p) => bucketOf(p as 'voting'))).toEqual([
      'open',
      'open',
      'open',
    ]);
  });

  it('says thresholds as the law does, and compactly for charts', () => {
    const { quorum, approval } = RULE_PRESETS.ownersMajor.rule;
    expect(thresholdWords(quorum.heads!)).toBe('三分之二以上（含）');
    expect(thresholdWords(RULE_PRESETS.residentsMeeting.rule.quorum!.heads!)).toBe('过半数');
    expect(thresholdWords({ fraction: { num: 1, den: 2 }, comparison: 'atLeast' })).toBe('二分之一以上（含）');
    expect(thresholdWords({ fraction: { num: 3, den: 5 }, comparison: 'moreThan' })).toBe('超过3/5');
    expect(thresholdSymbol(quorum.heads!)).toBe('≥ 2/3');
    expect(thresholdSymbol((approval as { heads: Parameters<typeof thresholdSymbol>[0] }).heads)).toBe('≥ 3/4');
    expect(thresholdSymbol({ fraction: { num: 1, den: 2 }, comparison: 'moreThan' })).toBe('> 1/2');
  });

  it('says what 弃权 counts toward, by the basis', () => {
    expect(abstentionWords(RULE_PRESETS.ownersOrdinary.rule, 'owners')).toContain('参与表决的人数和专有部分面积');
    expect(abstentionWords(RULE_PRESETS.residentsMeeting.rule, 'household')).toContain('参与表决的人数');
    expect(abstentionWords(RULE_PRESETS.residentsMeeting.rule, 'household')).not.toContain('专有部分面积');
  });

  it('names a scope and addresses its residents', () => {
    const names = { grid: (id: string) => `网格${id}`, building: (id: string) => `${id}栋` };
    expect(scopeWords({ kind: 'community' }, names)).toBe('全社区');
    expect(scopeWords({ kind: 'grids', gridIds: ['一', '二'] }, names)).toBe('网格一、网格二');
    expect(scopeWords({ kind: 'buildings', buildingIds: ['3', '5'] }, names)).toBe('3栋、5栋');
    expect(scopeWords({ kind: 'units', unitIds: ['u1', 'u2', 'u3'] }, names)).toBe('指定的 3 户');
    expect(scopeAudience({ kind: 'community' })).toEqual({ kind: 'scope', scope: {} });
    expect(scopeAudience({ kind: 'grids', gridIds: ['g1'] })).toEqual({ kind: 'scope', scope: { gridIds: ['g1'] } });
    expect(scopeAudience({ kind: 'buildings', buildingIds: ['b1'] })).toEqual({
      kind: 'scope',
      scope: { buildingIds: ['b1'] },
    });
    expect(scopeAudience({ kind: 'units', unitIds: ['u1'] })).toEqual({ kind: 'scope', scope: { unitIds: ['u1'] } });
  });

  it('caps choices as the ballot says, one for a single choice whatever is asked', () => {
    expect(ballotSpec('single', ['甲', '乙'], 3).maxChoices).toBe(1);
    expect(ballotSpec('multiple', ['甲', '乙']).maxChoices).toBe(1);
    expect(ballotSpec('multiple', ['甲', '乙', '丙'], 0).maxChoices).toBe(1);
    const election = ballotSpec('election', ['甲', '乙', '丙'], 2);
    const multiple = ballotSpec('multiple', ['甲', '乙', '丙'], 2);
    expect(invalidChoices(election, ['o1', 'o2', 'o3'])).toBe('最多选 2 人');
    expect(invalidChoices(multiple, ['o1', 'o2', 'o3'])).toBe('最多选 2 项');
    expect(invalidChoices(multiple, ['o1', 'o2'])).toBeUndefined();
  });
});
