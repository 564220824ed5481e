/**
 * Tiles — the big tappable entries with an icon that start a task: 首页's 诉求 / 志愿 / 议事, the 志愿 tab's
 * tools and 工作台's menu. One look for all three; main package (工作台 is in the staff subpackage).
 */
import { Text, View } from '@tarojs/components';
import { Icon } from '@/components/Icon/Icon';
import { focusable } from '@/lib/a11y';
import type { TilesProps } from './types';
import './Tiles.scss';

export type { TileItem, TilesProps } from './types';

export function Tiles({ items, columns = 'fill', testId }: TilesProps) {
  return (
    <View className={`tiles tiles--${columns}`} data-testid={testId}>
      {items.map((t) => (
        <View
          key={t.key}
          className="tiles__tile"
          onClick={t.onClick}
          data-testid={t.testId}
          role="button"
          aria-label={t.label}
          {...focusable}
        >
          <Icon name={t.icon} className="tiles__icon" />
          <Text className="tiles__label">{t.label}</Text>
          {t.text && <Text className="tiles__text">{t.text}</Text>}
          {t.corner}
        </View>
      ))}
    </View>
  );
}
