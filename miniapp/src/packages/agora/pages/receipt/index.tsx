import { agoraRoutes, receiptCode, type ReceiptCheckView, type TopicView } from '@linli/shared';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call } from '@/api';
import { useAsync } from '@/hooks/useAsync';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { IconText } from '@/components/Icon/IconText';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { formatDateTime } from '@/lib/format';
import { readParam } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { proofHolds } from '@/packages/agora/lib/proof';
import { keptChoiceOf, receiptsOf } from '@/packages/agora/lib/receipts';
import { CopyReceipt } from '@/packages/agora/components/CopyReceipt';
import '@/packages/agora/agora.scss';

const STATUS = {
  counted: { tone: 'success', label: '已计入' },
  inBox: { tone: 'info', label: '已收到，截止后计票' },
  notCounted: { tone: 'warning', label: '未计入' },
} as const;

function ReceiptResult({ topic, found }: { topic: TopicView; found: ReceiptCheckView }) {
  const verified = proofHolds(topic, found);
  const mine = keptChoiceOf(found.receipt);
  const root = topic.result?.receiptRoot;
  return (
    <Card title="核验结果" testId="receipt-result">
      <View className="agora__outcome">
        <StatusTag tone={STATUS[found.status].tone} testId="receipt-status">
          {STATUS[found.status].label}
        </StatusTag>
        {found.status === 'counted' && (
          <Text className="agora__text">已计入 {formatDateTime(found.at)} 公示的计票结果。</Text>
        )}
        {found.status === 'inBox' && (
          <Text className="agora__text">选票已在票箱中，将于 {formatDateTime(found.at)} 截止后计票。</Text>
        )}
        {found.status === 'notCounted' && (
          <Text className="agora__text">没有找到这张选票：核验码可能输入有误，或这张票已改投、已作废。</Text>
        )}
      </View>
      {verified === true && root && (
        <IconText icon="check" className="agora__text" testId="receipt-proof">
          本机已验证：这张选票在公示的 {root.leaves} 张选票之中（核验根 {root.root.slice(0, 12)}…）
        </IconText>
      )}
      {verified === false && (
        <Text className="agora__error" data-testid="receipt-proof-failed">
          本机验证未通过：核验证明与公示的核验根不符，请联系居委会复核。
        </Text>
      )}
      {found.status === 'counted' && verified === undefined && (
        <Text className="agora__hint">该结果公示时尚未发布核验根，无法在本机验证。</Text>
      )}
      {found.choices && (
        <Text className="agora__summary" data-testid="receipt-choices">
          选择：{found.choices.join('、')}（本次为实名表决，选择公开）
        </Text>
      )}
      {!found.choices && mine && (
        <Text className="agora__summary" data-testid="receipt-kept-choice">
          本机保存的选择：{mine.choices.join('、')}
        </Text>
      )}
      <Text className="agora__hint">
        {found.secrecy === 'secret'
          ? '本次为无记名投票：核验只证明选票已计入，不显示选择，因此核验码不能向他人证明您投了什么。'
          : '核验码不含投票人信息；请勿把核验码告诉他人。'}
      </Text>
    </Card>
  );
}

/** 核验选票: a receipt code says whether its ballot is in the box and, after close, in the count — verified on the phone. */
export default function ReceiptPage() {
  const { params } = useRouter();
  const session = useSession();
  const communityId = readParam(params.communityId) ?? session.communityId ?? '';
  const topicId = readParam(params.topicId) ?? '';
  const topic = useAsync(
    () => call(agoraRoutes.getTopic, { params: { communityId, topicId } }),
    [communityId, topicId],
  );
  const kept = receiptsOf(topicId);
  const [code, setCode] = useState(kept[kept.length - 1] ?? '');
  const [found, setFound] = useState<ReceiptCheckView>();
  const check = useSubmit(async () => {
    setFound(undefined);
    const answer = await call(agoraRoutes.checkReceipt, {
      // The contract takes the code as typed (lower case, spaces) and normalises it.
      params: { communityId, topicId, receipt: code },
    });
    // Published since the page opened: the root to verify against comes with the topic.
    if (answer.status === 'counted' && !topic.data?.result) await topic.reload();
    setFound(answer);
  });

  return (
    <Page testId="page-agora-receipt">
      <AsyncView state={topic}>
        {(t) => (
          <>
            <Text className="agora__title">{t.title}</Text>
            <Card title="输入核验码">
              <TextField
                label="核验码"
                value={code}
                onChange={setCode}
                maxLength={20}
                placeholder="投票成功时显示的 12 位码，大小写、空格均可"
                error={check.error}
                testId="field-receipt"
                inputTestId="input-receipt"
              />
              {kept.length > 0 ? (
                <View className="agora__receipt-kept">
                  <Text className="agora__hint">本机保存的核验码：{kept.join('、')}</Text>
                  <CopyReceipt receipt={kept[kept.length - 1]!} testId="receipt-copy" />
                </View>
              ) : (
                <Text className="agora__hint" data-testid="receipt-none-kept">
                  本机没有保存本议题的核验码：投票成功时显示的 12 位码可以在这里核验。
                </Text>
              )}
              <ActionButton
                block
                loading={check.busy}
                disabled={!receiptCode().safeParse(code).success}
                onClick={() => void check.submit()}
                testId="receipt-check"
              >
                核验
              </ActionButton>
            </Card>
            {found && <ReceiptResult topic={t} found={found} />}
          </>
        )}
      </AsyncView>
    </Page>
  );
}
