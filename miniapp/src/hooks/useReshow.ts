import { useDidShow } from '@tarojs/taro';
import { useRef } from 'react';

/** Runs `cb` when the page is shown again (back from a sub-page), not on its first show. */
export function useReshow(cb: () => void): void {
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current) cb();
    shown.current = true;
  });
}
