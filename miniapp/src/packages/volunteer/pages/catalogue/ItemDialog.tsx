import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CATALOGUE_KINDS, timebankRoutes } from '@linli/shared';
import { call, fieldErrorsOf, messageOf } from '@/api';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { newRequestId } from '@/packages/volunteer/lib/requestId';

const KINDS = Object.entries(CATALOGUE_KINDS).map(([value, label]) => ({ value: value as 'service' | 'gift', label }));

/** 上架新项目: name, type, price, stock, per-person limit and (for services) the provider's account. */
export function ItemDialog({
  communityId,
  open,
  onClose,
  onCreated,
}: {
  communityId: string;
  open: boolean;
  onClose(): void;
  onCreated(): void;
}) {
  const [f, setF] = useState({
    name: '',
    description: '',
    kind: 'gift' as 'service' | 'gift',
    price: '',
    stock: '',
    limit: '',
    provider: '',
  });
  const [busy, setBusy] = useState(false);
  // One id per opening of the form: a retried 上架 (lost answer, double tap) returns the first item.
  const [requestId, setRequestId] = useState(newRequestId);
  useEffect(() => {
    if (open) setRequestId(newRequestId());
  }, [open]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const set = (key: keyof typeof f) => (value: string) => setF((x) => ({ ...x, [key]: value }));
  const submit = async () => {
    setBusy(true);
    setErrors({});
    try {
      await call(timebankRoutes.createItem, {
        params: { communityId },
        body: {
          name: f.name,
          description: f.description,
          kind: f.kind,
          price: Number(f.price) || 0,
          initialStock: Number(f.stock) || 0,
          perPersonLimit: f.limit ? Number(f.limit) : undefined,
          providerAccountCode: f.provider.trim() || undefined,
          requestId,
        },
      });
      onCreated();
      onClose();
    } catch (e) {
      setErrors({ ...fieldErrorsOf(e), form: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  const field = (key: keyof typeof f, label: string, name: string, extra: Record<string, unknown> = {}) => (
    <TextField
      label={label}
      value={f[key]}
      onChange={set(key)}
      error={errors[`body.${name}`]}
      testId={`field-${name}`}
      inputTestId={`input-${name}`}
      {...extra}
    />
  );
  return (
    <Dialog
      open={open}
      title="上架兑换项目"
      busy={busy}
      onConfirm={() => void submit()}
      onCancel={onClose}
      testId="item-dialog"
    >
      {field('name', '名称', 'name', { placeholder: '例如：理发、陪诊、大米' })}
      <ChoiceList
        options={KINDS}
        value={f.kind}
        onChange={(v) => setF((x) => ({ ...x, kind: v }))}
        testId="item-kind"
        label="类型"
      />
      {field('price', '所需积分', 'price', { type: 'number' })}
      {field('stock', '初始库存（件/次）', 'initialStock', { type: 'number' })}
      {field('limit', '每人限兑（可不填）', 'perPersonLimit', { type: 'number' })}
      {field('provider', '服务提供者的积分账号（可不填）', 'providerAccountCode')}
      {field('description', '说明', 'description', { multiline: true })}
      {errors.form && Object.keys(errors).length === 1 && <Text className="vol__error">{errors.form}</Text>}
    </Dialog>
  );
}
