import { COMMENTABLE, holdsRole, ROLE_LABELS, stableHash, type CommentView, type Principal } from '@linli/shared';
import { buildings } from '../db/entities/building';
import { topicComments, type TopicCommentItem } from '../db/entities/topicComment';
import type { UserItem } from '../db/entities/user';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { badRequest, conflict } from '../http/errors';
import { failedWrites, transact } from '../db/transactions';
import { heldContentWrites } from '../moderation/held';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { loadTopic, type TopicRequest } from './topicItem';
import { agora } from '../db/registries/agora';

import type { ContentCheck } from '../wechat/commentCheck';

/** How neighbours see a commenter: by building and role, never by door number. */
function authorTag(principal: Principal, communityId: string): string {
  const staff = (['committee', 'street', 'gridWorker', 'buildingHead', 'admin'] as const).find((r) =>
    holdsRole(principal, [r], communityId),
  );
  if (staff) return ROLE_LABELS[staff];
  return '居民';
}

type CommentFields = Omit<TopicCommentItem, 'created' | 'modified'>;

const view = (c: CommentFields, viewerId: string): CommentView => ({
  commentId: c.commentId,
  kind: c.kind,
  body: c.body,
  authorName: c.authorName,
  authorTag: c.authorTag,
  mine: c.authorId === viewerId,
  held: c.status === 'held',
  moderation: c.moderation,
  createdAt: c.createdAt,
});

export interface AddCommentRequest extends TopicRequest {
  user: UserItem;
  input: { body: string; kind: 'comment' | 'suggestion'; requestId: string };
}

/** Side effects a test replaces: WeChat's text check. */
export interface DeliberationDeps {
  contentCheck: ContentCheck;
}

/** 发表意见: checked by WeChat first; risky text is refused, doubtful text held for the committee. */
export async function addComment(
  { user, principal, communityId, topicId, input, now }: AddCommentRequest,
  { contentCheck }: DeliberationDeps,
): Promise<CommentView> {
  const topic = await loadTopic(communityId, topicId);
  if (!COMMENTABLE.includes(topic.phase)) throw conflict('征询已结束，不能再发表意见', 'ILLEGAL_TRANSITION');
  const verdict = await contentCheck(user, input.body);
  if (verdict === 'risky')
    throw badRequest('内容含有不适合公开的信息，请修改后再发表', [
      { field: 'body.body', message: '内容未通过安全检测，请修改' },
    ]);
  const home = principal.memberships.find((m) => m.communityId === communityId);
  const building = home ? (await buildings.get({ communityId, buildingId: home.buildingId })).Item : undefined;
  const role = authorTag(principal, communityId);
  const item = {
    communityId,
    topicId,
    commentId: `cm${stableHash(`${topicId}|${user.userId}|${input.requestId}`).slice(0, 16)}`,
    requestFingerprint: requestFingerprint({
      route: 'agora.addComment',
      caller: user.userId,
      params: { communityId, topicId },
      body: input,
    }),
    authorId: user.userId,
    authorName: user.nickname,
    authorTag: role === '居民' && building ? `${building.name}居民` : role,
    kind: input.kind,
    body: input.body,
    status: verdict === 'pass' ? ('visible' as const) : ('held' as const),
    createdAt: now.toISOString(),
  };
  // A held comment joins the committee's 内容审核 queue in the same write.
  const writes = {
    comment: topicComments.transactPut(item, { condition: { attr: 'commentId', exists: false } }),
    ...(item.status === 'held'
      ? heldContentWrites(
          communityId,
          { kind: 'topicComment', topicId, commentId: item.commentId },
          user.userId,
          item.createdAt,
        )
      : {}),
  };
  try {
    await transact(writes);
    return view(item, user.userId);
  } catch (error) {
    if (!failedWrites(error, writes)?.has('comment')) throw error;
    const { Item } = await topicComments.get({ communityId, topicId, commentId: item.commentId }, { consistent: true });
    if (!Item) throw error;
    assertSameRequest(Item.requestFingerprint, item.requestFingerprint);
    return view(Item, user.userId);
  }
}

/** Comments in time order; held, hidden or removed ones only for their author and the committee. */
export async function listComments({
  principal,
  communityId,
  topicId,
  page,
}: Omit<TopicRequest, 'now'> & { page: { cursor?: string; limit: number } }) {
  await loadTopic(communityId, topicId);
  const { Items = [], LastEvaluatedKey } = await agora.query
    .commentsOfTopic({ communityId, topicId, page: { limit: page.limit, start: decodeCursor(page.cursor) } })
    .send();
  const committee = holdsRole(principal, ['committee', 'admin'], communityId);
  return {
    items: Items.filter(
      (c) => (c.status === 'visible' && !c.moderation) || committee || c.authorId === principal.userId,
    ).map((c) => view(c, principal.userId)),
    nextCursor: encodeCursor(LastEvaluatedKey),
  };
}
