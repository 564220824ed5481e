import { ballotSpec, choiceWords, invalidChoices, isAbstention } from './ballot';
import { voteSpecSchema } from './pollContracts';
import { bucketOf, canTransition, stageOf, TOPIC_TRANSITIONS } from './phases';
import { scopeAudience, unitInScope } from './scope';

describe('ballot choices', () => {
  const approve = ballotSpec('approve', []);
  const pick2 = ballotSpec('multiple', ['绿化', '停车', '照明'], 2);

  it('accepts exactly one of 同意/不同意/弃权', () => {
    expect(invalidChoices(approve, ['agree'])).toBeUndefined();
    expect(invalidChoices(approve, [])).toBe('请选择同意、不同意或弃权中的一项');
    expect(invalidChoices(approve, ['agree', 'disagree'])).toBeDefined();
    expect(isAbstention(approve, ['abstain'])).toBe(true);
  });

  it('caps multiple choice at k, refuses unknown and repeated options, and treats an empty ballot as 弃权', () => {
    expect(invalidChoices(pick2, ['o1', 'o3'])).toBeUndefined();
    expect(invalidChoices(pick2, ['o1', 'o2', 'o3'])).toBe('最多选 2 项');
    expect(invalidChoices(pick2, ['o9'])).toBe('选项不存在，请刷新后重新选择');
    expect(invalidChoices(pick2, ['o1', 'o1'])).toBe('同一选项只能选一次');
    expect(isAbstention(pick2, [])).toBe(true);
    expect(choiceWords(pick2, ['o1', 'o3'])).toBe('绿化、照明');
    expect(choiceWords(pick2, [])).toBe('弃权');
  });
});

describe('topic phases', () => {
  it('moves only along the transition table', () => {
    expect(canTransition('proposed', 'reachSupport')).toBe(true);
    expect(canTransition('queued', 'reachSupport')).toBe(false);
    expect(canTransition('deliberation', 'scheduleVote')).toBe(true);
    expect(canTransition('voting', 'scheduleVote')).toBe(false);
    expect(canTransition('published', 'close')).toBe(false);
    // Every phase but the final ones can be left somehow.
    const left = new Set(Object.values(TOPIC_TRANSITIONS).flatMap((t) => t.from));
    expect([...left].sort()).toEqual(['counting', 'deliberation', 'proposed', 'queued', 'voting']);
  });

  it('shows 征询 before the window, 表决 inside it, 计票中 after it, and 落实 once committed', () => {
    const t = { phase: 'voting' as const, opensAt: '2026-11-25T01:00:00.000Z', closesAt: '2026-11-28T01:00:00.000Z' };
    expect(stageOf(t, new Date('2026-11-24T00:00:00Z'))).toBe('upcoming');
    expect(stageOf(t, new Date('2026-11-25T01:00:00Z'))).toBe('voting');
    expect(stageOf(t, new Date('2026-11-28T01:00:00Z'))).toBe('counting');
    expect(stageOf({ phase: 'published', hasCommitment: true }, new Date())).toBe('implementation');
    expect(bucketOf('queued')).toBe('proposals');
    expect(bucketOf('counting')).toBe('open');
    expect(bucketOf('declined')).toBe('closed');
  });
});

describe('scope', () => {
  const unit = { unitId: 'u1', buildingId: 'b3', gridId: 'g1' };
  it('places a unit by grid, building or id, and names the audience the dispatcher expands', () => {
    expect(unitInScope({ kind: 'community' }, unit)).toBe(true);
    expect(unitInScope({ kind: 'grids', gridIds: ['g2'] }, unit)).toBe(false);
    expect(unitInScope({ kind: 'buildings', buildingIds: ['b3'] }, unit)).toBe(true);
    expect(unitInScope({ kind: 'units', unitIds: ['u2'] }, unit)).toBe(false);
    expect(scopeAudience({ kind: 'buildings', buildingIds: ['b3'] })).toEqual({
      kind: 'scope',
      scope: { buildingIds: ['b3'] },
    });
    expect(scopeAudience({ kind: 'community' })).toEqual({ kind: 'scope', scope: {} });
  });
});

describe('vote settings contract', () => {
  const base = {
    scope: { kind: 'buildings', buildingIds: ['b3'] },
    basis: 'owners',
    preset: 'ownersMajor',
    ballot: { kind: 'approve' },
    opensAt: '2026-11-25T01:00:00.000Z',
    closesAt: '2026-11-28T01:00:00.000Z',
  };
  const fields = (input: unknown) => {
    const r = voteSpecSchema.safeParse(input);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('refuses a residents preset for owners, fewer than two options, k above the options, and a window that ends first', () => {
    expect(fields(base)).toEqual([]);
    expect(fields({ ...base, preset: 'residentsMeeting' })).toEqual([
      'preset: 业主表决请选择民法典第二百七十八条的规则',
    ]);
    expect(fields({ ...base, basis: 'household', preset: 'ownersOrdinary' })).toEqual([
      'preset: 该规则只适用于业主表决',
    ]);
    expect(
      fields({ ...base, basis: 'household', preset: 'consultation', ballot: { kind: 'single', options: ['甲'] } }),
    ).toEqual(['ballot.options: 请至少填写两个选项']);
    expect(
      fields({
        ...base,
        basis: 'household',
        preset: 'consultation',
        ballot: { kind: 'multiple', options: ['甲', '乙'], maxChoices: 3 },
      }),
    ).toEqual(['ballot.maxChoices: 最多可选不能超过选项数']);
    expect(fields({ ...base, closesAt: base.opensAt })).toEqual(['closesAt: 投票截止时间须晚于开始时间']);
    expect(fields({ ...base, extra: 1 }).length).toBe(1);
  });
});
