import {
  addDays,
  holdsRole,
  isWholeCommunity,
  managedGrids,
  type BroadcastPreview,
  type BroadcastView,
  type Principal,
  type Scope,
} from '@linli/shared';
import { broadcasts, type BroadcastItem } from '../db/entities/broadcast';
import type { BuildingItem } from '../db/entities/building';
import { communities } from '../db/entities/community';
import type { GridItem } from '../db/entities/grid';
import { idempotencyRecords } from '../db/entities/idempotencyRecord';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { units } from '../db/entities/unit';
import { decodeCursor, encodeCursor } from '../db/cursor';
import { failedWrites, transact } from '../db/transactions';
import { epochSeconds } from '../commons/clock';
import { ulid } from '../commons/ids';
import type { CommunityRequest } from '../commons/serviceRequest';
import { badRequest, conflict, forbidden, notFound } from '../http/errors';
import { allRecipients, UnknownScopeError } from './audiences';
import { intentIdOf, notificationIntent } from './outbox';
import { notifications } from '../db/registries/notifications';
import { roster } from '../db/registries/roster';
import { noteStaffChange } from '../db/staffLog';

interface Structure {
  communityName: string;
  grids: Map<string, GridItem>;
  buildings: Map<string, BuildingItem>;
}

async function structureOf(communityId: string): Promise<Structure> {
  const [{ Item: community }, { Items = [] }] = await Promise.all([
    communities.get({ communityId }),
    roster.query.structure({ communityId }).send(),
  ]);
  if (!community) throw notFound('社区');
  return {
    communityName: community.name,
    grids: new Map(Items.flatMap((i) => (i.entity === 'Grid' ? [[i.gridId, i as GridItem] as const] : []))),
    buildings: new Map(
      Items.flatMap((i) => (i.entity === 'Building' ? [[i.buildingId, i as BuildingItem] as const] : [])),
    ),
  };
}

/**
 * Checks a scope against the roster and the sender: ids must exist here, and a grid worker may only
 * address their own grid(s) — never the whole community. Answers the scope's label (全社区 / 3栋 …).
 */
async function authorizeScope(
  principal: Principal,
  communityId: string,
  scope: Scope,
  structure: Structure,
): Promise<string> {
  const grids = managedGrids(principal, communityId);
  const gridOfUnit = new Map<string, string>();
  for (const unitId of scope.unitIds ?? []) {
    const { Item } = await units.get({ communityId, unitId });
    if (!Item) throw badRequest('房屋不存在', [{ field: 'body.scope.unitIds', message: '所选房屋不存在' }]);
    gridOfUnit.set(unitId, Item.gridId);
  }
  for (const gridId of scope.gridIds ?? [])
    if (!structure.grids.has(gridId))
      throw badRequest('网格不存在', [{ field: 'body.scope.gridIds', message: '所选网格不存在' }]);
  for (const buildingId of scope.buildingIds ?? [])
    if (!structure.buildings.has(buildingId))
      throw badRequest('楼栋不存在', [{ field: 'body.scope.buildingIds', message: '所选楼栋不存在' }]);

  if (grids !== 'all') {
    if (isWholeCommunity(scope)) throw forbidden('网格员只能向本网格发布通知');
    const touched = [
      ...(scope.gridIds ?? []),
      ...(scope.buildingIds ?? []).map((b) => structure.buildings.get(b)!.gridId),
      ...gridOfUnit.values(),
    ];
    if (touched.some((g) => !grids.includes(g))) throw forbidden('网格员只能向本网格发布通知');
  }
  return scopeLabel(scope, structure);
}

function scopeLabel(scope: Scope, structure: Structure): string {
  if (isWholeCommunity(scope)) return `${structure.communityName}全体居民`;
  const names = [
    ...(scope.gridIds ?? []).map((g) => structure.grids.get(g)?.name ?? g),
    ...(scope.buildingIds ?? []).map((b) => structure.buildings.get(b)?.name ?? b),
    ...(scope.unitIds?.length ? [`${scope.unitIds.length} 户`] : []),
  ];
  return names.join('、');
}

/** 发送前预览: households and residents the scope reaches, building by building. */
export async function previewBroadcast(
  principal: Principal,
  communityId: string,
  scope: Scope,
): Promise<BroadcastPreview> {
  const structure = await structureOf(communityId);
  await authorizeScope(principal, communityId, scope, structure);
  const units = new Map<string, Set<string>>();
  const residents = new Map<string, Set<string>>();
  const everyone = new Set<string>();
  try {
    for await (const page of allRecipients(communityId, { kind: 'scope', scope })) {
      for (const m of page.members ?? []) {
        if (!units.has(m.buildingId)) units.set(m.buildingId, new Set());
        if (!residents.has(m.buildingId)) residents.set(m.buildingId, new Set());
        units.get(m.buildingId)!.add(m.unitId);
        residents.get(m.buildingId)!.add(m.userId);
        everyone.add(m.userId);
      }
    }
  } catch (error) {
    if (error instanceof UnknownScopeError)
      throw badRequest('接收范围不存在', [{ field: `body.scope.${error.field}`, message: '所选范围不存在' }]);
    throw error;
  }
  const rows = [...units.keys()]
    .map((buildingId) => ({
      buildingId,
      name: structure.buildings.get(buildingId)?.name ?? buildingId,
      households: units.get(buildingId)!.size,
      residents: residents.get(buildingId)!.size,
    }))
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN', { numeric: true }));
  return { households: rows.reduce((n, r) => n + r.households, 0), residents: everyone.size, buildings: rows };
}

