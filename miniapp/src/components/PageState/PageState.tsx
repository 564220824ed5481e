import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { ApiFailure, messageOf } from '@/api/failure';
import { cx } from '@/lib/classNames';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Icon, type IconName } from '@/components/Icon/Icon';
import './PageState.scss';

export type PageStateKind = 'loading' | 'empty' | 'error' | 'ready';

export interface EmptyProps {
  title: string;
  hint?: string;
  /** A next step, e.g. 申请绑定房屋. */
  action?: { label: string; onClick(): void; testId?: string };
  /** `empty` when not given; a subpackage icon needs that subpackage's stylesheet (Icon.tsx). */
  icon?: IconName;
}

export interface PageStateProps {
  state: PageStateKind;
  /** Shown in the error state; ApiFailure messages are the server's own Chinese text. */
  error?: unknown;
  onRetry?: () => void;
  empty?: EmptyProps;
  loadingText?: string;
  /** Inline (inside a card) rather than filling the page. */
  compact?: boolean;
  /** Prefix for the state elements' data-testid (`<prefix>-loading`, `-error`, `-retry`, `-empty`). */
  testId?: string;
  children?: ReactNode;
}

/** What a refused (403) page says instead of 重试. */
export const WHO_TO_ASK = '如果您需要查看，请联系社区居委会或您所在网格的网格员。';

/** The loading, empty and error states every page and section shows the same way. */
export function PageState({
  state,
  error,
  onRetry,
  empty,
  loadingText = '加载中…',
  compact,
  testId = 'state',
  children,
}: PageStateProps) {
  if (state === 'ready') return <>{children}</>;
  const cls = cx('page-state', compact && 'page-state--compact');
  if (state === 'loading') {
    return (
      <View className={cls} data-testid={`${testId}-loading`} aria-busy="true">
        <View className="page-state__spinner" />
        <Text className="page-state__text">{loadingText}</Text>
      </View>
    );
  }
  if (state === 'error') {
    // Trying again cannot lift a refusal: say who can, instead of offering 重试.
    const refused = error instanceof ApiFailure && error.status === 403;
    return (
      <View className={cls} data-testid={`${testId}-error`} role="alert">
        <Icon name="warning" className="page-state__icon" />
        <Text className="page-state__title">{messageOf(error)}</Text>
        {refused && (
          <Text className="page-state__text" data-testid={`${testId}-who`}>
            {WHO_TO_ASK}
          </Text>
        )}
        {onRetry && !refused && (
          <ActionButton testId={`${testId}-retry`} onClick={onRetry} variant="secondary" size="small">
            重试
          </ActionButton>
        )}
      </View>
    );
  }
  return (
    <View className={cls} data-testid={`${testId}-empty`}>
      <Icon name={empty?.icon ?? 'empty'} className="page-state__icon" />
      <Text className="page-state__title">{empty?.title ?? '暂无内容'}</Text>
      {empty?.hint && <Text className="page-state__text">{empty.hint}</Text>}
      {empty?.action && (
        <ActionButton testId={empty.action.testId} onClick={empty.action.onClick} size="small">
          {empty.action.label}
        </ActionButton>
      )}
    </View>
  );
}
