import Taro from '@tarojs/taro';

/** WeChat's standard font size (设置 → 通用 → 字体大小 “标准”), what `fontSizeSetting` reports without a scale factor. */
const WECHAT_STANDARD_FONT_PX = 17;

/**
 * WeChat's own font setting as a scale of the standard size: `fontSizeScaleFactor` where the client reports it,
 * else `fontSizeSetting` (px, base library 2.23.4+) over the standard 17 px; undefined on clients that say neither.
 */
export function systemFontScale(): number | undefined {
  try {
    const info = Taro.getAppBaseInfo() as { fontSizeScaleFactor?: number; fontSizeSetting?: number };
    if (info.fontSizeScaleFactor && info.fontSizeScaleFactor > 0) return info.fontSizeScaleFactor;
    if (info.fontSizeSetting && info.fontSizeSetting > 0) return info.fontSizeSetting / WECHAT_STANDARD_FONT_PX;
  } catch {
    // getAppBaseInfo is missing below base library 2.20.1: no setting to follow.
  }
  return undefined;
}
