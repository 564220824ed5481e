import Taro from '@tarojs/taro';
import { TAB_ROUTES } from '@/routes';

/** Opens the page a message is about: tab pages by switchTab (WeChat refuses navigateTo for them). */
export function openLink(link: string): void {
  const path = link.split('?')[0] ?? link;
  if (TAB_ROUTES.includes(path)) void Taro.switchTab({ url: path });
  else void Taro.navigateTo({ url: link });
}
