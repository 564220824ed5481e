import type { ReactNode } from 'react';

export interface TileItem {
  key: string;
  /** An emoji: the tiles are read at a glance, large. */
  icon: string;
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
