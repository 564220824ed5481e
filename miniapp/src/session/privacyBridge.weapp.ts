import Taro from '@tarojs/taro';
import { ROUTES } from '@/routes';

type Resolve = (e: WxPrivacyResolveEvent) => void;
let pending: Resolve | undefined;

/**
 * WeChat's own privacy gate: when a privacy-relevant API (chooseMessageFile, getClipboard…) is called
 * before the user agreed, WeChat asks us to show our guideline; the answer goes back through `resolve`.
 */
export function listenForPrivacyAuthorization(): void {
  if (typeof wx === 'undefined' || !wx?.onNeedPrivacyAuthorization) return;
  wx.onNeedPrivacyAuthorization((resolve) => {
    pending = resolve;
    void Taro.navigateTo({ url: `${ROUTES.privacy}?from=wechat` });
  });
}

/** Tells WeChat what the user decided on our guideline page, if it was WeChat that asked. */
export function answerPrivacyAuthorization(agreed: boolean, buttonId?: string): void {
  if (!pending) return;
  pending(agreed ? { event: 'agree', buttonId } : { event: 'disagree' });
  pending = undefined;
}
