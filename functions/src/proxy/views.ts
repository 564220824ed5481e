import type { ProxyRecordView, ProxySessionView } from '@linli/shared';
import type { Draft } from '../db/draft';
import type { ProxySessionItem } from '../db/entities/proxySession';
import type { ProxyRecordItem } from '../db/entities/proxyRecord';

const headerOf = (s: Pick<Draft<ProxySessionItem>, 'residentId' | 'proxySessionId'>) =>
  `${s.residentId}.${s.proxySessionId}`;

export function sessionView(s: Draft<ProxySessionItem>): ProxySessionView {
  return {
    proxySessionId: s.proxySessionId,
    residentId: s.residentId,
    residentName: s.residentName,
    communityId: s.communityId,
    reason: s.reason,
    basis: s.basis,
    startedAt: s.startedAt,
    expiresAt: s.expiresAt,
    header: headerOf(s),
  };
}

export const recordView = (r: ProxyRecordItem): ProxyRecordView => ({
  recordId: r.recordId,
  communityId: r.communityId,
  residentId: r.residentId,
  residentName: r.residentName,
  actorId: r.actorId,
  actorName: r.actorName,
  basis: r.basis,
  reason: r.reason,
  action: r.action as ProxyRecordView['action'],
  actionLabel: r.actionLabel,
  object: r.object,
  at: r.at,
});
