import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import './Dialog.scss';

export interface DialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmText?: string;
  cancelText?: string;
  /** Styles the confirm button as destructive (注销账号, 驳回). */
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
  testId?: string;
}

/**
 * A modal drawn by the page itself (not wx.showModal), so it can hold inputs and field errors and
 * looks the same in the weapp and the browser.
 */
export function Dialog({
  open,
  title,
  children,
  confirmText = '确定',
  cancelText = '取消',
  danger,
  busy,
  onConfirm,
  onCancel,
  testId = 'dialog',
}: DialogProps) {
  if (!open) return null;
  return (
    <View className="dialog" data-testid={testId} role="dialog" aria-modal="true" aria-label={title}>
      <View className="dialog__mask" onClick={() => !busy && onCancel()} />
      <View className="dialog__panel">
        <Text className="dialog__title">{title}</Text>
        <View className="dialog__body">{children}</View>
        <View className="dialog__actions">
          <ActionButton
            variant="plain"
            onClick={onCancel}
            disabled={busy}
            testId={`${testId}-cancel`}
            className="dialog__button"
          >
            {cancelText}
          </ActionButton>
          <ActionButton
            variant={danger ? 'danger' : 'primary'}
            onClick={onConfirm}
            loading={busy}
            testId={`${testId}-confirm`}
            className="dialog__button"
          >
            {confirmText}
          </ActionButton>
        </View>
      </View>
    </View>
  );
}
