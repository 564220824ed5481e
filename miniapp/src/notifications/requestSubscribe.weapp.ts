import Taro from '@tarojs/taro';
import type { SubscribeTemplate } from '@linli/shared';
import type { SubscribeAnswers } from './subscribeTypes';

/**
 * wx.requestSubscribeMessage: WeChat's own sheet, where each 允许 permits one message of that template.
 * Must run inside a tap handler. Answers each template id's result (`accept`, `reject`, `ban`, `filter`).
 */
export async function requestSubscribe(templates: readonly SubscribeTemplate[]): Promise<SubscribeAnswers> {
  const tmplIds = templates.map((t) => t.id);
  try {
    const res = (await Taro.requestSubscribeMessage({ tmplIds } as Taro.requestSubscribeMessage.Option)) as Record<
      string,
      string
    >;
    return Object.fromEntries(tmplIds.map((id) => [id, res[id] ?? 'reject']));
  } catch {
    // Turned off in settings (20004) or not supported: nothing was granted.
    return Object.fromEntries(tmplIds.map((id) => [id, 'reject']));
  }
}
