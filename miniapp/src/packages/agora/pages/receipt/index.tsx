import { agoraRoutes, receiptCode } from '@linli/shared';
import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { readParam } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { receiptsOf } from '@/packages/agora/lib/receipts';
import { CopyReceipt } from '@/packages/agora/components/CopyReceipt';
import '@/packages/agora/agora.scss';

/** 核验选票: a receipt code shows what its ballot chose and whether the published count includes it — never who. */
export default function ReceiptPage() {
  const { params } = useRouter();
  const session = useSession();
  const communityId = readParam(params.communityId) ?? session.communityId ?? '';
  const topicId = readParam(params.topicId) ?? '';
  const kept = receiptsOf(topicId);
  const [code, setCode] = useState(kept[kept.length - 1] ?? '');
  const [found, setFound] = useState<{ receipt: string; choices: string[]; counted: boolean }>();
  const check = useSubmit(async () => {
    setFound(undefined);
    setFound(
      // The contract takes the code as typed (lower case, spaces) and normalises it.
      await call(agoraRoutes.checkReceipt, { params: { communityId, topicId, receipt: code } }),
    );
  });

  return (
    <Page testId="page-agora-receipt">
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
        {kept.length > 0 && (
          <View className="agora__receipt-kept">
            <Text className="agora__hint">本机保存的核验码：{kept.join('、')}</Text>
            <CopyReceipt receipt={kept[kept.length - 1]!} testId="receipt-copy" />
          </View>
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
      {found && (
        <Card title="核验结果" testId="receipt-result">
          <View className="agora__outcome">
            <StatusTag tone={found.counted ? 'success' : 'info'}>
              {found.counted ? '已计入公示结果' : '已记录，截止后计票'}
            </StatusTag>
            <Text className="agora__summary">选择：{found.choices.join('、')}</Text>
          </View>
          <Text className="agora__hint">核验码只对应选票内容，不含投票人信息；请勿把核验码告诉他人。</Text>
        </Card>
      )}
    </Page>
  );
}
