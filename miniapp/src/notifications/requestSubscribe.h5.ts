import Taro from '@tarojs/taro';
import type { SubscribeTemplate } from '@linli/shared';
import { apiClient } from '@/api';
import { env } from '@/config/env';
import { DEMO_OPENID_KEY, type SubscribeAnswers } from './subscribeTypes';

/**
 * The browser has no wx.requestSubscribeMessage. On the local stack it plays WeChat's sheet with a
 * dialog and, for each 允许, tells the WeChat stand-in (as the phone would tell WeChat) so a later send
 * is accepted there too. Without the stand-in (the production console) nothing can be granted.
 */
export async function requestSubscribe(templates: readonly SubscribeTemplate[]): Promise<SubscribeAnswers> {
  const refuse = () => Object.fromEntries(templates.map((t) => [t.id, 'reject'])) as SubscribeAnswers;
  if (!env.wechatDevBase) {
    void Taro.showToast({ title: '请在微信小程序中开启提醒', icon: 'none' });
    return refuse();
  }
  const { confirm } = await Taro.showModal({
    title: '“邻里”想给您发送',
    content: `${templates.map((t) => t.title).join('、')}（每次允许可提醒一次）`,
    confirmText: '允许',
    cancelText: '取消',
  });
  if (!confirm) return refuse();
  const openid = Taro.getStorageSync(DEMO_OPENID_KEY) as string;
  if (openid)
    for (const t of templates)
      await apiClient.raw({
        method: 'POST',
        url: `${env.wechatDevBase}/dev/grants`,
        body: { openid, templateId: t.id, count: 1 },
      });
  return Object.fromEntries(templates.map((t) => [t.id, 'accept'])) as SubscribeAnswers;
}
