import { $remove } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { BatchGetCommand, execute as batchGet } from 'dynamodb-toolbox/table/actions/batchGet';
import { accounts, addDays, COMMITTEE, holdsRole, stableHash, type CatalogueItemView } from '@linli/shared';
import { catalogueItems, type CatalogueItemItem } from '../db/entities/catalogueItem';
import { redemptionCounts } from '../db/entities/redemptionCount';
import { LinliTable } from '../db/table';
import type { Draft } from '../db/draft';
import { failedWrites, transact } from '../db/transactions';
import { noteStaffChange } from '../db/staffLog';
import { conflict, forbidden, notFound } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { idempotencyRecords } from '../db/entities/idempotencyRecord';
import { epochSeconds } from '../commons/clock';
import { loadUser } from '../identity/principal';
import { resolveAccountCode } from './accounts';
import { executePosting, postingRecord, putPostingRecord } from './ledger/posting';
import { timebank } from '../db/registries/timebank';
import type { CommunityRequest } from '../commons/serviceRequest';

/** Open for redemption right now: listed, within its window and with pieces on the shelf. */
export const inWindow = (i: Pick<CatalogueItemItem, 'status' | 'activeFrom' | 'activeUntil'>, nowIso: string) =>
  i.status === 'active' && (!i.activeFrom || i.activeFrom <= nowIso) && (!i.activeUntil || i.activeUntil > nowIso);

/** A redemption's condition on its item, beside `stock >= q`: listed, at the price shown, inside its window. */
export const redeemableAsShown = (price: number, nowIso: string) => [
  { attr: 'status', eq: 'active' },
  { attr: 'price', eq: price },
  {
    or: [
      { attr: 'activeFrom', exists: false },
      { attr: 'activeFrom', lte: nowIso },
    ],
  },
  {
    or: [
      { attr: 'activeUntil', exists: false },
      { attr: 'activeUntil', gt: nowIso },
    ],
  },
];

export function itemView(i: Draft<CatalogueItemItem>, nowIso: string, myRedeemed?: number): CatalogueItemView {
  return {
    itemId: i.itemId,
    name: i.name,
    description: i.description,
    kind: i.kind,
    price: i.price,
    stock: i.stock,
    redeemed: i.redeemed,
    perPersonLimit: i.perPersonLimit,
    activeFrom: i.activeFrom,
    activeUntil: i.activeUntil,
    provider: i.providerId ? { userId: i.providerId, nickname: i.providerName ?? '' } : undefined,
    status: i.status,
    available: inWindow(i, nowIso) && i.stock > 0,
    myRedeemed,
    streetOpen: i.streetOpen ?? false,
  };
}

export async function loadItem(communityId: string, itemId: string): Promise<CatalogueItemItem> {
  const { Item } = await catalogueItems.get({ communityId, itemId }, { consistent: true });
  if (!Item) throw notFound('兑换项目');
  return Item;
}

export async function catalogueOf(communityId: string): Promise<CatalogueItemItem[]> {
  const { Items = [] } = await timebank.query.catalogue({ communityId }).send();
  return Items;
}

/** 兑换目录: what can be redeemed now (the committee may list everything, archived included). */
export async function listCatalogue({
  principal,
  communityId,
  include,
  now,
}: CommunityRequest & { include: 'available' | 'all' }) {
  if (include === 'all' && !holdsRole(principal, COMMITTEE, communityId))
    throw forbidden('只有居委会可以查看全部兑换项目');
  const nowIso = now.toISOString();
  const items = (await catalogueOf(communityId)).filter((i) => include === 'all' || inWindow(i, nowIso));
  const limited = items.filter((i) => i.perPersonLimit);
  const mine = new Map<string, number>();
  if (limited.length) {
    const { Responses } = await batchGet(
      LinliTable.build(BatchGetCommand).requests(
        ...limited.map((i) => redemptionCounts.batchGet({ communityId, itemId: i.itemId, userId: principal.userId })),
      ),
    );
    for (const c of (Responses?.[0] ?? []) as ({ itemId: string; count: number } | undefined)[])
      if (c) mine.set(c.itemId, c.count);
  }
  return {
    items: items
      .sort((a, b) => a.price - b.price)
      .map((i) => itemView(i, nowIso, i.perPersonLimit ? (mine.get(i.itemId) ?? 0) : undefined)),
  };
}

async function provider(communityId: string, code: string | undefined, field: string) {
  if (!code) return undefined;
  const userId = await resolveAccountCode(communityId, code, field);
  return { providerId: userId, providerName: (await loadUser(userId))?.nickname ?? '' };
}

interface ItemInput {
  name: string;
  description: string;
  kind: 'service' | 'gift';
  price: number;
  perPersonLimit?: number;
  activeFrom?: string;
  activeUntil?: string;
  providerAccountCode?: string;
  /** 向街道开放 (通存通兑), default off. */
  streetOpen?: boolean;
  initialStock: number;
}

interface NewItemInput extends ItemInput {
  /** The 上架 form's id: a retry of the same create answers the first result. */
  requestId: string;
}

/**
 * 上架: the item and, with an initial stock, its 入库 posting in one transaction. The item's put
 * carries the balances that posting moves (a transaction writes an item once). The create's
 * `requestId` is a key of its own (an IdempotencyRecord with the request's fingerprint, in the same
 * transaction): the same request again (a retry after a lost answer, a double tap) answers the item it
 * made, another request under that id is a 409, and a different item of a taken name is a 409. After
 * the record's day, the item's `createRequestId` still recognises a retry of the same name.
 */
