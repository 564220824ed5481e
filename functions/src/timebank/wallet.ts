import { accounts, monthlyBalances, normaliseCode, withRunningBalance } from '@linli/shared';
import { ledgerAccounts } from '../db/entities/ledgerAccount';
import { badRequest, conflict, notFound } from '../http/errors';
import { requestFingerprint } from '../http/idempotency';
import { loadUser } from '../identity/principal';
import { maskName, openResidentAccount, resolveAccountCode } from './accounts';
import { accountMovements } from './ledger/statement';
import { executePosting, PostingRefused } from './ledger/posting';
import { getSettings } from './settings';
import type { CommunityRequest } from '../commons/serviceRequest';
import type { ResidentRequest } from './orders';

function offsetOf(cursor: string | undefined): number {
  if (!cursor) return 0;
  if (!/^\d{1,6}$/.test(cursor)) throw badRequest('分页参数无效，请刷新后重试');
  return Number(cursor);
}

/** 我的积分: balance, 积分账号, the statement newest first with the balance after each line, and six months of balances. */
export async function wallet({
  principal,
  communityId,
  page,
  now,
}: CommunityRequest & { page: { cursor?: string; limit: number } }) {
  const account = await openResidentAccount(communityId, principal.userId);
  const [moves, settings] = await Promise.all([
    accountMovements(communityId, account.accountId),
    getSettings(communityId),
  ]);
  const lines = withRunningBalance(moves).reverse();
  const offset = offsetOf(page.cursor);
  const next = offset + page.limit;
  return {
    accountCode: account.accountCode as string,
    balance: account.balance,
    earned: moves.filter((m) => m.kind === 'hours' && m.amount > 0).reduce((s, m) => s + m.amount, 0),
    movements: lines.slice(offset, next).map(({ postingId, at, kind, memo, amount, balanceAfter }) => ({
      postingId,
      at,
      kind,
      memo,
      amount,
      balanceAfter,
    })),
    nextCursor: next < lines.length ? String(next) : undefined,
    chart: monthlyBalances(moves, now.toISOString(), 6),
    expiry: settings.expiry,
  };
}

/** Confirms whom a 积分账号 belongs to before donating, showing only a masked nickname. */
export async function findAccount(communityId: string, code: string) {
  const userId = await resolveAccountCode(communityId, code, 'params.accountCode').catch(() => {
    throw notFound('积分账号');
  });
  const user = await loadUser(userId);
  return { accountCode: normaliseCode(code), nickname: maskName(user?.nickname ?? '居民') };
}

/**
 * 捐赠: points from the donor to 爱心基金 or to another resident (an elderly neighbour), as one
 * posting conditioned on the donor's balance. The request id makes a retry post once.
 */
export async function donate({
  user,
  communityId,
  input: body,
  now,
}: ResidentRequest & { input: { to: string; amount: number; note?: string; requestId: string } }) {
  const from = accounts.resident(user.userId);
  let to: string = accounts.fund;
  let toLabel = '爱心基金';
  if (body.to !== 'fund') {
    const recipient = await resolveAccountCode(communityId, body.to, 'body.to');
    if (recipient === user.userId) throw badRequest('不能捐给自己', [{ field: 'body.to', message: '不能捐给自己' }]);
    to = accounts.resident(recipient);
    toLabel = maskName((await loadUser(recipient))?.nickname ?? '居民');
  }
  try {
    const { postingId } = await executePosting({
      communityId,
      idempotencyKey: `donate:${user.userId}:${body.requestId}`,
      requestFingerprint: requestFingerprint({
        route: 'timebank.donate',
        caller: user.userId,
        params: { communityId },
        body,
      }),
      kind: 'donation',
      entries: [
        { account: from, amount: -body.amount },
        { account: to, amount: body.amount },
      ],
      memo: `${maskName(user.nickname)} 捐赠给 ${toLabel}${body.note ? `：${body.note}` : ''}`,
      actorId: user.userId,
      at: now.toISOString(),
      refs: { from: user.userId, to: to === accounts.fund ? 'fund' : to.slice(2) },
    });
    const { Item } = await ledgerAccounts.get({ communityId, accountId: from }, { consistent: true });
    return { postingId, balance: Item?.balance ?? 0 };
  } catch (error) {
    if (error instanceof PostingRefused && error.account === from) throw conflict('积分余额不足');
    throw error;
  }
}
