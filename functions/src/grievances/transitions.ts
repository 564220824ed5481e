import {
  acceptDeadline,
  acceptedInTime,
  chinaDateTime,
  deadlineAt,
  finishDeadline,
  LEVEL_LABELS,
  RATING_LABELS,
  ratingAction,
  ratingDeadline,
  transition,
  type GrievanceAction,
  type GrievanceDetail,
  type GrievanceSettings,
  type Rating,
} from '@linli/shared';
import type { GrievanceItem } from '../db/entities/grievance';
import { badRequest, conflict, forbidden } from '../http/errors';
import { accessTo, type Access } from './access';
import { screenTexts } from './contentCheck';
import { describe, toHandlers, toReporter } from './notify';
import { acceptPhotos, startPhotoChecks } from './photos';
import { loadCase, loadVisibleCase, settingsOf } from './repository';
import { authorOpenid, type CaseRequest, type Caller, type GrievanceDeps } from './requests';
import { buildStep, placed, writeStep, type Patch, type StepActor } from './steps';
import { detailView, type CaseParts } from './views';

/** What a handler or reporter asks for; `rate` becomes `rate` or `reopen` by the rating given. */
export type StepRequest =
  | { action: 'accept' }
  | { action: 'commit'; text: string; dueBy: string }
  | { action: 'resolve'; note: string; photos: { key: string }[] }
  | { action: 'refer'; referredTo: string; note: string }
  | { action: 'escalate'; reason: string }
  | { action: 'rate'; rating: Rating; comment?: string }
  | { action: 'withdraw'; reason?: string };

export interface TakeStepRequest extends CaseRequest {
  /** The case version the caller saw: the step applies to that version only. */
  seenVersion: number;
  step: StepRequest;
}

const HANDLER_ACTIONS: readonly GrievanceAction[] = ['accept', 'commit', 'resolve', 'refer', 'escalate'];
const stale = () => conflict('诉求已有新进展，请刷新后再操作', 'STALE');

/**
 * Moves a case one step through the transition table, for the caller, from the version they saw.
 * The write is conditioned on that version, so two handlers acting at once cannot both succeed; a
 * retry of a step that already happened (same version, same action, same person) answers the case
 * as it is instead of a conflict.
 */
export async function takeStep(
  { caller, communityId, grievanceId, seenVersion, step: request, now }: TakeStepRequest,
  deps: GrievanceDeps,
): Promise<GrievanceDetail> {
  const { parts, access } = await loadVisibleCase(caller.principal, communityId, grievanceId);
  const c = parts.grievance;
  const action = request.action === 'rate' ? ratingAction(request.rating) : request.action;
  const actor = actorFor(access, c, action, caller);

  const { settings } = await settingsOf(communityId);
  if (seenVersion !== c.version) return replayOrConflict(parts, access, caller, action, seenVersion, settings, now);
  const moved = transition({ status: c.status, level: c.level }, action, actor.kind);
  if (!moved.ok) throw conflict(moved.reason, 'ILLEGAL_TRANSITION');

  // A step's prose is shown to others as soon as it is written, so it must pass outright.
  await screenTexts({ openid: authorOpenid(caller), fields: textsOf(request), allowReview: false }, deps);
  const photos =
    request.action === 'resolve'
      ? await acceptPhotos(
          request.photos.map((p) => p.key),
          { communityId, userId: caller.user.userId, role: 'resolution', now },
        )
      : [];
  const plan = planStep(c, request, action, moved, actor, settings, now);
  const step = buildStep(c, {
    kind: 'T',
    action,
    patch: plan.patch,
    actor: actor.step,
    note: plan.note,
    photos,
    at: now,
    intents: (next, version) => plan.intents(next, version),
  });
  if (!(await writeStep(step))) {
    const fresh = await loadCase(communityId, grievanceId, caller.user.userId);
    if (!fresh) throw stale();
    return replayOrConflict(fresh, access, caller, action, seenVersion, settings, now);
  }
  if (photos.length) await startPhotoChecks({ grievance: step.next, openid: authorOpenid(caller), now }, deps);
  const after = accessTo(caller.principal, step.next) ?? { ...access, handlerRole: undefined, ratesOnBehalf: false };
  return detailView(
    { ...parts, grievance: step.next, events: [...parts.events, step.event] },
    after,
    caller.user.userId,
    settings,
    now,
  );
}

