import { agoraRoutes, COMMITTEE, type TopicView } from '@linli/shared';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { QrCode } from '@/components/QrCode/QrCode';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime } from '@/lib/format';
import { readParam } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { areaText, windowText } from '@/packages/agora/lib/format';
import { posterLink } from '@/packages/agora/lib/links';
import { checkLine, groupedHash, optionRows } from '@/packages/agora/print/bulletinModel';
import { PRINT_FONT } from '@/packages/agora/print/printFont';
import { CAN_PRINT, printPage } from '@/packages/agora/print/printPage';
import '@/packages/agora/agora.scss';
import '@/packages/agora/print/print.scss';

function Bulletin({ communityId, topic }: { communityId: string; topic: TopicView }) {
  const session = useSession();
  const r = topic.result!;
  const vote = topic.vote!;
  const owners = vote.preset === 'ownersOrdinary' || vote.preset === 'ownersMajor';
  const link = posterLink(communityId, topic.topicId);
  return (
    <View className="print__sheet" data-testid="print-bulletin" style={{ fontFamily: PRINT_FONT }}>
      <Text className="print__title">{owners ? '业主共同决定事项表决结果公示' : '表决结果公示'}</Text>
      <Text className="print__line">
        {session.communityName} · {topic.scopeText}
      </Text>
      <Text className="print__matter">表决事项：{topic.title}</Text>
      <Text className="print__line">
        {vote.basisLabel} · {topic.presetLabel} · 表决时间 {windowText(vote.opensAt, vote.closesAt)}
      </Text>
      <Text className="print__line" data-testid="print-bulletin-outcome">
        结论：{r.summary}
      </Text>

      <Text className="print__matter">参与情况</Text>
      <Text className="print__line">
        应参与 {r.electorate.heads} 人{owners ? `、专有部分面积 ${areaText(r.electorate.area)}` : ''}；实际参与{' '}
        {r.participation.heads} 人{owners ? `、${areaText(r.participation.area)}` : ''}；有效票 {r.ballots} 张。
      </Text>
      {r.quorum.checks.map((c) => (
        <Text key={`q-${c.measure}`} className="print__line">
          {checkLine(c)}
        </Text>
      ))}

      <Text className="print__matter">计票</Text>
      <View className="print__table" data-testid="print-bulletin-counts">
        <View className="print__row">
          <Text>选项</Text>
          <Text>人数</Text>
          {owners && <Text>面积</Text>}
          <Text>是否通过</Text>
        </View>
        {optionRows(r, owners).map((o) => (
          <View key={o.label} className="print__row">
            <Text>{o.label}</Text>
            <Text>{o.heads}</Text>
            {owners && <Text>{o.area}</Text>}
            <Text>{o.passes ? '通过' : '—'}</Text>
          </View>
        ))}
      </View>
      {r.options.flatMap((o) =>
        o.checks.map((c) => (
          <Text key={`${o.optionId}-${c.measure}`} className="print__line">
            {o.label}：{checkLine(c)}
          </Text>
        )),
      )}
      <Text className="print__small">{r.abstentionRule}</Text>
      <Text className="print__small" data-testid="print-bulletin-basis">
        决定规则：{r.decidedBy}。法律依据：{r.legalBasis}
      </Text>
      <Text className="print__small">
        冲突处理：已处理 {r.conflicts.resolved} 起，待处理 {r.conflicts.open} 起；选票 {r.integrity.ballots}{' '}
        张与投票记录 {r.integrity.participations} 条{r.integrity.consistent ? '一致' : '不一致'}。计票时间{' '}
        {formatDateTime(r.countedAt)}。
      </Text>

      <Text className="print__matter">核验</Text>
      <Text className="print__small">选票清单（按公示顺序，每张一行）的 SHA-256：</Text>
      <Text className="print__hash" data-testid="print-bulletin-sha">
        {r.ballotListSha256 ? groupedHash(r.ballotListSha256) : '（本结果公示时尚未发布选票清单哈希）'}
      </Text>
      {r.receiptRoot && (
        <>
          <Text className="print__small">核验码承诺（{r.receiptRoot.leaves} 张选票的默克尔根）：</Text>
          <Text className="print__hash" data-testid="print-bulletin-root">
            {groupedHash(r.receiptRoot.root)}
          </Text>
        </>
      )}
      <View className="print__qr">
        <QrCode value={link} size={220} testId="print-bulletin-qr" />
        <Text className="print__small">
          微信扫码打开本议题，点「核验选票」输入核验码，可在本机验证您的选票已计入；导出选票清单可自行计票并核对上面的哈希。
        </Text>
      </View>
      <View className="print__sign">
        <Text>业主委员会 / 居民委员会（盖章）</Text>
        <Text>公示日期：{formatDateTime(r.countedAt)}</Text>
      </View>
    </View>
  );
}

function BulletinLoader({ communityId, topicId }: { communityId: string; topicId: string }) {
  const topic = useAsync(
    () => call(agoraRoutes.getTopic, { params: { communityId, topicId } }),
    [communityId, topicId],
    {
      enabled: !!topicId,
    },
  );
  return (
    <AsyncView
      state={topic}
      isEmpty={(t) => !t.result || !t.vote}
      empty={{ title: '结果尚未公示', hint: '表决截止并计票后可打印结果公示' }}
      testId="print-bulletin"
    >
      {(t) => (
        <>
          <View className="print__toolbar">
            <ActionButton block onClick={printPage} testId="print-bulletin-print">
              {CAN_PRINT ? '打印结果公示' : '请在电脑端管理台打印'}
            </ActionButton>
          </View>
          <Bulletin communityId={communityId} topic={t} />
        </>
      )}
    </AsyncView>
  );
}

/** 结果公示 (居委会, from the browser console): the published result as a notice for the board. */
export default function BulletinPage() {
  const { params } = useRouter();
  return (
    <Page testId="page-agora-bulletin">
      <StaffOnly roles={COMMITTEE}>
        {(communityId) => (
          <BulletinLoader
            communityId={readParam(params.communityId) ?? communityId}
            topicId={readParam(params.topicId) ?? ''}
          />
        )}
      </StaffOnly>
    </Page>
  );
}
