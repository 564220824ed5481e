/**
 * The life of a topic (议题). Stored phases change only by the transitions below, each guarded by a
 * DynamoDB condition on the phase it leaves; what residents see (征询 → 表决 → 公示 → 落实) also
 * depends on the clock and on whether the committee has made its commitment.
 */
export const TOPIC_PHASES = [
  'proposed',
  'queued',
  'declined',
  'deliberation',
  'voting',
  'counting',
  'published',
] as const;
export type TopicPhase = (typeof TOPIC_PHASES)[number];

export type TopicAction = 'reachSupport' | 'accept' | 'decline' | 'scheduleVote' | 'close' | 'publish';

/** Allowed transitions: the phase an action leaves and the phase it enters. */
export const TOPIC_TRANSITIONS: Record<TopicAction, { from: readonly TopicPhase[]; to: TopicPhase }> = {
  /** A resident proposal gathered enough 附议 and enters the committee's queue. */
  reachSupport: { from: ['proposed'], to: 'queued' },
  /** The committee takes a proposal up for deliberation. */
  accept: { from: ['proposed', 'queued'], to: 'deliberation' },
  decline: { from: ['proposed', 'queued'], to: 'declined' },
  /** Ballot, rule, electorate and voting window are fixed; voting opens at its time. */
  scheduleVote: { from: ['deliberation'], to: 'voting' },
  /** The window ended (or the committee closed it early, with a reason); no ballot is accepted after. */
  close: { from: ['voting'], to: 'counting' },
  /** The recount from the ballots is written as the immutable result. */
  publish: { from: ['counting'], to: 'published' },
};

export function canTransition(phase: TopicPhase, action: TopicAction): boolean {
  return (TOPIC_TRANSITIONS[action].from as readonly TopicPhase[]).includes(phase);
}

/** What residents see: 附议中, 待受理, 未采纳, 征询, 待表决, 表决, 计票中, 公示, 落实. */
export type StageKey =
  | 'proposal'
  | 'queued'
  | 'declined'
  | 'deliberation'
  | 'upcoming'
  | 'voting'
  | 'counting'
  | 'published'
  | 'implementation';

export const STAGE_LABELS: Record<StageKey, string> = {
  proposal: '附议中',
  queued: '待居委会受理',
  declined: '未采纳',
  deliberation: '征询中',
  upcoming: '征询中 · 待表决',
  voting: '表决中',
  counting: '计票中',
  published: '结果公示',
  implementation: '落实中',
};

export function stageOf(
  t: { phase: TopicPhase; opensAt?: string; closesAt?: string; hasCommitment?: boolean },
  now: Date,
): StageKey {
  switch (t.phase) {
    case 'proposed':
      return 'proposal';
    case 'queued':
      return 'queued';
    case 'declined':
      return 'declined';
    case 'deliberation':
      return 'deliberation';
    case 'voting': {
      const at = now.toISOString();
      if (t.opensAt && at < t.opensAt) return 'upcoming';
      if (t.closesAt && at >= t.closesAt) return 'counting';
      return 'voting';
    }
    case 'counting':
      return 'counting';
    case 'published':
      return t.hasCommitment ? 'implementation' : 'published';
  }
}

/** Which list a topic appears in. */
export type TopicBucket = 'proposals' | 'open' | 'closed';
export function bucketOf(phase: TopicPhase): TopicBucket {
  if (phase === 'proposed' || phase === 'queued') return 'proposals';
  if (phase === 'declined' || phase === 'published') return 'closed';
  return 'open';
}

/** Deliberation (comments and suggestions) is open until voting closes. */
export const COMMENTABLE: readonly TopicPhase[] = ['proposed', 'queued', 'deliberation', 'voting'];

export const COMMITMENT_STATUSES = ['planned', 'inProgress', 'done'] as const;
export type CommitmentStatus = (typeof COMMITMENT_STATUSES)[number];
export const COMMITMENT_LABELS: Record<CommitmentStatus, string> = {
  planned: '已承诺',
  inProgress: '落实中',
  done: '已落实',
};
