import {
  holdsRole,
  maskPhone,
  PAPER_PHOTO_MAX_BYTES,
  PAPER_PHOTO_TYPES,
  type OwnerProxyState,
  type OwnerProxyView,
  type Principal,
} from '@linli/shared';
import { owners } from '../../db/entities/owner';
import {
  activeOwnerProxies,
  ownerProxies as proxies,
  claimedIndexKeys,
  reissuedCodeKeys,
  type OwnerProxyItem,
} from '../../db/entities/ownerProxy';
import { participations } from '../../db/entities/participation';
import { topics, type TopicItem, type VoteSettings } from '../../db/entities/topic';
import { units } from '../../db/entities/unit';
import { ownerProxies } from '../../db/registries/ownerProxies';
import { agora } from '../../db/registries/agora';
import { failedWrites, transact } from '../../db/transactions';
import { isConditionFailure } from '../../db/errors';
import type { CommunityRequest } from '../../commons/serviceRequest';
import { ulid } from '../../commons/ids';
import { badRequest, conflict, forbidden, notFound } from '../../http/errors';
import { presignDownload, presignUpload, verifyUpload } from '../../media/storage';
import { castBallot } from '../casting';
import { ownerKey, seatOfUnit } from '../seats';
import { newProxyCode, proxyCodeHash, proxyCodeMatches } from './codes';

/**
 * 书面委托 for owners' votes (民法典第278条). The owner names a proxy with the signed 授权委托书's photo, the
 * committee confirms or rejects it, the proxy casts the owner's ballot through the same `castBallot` as
 * every other channel (so one ballot per owner across online, paper and proxy), and the owner may revoke
 * until a ballot is cast for the seat. Races are settled by conditions, never by reading first: the cast
 * carries the proxy's `confirmed` condition, the revocation the Participation's absence, a nomination the
 * absence of the owner's standing one (the ActiveOwnerProxy marker). Every nomination is its own record, so
 * a returned or revoked one keeps its history.
 */

export interface PollRequest extends CommunityRequest {
  topicId: string;
}
export interface ProxyRequest extends PollRequest {
  ownerId: string;
}
type Actor = { userId: string; name: string };
type OwnersPoll = TopicItem & { vote: VoteSettings };

const uploadPrefix = (communityId: string, topicId: string, userId: string) =>
  `agora/proxy/${communityId}/${topicId}/${userId}/`;

/** Nothing cast for the seat, or the committee voided what was: the state a proxy may still be named or revoked in. */
const seatStillOpen = (communityId: string, topicId: string, ownerId: string) =>
  participations.transactCheck(
    { communityId, topicId, voterKey: ownerKey(ownerId) },
    {
      or: [
        { attr: 'voterKey', exists: false },
        { attr: 'status', eq: 'voided' },
      ],
    },
  );

async function ownersPoll(communityId: string, topicId: string): Promise<OwnersPoll> {
  const { Item: topic } = await topics.get({ communityId, topicId });
  if (!topic) throw notFound('议题');
  if (!topic.vote || topic.vote.basis !== 'owners') throw conflict('只有业主表决可以书面委托');
  return topic as OwnersPoll;
}

function openForVoting(topic: OwnersPoll, now: Date): boolean {
  const at = now.toISOString();
  return topic.phase === 'voting' && topic.vote.opensAt <= at && at < topic.vote.closesAt;
}

function assertBeforeClose(topic: OwnersPoll, now: Date) {
  if (topic.phase !== 'voting' || now.toISOString() >= topic.vote.closesAt)
    throw conflict('表决已截止，委托不能再变更', 'POLL_NOT_OPEN');
}

/** The owners a resident speaks for in this community (bound as 业主 with the owner's id). */
const ownersOf = (principal: Principal, communityId: string) =>
  new Set(
    principal.memberships
      .filter((m) => m.communityId === communityId && m.relation === 'owner' && m.ownerId)
      .map((m) => m.ownerId as string),
  );

const stands = (p: { status: OwnerProxyState }) => p.status === 'pending' || p.status === 'confirmed';

/**
 * The owner's nomination that counts now: the standing one (pending or confirmed; at most one, by the marker),
 * else the latest, returned or revoked, so the owner sees why and a cast through it is told it no longer stands.
 */