function actorFor(
  access: Access,
  c: GrievanceItem,
  action: GrievanceAction,
  caller: Caller,
): { kind: 'handler' | 'reporter'; step: StepActor } {
  const me = caller.user;
  if (HANDLER_ACTIONS.includes(action)) {
    if (!access.handlerRole) throw forbidden('只有当前层级及以上的办理人可以办理');
    return { kind: 'handler', step: { id: me.userId, name: me.nickname, role: access.handlerRole } };
  }
  const asReporter = access.isReporter && c.source === 'resident';
  const onBehalf = access.ratesOnBehalf && (action === 'rate' || action === 'reopen');
  if (!asReporter && !onBehalf) throw forbidden('只有提交人可以评价或撤回');
  return {
    kind: 'reporter',
    step: asReporter
      ? { id: me.userId, name: me.nickname, role: 'reporter', proxyBy: caller.principal.actor?.name }
      : { id: me.userId, name: me.nickname, role: 'committee' },
  };
}

/** A step whose version is behind: our own retried step answers the case as it is; anything else is 409. */
async function replayOrConflict(
  parts: CaseParts,
  access: Access,
  caller: Caller,
  action: GrievanceAction,
  seenVersion: number,
  settings: GrievanceSettings,
  now: Date,
) {
  const ours = parts.events.find(
    (e) => e.kind === 'T' && e.version === seenVersion + 1 && e.action === action && e.actorId === caller.user.userId,
  );
  if (!ours) throw stale();
  const current = accessTo(caller.principal, parts.grievance) ?? {
    ...access,
    handlerRole: undefined,
    ratesOnBehalf: false,
  };
  return detailView(parts, current, caller.user.userId, settings, now);
}

function textsOf(r: StepRequest): Record<string, string | undefined> {
  switch (r.action) {
    case 'commit':
      return { text: r.text };
    case 'resolve':
      return { note: r.note };
    case 'refer':
      return { referredTo: r.referredTo, note: r.note };
    case 'escalate':
      return { reason: r.reason };
    case 'rate':
      return { comment: r.comment };
    case 'withdraw':
      return { reason: r.reason };
    default:
      return {};
  }
}

interface Plan {
  patch: Patch;
  note?: string;
  intents: (next: GrievanceItem, version: number) => ReturnType<typeof toReporter>;
}

