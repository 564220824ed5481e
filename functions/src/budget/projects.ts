import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  BUDGET_PHOTO_MAX_BYTES,
  BUDGET_PHOTO_TYPES,
  COMMENTABLE_PHASES,
  holdsRole,
  SCREENABLE,
  stableHash,
  SUPPORTABLE,
  type BudgetPhotoType,
  type Principal,
  type ProjectView,
} from '@linli/shared';
import { budgetProjects, proposerIndexKeys, type BudgetProjectItem } from '../db/entities/budgetProject';
import { budgetRatings } from '../db/entities/budgetRating';
import { budgetRounds, type BudgetRoundItem } from '../db/entities/budgetRound';
import { budgetSupports } from '../db/entities/budgetSupport';
import type { UserItem } from '../db/entities/user';
import { ulid } from '../commons/ids';
import { badRequest, conflict, forbidden } from '../http/errors';
import { presignDownload, presignUpload, verifyUpload } from '../media/storage';
import { answeredRequestFor, budgetLinkWrites, caseForBudget } from '../grievances/budgetLink';
import type { ContentCheck } from '../wechat/commentCheck';
import { loadProject, loadRound, reportsOf, resultOf } from './queries';
import { homesInScope } from './seats';
import { isCommittee, projectSummary, selectionOf } from './views';
import { failedWrites, transact } from '../db/transactions';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';

/** Each uploader writes under their own prefix in the round; a key from anyone else's prefix is refused. */
const photoPrefix = (communityId: string, roundId: string, userId: string) =>
  `budget/${communityId}/${roundId}/${userId}/`;

/** A presigned POST for one photo of a proposal or a progress report. */
export async function createPhotoUpload(req: {
  principal: Principal;
  communityId: string;
  roundId: string;
  input: { contentType: BudgetPhotoType; size: number };
  now: Date;
}) {
  await loadRound(req.communityId, req.roundId);
  const key = `${photoPrefix(req.communityId, req.roundId, req.principal.userId)}${ulid(req.now.getTime())}.${BUDGET_PHOTO_TYPES[req.input.contentType]}`;
  return presignUpload({ key, contentType: req.input.contentType, maxBytes: BUDGET_PHOTO_MAX_BYTES, now: req.now });
}

/** Checks the uploads are the caller's own, of an image type and size (the local S3 does not enforce POST policies). */
export async function acceptPhotos(
  keys: string[],
  ctx: { communityId: string; roundId: string; userId: string; now: Date },
) {
  await Promise.all(
    keys.map((key) =>
      verifyUpload({
        key,
        ownPrefix: photoPrefix(ctx.communityId, ctx.roundId, ctx.userId),
        contentTypes: Object.keys(BUDGET_PHOTO_TYPES),
        maxBytes: BUDGET_PHOTO_MAX_BYTES,
      }),
    ),
  );
  return keys.map((key) => ({ key, by: ctx.userId, at: ctx.now.toISOString() }));
}

/** Ids derive from (round, author, request), so a retried proposal lands on the same item. */
export const projectIdOf = (roundId: string, userId: string, requestId: string) =>
  `p${stableHash(`${roundId}|${userId}|${requestId}`).slice(0, 16)}`;

const livesInScope = (principal: Principal, round: BudgetRoundItem) =>
  holdsRole(principal, ['resident'], round.communityId) && homesInScope(principal, round).length > 0;

export interface ProposeRequest {
  user: UserItem;
  principal: Principal;
  communityId: string;
  roundId: string;
  input: {
    title: string;
    description: string;
    place: string;
    estimatedCost: number;
    photoKeys: string[];
    sourceGrievanceId?: string;
    requestId: string;
  };
  contentCheck: ContentCheck;
  now: Date;
}

/**
 * 点单: a resident in the round's scope proposes a project (their own 附议 counts first); the committee
 * may propose too, and only the committee may make one from a request (诉求), which links both in the
 * same transaction. The round counts the proposal as awaiting screening, on the condition that it is
 * still in 点单. WeChat's text check refuses risky text; everything else is screened by the committee.
 */
