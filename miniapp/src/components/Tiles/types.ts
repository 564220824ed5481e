import type { ReactNode } from 'react';
import type { IconName } from '@/components/Icon/Icon';

export interface TileItem {
  key: string;
  /** A line icon (components/Icon), large: the tiles are read at a glance. A subpackage's icon needs its page to
   * import `components/Icon/more.scss`. */
  icon: IconName;
  label: string;
  /** A line under the label (首页's features say what each part is for). */
  text?: string;
  /** Pinned to the tile's top-right corner, e.g. 工作台's count of requests waiting (styled by its page). */
  corner?: ReactNode;
  onClick(): void;
  testId?: string;
}

export interface TilesProps {
  items: readonly TileItem[];
  /** `fill` shares one row between all tiles; 3 or 4 wrap in rows of that many (4 is the compact size). */
  columns?: 'fill' | 3 | 4;
  testId?: string;
}
