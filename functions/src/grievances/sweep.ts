import {
  acceptDeadline,
  LEVEL_LABELS,
  MINUTE_MS,
  nextLevel,
  sweepStep,
  type GrievanceSettings,
  type SweepStep,
} from '@linli/shared';
import type { GrievanceItem } from '../db/entities/grievance';
import { users } from '../db/entities/user';
import { clock } from '../commons/clock';
import { reminderWording } from './reminderWording';
import { refreshDevClock } from '../db/devClock';
import { logger } from '../commons/logger';
import { listCommunities } from '../households/directory';
import { wechatContentChecker, type ContentChecker } from './contentCheck';
import { openCases } from './evaluation';
import { describe, toHandlers, toReporter } from './notify';
import { startPhotoChecks } from './photos';
import { settingsOf } from './repository';
import { buildStep, placed, writeStep, type Step, type StepActor } from './steps';

/**
 * The scheduled sweep (催办 and 督办): for every open request of every community, take the step its
 * deadline calls for. Each step is written on the condition of the version it read, and its timeline
 * event on the condition of not existing, so running the sweep twice, or two sweeps at once, never
 * reminds or escalates twice.
 */

const SYSTEM: StepActor = { name: '系统', role: 'system' };
/** Photos whose check did not start at submission are retried after this long. */
const PHOTO_CHECK_RETRY_MS = 5 * MINUTE_MS;

export type SweepCounts = Record<Exclude<SweepStep, 'none'>, number> & { skipped: number; photoChecksRetried: number };

function stepFor(c: GrievanceItem, what: Exclude<SweepStep, 'none'>, s: GrievanceSettings, now: Date): Step {
  const at = now.toISOString();
  const late = c.status === 'pending' ? '受理' : '办结';
  switch (what) {
    case 'remind': {
      // Worded from now: a deadline the sweep first sees already past is said to be past.
      const words = reminderWording(c.dueAt ?? at, now, late);
      return buildStep(c, {
        kind: 'remind',
        action: 'remind',
        patch: { remindedVersion: c.version },
        actor: SYSTEM,
        note: words.note,
        at: now,
        intents: (next, v) => [
          toHandlers(
            next,
            s,
            'grievance.dueSoon',
            v,
            { title: words.title, body: describe(next, s), note: words.short },
            now,
          ),
        ],
      });
    }
    case 'escalate': {
      const level = nextLevel(c.level)!;
      return buildStep(c, {
        kind: 'T',
        action: 'escalate',
        patch: {
          ...placed('pending', level, acceptDeadline(now, level, c.urgency, s)),
          overdueCount: c.overdueCount + 1,
          overdueLevels: [...(c.overdueLevels ?? []), c.level],
          assignee: undefined,
          commitment: undefined,
        },
        actor: SYSTEM,
        note: `${LEVEL_LABELS[c.level]}超时未${late}，自动上报至${LEVEL_LABELS[level]}督办`,
        at: now,
        intents: (next, v) => [
          toHandlers(
            c,
            s,
            'grievance.overdue',
            v,
            { title: `诉求超时未${late}，已上报督办`, body: describe(c, s), note: '已上报督办' },
            now,
          ),
          toHandlers(
            next,
            s,
            'grievance.assigned',
            v,
            { title: '新的诉求待受理（超时督办）', body: describe(next, s), note: '超时督办' },
            now,
          ),
          ...toReporter(
            next,
            s,
            'grievance.escalated',
            v,
            {
              title: '您的诉求已上报上一级',
              body: `${describe(next, s)} 已上报至${LEVEL_LABELS[level]}督办`,
              note: '超时督办',
            },
            now,
          ),
        ],
      });
    }
    case 'flagOverdue':
      return buildStep(c, {
        kind: 'overdue',
        action: 'overdue',
        patch: {
          overdueVersion: c.version,
          overdueCount: c.overdueCount + 1,
          overdueLevels: [...(c.overdueLevels ?? []), c.level],
        },
        actor: SYSTEM,
        note: `街道超时未${late}`,
        at: now,
        intents: (next, v) => [
          toHandlers(
            next,
            s,
            'grievance.overdue',
            v,
            { title: `诉求超时未${late}`, body: describe(next, s), note: '已超时' },
            now,
          ),
        ],
      });
    case 'autoClose':
      return buildStep(c, {
        kind: 'T',
        action: 'autoClose',
        patch: {
          ...placed('closed', c.level, undefined),
          rating: { rating: 'unrated', at, via: 'timeout' },
          ratings: [
            ...c.ratings,
            { rating: 'unrated', handlerId: c.resolution?.byId, handlerName: c.resolution?.byName, level: c.level, at },
          ],
          closedAt: at,
        },
        actor: SYSTEM,
        note: `${s.ratingDays} 天内未评价，记为未评价`,
        at: now,
        intents: () => [],
      });
  }
}

export async function sweepCommunity(
  { communityId, now }: { communityId: string; now: Date },
  deps: { checker: ContentChecker },
): Promise<SweepCounts> {
  const counts: SweepCounts = {
    remind: 0,
    escalate: 0,
    flagOverdue: 0,
    autoClose: 0,
    skipped: 0,
    photoChecksRetried: 0,
  };
  const [open, { settings }] = await Promise.all([openCases(communityId), settingsOf(communityId)]);
  for (const c of open) {
    const what = sweepStep(c, now);
    if (what !== 'none') {
      // False: a handler or another sweep moved the case since it was read; the next run looks again.
      if (await writeStep(stepFor(c, what, settings, now))) counts[what]++;
      else counts.skipped++;
    }
    counts.photoChecksRetried += await retryPhotoChecks(deps.checker, c, now);
  }
  return counts;
}

async function retryPhotoChecks(checker: ContentChecker, c: GrievanceItem, now: Date): Promise<number> {
  const stuck = Object.entries(c.photos).filter(
    ([, p]) => p.check === 'pending' && !p.traceId && now.getTime() - Date.parse(p.at) > PHOTO_CHECK_RETRY_MS,
  );
  const uploaders = new Set(stuck.map(([, p]) => p.by));
  for (const userId of uploaders) {
    const { Item: user } = await users.get({ userId });
    const photos = Object.fromEntries(stuck.filter(([, p]) => p.by === userId));
    await startPhotoChecks({ grievance: { ...c, photos }, openid: user?.openid, now }, { checker });
  }
  return stuck.length;
}

/** The scheduled Lambda: every community in turn (a deployment serves one street office's handful). */
export async function handler(): Promise<Record<string, SweepCounts>> {
  await refreshDevClock();
  const now = clock.now();
  const report: Record<string, SweepCounts> = {};
  const { items } = await listCommunities();
  for (const { communityId } of items)
    report[communityId] = await sweepCommunity({ communityId, now }, { checker: wechatContentChecker });
  logger.info('grievance sweep', { at: now.toISOString(), report });
  return report;
}
