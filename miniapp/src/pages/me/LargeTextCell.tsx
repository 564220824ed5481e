import Taro from '@tarojs/taro';
import { Switch } from '@tarojs/components';
import { messageOf } from '@/api';
import { Cell } from '@/components/Cell/Cell';
import { useSession } from '@/session/SessionProvider';

/** 大字模式: applied to every page at once, then saved to the account so other devices follow. */
export function LargeTextCell() {
  const session = useSession();
  return (
    <Cell
      icon="🔠"
      title="大字模式"
      description="放大全部文字和按钮，看得更清楚"
      arrow={false}
      testId="me-large-text"
      value={
        <Switch
          checked={session.largeText}
          color="#07a35a"
          aria-label="大字模式"
          data-testid="large-text-switch"
          onChange={(e) => {
            session
              .setLargeText(!!e.detail.value)
              .catch((err) => void Taro.showToast({ title: messageOf(err), icon: 'none' }));
          }}
        />
      }
    />
  );
}
