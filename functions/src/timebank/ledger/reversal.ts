import { $add, $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { parseAccount, reversalEntries } from '@linli/shared';
import { activities } from '../../db/entities/activity';
import { ledgerPostings, type LedgerPostingItem } from '../../db/entities/ledgerPosting';
import { registrations } from '../../db/entities/registration';
import type { Writes } from '../../db/transactions';
import { conflict, notFound } from '../../http/errors';
import { statsWrites } from '../../volunteer/recognition';
import { describePostings, REVERSIBLE, reversalKey } from './ledgerBook';
import { executePosting, postingIdOf, PostingRefused } from './posting';
import type { CommunityRequest } from '../../commons/serviceRequest';

/**
 * The cause's side of reversing an approval of hours: the registration goes back to review with a
 * new approval round (so a corrected approval gets its own idempotency key) and the volunteer's
 * totals go back down, in the reversal's transaction.
 */
async function undoApproval(original: LedgerPostingItem, reason: string): Promise<Writes> {
  const { activityId, userId } = original.refs;
  if (!activityId || !userId) return {};
  const { Item: activity } = await activities.get({ communityId: original.communityId, activityId });
  const { Item: reg } = await registrations.get(
    { communityId: original.communityId, activityId, userId },
    { consistent: true },
  );
  if (!activity || !reg) return {};
  return {
    registration: registrations.transactUpdate(
      {
        communityId: original.communityId,
        activityId,
        userId,
        reviewStatus: 'pending',
        approvalRound: $add(1),
        approvedMinutes: $remove(),
        points: $remove(),
        postingId: $remove(),
        reviewReason: `已冲正：${reason}`,
      },
      { condition: { attr: 'postingId', eq: original.postingId } },
    ),
    stats: statsWrites(original.communityId, userId, activity.startAt, {
      minutes: -(reg.approvedMinutes ?? 0),
      activities: -1,
      points: -(reg.points ?? 0),
    }),
    // The credit no longer counts against cancelling the activity (approvals before `credited` existed left none).
    activity: activity.credited
      ? activities.transactUpdate(
          { communityId: original.communityId, activityId, credited: $add(-1) },
          { condition: { attr: 'credited', gt: 0 } },
        )
      : undefined,
  };
}

const NOT_REVERSIBLE: Record<string, string> = {
  redemption: '兑换记录请通过取消订单退回',
  orderCancel: '取消兑换的退回不能冲正',
  reversal: '冲正记录不能再冲正',
  closure: '注销转入的积分不能冲正',
};

/**
 * 冲正: undoes a posting with a new posting of opposite entries and the reason; the original stays
 * as it was. Its idempotency key is the original's id, so a posting is reversed at most once. The
 * usual balance conditions hold: points already spent cannot be taken back.
 */
export async function reversePosting({
  principal,
  communityId,
  postingId,
  reason,
  now,
}: CommunityRequest & { postingId: string; reason: string }) {
  const { Item: original } = await ledgerPostings.get({ communityId, postingId }, { consistent: true });
  if (!original) throw notFound('记账记录');
  if (!REVERSIBLE.includes(original.kind)) throw conflict(NOT_REVERSIBLE[original.kind] ?? '该记录不能冲正');
  const key = reversalKey(postingId);
  const alongside = original.kind === 'hours' ? await undoApproval(original, reason) : {};
  try {
    await executePosting(
      {
        communityId,
        idempotencyKey: key,
        kind: 'reversal',
        entries: reversalEntries(original.entries),
        memo: `冲正：${original.memo}（${reason}）`,
        actorId: principal.userId,
        at: now.toISOString(),
        refs: { ...original.refs, reversalOf: postingId, reason },
      },
      { alongside },
    );
  } catch (error) {
    if (!(error instanceof PostingRefused)) throw error;
    if (error.account && parseAccount(error.account).kind === 'resident')
      throw conflict('居民的积分已被使用，余额不足以冲正');
    if (error.account) throw conflict('余额或库存不足，无法冲正');
    throw conflict('相关记录刚刚发生了变化，请刷新后重试');
  }
  const { Item: reversal } = await ledgerPostings.get(
    { communityId, postingId: postingIdOf(communityId, key) },
    { consistent: true },
  );
  const [view] = await describePostings(communityId, [reversal as LedgerPostingItem]);
  return view as NonNullable<typeof view>;
}
