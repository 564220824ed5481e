import type { StreetNoticePreview, StreetNoticeReach, StreetNoticeSent, StreetNoticeView } from '@linli/shared';
import { broadcasts, type BroadcastItem } from '../db/entities/broadcast';
import { streetNotices, type StreetNoticeItem } from '../db/entities/streetNotice';
import { streets as streetQueries } from '../db/registries/streets';
import type { Draft } from '../db/draft';
import { notFound } from '../http/errors';
import { allRecipients } from '../notifications/audiences';
import { intentIdOf, notificationIntent } from '../notifications/outbox';
import { wholeReachOf } from '../notifications/reach';
import { startStreetWide, writeInEach, type StreetRequest } from './perCommunity';
import { addressedCommunities, loadStreet } from './streets';

/**
 * 街道通知 (issue 15 §2): the street office addresses every household of its street, or of chosen
 * communities. Nothing new carries it: each addressed community gets an ordinary community notice
 * (`Broadcast` + its `broadcast.published` audience intent for the whole community), so the dispatcher
 * expands it in pages, writes the same inbox entries, sends the same WeChat subscribe messages and keeps the
 * same 触达 marks as a committee's notice. The street notice itself (which communities, which notice in
 * each) is written first with the sender's idempotency record; the per-community notices follow, each its
 * own transaction under ids derived from the street notice's (broadcastId = noticeId), so a retried or
 * resumed request writes each community's notice at most once and completes one a crash left half sent
 * (perCommunity.ts, which 街道议事 shares).
 */

const WHOLE_COMMUNITY = { gridIds: [], buildingIds: [], unitIds: [] };

/** One addressed community and the notice it got. */
interface Addressed {
  communityId: string;
  name: string;
  broadcastId: string;
}
const addressedIn = (n: Draft<StreetNoticeItem>) => n.communities as Addressed[];
const dedupeKeyOf = (communityId: string, noticeId: string) => `${communityId}:${noticeId}`;

/** 发送前预览: households (units with a bound resident) and residents per addressed community. */
export async function previewStreetNotice({
  streetId,
  communityIds,
}: {
  streetId: string;
  communityIds?: string[];
}): Promise<StreetNoticePreview> {
  await loadStreet(streetId);
  const list = await addressedCommunities(streetId, communityIds);
  const rows = await Promise.all(
    list.map(async (c) => {
      const households = new Set<string>();
      const residents = new Set<string>();
      for await (const page of allRecipients(c.communityId, { kind: 'scope', scope: WHOLE_COMMUNITY })) {
        for (const m of page.members ?? []) {
          households.add(m.unitId);
          residents.add(m.userId);
        }
      }
      return { communityId: c.communityId, name: c.name, households: households.size, residents: residents.size };
    }),
  );
  return {
    households: rows.reduce((n, r) => n + r.households, 0),
    residents: rows.reduce((n, r) => n + r.residents, 0),
    communities: rows,
  };
}

export interface SendStreetNoticeRequest extends StreetRequest {
  input: { requestId: string; title: string; body: string; communityIds?: string[]; urgent?: boolean };
}

/** 发布街道通知: the street notice and the request's record, then one community notice per addressed community. */
export async function sendStreetNotice({ input, ...req }: SendStreetNoticeRequest): Promise<StreetNoticeSent> {
  const sent = await startStreetWide<StreetNoticeItem>({
    ...req,
    route: 'streets.sendNotice',
    action: 'street-notice',
    input,
    draft: ({ street, communities, id }) => ({
      streetId: req.streetId,
      noticeId: id,
      title: input.title,
      body: input.body,
      urgent: input.urgent ?? false,
      senderId: req.principal.userId,
      senderLabel: street.name,
      createdAt: req.now.toISOString(),
      communities: communities.map((c) => ({ communityId: c.communityId, name: c.name, broadcastId: id })),
    }),
    put: (notice) => streetNotices.transactPut(notice, { condition: { attr: 'noticeId', exists: false } }),
    load: async (noticeId) =>
      (await streetNotices.get({ streetId: req.streetId, noticeId }, { consistent: true })).Item,
    pending: '该通知正在发布，请稍后刷新',
  });
  await writeInEach({
    communities: addressedIn(sent),
    objectId: sent.noticeId,
    once: 'broadcast',
    writesIn: (c) => noticeWritesIn(sent, c, req.now),
  });
  return {
    noticeId: sent.noticeId,
    title: sent.title,
    body: sent.body,
    urgent: sent.urgent,
    createdAt: sent.createdAt,
    senderLabel: sent.senderLabel,
    communities: addressedIn(sent).map(({ communityId, name, broadcastId }) => ({ communityId, name, broadcastId })),
  };
}

