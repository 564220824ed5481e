import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { hasFloor, parseAccount, postingProblem, stableHash, type Entry, type PostingKind } from '@linli/shared';
import { catalogueItems } from '../../db/entities/catalogueItem';
import { ledgerAccounts } from '../../db/entities/ledgerAccount';
import { ledgerPostings, type LedgerPostingItem } from '../../db/entities/ledgerPosting';
import { failedWrites, transact, type Writes, type WriteTx } from '../../db/transactions';
import type { Draft } from '../../db/draft';
import { isTransactionConflict } from '../../db/errors';
import { assertSameRequest } from '../../http/idempotency';
import { accountCodeOf } from './accountCode';

/** A business event's movement, before it is written. */
export interface PostingInput {
  communityId: string;
  /** Names the business event (`approve:<activityId>:<userId>:1`); the same key never posts twice. */
  idempotencyKey: string;
  kind: PostingKind;
  entries: Entry[];
  memo: string;
  actorId?: string;
  at: string;
  refs?: Record<string, string>;
  /**
   * The fingerprint of the request whose key this is (http/idempotency.ts), for postings a client's
   * request id makes: the same key with another request is then refused (409) instead of answered.
   */
  requestFingerprint?: string;
}

export const postingIdOf = (communityId: string, idempotencyKey: string) =>
  `p${stableHash(`${communityId}|${idempotencyKey}`)}`;

type Condition = Record<string, unknown>;

export interface PostingOptions {
  /** Extra conditions on a balance item, by account (e.g. `movements = n` for an expiry, `status = active` on stock). */
  conditions?: Record<string, Condition>;
  /**
   * Named writes of the cause (a registration approved, an order placed…) that happen with the
   * posting or not at all. Their names must not be `posting` or start with `balance:`.
   */
  alongside?: Writes;
}

/**
 * Why a posting did not happen: `account` names the balance whose condition failed (insufficient
 * points, empty shelf), `alongside` the name of a cause write whose condition failed.
 */
export class PostingRefused extends Error {
  constructor(
    readonly account: string | undefined,
    readonly alongside: string | undefined,
  ) {
    super(account ? `condition failed on ${account}` : `condition failed on alongside write ${alongside}`);
    this.name = 'PostingRefused';
  }
}

/** The immutable posting record of an input (validated), whose conditional put is the idempotency check. */
export function postingRecord(p: PostingInput): Draft<LedgerPostingItem> {
  const problem = postingProblem(p.entries);
  if (problem) throw new Error(`refusing an unbalanced posting (${p.idempotencyKey}): ${problem}`);
  if (p.entries.filter((e) => parseAccount(e.account).kind === 'resident').length > 2)
    throw new Error('a posting touches at most two resident accounts (the statement indexes)');
  return {
    communityId: p.communityId,
    postingId: postingIdOf(p.communityId, p.idempotencyKey),
    idempotencyKey: p.idempotencyKey,
    kind: p.kind,
    entries: p.entries.map((e) => ({ account: e.account, amount: e.amount })),
    accountIds: p.entries.map((e) => e.account),
    memo: p.memo,
    actorId: p.actorId,
    at: p.at,
    refs: p.refs ?? {},
    requestFingerprint: p.requestFingerprint,
  };
}

export const putPostingRecord = (posting: Draft<LedgerPostingItem>): WriteTx =>
  ledgerPostings.transactPut(posting, { condition: { attr: 'postingId', exists: false } });

/** The name of the write that moves an account's balance (a piece account's: its catalogue item). */
const BALANCE = 'balance:';

/**
 * The writes of one posting: the immutable posting record (`posting`, conditional: its id is the
 * idempotency key), then one balance update per balance item (`balance:<account>`), each a single ADD
 * so concurrent postings compose. Debits of floored accounts carry `balance >= amount`. Piece
 * accounts of one catalogue item become one update of that item (a transaction may touch an item
 * once), named by its stock account.
 */