async function loadProxy(communityId: string, topicId: string, ownerId: string) {
  const { Items = [] } = await ownerProxies.query.nominationsOfOwner({ communityId, topicId, ownerId }).send();
  return Items.find(stands) ?? Items.at(-1);
}

/** The owner's seat in this poll (all their units in scope), as every channel counts it. */
async function ownerSeat(topic: OwnersPoll, ownerId: string) {
  const { Item: owner } = await owners.get({ communityId: topic.communityId, ownerId });
  const unitId = owner?.unitIds[0];
  const { Item: unit } = unitId ? await units.get({ communityId: topic.communityId, unitId }) : { Item: undefined };
  if (!unit) throw notFound('业主');
  return seatOfUnit(topic, unit);
}

type StoredProxy = Omit<OwnerProxyItem, 'created' | 'modified'>;

export async function proxyView(
  p: StoredProxy,
  as: { committee: boolean; owner: boolean; now: Date; code?: string },
): Promise<OwnerProxyView> {
  return {
    topicId: p.topicId,
    ownerId: p.ownerId,
    nominationId: p.nominationId,
    ownerLabel: p.ownerLabel,
    namedByName: p.namedByName,
    proxyName: p.proxyName,
    proxyPhone: as.committee ? p.proxyPhone : (maskPhone(p.proxyPhone) ?? ''),
    onApp: !!p.proxyUserId,
    code: as.code,
    state: p.status,
    note: p.note,
    reviewedByName: p.reviewedByName,
    reviewedAt: p.reviewedAt,
    revokedAt: p.revokedAt,
    createdAt: p.createdAt,
    used: !!p.usedAt,
    usedAt: p.usedAt,
    documentUrl: as.committee || as.owner ? (await presignDownload(p.documentKey, as.now)).url : undefined,
  };
}

export const pollInfo = (topic: OwnersPoll, now: Date) => ({
  topicId: topic.topicId,
  title: topic.title,
  open: openForVoting(topic, now),
  closesAt: topic.vote.closesAt,
  secrecy: topic.vote.secrecy,
  ballot: {
    kind: topic.vote.ballot.kind,
    options: topic.vote.ballot.options,
    maxChoices: topic.vote.ballot.maxChoices,
  },
});

/** 委托投票 page: the owners I speak for in this poll, whether each has voted (never what) and its proxy. */
export async function myOwnerSeats({ principal, communityId, topicId, now }: PollRequest) {
  const topic = await ownersPoll(communityId, topicId);
  const mine = [...ownersOf(principal, communityId)];
  const seats = [];
  for (const ownerId of mine) {
    const seat = await ownerSeat(topic, ownerId).catch(() => undefined);
    if (!seat) continue;
    const [{ Item: p }, proxy] = await Promise.all([
      participations.get({ communityId, topicId, voterKey: seat.voterKey }, { consistent: true }),
      loadProxy(communityId, topicId, ownerId),
    ]);
    const voted = p?.status === 'cast';
    seats.push({
      ownerId,
      label: seat.label,
      voted,
      channel: voted ? p.channel : undefined,
      proxy: proxy ? await proxyView(proxy, { committee: false, owner: true, now }) : undefined,
    });
  }
  return { poll: pollInfo(topic, now), seats };
}

export async function createProxyUpload({
  principal,
  communityId,
  topicId,
  input,
  now,
}: PollRequest & { input: { contentType: (typeof PAPER_PHOTO_TYPES)[number]; size: number } }) {
  assertBeforeClose(await ownersPoll(communityId, topicId), now);
  return presignUpload({
    key: `${uploadPrefix(communityId, topicId, principal.userId)}${ulid(now.getTime())}.${input.contentType === 'image/png' ? 'png' : 'jpg'}`,
    contentType: input.contentType,
    maxBytes: PAPER_PHOTO_MAX_BYTES,
    now,
  });
}

async function verifiedPhoto(key: string, field: string, req: PollRequest) {
  await verifyUpload({
    key,
    ownPrefix: uploadPrefix(req.communityId, req.topicId, req.principal.userId),
    contentTypes: PAPER_PHOTO_TYPES,
    maxBytes: PAPER_PHOTO_MAX_BYTES,
  }).catch((error: unknown) => {
    if (error instanceof Error && 'status' in error)
      throw badRequest(error.message, [{ field, message: error.message }]);
    throw error;
  });
}

