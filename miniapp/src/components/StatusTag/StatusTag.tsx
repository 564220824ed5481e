import { Text } from '@tarojs/components';
import { cx } from '@/lib/classNames';
import './StatusTag.scss';

export type Tone = 'success' | 'warning' | 'danger' | 'info' | 'neutral';

/** A small coloured label: 待审核 / 已通过 / 已驳回, role names. */
export function StatusTag({ tone = 'neutral', children, testId }: { tone?: Tone; children: string; testId?: string }) {
  return (
    <Text className={cx('status-tag', `status-tag--${tone}`)} data-testid={testId}>
      {children}
    </Text>
  );
}