export async function createItem({ principal, communityId, input, now }: CommunityRequest & { input: NewItemInput }) {
  const itemId = `i${stableHash(`${communityId}|${input.name}`).slice(0, 12)}`;
  noteStaffChange({ objectId: itemId });
  const nowIso = now.toISOString();
  const item: Draft<CatalogueItemItem> = {
    communityId,
    itemId,
    name: input.name,
    description: input.description,
    kind: input.kind,
    price: input.price,
    perPersonLimit: input.perPersonLimit,
    activeFrom: input.activeFrom,
    activeUntil: input.activeUntil,
    ...(await provider(communityId, input.providerAccountCode, 'body.providerAccountCode')),
    status: 'active',
    streetOpen: input.streetOpen ?? false,
    stock: input.initialStock,
    redeemed: 0,
    supply: -input.initialStock,
    createdAt: nowIso,
    createdBy: principal.userId,
    createRequestId: input.requestId,
  };
  const fingerprint = requestFingerprint({
    route: 'timebank.createItem',
    caller: principal.userId,
    params: { communityId },
    body: input,
  });
  const requestKey = { userId: principal.userId, action: `catalogue:${communityId}`, requestId: input.requestId };
  const writes = {
    request: idempotencyRecords.transactPut(
      { ...requestKey, result: itemId, requestFingerprint: fingerprint, ttl: epochSeconds(addDays(now, 1)) },
      { condition: { attr: 'requestId', exists: false } },
    ),
    item: catalogueItems.transactPut(item, { condition: { attr: 'itemId', exists: false } }),
    initialStock:
      input.initialStock > 0
        ? putPostingRecord(
            postingRecord({
              communityId,
              idempotencyKey: `restock:${itemId}:initial`,
              kind: 'restock',
              entries: [
                { account: accounts.supply(itemId), amount: -input.initialStock },
                { account: accounts.stock(itemId), amount: input.initialStock },
              ],
              memo: `${input.name} 首次入库 ${input.initialStock} 件`,
              actorId: principal.userId,
              at: nowIso,
              refs: { itemId },
            }),
          )
        : undefined,
  };
  try {
    await transact(writes);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    if (failedWrites(error, writes)?.has('request')) {
      const { Item: done } = await idempotencyRecords.get(requestKey, { consistent: true });
      assertSameRequest(done?.requestFingerprint, fingerprint);
      const { Item: made } = await catalogueItems.get(
        { communityId, itemId: done?.result ?? itemId },
        { consistent: true },
      );
      if (made) return itemView(made, nowIso);
    }
    const { Item: existing } = await catalogueItems.get({ communityId, itemId }, { consistent: true });
    if (existing?.createRequestId === input.requestId && existing.createdBy === principal.userId)
      return itemView(existing, nowIso);
    throw conflict('已有同名的兑换项目');
  }
  return itemView(item, nowIso);
}

type ItemPatch = Partial<
  Omit<ItemInput, 'initialStock' | 'kind' | 'perPersonLimit' | 'activeFrom' | 'activeUntil' | 'providerAccountCode'>
> & {
  perPersonLimit?: number | null;
  activeFrom?: string | null;
  activeUntil?: string | null;
  providerAccountCode?: string | null;
  status?: 'active' | 'archived';
};

/** 修改/上下架. A cleared field (null) is removed; price changes apply to redemptions from now on. */
export async function updateItem({
  communityId,
  itemId,
  patch,
  now,
}: {
  communityId: string;
  itemId: string;
  patch: ItemPatch;
  now: Date;
}) {
  const { providerAccountCode, ...rest } = patch;
  const changes: Record<string, unknown> = {};
  // The same change as plain values (a removal is undefined), for the staff-log entry's before → after.
  const changed: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) {
    changes[k] = v === null ? $remove() : v;
    changed[k] = v ?? undefined;
  }
  if (providerAccountCode === null) {
    Object.assign(changes, { providerId: $remove(), providerName: $remove() });
    Object.assign(changed, { providerId: undefined, providerName: undefined });
  } else if (providerAccountCode) {
    const named = await provider(communityId, providerAccountCode, 'body.providerAccountCode');
    Object.assign(changes, named);
    Object.assign(changed, named);
  }
  const current = await loadItem(communityId, itemId);
  const from = patch.activeFrom === undefined ? current.activeFrom : (patch.activeFrom ?? undefined);
  const until = patch.activeUntil === undefined ? current.activeUntil : (patch.activeUntil ?? undefined);
  if (from && until && until <= from) throw conflict('结束兑换时间应晚于开始时间');
  noteStaffChange({ before: current, after: { ...current, ...changed }, fields: Object.keys(changed) });
  try {
    await transact({
      item: catalogueItems.transactUpdate({ communityId, itemId, ...changes } as never, {
        condition: { attr: 'itemId', exists: true },
      }),
    });
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('兑换项目');
    throw error;
  }
  return itemView(await loadItem(communityId, itemId), now.toISOString());
}

/** 入库: more pieces on the shelf, as a posting supply → stock; the request id posts it once. */
export async function restock({
  principal,
  communityId,
  itemId,
  input: body,
  now,
}: CommunityRequest & { itemId: string; input: { quantity: number; note?: string; requestId: string } }) {
  const item = await loadItem(communityId, itemId);
  await executePosting({
    communityId,
    idempotencyKey: `restock:${itemId}:${body.requestId}`,
    requestFingerprint: requestFingerprint({
      route: 'timebank.restock',
      caller: principal.userId,
      params: { communityId, itemId },
      body,
    }),
    kind: 'restock',
    entries: [
      { account: accounts.supply(itemId), amount: -body.quantity },
      { account: accounts.stock(itemId), amount: body.quantity },
    ],
    memo: `${item.name} 入库 ${body.quantity} 件${body.note ? `：${body.note}` : ''}`,
    actorId: principal.userId,
    at: now.toISOString(),
    refs: { itemId },
  });
  return itemView(await loadItem(communityId, itemId), now.toISOString());
}
