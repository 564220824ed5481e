import { $add, $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import {
  COMMENTABLE_PHASES,
  holdsRole,
  ROLE_LABELS,
  stableHash,
  type BudgetCommentView,
  type Principal,
} from '@linli/shared';
import { buildings } from '../db/entities/building';
import { budgetComments, type BudgetCommentItem } from '../db/entities/budgetComment';
import { budgetObjections, type BudgetObjectionItem } from '../db/entities/budgetObjection';
import { budgetRounds } from '../db/entities/budgetRound';
import type { UserItem } from '../db/entities/user';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import type { ContentCheck } from '../wechat/commentCheck';
import { commentsOf, loadProject, loadRound } from './queries';
import { isCommittee, objectionView } from './views';
import { failedWrites, transact } from '../db/transactions';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';

/** How neighbours see an author: by building and role, never by door number. */
async function authorTagOf(principal: Principal, communityId: string): Promise<string> {
  const staff = (['committee', 'street', 'gridWorker', 'buildingHead', 'admin'] as const).find((r) =>
    holdsRole(principal, [r], communityId),
  );
  if (staff) return ROLE_LABELS[staff];
  const home = principal.memberships.find((m) => m.communityId === communityId);
  const building = home ? (await buildings.get({ communityId, buildingId: home.buildingId })).Item : undefined;
  return building ? `${building.name}居民` : '居民';
}

const commentView = (c: Omit<BudgetCommentItem, 'created' | 'modified'>, viewerId: string): BudgetCommentView => ({
  commentId: c.commentId,
  kind: c.kind,
  body: c.body,
  authorName: c.kind === 'councilNote' ? '居民议事会' : c.authorName,
  authorTag: c.authorTag,
  mine: c.authorId === viewerId,
  held: c.status === 'held',
  createdAt: c.createdAt,
});

const refuseRisky = () =>
  badRequest('内容含有不适合公开的信息，请修改后再发表', [
    { field: 'body.body', message: '内容未通过安全检测，请修改' },
  ]);

/**
 * 评议: a resident's comment on a project, or a 居民议事会 note the committee records, from 点单 until
 * voting closes. WeChat's text check refuses risky text and holds doubtful text for the committee;
 * the phase is a condition checked in the same transaction as the put.
 */
export async function addBudgetComment(req: {
  user: UserItem;
  principal: Principal;
  communityId: string;
  roundId: string;
  projectId: string;
  input: { body: string; kind: 'comment' | 'councilNote'; requestId: string };
  contentCheck: ContentCheck;
  now: Date;
}): Promise<BudgetCommentView> {
  const { user, principal, communityId, roundId, projectId, input, now } = req;
  if (input.kind === 'councilNote' && !isCommittee(principal, communityId))
    throw forbidden('居民议事会记录由居委会填写');
  const project = await loadProject(communityId, roundId, projectId);
  if (project.status === 'merged') throw conflict('该提议已合并，请到合并后的项目发表意见', 'ILLEGAL_TRANSITION');
  const round = await loadRound(communityId, roundId);
  if (!COMMENTABLE_PHASES.includes(round.phase)) throw conflict('评议已结束', 'ILLEGAL_TRANSITION');
  const verdict = input.kind === 'councilNote' ? 'pass' : await req.contentCheck(user, input.body);
  if (verdict === 'risky') throw refuseRisky();
  const item = {
    communityId,
    roundId,
    projectId,
    commentId: `c${stableHash(`${projectId}|${user.userId}|${input.requestId}`).slice(0, 16)}`,
    authorId: user.userId,
    authorName: user.nickname,
    authorTag: await authorTagOf(principal, communityId),
    kind: input.kind,
    body: input.body,
    status: verdict === 'pass' ? ('visible' as const) : ('held' as const),
    createdAt: now.toISOString(),
    requestFingerprint: requestFingerprint({
      route: 'budget.addComment',
      caller: user.userId,
      params: { communityId, roundId, projectId },
      body: input,
    }),
  };
  try {
    await transact({
      comment: budgetComments.transactPut(item, { condition: { attr: 'commentId', exists: false } }),
      round: budgetRounds.transactCheck({ communityId, roundId }, {
        or: COMMENTABLE_PHASES.map((phase) => ({ attr: 'phase', eq: phase })),
      } as never),
    });
    return commentView(item, user.userId);
  } catch (error) {
    const failed = failedWrites(error);
    if (failed?.has('round')) throw conflict('评议已结束', 'ILLEGAL_TRANSITION');
    if (!failed?.has('comment')) throw error;
    const { Item } = await budgetComments.get(
      { communityId, roundId, projectId, commentId: item.commentId },
      { consistent: true },
    );
    if (!Item) throw error;
    assertSameRequest(Item.requestFingerprint, item.requestFingerprint);
    return commentView(Item, user.userId);
  }
}

/** A project's comments in time order; held ones only for their author and the committee. */
export async function listBudgetComments(
  principal: Principal,
  communityId: string,
  roundId: string,
  projectId: string,
) {
  await loadProject(communityId, roundId, projectId);
  const committee = isCommittee(principal, communityId);
  const items = await commentsOf(communityId, roundId, projectId);
  return {
    items: items
      .filter((c) => c.status === 'visible' || committee || c.authorId === principal.userId)
      .map((c) => commentView(c, principal.userId)),
  };
}

/**
 * 异议: anyone of the community may object to the published selection during its 7 days; the round
 * counts the unanswered objections (公示 cannot end while any is open), in the same transaction, on
 * the condition that it is still in 公示 and the period has not run out.
 */
export async function addObjection(req: {
  user: UserItem;
  principal: Principal;
  communityId: string;
  roundId: string;
  input: { body: string; projectId?: string; requestId: string };
  contentCheck: ContentCheck;
  now: Date;
}) {
  const { user, principal, communityId, roundId, input, now } = req;
  const round = await loadRound(communityId, roundId);
  const at = now.toISOString();
  if (round.phase !== 'publicity' || !round.publicityUntil || round.publicityUntil <= at)
    throw conflict('不在公示期内，不能提出异议', 'ILLEGAL_TRANSITION');
  const project = input.projectId ? await loadProject(communityId, roundId, input.projectId) : undefined;
  if ((await req.contentCheck(user, input.body)) === 'risky') throw refuseRisky();
  const item = {
    communityId,
    roundId,
    objectionId: `o${stableHash(`${roundId}|${user.userId}|${input.requestId}`).slice(0, 16)}`,
    authorId: user.userId,
    authorTag: await authorTagOf(principal, communityId),
    projectId: project?.projectId,
    projectTitle: project?.title,
    body: input.body,
    createdAt: at,
    requestFingerprint: requestFingerprint({
      route: 'budget.addObjection',
      caller: user.userId,
      params: { communityId, roundId },
      body: input,
    }),
  };
  try {
    await transact({
      objection: budgetObjections.transactPut(item, { condition: { attr: 'objectionId', exists: false } }),
      round: budgetRounds.transactUpdate(
        { communityId, roundId, openObjections: $add(1) },
        {
          condition: {
            and: [
              { attr: 'phase', eq: 'publicity' },
              { attr: 'publicityUntil', gt: at },
            ],
          },
        },
      ),
    });
    return objectionView(item as BudgetObjectionItem, user.userId);
  } catch (error) {
    const failed = failedWrites(error);
    if (failed?.has('round')) throw conflict('公示期已结束', 'ILLEGAL_TRANSITION');
    if (!failed?.has('objection')) throw error;
    const { Item } = await budgetObjections.get(
      { communityId, roundId, objectionId: item.objectionId },
      { consistent: true },
    );
    if (!Item) throw error;
    assertSameRequest(Item.requestFingerprint, item.requestFingerprint);
    return objectionView(Item, user.userId);
  }
}

/** 答复异议: once per objection (condition: no answer yet), with the round's open count in the same transaction. */
export async function answerObjection(req: {
  by: { userId: string; name: string };
  communityId: string;
  roundId: string;
  objectionId: string;
  text: string;
  now: Date;
}) {
  const { communityId, roundId, objectionId } = req;
  const { Item } = await budgetObjections.get({ communityId, roundId, objectionId }, { consistent: true });
  if (!Item) throw notFound('异议');
  const answer = { text: req.text, by: req.by.userId, byName: req.by.name, at: req.now.toISOString() };
  try {
    await transact({
      objection: budgetObjections.transactUpdate(
        { communityId, roundId, objectionId, answer: $set(answer) },
        { condition: { attr: 'answer', exists: false } },
      ),
      round: budgetRounds.transactUpdate({ communityId, roundId, openObjections: $add(-1) }),
    });
  } catch (error) {
    if (failedWrites(error)?.has('objection')) throw conflict('该异议已答复');
    throw error;
  }
  return objectionView({ ...Item, answer }, req.by.userId);
}
