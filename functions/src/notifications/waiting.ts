import { noticeKindOf, type WaitingItem } from '@linli/shared';
import { notifications } from '../db/registries/notifications';
import type { CommunityRequest } from '../commons/serviceRequest';

/** Unread entries read for the home page: the newest of the inbox (the inbox page has them all). */
const UNREAD_READ = 30;

const NOTICE_PAGE = '/packages/notices/pages/notice/index';

/**
 * 未读通知 and 诉求新进展 for the home page: my unread inbox entries of this community, one query of my
 * partition. Like the inbox, an entry that links somewhere opens it (the home page marks the entry read
 * on the way), one without a link opens the notice page, which marks it read. Entries about something the feed shows as its own
 * item (a poll, a rating, a pickup) are left out.
 */
export async function unreadNotices({ principal, communityId }: Omit<CommunityRequest, 'now'>): Promise<WaitingItem[]> {
  const { Items = [] } = await notifications.query
    .inbox({ userId: principal.userId, unreadOnly: true, page: { limit: UNREAD_READ } })
    .send();
  return Items.flatMap((n) => {
    const kind = n.communityId === communityId ? noticeKindOf(n.event) : undefined;
    if (!kind) return [];
    const news = kind === 'caseNews' && !!n.link;
    return [
      {
        kind: news ? ('caseNews' as const) : ('notice' as const),
        key: `${news ? 'caseNews' : 'notice'}:${n.itemId}`,
        title: n.title,
        detail: n.body.length > 60 ? `${n.body.slice(0, 60)}…` : n.body,
        action: news ? '看进展' : '查看',
        link: n.link || `${NOTICE_PAGE}?id=${n.itemId}`,
        overdue: false,
        since: n.createdAt,
        inboxItemId: n.itemId,
      },
    ];
  });
}
