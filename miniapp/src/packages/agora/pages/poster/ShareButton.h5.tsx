import Taro from '@tarojs/taro';
import { ActionButton } from '@/components/ActionButton/ActionButton';

/** In the browser console there is no WeChat share: copy the link instead. */
export function ShareButton({ path }: { path: string }) {
  return (
    <ActionButton
      block
      onClick={() =>
        void Taro.setClipboardData({ data: `${window.location.origin}${window.location.pathname}#${path}` })
      }
      testId="poster-share"
    >
      复制议题链接
    </ActionButton>
  );
}