export interface NameProxyRequest extends PollRequest {
  actor: Actor;
  input: { ownerId: string; proxyName: string; proxyPhone: string; documentKey: string };
}

/**
 * 委托: the owner names a proxy for this poll, as a new record with a new 委托码 (shown in this answer only).
 * A retry of the same nomination answers it again, with a fresh code while no proxy has used the first (the
 * first answer may be the one that was lost); a new one needs the standing one revoked or returned first,
 * and nothing cast for the seat. Two nominations at once: the marker's condition lets one commit.
 */
export async function nameProxy(req: NameProxyRequest): Promise<OwnerProxyView> {
  const { principal, communityId, topicId, input, now } = req;
  if (!ownersOf(principal, communityId).has(input.ownerId)) throw forbidden('只能为本人作为业主的房屋委托');
  const topic = await ownersPoll(communityId, topicId);
  assertBeforeClose(topic, now);
  const existing = await loadProxy(communityId, topicId, input.ownerId);
  if (existing && stands(existing)) {
    if (existing.documentKey === input.documentKey && existing.proxyPhone === input.proxyPhone)
      return renamed(req, existing);
    throw conflict('已有有效的委托，请先撤销再重新委托');
  }
  await verifiedPhoto(input.documentKey, 'body.documentKey', req);
  const seat = await ownerSeat(topic, input.ownerId);
  const code = newProxyCode();
  const item: StoredProxy = {
    communityId,
    topicId,
    ownerId: input.ownerId,
    nominationId: ulid(now.getTime()),
    ownerLabel: seat.label,
    namedBy: principal.userId,
    namedByName: req.actor.name,
    proxyName: input.proxyName,
    proxyPhone: input.proxyPhone,
    documentKey: input.documentKey,
    codeHash: await proxyCodeHash(communityId, code),
    status: 'pending',
    createdAt: now.toISOString(),
  };
  const writes = {
    active: activeOwnerProxies.transactPut(
      { communityId, topicId, ownerId: input.ownerId, nominationId: item.nominationId },
      { condition: { attr: 'ownerId', exists: false } },
    ),
    proxy: proxies.transactPut(item, { condition: { attr: 'nominationId', exists: false } }),
    seat: seatStillOpen(communityId, topicId, input.ownerId),
  };
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (failed?.has('seat')) throw conflict('该业主已投票，不能再委托', 'ALREADY_VOTED');
    if (failed?.has('active') || failed?.has('proxy')) throw conflict('已有有效的委托，请先撤销再重新委托');
    throw error;
  }
  return proxyView(item, { committee: false, owner: true, now, code });
}

/** A retried nomination: the same record, with a new code while no proxy has linked the old one. */
async function renamed({ communityId, now }: NameProxyRequest, p: OwnerProxyItem): Promise<OwnerProxyView> {
  if (p.proxyUserId) return proxyView(p, { committee: false, owner: true, now });
  const code = newProxyCode();
  const codeHash = await proxyCodeHash(communityId, code);
  try {
    await proxies.update(
      {
        communityId,
        topicId: p.topicId,
        ownerId: p.ownerId,
        nominationId: p.nominationId,
        codeHash,
        ...reissuedCodeKeys(communityId, codeHash),
      },
      {
        condition: {
          and: [
            { attr: 'proxyUserId', exists: false },
            { attr: 'status', in: ['pending', 'confirmed'] },
          ],
        },
      },
    );
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('委托刚刚发生变化，请刷新后重试');
    throw error;
  }
  return proxyView({ ...p, codeHash }, { committee: false, owner: true, now, code });
}

/** 撤销委托: until a ballot is cast for the owner's seat, by whichever channel. */
export async function revokeProxy({ principal, communityId, topicId, ownerId, now }: ProxyRequest) {
  if (!ownersOf(principal, communityId).has(ownerId)) throw notFound('委托');
  const topic = await ownersPoll(communityId, topicId);
  assertBeforeClose(topic, now);
  const existing = await loadProxy(communityId, topicId, ownerId);
  if (!existing) throw notFound('委托');
  const at = now.toISOString();
  const { nominationId } = existing;
  const writes = {
    proxy: proxies.transactUpdate(
      { communityId, topicId, ownerId, nominationId, status: 'revoked', revokedAt: at },
      { condition: { attr: 'status', in: ['pending', 'confirmed'] } },
    ),
    active: activeOwnerProxies.transactDelete(
      { communityId, topicId, ownerId },
      { condition: { attr: 'nominationId', eq: nominationId } },
    ),
    seat: seatStillOpen(communityId, topicId, ownerId),
  };
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (failed?.has('seat')) throw conflict('该业主的票已投出，委托不能再撤销', 'ALREADY_VOTED');
    if (failed?.has('proxy') || failed?.has('active')) throw conflict('该委托已撤销或已被退回');
    throw error;
  }
  return proxyView({ ...existing, status: 'revoked', revokedAt: at }, { committee: false, owner: true, now });
}