/** What each transition changes, notes and tells whom. */
function planStep(
  c: GrievanceItem,
  r: StepRequest,
  action: GrievanceAction,
  moved: { status: GrievanceItem['status']; level: GrievanceItem['level'] },
  actor: { step: StepActor },
  s: GrievanceSettings,
  now: Date,
): Plan {
  const at = now.toISOString();
  const me = actor.step as Required<Pick<StepActor, 'id' | 'name'>> & {
    role: 'gridWorker' | 'committee' | 'street' | 'admin';
  };
  const nothing = () => [];
  switch (r.action) {
    case 'accept':
      return {
        patch: {
          ...placed(moved.status, moved.level, finishDeadline(now, c.level, c.urgency, s)),
          assignee: { userId: me.id, name: me.name, role: me.role },
          firstAcceptedAt: c.firstAcceptedAt ?? at,
          // 响应率 counts the first acceptance only: in time if before its deadline, never 超时 before.
          acceptedInTime: c.firstAcceptedAt ? c.acceptedInTime : acceptedInTime(c, at),
        },
        intents: nothing,
      };
    case 'commit': {
      if (r.dueBy <= at)
        throw badRequest('承诺完成时间须晚于现在', [{ field: 'body.dueBy', message: '承诺完成时间须晚于现在' }]);
      if (c.dueAt && r.dueBy > c.dueAt) {
        const message = `承诺完成时间不能晚于办结时限 ${chinaDateTime(c.dueAt)}`;
        throw badRequest(message, [{ field: 'body.dueBy', message }]);
      }
      return {
        patch: {
          ...placed(moved.status, moved.level, deadlineAt(now, new Date(r.dueBy), s)),
          assignee: { userId: me.id, name: me.name, role: me.role },
          commitment: { text: r.text, dueBy: r.dueBy, byId: me.id, byName: me.name, byRole: me.role, at },
        },
        note: `${r.text}（承诺 ${chinaDateTime(r.dueBy)} 前办结）`,
        intents: (next, v) =>
          toReporter(
            next,
            s,
            'grievance.accepted',
            v,
            {
              title: '您的诉求已受理',
              body: `${describe(next, s)}：${r.text}，承诺 ${chinaDateTime(r.dueBy)} 前办结`,
              note: r.text,
            },
            now,
          ),
      };
    }
    case 'resolve':
    case 'refer': {
      const referred = r.action === 'refer';
      return {
        patch: {
          ...placed(moved.status, moved.level, ratingDeadline(now, s)),
          resolution: {
            outcome: referred ? 'referred' : 'done',
            note: r.note,
            referredTo: referred ? r.referredTo : undefined,
            byId: me.id,
            byName: me.name,
            byRole: me.role,
            at,
          },
          resolvedAt: at,
        },
        note: referred ? `转办至${r.referredTo}：${r.note}` : r.note,
        intents: (next, v) =>
          toReporter(
            next,
            s,
            'grievance.resolved',
            v,
            {
              title: referred ? '您的诉求已转办，请评价' : '您的诉求已办结，请评价',
              body: `${describe(next, s)}：${r.note}`,
              note: r.note,
            },
            now,
          ),
      };
    }
    case 'escalate':
      return {
        patch: {
          ...placed(moved.status, moved.level, acceptDeadline(now, moved.level, c.urgency, s)),
          assignee: undefined,
          commitment: undefined,
        },
        note: r.reason,
        intents: (next, v) => [
          ...toReporter(
            next,
            s,
            'grievance.escalated',
            v,
            {
              title: '您的诉求已上报上一级',
              body: `${describe(next, s)} 已上报至${levelName(next.level)}：${r.reason}`,
              note: r.reason,
            },
            now,
          ),
          toHandlers(
            next,
            s,
            'grievance.assigned',
            v,
            { title: '新的诉求待受理（上报）', body: `${describe(next, s)}：${r.reason}`, note: r.reason },
            now,
          ),
        ],
      };
    case 'rate': {
      const record = {
        rating: r.rating,
        handlerId: c.resolution?.byId,
        handlerName: c.resolution?.byName,
        level: c.level,
        at,
      };
      // 回访: committee staff record the rating of a resident a grid worker logged the case for.
      const rating = {
        rating: r.rating,
        comment: r.comment,
        at,
        via: actor.step.role === 'reporter' ? ('reporter' as const) : ('callback' as const),
      };
      const note = `${RATING_LABELS[r.rating]}${r.comment ? `：${r.comment}` : ''}`;
      if (action === 'reopen') {
        return {
          patch: {
            ...placed(moved.status, moved.level, acceptDeadline(now, moved.level, c.urgency, s)),
            rating,
            ratings: [...c.ratings, record],
            reopenCount: c.reopenCount + 1,
            assignee: undefined,
            commitment: undefined,
            resolution: undefined,
          },
          note,
          intents: (next, v) => [
            ...toReporter(
              next,
              s,
              'grievance.reopened',
              v,
              {
                title: '您的诉求已重新办理',
                body: `${describe(next, s)} 已转至${levelName(next.level)}重新办理`,
                note: r.comment,
              },
              now,
            ),
            toHandlers(
              next,
              s,
              'grievance.assigned',
              v,
              {
                title: '新的诉求待受理（不满意重办）',
                body: `${describe(next, s)}：${r.comment ?? ''}`,
                note: r.comment,
              },
              now,
            ),
          ],
        };
      }
      return {
        patch: {
          ...placed(moved.status, moved.level, undefined),
          rating,
          ratings: [...c.ratings, record],
          closedAt: at,
        },
        note,
        intents: nothing,
      };
    }
    case 'withdraw':
      return {
        patch: { ...placed(moved.status, moved.level, undefined), closedAt: at, assignee: undefined },
        note: r.reason,
        intents: nothing,
      };
  }
}

const levelName = (level: GrievanceItem['level']) => LEVEL_LABELS[level];
