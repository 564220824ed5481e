import Taro from '@tarojs/taro';

let last: { url: string; at: number } | undefined;

/**
 * reLaunch, ignoring repeats of the same target for a moment: when a session ends, every mounted
 * page (H5 keeps the stack in the DOM) and the session itself ask for the sign-in page at once.
 */
export function relaunchOnce(url: string): void {
  const now = Date.now();
  if (last && last.url === url && now - last.at < 1500) return;
  last = { url, at: now };
  void Taro.reLaunch({ url });
}
