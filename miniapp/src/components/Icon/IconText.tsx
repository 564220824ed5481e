import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { cx } from '@/lib/classNames';
import { Icon, type IconName } from './Icon';

/** A line of text led by an icon (time, place, a verdict). WeChat's <text> holds only text, so the row is a View. */
export function IconText({
  icon,
  children,
  className,
  testId,
}: {
  icon: IconName;
  children: ReactNode;
  className?: string;
  testId?: string;
}) {
  return (
    <View className={cx('icon-text', className)} data-testid={testId}>
      <Icon name={icon} className="icon-text__icon" />
      <Text className="icon-text__text">{children}</Text>
    </View>
  );
}
