import {
  afterReport,
  contentKeyOf,
  reasonTally,
  seesModerated,
  targetOfContentKey,
  type ModerationTarget,
} from './reports';
import { DEFAULT_GRIEVANCE_SETTINGS, grievanceSettingsSchema, parseGrievanceSettings } from '../grievances/settings';

const fresh = { reportCount: 0, hidden: false, decided: false };

describe('a report', () => {
  it('hides at exactly the threshold, once', () => {
    let state = fresh;
    const hides: boolean[] = [];
    for (let i = 0; i < 5; i++) {
      const next = afterReport(state, 3);
      hides.push(next.hides);
      state = next;
    }
    expect(hides).toEqual([false, false, true, false, false]);
    expect(state).toMatchObject({ reportCount: 5, hidden: true });
  });

  it('queues the item with its first report only', () => {
    expect(afterReport(fresh, 3).queues).toBe(true);
    expect(afterReport({ ...fresh, reportCount: 1 }, 3).queues).toBe(false);
  });

  it('after a decision, counts but neither hides nor queues again', () => {
    const next = afterReport({ reportCount: 7, hidden: false, decided: true }, 3);
    expect(next).toMatchObject({ reportCount: 8, hides: false, hidden: false, queues: false });
    expect(afterReport({ reportCount: 0, hidden: false, decided: true }, 1)).toMatchObject({ hides: false });
  });

  it('hides at once where the threshold is reached by the first report', () => {
    expect(afterReport(fresh, 1)).toMatchObject({ hides: true, queues: true });
  });
});

describe('content keys', () => {
  it.each<ModerationTarget>([
    { kind: 'grievance', grievanceId: 'g1' },
    { kind: 'topic', topicId: 't1' },
    { kind: 'topicComment', topicId: 't1', commentId: 'cm-2_x' },
    { kind: 'grievanceContent', grievanceId: 'g1', part: 'description' },
    { kind: 'grievanceContent', grievanceId: 'g1', part: 'message', partId: 'm-1' },
    { kind: 'grievanceContent', grievanceId: 'g1', part: 'photo', partId: 'p1' },
  ])('round-trip %o', (t) => expect(targetOfContentKey(contentKeyOf(t))).toEqual(t));

  it('are distinct per kind and refuse what is not one', () => {
    expect(contentKeyOf({ kind: 'topic', topicId: 'a' })).not.toBe(
      contentKeyOf({ kind: 'grievance', grievanceId: 'a' }),
    );
    expect(contentKeyOf({ kind: 'grievanceContent', grievanceId: 'a', part: 'description' })).not.toBe(
      contentKeyOf({ kind: 'grievance', grievanceId: 'a' }),
    );
    expect(() => targetOfContentKey('user#1')).toThrow();
  });
});

describe('who sees moderated content', () => {
  it('unmarked: everyone; hidden or removed: only its author and moderators', () => {
    const neighbour = { isAuthor: false, moderates: false };
    expect(seesModerated(undefined, neighbour)).toBe(true);
    for (const mark of ['hidden', 'removed'] as const) {
      expect(seesModerated(mark, neighbour)).toBe(false);
      expect(seesModerated(mark, { isAuthor: true, moderates: false })).toBe(true);
      expect(seesModerated(mark, { isAuthor: false, moderates: true })).toBe(true);
    }
  });
});

describe('reason tally', () => {
  it('lists reasons most frequent first, leaving out those nobody gave', () => {
    expect(reasonTally({ ad: 1, privacy: 3, other: 0 })).toEqual([
      { reason: 'privacy', count: 3 },
      { reason: 'ad', count: 1 },
    ]);
  });
});

describe('the threshold setting', () => {
  it('defaults to 3, also for settings stored before it existed', () => {
    expect(DEFAULT_GRIEVANCE_SETTINGS.reportThreshold).toBe(3);
    const { reportThreshold: _, ...older } = DEFAULT_GRIEVANCE_SETTINGS;
    expect(parseGrievanceSettings({ grievances: older }).reportThreshold).toBe(3);
  });

  it('accepts 2 to 20 residents and refuses the rest with a Chinese message', () => {
    const at = (n: unknown) => grievanceSettingsSchema.safeParse({ ...DEFAULT_GRIEVANCE_SETTINGS, reportThreshold: n });
    expect(at(2).success && at(20).success).toBe(true);
    for (const bad of [1, 21, 2.5, '3']) {
      const r = at(bad);
      expect(r.success).toBe(false);
      expect(r.error?.issues[0]?.path).toEqual(['reportThreshold']);
    }
  });
});