export async function proposeProject(req: ProposeRequest): Promise<string> {
  const { user, principal, communityId, roundId, input, now } = req;
  const round = await loadRound(communityId, roundId);
  const committee = isCommittee(principal, communityId);
  if (!committee && !livesInScope(principal, round)) throw forbidden('您不在本轮的范围内（需绑定范围内的房屋）');
  if (input.sourceGrievanceId && !committee) throw forbidden('只有居委会可以把诉求转为项目');
  if (round.phase !== 'proposing') throw conflict('点单已截止', 'ILLEGAL_TRANSITION');
  const projectId = projectIdOf(roundId, user.userId, input.requestId);
  const fingerprint = requestFingerprint({
    route: 'budget.proposeProject',
    caller: user.userId,
    params: { communityId, roundId },
    body: input,
  });
  const source = input.sourceGrievanceId
    ? await caseForBudget(principal, communityId, input.sourceGrievanceId, projectId)
    : undefined;
  const verdict = await req.contentCheck(user, `${input.title}\n${input.description}\n${input.place}`);
  if (verdict === 'risky')
    throw badRequest('内容含有不适合公开的信息，请修改后再提交', [
      { field: 'body.description', message: '内容未通过安全检测，请修改' },
    ]);
  const photos = await acceptPhotos(input.photoKeys, { communityId, roundId, userId: user.userId, now });
  const proposedAt = now.toISOString();
  const origin = committee && !holdsRole(principal, ['resident'], communityId) ? 'committee' : 'resident';
  const ownSupport = origin === 'resident' && !input.sourceGrievanceId;
  try {
    await transact({
      project: budgetProjects.transactPut(
        {
          communityId,
          roundId,
          projectId,
          title: input.title,
          description: input.description,
          place: input.place,
          estimatedCost: input.estimatedCost,
          photos,
          origin,
          proposedBy: user.userId,
          proposedByName: user.nickname,
          proposedAt,
          requestId: input.requestId,
          requestFingerprint: fingerprint,
          grievanceIds: input.sourceGrievanceId ? [input.sourceGrievanceId] : [],
          supportCount: ownSupport ? 1 : 0,
          status: 'proposed',
          mergedFrom: [],
          ...proposerIndexKeys({ proposedBy: user.userId, proposedAt, roundId, projectId }),
        },
        { condition: { attr: 'projectId', exists: false } },
      ),
      round: budgetRounds.transactUpdate(
        { communityId, roundId, projectCount: $add(1), pendingScreening: $add(1) },
        { condition: { attr: 'phase', eq: 'proposing' } },
      ),
      support: !ownSupport
        ? undefined
        : budgetSupports.transactPut({ communityId, roundId, projectId, userId: user.userId, at: proposedAt }),
      grievance: !source
        ? undefined
        : budgetLinkWrites(
            source,
            { roundId, projectId, title: input.title },
            { userId: user.userId, name: user.nickname },
            now,
          ),
    });
  } catch (error) {
    const failed = failedWrites(error);
    if (failed?.has('project')) {
      // A retry of the same request finds its proposal (and the link the same transaction wrote).
      const existing = await loadProject(communityId, roundId, projectId, true);
      if (existing.proposedBy !== user.userId) throw conflict('请求编号重复，请重试');
      assertSameRequest(existing.requestFingerprint, fingerprint);
      return projectId;
    }
    if (failed?.has('round')) throw conflict('点单已截止', 'ILLEGAL_TRANSITION');
    if (failed?.has('grievance')) throw conflict('该诉求已纳入其他民生微实事项目');
    throw error;
  }
  return projectId;
}

/**
 * 附议: once per person (the support item's condition), while proposals are open and the committee
 * screens, for a project not refused or merged; the count moves in the same transaction.
 */
export async function supportProject(req: {
  principal: Principal;
  communityId: string;
  roundId: string;
  projectId: string;
  now: Date;
}) {
  const { principal, communityId, roundId, projectId, now } = req;
  const round = await loadRound(communityId, roundId);
  if (!livesInScope(principal, round)) throw forbidden('您不在本轮的范围内（需绑定范围内的房屋）');
  try {
    await transact({
      support: budgetSupports.transactPut(
        { communityId, roundId, projectId, userId: principal.userId, at: now.toISOString() },
        { condition: { attr: 'userId', exists: false } },
      ),
      project: budgetProjects.transactUpdate(
        { communityId, roundId, projectId, supportCount: $add(1) },
        {
          condition: {
            or: [
              { attr: 'status', eq: 'proposed' },
              { attr: 'status', eq: 'eligible' },
            ],
          },
        },
      ),
      round: budgetRounds.transactCheck({ communityId, roundId }, {
        or: SUPPORTABLE.map((phase) => ({ attr: 'phase', eq: phase })),
      } as never),
    });
  } catch (error) {
    const failed = failedWrites(error);
    if (failed?.has('support')) throw conflict('您已经附议过了');
    if (failed?.has('round')) throw conflict('附议已截止', 'ILLEGAL_TRANSITION');
    if (failed?.has('project')) throw conflict('该项目已合并或未通过审核，不能附议');
    throw error;
  }
  const fresh = await loadProject(communityId, roundId, projectId, true);
  return { count: fresh.supportCount ?? 0 };
}