/** One addressed community's notice and its audience intent (a retry finds the notice there: nothing). */
function noticeWritesIn(notice: Draft<StreetNoticeItem>, c: Addressed, now: Date) {
  const dedupeKey = dedupeKeyOf(c.communityId, c.broadcastId);
  const item: Draft<BroadcastItem> = {
    communityId: c.communityId,
    broadcastId: c.broadcastId,
    title: notice.title,
    body: notice.body,
    scope: WHOLE_COMMUNITY,
    scopeLabel: `${c.name}全体居民`,
    urgent: notice.urgent,
    senderId: notice.senderId,
    senderLabel: notice.senderLabel,
    intentId: intentIdOf('broadcast.published', dedupeKey),
    createdAt: notice.createdAt,
    recipients: 0,
    reads: 0,
  };
  return {
    broadcast: broadcasts.transactPut(item, { condition: { attr: 'broadcastId', exists: false } }),
    intent: notificationIntent(
      {
        communityId: c.communityId,
        event: 'broadcast.published',
        dedupeKey,
        audience: { kind: 'scope', scope: WHOLE_COMMUNITY },
        broadcastId: c.broadcastId,
        title: notice.title,
        body: notice.body,
        link: '',
        urgent: notice.urgent,
        data: { sender: notice.senderLabel },
      },
      now,
    ),
  };
}

async function noticeView(n: Draft<StreetNoticeItem>): Promise<StreetNoticeView> {
  const list = addressedIn(n);
  const found = await Promise.all(
    list.map((c) => broadcasts.get({ communityId: c.communityId, broadcastId: c.broadcastId })),
  );
  return {
    noticeId: n.noticeId,
    title: n.title,
    body: n.body,
    urgent: n.urgent,
    createdAt: n.createdAt,
    senderLabel: n.senderLabel,
    communities: list.map((c, i) => ({
      ...c,
      recipients: found[i]?.Item?.recipients ?? 0,
      reads: found[i]?.Item?.reads ?? 0,
    })),
  };
}

/** The street's notices, newest first (W1: one Query; then each notice's community notices by GetItem). */
export async function listStreetNotices({ streetId }: { streetId: string }) {
  await loadStreet(streetId);
  const { Items = [] } = await streetQueries.query.notices({ streetId, page: { limit: 20 } }).send();
  return { items: await Promise.all(Items.map(noticeView)) };
}

/** 触达 of a street notice, community by community (each community's count from its own marks). */
export async function streetNoticeReach({
  streetId,
  noticeId,
}: {
  streetId: string;
  noticeId: string;
}): Promise<StreetNoticeReach> {
  const { Item } = await streetNotices.get({ streetId, noticeId });
  if (!Item) throw notFound('通知');
  const view = await noticeView(Item);
  const rows = await Promise.all(
    view.communities.map(async (c) => {
      const r = await wholeReachOf(c.communityId, 'notice', c.broadcastId);
      return {
        communityId: c.communityId,
        name: c.name,
        recipients: c.recipients,
        households: r.households,
        pushed: r.pushed,
        opened: r.opened,
        neither: r.neither,
      };
    }),
  );
  const sum = (k: 'households' | 'pushed' | 'opened' | 'neither') => rows.reduce((n, r) => n + r[k], 0);
  return {
    noticeId,
    title: Item.title,
    households: sum('households'),
    pushed: sum('pushed'),
    opened: sum('opened'),
    neither: sum('neither'),
    communities: rows,
  };
}
