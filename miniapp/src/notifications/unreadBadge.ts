import { notificationTabRoutes } from '@linli/shared';
import Taro, { useDidShow } from '@tarojs/taro';
import { useEffect, useRef, useState } from 'react';
import { call } from '@/api';

/** The 我的 tab (app.config.ts tabBar.list[4]) carries the unread badge. */
export const ME_TAB_INDEX = 4;

/**
 * Shows the unread count on the 我的 tab, or clears it. WeChat only allows this from a tab page, so tab
 * pages call it when they show. The badge is a hint: a failure leaves it as it was, silently.
 */
export async function refreshUnreadBadge(): Promise<number | undefined> {
  try {
    const { unread } = await call(notificationTabRoutes.unreadCount);
    if (unread > 0) await Taro.setTabBarBadge({ index: ME_TAB_INDEX, text: unread > 99 ? '99+' : String(unread) });
    else await Taro.removeTabBarBadge({ index: ME_TAB_INDEX });
    return unread;
  } catch {
    return undefined;
  }
}

/** For a tab page: refreshes the badge when signed in and each time the page shows; answers the count. */
export function useUnreadBadge(enabled: boolean): number | undefined {
  const [unread, setUnread] = useState<number>();
  const on = useRef(enabled);
  on.current = enabled;
  const refresh = () => {
    if (on.current) void refreshUnreadBadge().then((n) => n !== undefined && setUnread(n));
  };
  useDidShow(refresh);
  useEffect(refresh, [enabled]);
  return unread;
}