export function postingWrites(
  p: PostingInput,
  options: PostingOptions = {},
): { writes: Record<string, WriteTx>; posting: Draft<LedgerPostingItem> } {
  const posting = postingRecord(p);
  const writes: Record<string, WriteTx> = { posting: putPostingRecord(posting) };
  const extra = options.conditions ?? {};

  const pieces = new Map<string, { stock?: number; redeemed?: number; supply?: number; accounts: string[] }>();
  for (const e of p.entries) {
    const { kind, ref } = parseAccount(e.account);
    if (kind === 'supply' || kind === 'stock' || kind === 'redeemed') {
      const item = pieces.get(ref as string) ?? { accounts: [] };
      item[kind] = e.amount;
      item.accounts.push(e.account);
      pieces.set(ref as string, item);
      continue;
    }
    const floor = hasFloor(e.account) && e.amount < 0 ? [{ attr: 'balance', gte: -e.amount }] : [];
    const conditions = [...floor, ...(extra[e.account] ? [extra[e.account]] : [])];
    writes[BALANCE + e.account] = ledgerAccounts.transactUpdate(
      {
        communityId: p.communityId,
        accountId: e.account,
        balance: $add(e.amount),
        movements: $add(1),
        // A posting may open a resident's account: its owner and 积分账号 (the entity indexes it by both).
        ...(kind === 'resident'
          ? { userId: ref as string, accountCode: accountCodeOf(p.communityId, ref as string) }
          : {}),
      },
      conditions.length ? { condition: (conditions.length === 1 ? conditions[0] : { and: conditions }) as never } : {},
    );
  }
  for (const [itemId, d] of pieces) {
    const conditions: Condition[] = [{ attr: 'itemId', exists: true }];
    if (d.stock !== undefined && d.stock < 0) conditions.push({ attr: 'stock', gte: -d.stock });
    for (const account of d.accounts) if (extra[account]) conditions.push(extra[account] as Condition);
    const owner = d.accounts.find((a) => a.startsWith('stock:')) ?? (d.accounts[0] as string);
    writes[BALANCE + owner] = catalogueItems.transactUpdate(
      {
        communityId: p.communityId,
        itemId,
        ...(d.stock !== undefined ? { stock: $add(d.stock) } : {}),
        ...(d.redeemed !== undefined ? { redeemed: $add(d.redeemed) } : {}),
        ...(d.supply !== undefined ? { supply: $add(d.supply) } : {}),
      },
      { condition: { and: conditions } as never },
    );
  }
  return { writes, posting };
}

const CONFLICT_RETRIES = 3;

/**
 * Writes a posting with its cause in one transaction. Answers `duplicate` when the idempotency key
 * was already posted (nothing is written then); throws PostingRefused when a balance or a cause
 * condition fails. AWS's TransactionConflict (two transactions on one item at once) is retried:
 * the conditional posting record makes the retry safe.
 */
export async function executePosting(
  p: PostingInput,
  options: PostingOptions = {},
): Promise<{ outcome: 'posted' | 'duplicate'; postingId: string }> {
  const { writes, posting } = postingWrites(p, options);
  const alongside = options.alongside ?? {};
  const clash = Object.keys(alongside).find((name) => name in writes || name.startsWith(BALANCE));
  if (clash) throw new Error(`the cause's write "${clash}" takes a name of the posting's own`);
  const all: Writes = { ...writes, ...alongside };
  for (let attempt = 1; ; attempt++) {
    try {
      await transact(all);
      return { outcome: 'posted', postingId: posting.postingId };
    } catch (error) {
      if (isTransactionConflict(error) && attempt < CONFLICT_RETRIES) {
        await new Promise((r) => setTimeout(r, 20 * attempt + Math.random() * 30));
        continue;
      }
      const failed = failedWrites(error, all);
      if (!failed?.size) throw error;
      if (failed.has('posting')) {
        if (p.requestFingerprint) await assertSamePosting(posting.communityId, posting.postingId, p.requestFingerprint);
        return { outcome: 'duplicate', postingId: posting.postingId };
      }
      // The first refusal in transaction order: a balance before the cause's writes.
      const [first] = failed as ReadonlySet<string>;
      if (first?.startsWith(BALANCE)) throw new PostingRefused(first.slice(BALANCE.length), undefined);
      throw new PostingRefused(undefined, first);
    }
  }
}

/** A posting's key was taken: by the same request retried (answered), or by another (409, nothing written). */
export async function assertSamePosting(communityId: string, postingId: string, fingerprint: string): Promise<void> {
  const { Item } = await ledgerPostings.get({ communityId, postingId }, { consistent: true });
  assertSameRequest(Item?.requestFingerprint, fingerprint);
}
