import { Text } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { CATALOGUE_KINDS, timebankRoutes } from '@linli/shared';
import { call } from '@/api';
import { useForm } from '@/hooks/useForm';
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
  // One id per opening of the form: a retried 上架 (lost answer, double tap) returns the first item.
  const [requestId, setRequestId] = useState(newRequestId);
  useEffect(() => {
    if (open) setRequestId(newRequestId());
  }, [open]);
  const form = useForm(
    {
      name: '',
      description: '',
      kind: 'gift' as 'service' | 'gift',
      price: '',
      stock: '',
      limit: '',
      provider: '',
    },
    async (f) => {
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
    },
  );
  type Typed = 'name' | 'description' | 'price' | 'stock' | 'limit' | 'provider';
  // `name` is the contract's field, for the error and the test ids.
  const field = (key: Typed, label: string, name: string, extra: Record<string, unknown> = {}) => (
    <TextField
      label={label}
      {...form.field(key, `body.${name}`)}
      testId={`field-${name}`}
      inputTestId={`input-${name}`}
      {...extra}
    />
  );
  return (
    <Dialog
      open={open}
      title="上架兑换项目"
      busy={form.busy}
      onConfirm={() => void form.submit()}
      onCancel={onClose}
      testId="item-dialog"
    >
      {field('name', '名称', 'name', { placeholder: '例如：理发、陪诊、大米' })}
      <ChoiceList
        options={KINDS}
        value={form.values.kind}
        onChange={(kind) => form.set('kind', kind)}
        testId="item-kind"
        label="类型"
      />
      {field('price', '所需积分', 'price', { type: 'number' })}
      {field('stock', '初始库存（件/次）', 'initialStock', { type: 'number' })}
      {field('limit', '每人限兑（可不填）', 'perPersonLimit', { type: 'number' })}
      {field('provider', '服务提供者的积分账号（可不填）', 'providerAccountCode')}
      {field('description', '说明', 'description', { multiline: true })}
      {form.error && !Object.keys(form.errors).length && <Text className="vol__error">{form.error}</Text>}
    </Dialog>
  );
}
