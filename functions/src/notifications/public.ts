import { isWholeCommunity, type PublicNoticeView, type Scope } from '@linli/shared';
import { notifications } from '../db/registries/notifications';

/**
 * 社区公开信息, the notices part: the latest notices addressed to the whole community (a notice to one
 * building or grid is for its residents). Signed by the committee or grid worker as an office, never a name.
 */
export async function publicNotices(communityId: string, limit = 5): Promise<PublicNoticeView[]> {
  const { Items = [] } = await notifications.query.notices({ communityId, page: { limit: 20 } }).send();
  return Items.filter((b) => isWholeCommunity(b.scope as Scope))
    .slice(0, limit)
    .map((b) => ({
      noticeId: b.broadcastId,
      title: b.title,
      body: b.body,
      senderLabel: b.senderLabel,
      createdAt: b.createdAt,
    }));
}
