import { timebankRoutes } from '@linli/shared';
import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { call } from '@/api';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { useSubmit } from '@/hooks/useSubmit';
import { newRequestId } from '@/packages/volunteer/lib/requestId';

type To = 'fund' | 'neighbour';
const TARGETS = [
  { value: 'fund' as To, label: '爱心基金', hint: '由居委会统一帮扶困难邻里' },
  { value: 'neighbour' as To, label: '一位邻居', hint: '输入对方的积分账号' },
];

/**
 * 捐赠积分: to 爱心基金 or to a neighbour by their 积分账号, confirming the (masked) name first. The
 * request id is made when the dialog opens, so a retried submit donates once.
 */
export function DonateDialog({
  communityId,
  open,
  balance,
  onClose,
  onDonated,
}: {
  communityId: string;
  open: boolean;
  balance: number;
  onClose(): void;
  onDonated(balance: number): void;
}) {
  const [to, setTo] = useState<To>('fund');
  const [code, setCode] = useState('');
  const [amount, setAmount] = useState('');
  const [note, setNote] = useState('');
  const [recipient, setRecipient] = useState<string>();
  const [requestId, setRequestId] = useState(newRequestId);
  const { submit, busy, errors, error, reset } = useSubmit(async () => {
    const done = await call(timebankRoutes.donate, {
      params: { communityId },
      body: {
        to: to === 'fund' ? 'fund' : code,
        amount: Number(amount) || 0,
        note: note.trim() || undefined,
        requestId,
      },
    });
    onDonated(done.balance);
    setAmount('');
    setNote('');
    onClose();
  });
  useEffect(() => {
    if (!open) return;
    setRequestId(newRequestId());
    reset();
  }, [open, reset]);
  useEffect(() => {
    setRecipient(undefined);
    const normalised = code.replace(/[\s-]/g, '').toUpperCase();
    if (to !== 'neighbour' || normalised.length !== 8) return;
    call(timebankRoutes.findAccount, { params: { communityId, accountCode: normalised } })
      .then((a) => setRecipient(a.nickname))
      .catch(() => setRecipient(''));
  }, [communityId, to, code]);

  return (
    <Dialog
      open={open}
      title="捐赠积分"
      busy={busy}
      confirmText="确认捐赠"
      onConfirm={() => void submit()}
      onCancel={onClose}
      testId="donate-dialog"
    >
      <ChoiceList layout="list" options={TARGETS} value={to} onChange={setTo} testId="donate-to" label="捐给" />
      {to === 'neighbour' && (
        <TextField
          label="对方的积分账号"
          value={code}
          onChange={setCode}
          maxLength={9}
          placeholder="8 位，在对方“我的积分”页"
          hint={recipient ? `对方：${recipient}` : recipient === '' ? '找不到该积分账号' : undefined}
          error={errors['body.to']}
          testId="field-to"
          inputTestId="input-to"
        />
      )}
      <TextField
        label={`捐赠积分（余额 ${balance}）`}
        value={amount}
        onChange={(v) => setAmount(v.replace(/\D/g, ''))}
        type="number"
        error={errors['body.amount']}
        testId="field-amount"
        inputTestId="input-amount"
      />
      <TextField
        label="留言（可不填）"
        value={note}
        onChange={setNote}
        maxLength={50}
        error={errors['body.note']}
        testId="field-note"
        inputTestId="input-note"
      />
      {error && !Object.keys(errors).length && (
        <Text className="vol__error" data-testid="donate-error">
          {error}
        </Text>
      )}
    </Dialog>
  );
}