/** 接受委托: the proxy links their account with the 委托码 the owner gave them. */
export async function claimProxy({
  principal,
  communityId,
  code,
  now,
}: CommunityRequest & { code: string }): Promise<OwnerProxyView> {
  const codeHash = await proxyCodeHash(communityId, code);
  const { Items = [] } = await ownerProxies.query.proxyByCode({ communityId, codeHash }).send();
  const found = Items.find(stands) ?? Items[0];
  if (!found || !(await proxyCodeMatches(communityId, code, found.codeHash))) {
    // Already claimed by this caller (a retry): the code left the index with the claim.
    throw notFound('委托码');
  }
  if (found.status !== 'pending' && found.status !== 'confirmed') throw conflict('该委托已撤销或已被退回');
  if (ownersOf(principal, communityId).has(found.ownerId)) throw conflict('业主本人无需接受自己的委托');
  try {
    await proxies.update(
      {
        communityId,
        topicId: found.topicId,
        ownerId: found.ownerId,
        nominationId: found.nominationId,
        proxyUserId: principal.userId,
        ...claimedIndexKeys(found, principal.userId),
      },
      {
        condition: {
          and: [
            { attr: 'proxyUserId', exists: false },
            { attr: 'codeHash', eq: found.codeHash },
            { attr: 'status', in: ['pending', 'confirmed'] },
          ],
        },
      },
    );
  } catch (error) {
    if (isConditionFailure(error)) throw conflict('该委托码已被使用');
    throw error;
  }
  return proxyView({ ...found, proxyUserId: principal.userId }, { committee: false, owner: false, now });
}

/** 我受托的表决: the owners' votes this person may cast for others, with the ballot to cast. */
export async function proxiesForMe({ principal, communityId, now }: CommunityRequest) {
  const { Items = [] } = await ownerProxies.query.proxiesHeldBy({ userId: principal.userId, communityId }).send();
  const polls = new Map<string, Promise<OwnersPoll>>();
  const items = [];
  for (const p of Items) {
    if (!polls.has(p.topicId)) polls.set(p.topicId, ownersPoll(communityId, p.topicId));
    const topic = await polls.get(p.topicId)!.catch(() => undefined);
    if (!topic) continue;
    items.push({ poll: pollInfo(topic, now), proxy: await proxyView(p, { committee: false, owner: false, now }) });
  }
  return { items };
}

/** The committee's list of a poll's proxies: who for whom, the document, its state, whether it was used. */
export async function listProxies({ communityId, topicId, now }: PollRequest) {
  await ownersPoll(communityId, topicId);
  const { Items = [] } = await ownerProxies.query.proxiesOfPoll({ communityId, topicId }).send();
  const count = (s: OwnerProxyState) => Items.filter((p) => p.status === s).length;
  const order: Record<OwnerProxyState, number> = { pending: 0, confirmed: 1, rejected: 2, revoked: 3 };
  const items = await Promise.all(
    Items.sort((a, b) => order[a.status] - order[b.status] || a.createdAt.localeCompare(b.createdAt)).map((p) =>
      proxyView(p, { committee: true, owner: false, now }),
    ),
  );
  const { Items: voters = [] } = await agora.query.votersOf({ communityId, topicId }).send();
  return {
    items,
    summary: {
      named: Items.length,
      pending: count('pending'),
      confirmed: count('confirmed'),
      rejected: count('rejected'),
      revoked: count('revoked'),
      used: voters.filter((v) => v.status === 'cast' && v.channel === 'proxy').length,
    },
  };
}

export interface ReviewProxyRequest extends ProxyRequest {
  actor: Actor;
  input: { decision: 'confirm' | 'reject'; note?: string; nominationId?: string };
}

