import { chinaDateTime } from '@linli/shared';
import { ownerProxies } from '../../db/registries/ownerProxies';
import type { Cell } from '../../roster/transfer/sheetFiles';

const STATUS: Record<string, string> = {
  pending: '待核验',
  confirmed: '已核验',
  rejected: '未通过',
  revoked: '已撤销',
};

/** A phone number on paper with its middle hidden (the archive names the proxy; the number is for the committee). */
const maskedPhone = (phone: string) => (phone.length >= 7 ? `${phone.slice(0, 3)}****${phone.slice(-4)}` : phone);

/**
 * 书面委托 (proxies) of a poll for the archive (AP1, the proxies feature's query): who named whom for which owner,
 * how the committee reviewed it, whether it was revoked or used. The 委托码 is left out; the signed 授权委托书's
 * photo stays in the proxies feature's storage (agora/proxy/…), named here by nothing but its row.
 */
export async function proxyRowsOf(communityId: string, topicId: string): Promise<Cell[][] | undefined> {
  const { Items = [] } = await ownerProxies.query.proxiesOfPoll({ communityId, topicId }).send();
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
    ],
    ...Items.map((p) => [
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
    ]),
  ];
}
