import { Button } from '@tarojs/components';
import '@/components/ActionButton/ActionButton.scss';

/** WeChat's own share button: the card it sends opens the exact topic (onShareAppMessage). */
export function ShareButton(_: { path: string }) {
  return (
    <Button
      className="action-button action-button--primary action-button--normal action-button--block"
      openType="share"
      data-testid="poster-share"
    >
      分享到居民群
    </Button>
  );
}
