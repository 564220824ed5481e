import { Text, View } from '@tarojs/components';
import type { ReactNode } from 'react';
import { Icon, type IconName } from '@/components/Icon/Icon';
import { focusable } from '@/lib/a11y';
import { cx } from '@/lib/classNames';
import './Cell.scss';

export interface CellProps {
  title: ReactNode;
  /** A second line under the title. */
  description?: ReactNode;
  /** Right-hand value (a status, a count). */
  value?: ReactNode;
  icon?: IconName;
  onClick?: () => void;
  /** Shows the › that tells a row opens something. */
  arrow?: boolean;
  testId?: string;
  danger?: boolean;
}

/** One row of a grouped list (我的 menu, settings). */
export function Cell({ title, description, value, icon, onClick, arrow = !!onClick, testId, danger }: CellProps) {
  return (
    <View
      className={cx('cell', onClick && 'cell--tappable', danger && 'cell--danger')}
      onClick={onClick}
      data-testid={testId}
      {...(onClick ? { role: 'button', ...focusable } : {})}
    >
      {icon && <Icon name={icon} className="cell__icon" />}
      <View className="cell__body">
        <Text className="cell__title">{title}</Text>
        {description && <Text className="cell__description">{description}</Text>}
      </View>
      {value !== undefined && <View className="cell__value">{value}</View>}
      {arrow && <Text className="cell__arrow">›</Text>}
    </View>
  );
}

/** A card-like group of cells. */
export function CellGroup({ children, testId }: { children: ReactNode; testId?: string }) {
  return (
    <View className="cell-group" data-testid={testId}>
      {children}
    </View>
  );
}