/**
 * 发布社区通知: the notice, its audience intent (expanded by the dispatcher in pages, never one giant
 * write) and an idempotency record for the sender's request id go in one transaction. A retried
 * request answers the notice the first one made.
 */
export async function sendBroadcast({
  principal,
  communityId,
  input,
  now,
}: CommunityRequest & {
  input: { requestId: string; title: string; body: string; scope: Scope; urgent?: boolean };
}): Promise<BroadcastView> {
  const fingerprint = requestFingerprint({
    route: 'notifications.sendBroadcast',
    caller: principal.userId,
    params: { communityId },
    body: input,
  });
  const structure = await structureOf(communityId);
  const label = await authorizeScope(principal, communityId, input.scope, structure);
  const broadcastId = ulid(now.getTime());
  noteStaffChange({ objectId: broadcastId });
  const senderLabel = holdsRole(principal, ['committee', 'admin'], communityId)
    ? `${structure.communityName}居委会`
    : `${structure.communityName}网格员`;
  const dedupeKey = `${communityId}:${broadcastId}`;
  const item: Omit<BroadcastItem, 'created' | 'modified'> = {
    communityId,
    broadcastId,
    title: input.title,
    body: input.body,
    scope: input.scope,
    scopeLabel: label,
    urgent: input.urgent ?? false,
    senderId: principal.userId,
    senderLabel,
    intentId: intentIdOf('broadcast.published', dedupeKey),
    createdAt: now.toISOString(),
    recipients: 0,
    reads: 0,
  };
  const intent = notificationIntent(
    {
      communityId,
      event: 'broadcast.published',
      dedupeKey,
      audience: { kind: 'scope', scope: input.scope },
      broadcastId,
      title: input.title,
      body: input.body,
      link: '',
      urgent: input.urgent ?? false,
      data: { sender: senderLabel },
    },
    now,
  );
  const writes = {
    request: idempotencyRecords.transactPut(
      {
        userId: principal.userId,
        action: `broadcast:${communityId}`,
        requestId: input.requestId,
        result: broadcastId,
        requestFingerprint: fingerprint,
        ttl: epochSeconds(addDays(now, 1)),
      },
      { condition: { attr: 'requestId', exists: false } },
    ),
    notice: broadcasts.transactPut(item, { condition: { attr: 'broadcastId', exists: false } }),
    intent,
  };
  try {
    await transact(writes);
  } catch (error) {
    // The same request again: answer what it made (another request under its id: 409).
    if (!failedWrites(error, writes)?.has('request')) throw error;
    return answerRepeat({ userId: principal.userId, communityId, requestId: input.requestId, fingerprint });
  }
  return broadcastView(item);
}

/** The notice an earlier request under this id made; another request under it is refused (409). */
async function answerRepeat(repeat: {
  userId: string;
  communityId: string;
  requestId: string;
  fingerprint: string;
}): Promise<BroadcastView> {
  const { userId, communityId, requestId } = repeat;
  const { Item: done } = await idempotencyRecords.get(
    { userId, action: `broadcast:${communityId}`, requestId },
    { consistent: true },
  );
  assertSameRequest(done?.requestFingerprint, repeat.fingerprint);
  const { Item } = done
    ? await broadcasts.get({ communityId, broadcastId: done.result }, { consistent: true })
    : { Item: undefined };
  if (!Item) throw conflict('该通知正在发布，请稍后刷新');
  return broadcastView(Item);
}

export async function listBroadcasts(communityId: string, page: { cursor?: string; limit: number }) {
  const { Items = [], LastEvaluatedKey } = await notifications.query
    .notices({ communityId, page: { limit: page.limit, start: decodeCursor(page.cursor) } })
    .send();
  return { items: Items.map(broadcastView), nextCursor: encodeCursor(LastEvaluatedKey) };
}

export function broadcastView(b: Omit<BroadcastItem, 'created' | 'modified'>): BroadcastView {
  return {
    broadcastId: b.broadcastId,
    title: b.title,
    body: b.body,
    scopeLabel: b.scopeLabel,
    urgent: b.urgent,
    senderLabel: b.senderLabel,
    createdAt: b.createdAt,
    recipients: b.recipients ?? 0,
    reads: b.reads ?? 0,
    completed: !!b.completedAt,
  };
}
