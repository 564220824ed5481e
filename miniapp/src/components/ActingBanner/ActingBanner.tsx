import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { focusable } from '@/lib/a11y';
import { ROUTES } from '@/routes';
import { clearActing, readActing } from '@/session/actingSession';
import './ActingBanner.scss';

const mmss = (ms: number) => {
  const s = Math.max(0, Math.ceil(ms / 1000));
  return `${String(Math.floor(s / 60)).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
};

/**
 * 亲情代办: on every page while a helper acts for a resident, whose name and the time left (the server
 * ends the session at the same moment, whatever this clock says), and 结束.
 */
export function ActingBanner() {
  const [now, setNow] = useState(Date.now());
  const acting = readActing(now);
  useEffect(() => {
    const t = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(t);
  }, []);
  if (!acting) {
    if (readActing(0)) clearActing();
    return null;
  }
  return (
    <View className="acting-banner" role="status" data-testid="acting-banner">
      <Text className="acting-banner__text">
        正在为{acting.residentName}代办 · 剩余 {mmss(Date.parse(acting.expiresAt) - now)}
      </Text>
      <View
        className="acting-banner__end"
        role="button"
        {...focusable}
        onClick={() => void Taro.navigateTo({ url: `${ROUTES.proxy.acting}?end=1` })}
        data-testid="acting-banner-end"
      >
        结束
      </View>
    </View>
  );
}
