import { addDays, type Principal } from '@linli/shared';
import type { CommunityItem } from '../db/entities/community';
import { idempotencyRecords } from '../db/entities/idempotencyRecord';
import type { StreetItem } from '../db/entities/street';
import { noteStaffChange, staffEntryIn } from '../db/staffLog';
import { failedWrites, transact, type WriteName, type Writes, type WriteTx } from '../db/transactions';
import type { Draft } from '../db/draft';
import { epochSeconds } from '../commons/clock';
import { ulid } from '../commons/ids';
import { conflict } from '../http/errors';
import { assertSameRequest, requestFingerprint } from '../http/idempotency';
import { addressedCommunities, loadStreet } from './streets';

/**
 * What the street office's actions across its communities (街道通知, 街道议事) share: the street object is
 * written first, with the sender's idempotency record, for the chosen communities (all of the street's when
 * none are chosen; each checked to belong to it); then each community gets an ordinary object of its own
 * (a community notice, a poll) under the street object's id, each its own transaction conditioned on
 * absent. So a retried request answers the first one's object, and a resumed one writes each community's
 * share at most once and completes one that a crash left undone.
 */

export interface StreetRequest {
  principal: Principal;
  streetId: string;
  now: Date;
}

/** A street object that one of the street's actions writes for its chosen communities. */
export interface StreetWideAction<Item> extends StreetRequest {
  /** The route's id (the request's fingerprint names it). */
  route: string;
  /** The idempotency record's action, without the street (`street-notice`). */
  action: string;
  /** The route's body: its request id, the chosen communities, and what the fingerprint compares. */
  input: { requestId: string; communityIds?: string[] };
  /** The street object under its new id, for the chosen communities. */
  draft(from: { street: StreetItem; communities: CommunityItem[]; id: string }): Draft<Item>;
  /** Its put, conditioned on its absence. */
  put(item: Draft<Item>): WriteTx;
  /** Reads it by id, consistently (a retried request finishing what the first one started). */
  load(id: string): Promise<Draft<Item> | undefined>;
  /** The 409's message when the first request under the id has not written its object yet. */
  pending: string;
}

/**
 * Writes the street object and the request's record once and answers it; the same request again answers
 * the object the first one wrote (another request under its id: 409). The street's log names the object.
 */
export async function startStreetWide<Item>({
  principal,
  streetId,
  now,
  route,
  action: actionName,
  input,
  draft,
  put,
  load,
  pending,
}: StreetWideAction<Item>): Promise<Draft<Item>> {
  const fingerprint = requestFingerprint({ route, caller: principal.userId, params: { streetId }, body: input });
  const street = await loadStreet(streetId);
  const communities = await addressedCommunities(streetId, input.communityIds);
  const id = ulid(now.getTime());
  const item = draft({ street, communities, id });
  const action = `${actionName}:${streetId}`;
  const writes = {
    request: idempotencyRecords.transactPut(
      {
        userId: principal.userId,
        action,
        requestId: input.requestId,
        result: id,
        requestFingerprint: fingerprint,
        ttl: epochSeconds(addDays(now, 1)),
      },
      { condition: { attr: 'requestId', exists: false } },
    ),
    item: put(item),
  };
  // The street's log names the street object (each community's names its own share, under the same id).
  noteStaffChange({ objectId: id });
  try {
    await transact(writes);
    return item;
  } catch (error) {
    if (!failedWrites(error, writes)?.has('request')) throw error;
    const { Item: done } = await idempotencyRecords.get(
      { userId: principal.userId, action, requestId: input.requestId },
      { consistent: true },
    );
    assertSameRequest(done?.requestFingerprint, fingerprint);
    const first = done ? await load(done.result) : undefined;
    if (!first) throw conflict(pending);
    return first;
  }
}

/**
 * Writes each community's share of a street object, one community at a time, with the staff log entry
 * there. `writesIn` answers a community's writes (or nothing, when it finds the share already there);
 * the write named `once` is conditioned on its absence, so a share written before (a retry, a resumed
 * request) is passed over.
 */
export async function writeInEach<C extends { communityId: string }, W extends Writes>({
  communities,
  objectId,
  once,
  writesIn,
}: {
  communities: readonly C[];
  /** The street object's id, which each community's share and log entry bear. */
  objectId: string;
  once: WriteName<W>;
  writesIn(community: C): Promise<W | undefined> | W;
}): Promise<void> {
  for (const c of communities) {
    const own = await writesIn(c);
    if (!own) continue;
    const logged = staffEntryIn(c.communityId, objectId);
    const writes = { ...own, staffLog: logged?.write };
    try {
      await transact(writes);
      logged?.committed();
    } catch (error) {
      if (failedWrites(error, writes)?.has(once)) continue;
      throw error;
    }
  }
}
