import { View } from '@tarojs/components';
import { cx } from '@/lib/classNames';
import './Icon.scss';

/** Icons a tab page or a shared component shows (Icon.scss, in the weapp main package). */
export type MainIconName =
  | 'grievance'
  | 'volunteer'
  | 'agora'
  | 'check'
  | 'empty'
  | 'warning'
  | 'lock'
  | 'clock'
  | 'place'
  | 'wallet'
  | 'gift'
  | 'team'
  | 'honour'
  | 'organise'
  | 'pickup'
  | 'ledger'
  | 'catalogue';

/** Icons only subpackages show: their stylesheet must `@import '@/components/Icon/more.scss'`. */
export type SubpackageIconName =
  | 'chart'
  | 'building'
  | 'ticket'
  | 'import'
  | 'export'
  | 'people'
  | 'notice'
  | 'mail'
  | 'comment'
  | 'person'
  | 'bell'
  | 'tools'
  | 'poster'
  | 'cross';

export type IconName = MainIconName | SubpackageIconName;

/**
 * A line icon drawn from an SVG in the stylesheet, sized by the text around it (1.2em, so it grows in 大字模式).
 * Decoration only: it always stands next to a text label that says the same, so screen readers skip it.
 */
export function Icon({ name, className }: { name: IconName; className?: string }) {
  return <View className={cx('icon', `icon--${name}`, className)} aria-hidden />;
}