export const photoUrls = async (photos: { key: string }[], now: Date) =>
  Promise.all(photos.map(async (p) => ({ url: (await presignDownload(p.key, now)).url })));

/** 项目详情 for this person: photos, screening, the selection, the commitment, the reports, the ratings. */
export async function getProject(req: {
  principal: Principal;
  communityId: string;
  roundId: string;
  projectId: string;
  now: Date;
}): Promise<ProjectView> {
  const { principal, communityId, roundId, projectId, now } = req;
  const [round, p] = await Promise.all([
    loadRound(communityId, roundId, true),
    loadProject(communityId, roundId, projectId, true),
  ]);
  const [result, support, rating, reports, answers, photos] = await Promise.all([
    resultOf(communityId, roundId),
    budgetSupports.get({ communityId, roundId, projectId, userId: principal.userId }).then((r) => r.Item),
    budgetRatings.get({ communityId, roundId, projectId, userId: principal.userId }).then((r) => r.Item),
    reportsOf(communityId, roundId, projectId),
    Promise.all((p.grievanceIds ?? []).map((g) => answeredRequestFor(principal, communityId, g, now))),
    photoUrls(p.photos ?? [], now),
  ]);
  const reportViews = await Promise.all(
    reports.map(async (r) => ({
      month: r.month,
      percent: r.percent,
      spent: r.spent,
      note: r.note,
      photos: await photoUrls(
        (r.photoKeys ?? []).map((key) => ({ key })),
        now,
      ),
      byName: r.byName,
      at: r.at,
    })),
  );
  const committee = isCommittee(principal, communityId);
  const resident = livesInScope(principal, round);
  const selected = p.status === 'eligible' && !!selectionOf(result, projectId)?.selected;
  const unfinished = selected && !p.finished;
  return {
    ...projectSummary(p, { round, result, supported: !!support }),
    roundId,
    roundTitle: round.title,
    phase: round.phase,
    description: p.description,
    proposedByName: p.proposedByName,
    photos,
    screening: p.screening
      ? {
          eligible: p.screening.eligible === 'yes',
          reason: p.screening.reason,
          byName: p.screening.byName,
          at: p.screening.at,
        }
      : undefined,
    mergedFrom: p.mergedFrom ?? [],
    mergedIntoId: p.mergedInto?.projectId,
    answersRequests: answers,
    implementation: p.implementation && {
      responsibleParty: p.implementation.responsibleParty,
      commitment: p.implementation.commitment,
      dueDate: p.implementation.dueDate,
      at: p.implementation.at,
    },
    reports: reportViews,
    finished: p.finished && { at: p.finished.at, note: p.finished.note },
    myRating: rating?.rating,
    can: {
      support:
        resident &&
        SUPPORTABLE.includes(round.phase) &&
        (p.status === 'proposed' || p.status === 'eligible') &&
        !support,
      comment: COMMENTABLE_PHASES.includes(round.phase) && p.status !== 'merged',
      councilNote: committee && COMMENTABLE_PHASES.includes(round.phase) && p.status !== 'merged',
      screen: committee && SCREENABLE.includes(round.phase) && p.status !== 'merged',
      implement: committee && unfinished && (round.phase === 'publicity' || round.phase === 'implementation'),
      report: committee && unfinished && round.phase === 'implementation' && !!p.implementation,
      finish: committee && unfinished && round.phase === 'implementation' && p.progress?.percent === 100,
      rate: resident && !!p.finished && !rating,
      link: committee && p.status !== 'merged',
    },
  };
}

/** Whether the project is in the published selection (the result is immutable, so reading it decides nothing racy). */
export async function mustBeSelected(communityId: string, roundId: string, project: BudgetProjectItem) {
  const result = await resultOf(communityId, roundId);
  if (project.status !== 'eligible' || !result?.selected.includes(project.projectId))
    throw conflict('只有入选项目才能实施', 'ILLEGAL_TRANSITION');
}
