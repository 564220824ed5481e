import { rosterRoutes } from '@linli/shared';
import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';

export interface RevealTarget {
  ownerId: string;
  ownerName: string;
}

/** 查看完整号码: committee only, with a written reason that the server records. */
export function RevealPhoneDialog({
  communityId,
  target,
  onClose,
  onRevealed,
}: {
  communityId: string;
  target?: RevealTarget;
  onClose(): void;
  onRevealed(ownerId: string, phone: string): void;
}) {
  const [reason, setReason] = useState('');
  const [phone, setPhone] = useState<string | null>();
  const reveal = useSubmit(async (owner: RevealTarget) => {
    const res = await call(rosterRoutes.revealOwnerPhone, {
      params: { communityId, ownerId: owner.ownerId },
      body: { reason },
    });
    setPhone(res.phone ?? null);
    if (res.phone) onRevealed(owner.ownerId, res.phone);
  });
  const { reset } = reveal;

  useEffect(() => {
    setReason('');
    reset();
    setPhone(undefined);
  }, [target?.ownerId, reset]);

  if (phone !== undefined) {
    return (
      <Dialog
        open={!!target}
        title={`${target?.ownerName ?? ''}的电话`}
        confirmText="完成"
        cancelText="关闭"
        onConfirm={onClose}
        onCancel={onClose}
        testId="reveal-dialog"
      >
        {phone ? (
          <View>
            <Text className="units__phone" data-testid="revealed-phone">
              {phone}
            </Text>
            <ActionButton variant="secondary" block onClick={() => void Taro.makePhoneCall({ phoneNumber: phone })}>
              拨打
            </ActionButton>
          </View>
        ) : (
          <Text>花名册中没有登记该业主的电话。</Text>
        )}
      </Dialog>
    );
  }

  return (
    <Dialog
      open={!!target}
      title="查看完整号码"
      confirmText="查看"
      busy={reveal.busy}
      onConfirm={() => target && void reveal.submit(target)}
      onCancel={onClose}
      testId="reveal-dialog"
    >
      <Text className="units__reveal-note">查看业主完整手机号会被记录（谁、何时、为什么），请写明原因。</Text>
      <TextField
        label="查看原因"
        required
        value={reason}
        onChange={setReason}
        maxLength={100}
        placeholder="如：联系业主处理漏水"
        error={reveal.errorFor('body.reason')}
        testId="field-reason"
        inputTestId="input-reason"
      />
    </Dialog>
  );
}
