import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { focusable } from '@/lib/a11y';
import { cx } from '@/lib/classNames';
import './Card.scss';

export interface CardProps {
  title?: ReactNode;
  /** Right side of the title row (a link, a count). */
  extra?: ReactNode;
  children?: ReactNode;
  onClick?: () => void;
  testId?: string;
  className?: string;
  padded?: boolean;
}

/** The white rounded block pages are made of. */
export function Card({ title, extra, children, onClick, testId, className, padded = true }: CardProps) {
  return (
    <View
      className={cx('card', padded && 'card--padded', onClick && 'card--tappable', className)}
      onClick={onClick}
      data-testid={testId}
      {...(onClick ? { role: 'button', ...focusable } : {})}
    >
      {(title || extra) && (
        <View className="card__head">
          {title && <Text className="card__title">{title}</Text>}
          {extra && <View className="card__extra">{extra}</View>}
        </View>
      )}
      {children}
    </View>
  );
}
