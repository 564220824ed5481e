import { Button } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '@/lib/classNames';
import './ActionButton.scss';

export interface ActionButtonProps {
  children: ReactNode;
  onClick?: () => void;
  variant?: 'primary' | 'secondary' | 'danger' | 'plain';
  size?: 'normal' | 'small';
  /** Full width (forms, dialogs). */
  block?: boolean;
  loading?: boolean;
  disabled?: boolean;
  testId?: string;
  className?: string;
}

/** A button with a generous tap target that grows in large-text mode. */
export function ActionButton({
  children,
  onClick,
  variant = 'primary',
  size = 'normal',
  block,
  loading,
  disabled,
  testId,
  className,
}: ActionButtonProps) {
  return (
    <Button
      className={cx(
        'action-button',
        `action-button--${variant}`,
        `action-button--${size}`,
        block && 'action-button--block',
        (disabled || loading) && 'action-button--disabled',
        className,
      )}
      onClick={() => {
        if (!loading && !disabled) onClick?.();
      }}
      loading={loading}
      disabled={disabled || loading}
      aria-disabled={disabled || loading}
      data-testid={testId}
    >
      {children}
    </Button>
  );
}