/** 核验委托书: the committee confirms the signed document (then the proxy may cast) or returns it with a reason. */
export async function reviewProxy({ communityId, topicId, ownerId, actor, input, now }: ReviewProxyRequest) {
  const topic = await ownersPoll(communityId, topicId);
  assertBeforeClose(topic, now);
  const existing = await loadProxy(communityId, topicId, ownerId);
  if (!existing) throw notFound('委托');
  if (input.nominationId && input.nominationId !== existing.nominationId)
    throw conflict('业主已撤销该委托并重新委托，请刷新后核验');
  const { nominationId } = existing;
  const reviewed = {
    status: input.decision === 'confirm' ? ('confirmed' as const) : ('rejected' as const),
    note: input.note,
    reviewedBy: actor.userId,
    reviewedByName: actor.name,
    reviewedAt: now.toISOString(),
  };
  const writes = {
    proxy: proxies.transactUpdate(
      { communityId, topicId, ownerId, nominationId, ...reviewed },
      { condition: { attr: 'status', eq: 'pending' } },
    ),
    // A returned nomination no longer stands: the owner may name another.
    active:
      reviewed.status === 'rejected'
        ? activeOwnerProxies.transactDelete(
            { communityId, topicId, ownerId },
            { condition: { attr: 'nominationId', eq: nominationId } },
          )
        : undefined,
  };
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (failed?.has('proxy') || failed?.has('active')) throw conflict('该委托已核验或已撤销');
    throw error;
  }
  return proxyView({ ...existing, ...reviewed }, { committee: true, owner: false, now });
}

export interface ProxyCastRequest extends ProxyRequest {
  actor: Actor;
  input: { choices: string[]; requestId: string; photoKey?: string };
}

/**
 * 代为投票: the confirmed proxy casts the owner's ballot (`O_<ownerId>`, channel `proxy`). The proxy's
 * condition (confirmed, and this caster's account) is a write of the cast's own transaction, which also
 * stamps `usedAt`. Someone else's proxy, or none, is "not found".
 */
export async function castAsProxy(req: ProxyCastRequest) {
  const { principal, communityId, topicId, ownerId } = req;
  const existing = await loadProxy(communityId, topicId, ownerId);
  if (!existing || existing.proxyUserId !== principal.userId) throw notFound('委托');
  return castThrough(req, existing, false);
}

/** 代录受托人选票: the committee records the signed ballot of a confirmed proxy who is not on the app. */
export async function recordAssistedProxyBallot(req: ProxyCastRequest) {
  const { communityId, topicId, ownerId, input } = req;
  const existing = await loadProxy(communityId, topicId, ownerId);
  if (!existing) throw notFound('委托');
  await verifiedPhoto(input.photoKey ?? '', 'body.photoKey', req);
  return castThrough(req, existing, true);
}

async function castThrough(req: ProxyCastRequest, proxy: OwnerProxyItem, assisted: boolean) {
  const { principal, communityId, topicId, ownerId, input, now } = req;
  if (proxy.status !== 'confirmed')
    throw conflict(proxy.status === 'pending' ? '委托书尚待居委会核验，暂不能代为投票' : '该委托已撤销或已被退回');
  const topic = await ownersPoll(communityId, topicId);
  const seat = await ownerSeat(topic, ownerId);
  const key = { communityId, topicId, ownerId, nominationId: proxy.nominationId, usedAt: now.toISOString() };
  // The committee records for any confirmed proxy; a proxy on the app casts only their own.
  const guard = assisted
    ? proxies.transactUpdate(key, { condition: { attr: 'status', eq: 'confirmed' } })
    : proxies.transactUpdate(key, {
        condition: {
          and: [
            { attr: 'status', eq: 'confirmed' },
            { attr: 'proxyUserId', eq: principal.userId },
          ],
        },
      });
  return castBallot({
    topic,
    seat,
    choices: input.choices,
    channel: 'proxy',
    actor: req.actor,
    requestId: input.requestId,
    photoKey: input.photoKey,
    proxy: {
      guard,
      castByName: assisted ? `受托人${proxy.proxyName}（${req.actor.name}代录）` : `受托人${proxy.proxyName}`,
      route: assisted ? 'ownerProxies.recordAssisted' : 'ownerProxies.cast',
      assisted,
    },
    now,
  });
}

export const isCommittee = (principal: Principal, communityId: string) =>
  holdsRole(principal, ['committee', 'admin'], communityId);
