import {
  PROXY_ACTIONS,
  PROXY_BASIS_LABELS,
  PROXY_REFUSAL_MESSAGES,
  RATING_LABELS,
  proxyBasis,
  proxyRouteRule,
  proxySessionRefusal,
  type Principal,
  type ProxyAction,
  type ProxyBasis,
} from '@linli/shared';
import { principalOf } from '../identity/principal';
import type { UserItem } from '../db/entities/user';
import type { ProxySessionItem } from '../db/entities/proxySession';
import { proxyRecords } from '../db/entities/proxyRecord';
import { notificationIntent } from '../notifications/outbox';
import { transact } from '../db/transactions';
import { ulid } from '../commons/ids';
import { forbidden, REFUSED_UNDER_PROXY } from '../http/errors';

export const displayName = (u: Pick<UserItem, 'realName' | 'nickname'>) => u.realName || u.nickname;

/**
 * The seam of 亲情代办: a request that names a 代办 session runs as the resident (her userId, roles and
 * households, so the existing services and their object-level checks apply to her), with `actingFor`
 * and `actor` saying who is really acting. Checked here on every request, not only when the session
 * started: the route must be one a helper may use, the session the caller's and still open (30 minutes,
 * enforced by the server's clock), the resident must not have switched 代办 off, and the caller must
 * still be her 楼长, 网格员 or family.
 */
export function actingPrincipal(req: {
  caller: UserItem;
  resident: UserItem | undefined;
  session: ProxySessionItem | undefined;
  routeId: string;
  communityId: string | undefined;
  now: Date;
}): Principal {
  const { caller, resident, session, routeId, communityId, now } = req;
  if (proxyRouteRule(routeId) === 'refused')
    throw forbidden(
      routeId === 'agora.castBallot' ? '网上投票须由居民本人进行；代办时只能代录纸质票' : REFUSED_UNDER_PROXY,
    );
  const callerPrincipal = principalOf(caller);
  const residentPrincipal = resident ? principalOf(resident) : undefined;
  const basis =
    residentPrincipal && session ? proxyBasis(callerPrincipal, residentPrincipal, session.communityId) : undefined;
  const refusal = proxySessionRefusal({
    session: resident ? session : undefined,
    callerId: caller.userId,
    communityId,
    residentSwitchedOff: !!resident?.proxyOff,
    basis,
    now,
  });
  if (refusal) throw forbidden(PROXY_REFUSAL_MESSAGES[refusal]);
  return {
    ...(residentPrincipal as Principal),
    actingFor: {
      proxySessionId: session!.proxySessionId,
      reason: session!.reason,
      residentName: session!.residentName,
    },
    actor: { userId: caller.userId, name: displayName(caller), openid: caller.openid },
  };
}

/** What was acted on, in words, from the route's answer (the audit entry and the resident's notice). */
function objectOf(action: ProxyAction, body: Record<string, unknown>, output: Record<string, unknown>): string {
  switch (action) {
    case 'grievances.submit':
      return `诉求 ${String(output.number)}（${String(output.categoryLabel)}）`;
    case 'grievances.rate':
      return `诉求 ${String(output.number)}：${RATING_LABELS[body.rating as keyof typeof RATING_LABELS] ?? ''}`;
    case 'volunteer.signUp':
      return `活动「${String(output.title)}」`;
    case 'timebank.redeem':
      return `${String(output.itemName)} × ${String(output.quantity)}（取货码 ${String(output.orderCode)}）`;
    case 'agora.recordPaperBallot':
      return `${String(output.voterLabel)}的纸质票（回执 ${String(output.receipt)}）`;
  }
}

export interface ProxyRecordInput {
  session: Pick<ProxySessionItem, 'proxySessionId' | 'communityId' | 'residentId' | 'residentName' | 'reason'> & {
    basis: ProxyBasis;
  };
  actor: { userId: string; name: string };
  action: ProxyAction | 'started' | 'ended';
  object: string;
  now: Date;
}

/** The audit entry and the resident's notice (#P2): named writes for the caller's transaction. */
export function proxyRecordWrites({ session, actor, action, object, now }: ProxyRecordInput) {
  const actionLabel =
    action === 'started' ? '开始代办' : action === 'ended' ? '结束代办' : PROXY_ACTIONS[action as ProxyAction];
  const recordId = ulid(now.getTime());
  const who = `${actor.name}（${PROXY_BASIS_LABELS[session.basis]}）`;
  return {
    record: proxyRecords.transactPut({
      residentId: session.residentId,
      recordId,
      communityId: session.communityId,
      residentName: session.residentName,
      proxySessionId: session.proxySessionId,
      actorId: actor.userId,
      actorName: actor.name,
      basis: session.basis,
      reason: session.reason,
      action,
      actionLabel,
      object,
      at: now.toISOString(),
    }),
    notice: notificationIntent(
      {
        communityId: session.communityId,
        event: 'proxy.acted',
        dedupeKey: `${session.residentId}:${recordId}`,
        recipientId: session.residentId,
        title: `亲情代办：${actionLabel}`,
        body: `${who}为您${actionLabel}：${object}。原因：${session.reason}`,
        link: '/packages/proxy/pages/records/index',
        data: { action: actionLabel, actor: who, object },
      },
      now,
    ),
  };
}

/** After an action done in the resident's name succeeded: record it and tell her (the pipeline calls this). */
export async function recordProxyAction(req: {
  principal: Principal;
  session: ProxySessionItem;
  routeId: string;
  body: unknown;
  output: unknown;
  now: Date;
}): Promise<void> {
  const { principal, session, routeId, body, output, now } = req;
  if (proxyRouteRule(routeId) !== 'action' || !principal.actor) return;
  const action = routeId as ProxyAction;
  await transact(
    proxyRecordWrites({
      session,
      actor: principal.actor,
      action,
      object: objectOf(action, (body ?? {}) as Record<string, unknown>, (output ?? {}) as Record<string, unknown>),
      now,
    }),
  );
}
