/**
 * The few WeChat globals used directly (Taro has no wrapper for the privacy listener in 4.2.1).
 * Declared narrowly rather than pulling miniprogram-api-typings' whole global `wx` into every file.
 */
interface WxPrivacyResolveEvent {
  event: 'exposureAuthorization' | 'agree' | 'disagree';
  buttonId?: string;
}
interface WxNeedPrivacyAuthorizationListener {
  (resolve: (e: WxPrivacyResolveEvent) => void, eventInfo: { referrer: string }): void;
}
declare const wx:
  | {
      onNeedPrivacyAuthorization?: (listener: WxNeedPrivacyAuthorizationListener) => void;
    }
  | undefined;
