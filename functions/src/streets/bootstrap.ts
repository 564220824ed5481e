import { createHash } from 'node:crypto';
import { $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { addDays, officeKey, type OfficeGrant } from '@linli/shared';
import { bootstrapCodes, platformAdmins } from '../db/entities/platform';
import { ensureOfficesMap, users, type UserItem } from '../db/entities/user';
import { failedWrites, transact } from '../db/transactions';
import { isConditionFailure } from '../db/errors';
import { humanCode } from '../commons/ids';
import { badRequest, conflict, notFound } from '../http/errors';

/**
 * 初始化: a deployed stage gets its first administrator from a one-time code, never from an account
 * written into the code or the seed. `npm run admin -- bootstrap --stage prod` issues the code (its
 * hash here; the code itself in SSM as a SecureString, or on the operator's screen once); the person
 * who will run the deployment signs in to the mini-program and enters it on 初始化 (管理员). Issuing
 * again while a code waits changes nothing (the second run says where the first code is); once a code
 * is used, no code can ever be issued again for this table.
 */

/** How long a bootstrap code stays usable. */
export const BOOTSTRAP_CODE_DAYS = 7;
const CODE_LENGTH = 16;

const hashOf = (code: string) => createHash('sha256').update(`linli-bootstrap:${code}`).digest('hex');

export type BootstrapState =
  { state: 'done'; usedAt: string } | { state: 'pending'; expiresAt: string; storedIn: string } | { state: 'none' };

export type IssueOutcome =
  | { outcome: 'issued'; code: string; expiresAt: string }
  | { outcome: 'pending'; expiresAt: string; storedIn: string }
  | { outcome: 'done'; usedAt: string };

export interface IssueRequest {
  now: Date;
  /** Where the operator finds the code (`ssm:/linli/prod/bootstrap-code`, `printed`). */
  storedIn: string;
  /** Replace an unused code (the old one stops working): for a code that was lost. */
  renew?: boolean;
  /** The code to issue (the CLI makes it first, to store it in SSM before its hash lands here). */
  code?: string;
}

/** The state of the bootstrap: done, a code waiting (or expired), or nothing yet. */
export async function bootstrapState(): Promise<BootstrapState> {
  const { Item } = await bootstrapCodes.get({}, { consistent: true });
  if (Item?.usedBy) return { state: 'done', usedAt: Item.usedAt ?? Item.issuedAt };
  if (Item) return { state: 'pending', expiresAt: Item.expiresAt, storedIn: Item.storedIn };
  return { state: 'none' };
}

export const newBootstrapCode = () => humanCode(CODE_LENGTH);

/**
 * Issues the one-time code, unless the bootstrap is done (nothing happens) or an unexpired code is
 * waiting and `renew` was not asked (nothing happens either). The put is conditioned on the same
 * facts, so two operators running it at once cannot both believe they issued the working code.
 */
export async function issueBootstrapCode({
  now,
  storedIn,
  renew,
  code = newBootstrapCode(),
}: IssueRequest): Promise<IssueOutcome> {
  const at = now.toISOString();
  const state = await bootstrapState();
  if (state.state === 'done') return { outcome: 'done', usedAt: state.usedAt };
  if (state.state === 'pending' && !renew && state.expiresAt > at) return { outcome: 'pending', ...state };
  const expiresAt = addDays(now, BOOTSTRAP_CODE_DAYS).toISOString();
  try {
    await bootstrapCodes.put(
      { codeHash: hashOf(code), issuedAt: at, expiresAt, storedIn },
      {
        condition: renew
          ? { attr: 'usedBy', exists: false }
          : {
              and: [
                { attr: 'usedBy', exists: false },
                {
                  or: [
                    { attr: 'expiresAt', exists: false },
                    { attr: 'expiresAt', lte: at },
                  ],
                },
              ],
            },
      },
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const after = await bootstrapState();
    if (after.state === 'done') return { outcome: 'done', usedAt: after.usedAt };
    if (after.state === 'pending') return { outcome: 'pending', ...after };
    throw error;
  }
  return { outcome: 'issued', code, expiresAt };
}

/** The writes that make `userId` a platform administrator (the bootstrap's, and the demo seed's). */
export function adminOfficeWrites(userId: string, realName: string, via: string, at: string) {
  const office: OfficeGrant = { role: 'admin' };
  return {
    admin: platformAdmins.transactPut(
      { userId, realName, grantedBy: via, grantedAt: at, via },
      { condition: { attr: 'userId', exists: false } },
    ),
    user: users.transactUpdate(
      { userId, offices: { [officeKey(office)]: $set({ role: 'admin', since: at }) } },
      { condition: { attr: 'status', eq: 'active' } },
    ),
  };
}

export interface RedeemBootstrapRequest {
  user: UserItem;
  code: string;
  realName: string;
  now: Date;
}

/**
 * Makes the caller the first administrator: the code is marked used, the administrator recorded and
 * the user's office granted in one transaction, conditioned on the code being unused, unexpired and
 * this one. A second redemption (the same code or any other) is a 409.
 */
export async function redeemBootstrap({ user, code, realName, now }: RedeemBootstrapRequest) {
  const at = now.toISOString();
  if (!user.offices) await ensureOfficesMap(user.userId);
  const writes = {
    code: bootstrapCodes.transactUpdate(
      { usedBy: user.userId, usedAt: at },
      {
        condition: {
          and: [
            { attr: 'usedBy', exists: false },
            { attr: 'expiresAt', gt: at },
            { attr: 'codeHash', eq: hashOf(code) },
          ],
        },
      },
    ),
    ...adminOfficeWrites(user.userId, realName, 'bootstrap', at),
  };
  try {
    await transact(writes);
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (!failed) throw error;
    if (failed.has('code')) {
      const { Item } = await bootstrapCodes.get({}, { consistent: true });
      if (!Item) throw notFound('初始化代码（请先运行 npm run admin -- bootstrap）');
      if (Item.usedBy) throw conflict('本系统已完成初始化，已有管理员', 'ALREADY_BOOTSTRAPPED');
      if (Item.expiresAt <= at)
        throw conflict('初始化代码已过期，请重新运行 npm run admin -- bootstrap --renew', 'CODE_EXPIRED');
      throw badRequest('初始化代码不正确', [{ field: 'body.code', message: '初始化代码不正确，请核对' }]);
    }
    if (failed.has('admin')) throw conflict('本系统已完成初始化，已有管理员', 'ALREADY_BOOTSTRAPPED');
    throw notFound('用户');
  }
  return { offices: [{ role: 'admin' as const }] };
}
