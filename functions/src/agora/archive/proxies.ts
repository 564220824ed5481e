import { chinaDateTime } from '@linli/shared';
import { ownerProxies } from '../../db/registries/ownerProxies';
import type { OwnerProxyItem } from '../../db/entities/ownerProxy';
import type { Cell } from '../../roster/transfer/sheetFiles';

const STATUS: Record<string, string> = {
  pending: '待核验',
  confirmed: '已核验',
  rejected: '未通过',
  revoked: '已撤销',
};

/** A phone number on paper with its middle hidden (the archive names the proxy; the number is for the committee). */
const maskedPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone);

/** 书面委托 (proxies) of a poll (AP1, the proxies feature's query), every state. */
export async function proxiesOf(communityId: string, topicId: string): Promise<OwnerProxyItem[]> {
  const { Items = [] } = await ownerProxies.query.proxiesOfPoll({ communityId, topicId }).send();
  return Items;
}

/**
 * proxies.csv: who named whom for which owner, how the committee reviewed it, whether it was revoked or used, and
 * the archive's copy of the signed 授权委托书 (`photoPath` of its storage key). The 委托码 is left out.
 */
export function proxyRows(items: readonly OwnerProxyItem[], photoPath: ReadonlyMap<string, string>): Cell[][] {
  return [
    [
      '业主',
      '委托人（账号）',
      '受托人',
      '受托人手机',
      '状态',
      '委托时间',
      '审核人',
      '审核时间',
      '撤销时间',
      '代为投票时间',
      '说明',
      '授权委托书照片',
    ],
    ...items.map((p) => [
      p.ownerLabel,
      p.namedByName,
      p.proxyName,
      maskedPhone(p.proxyPhone),
      STATUS[p.status] ?? p.status,
      chinaDateTime(p.createdAt, { seconds: true }),
      p.reviewedByName ?? '',
      p.reviewedAt ? chinaDateTime(p.reviewedAt, { seconds: true }) : '',
      p.revokedAt ? chinaDateTime(p.revokedAt, { seconds: true }) : '',
      p.usedAt ? chinaDateTime(p.usedAt, { seconds: true }) : '',
      p.note ?? '',
      photoPath.get(p.documentKey) ?? '',
    ]),
  ];
}
