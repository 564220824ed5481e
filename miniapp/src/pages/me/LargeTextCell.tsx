import Taro from '@tarojs/taro';
import { messageOf } from '@/api';
import { Cell } from '@/components/Cell/Cell';
import { Toggle } from '@/components/Toggle/Toggle';
import { useSession } from '@/session/SessionProvider';

/** 大字模式: applied to every page at once, then saved to the account so other devices follow. */
export function LargeTextCell() {
  const session = useSession();
  return (
    <Cell
      title="大字模式"
      description="放大全部文字和按钮，看得更清楚"
      arrow={false}
      testId="me-large-text"
      value={
        <Toggle
          checked={session.largeText}
          label="大字模式"
          testId="large-text-switch"
          onChange={(on) => {
            session.setLargeText(on).catch((err) => void Taro.showToast({ title: messageOf(err), icon: 'none' }));
          }}
        />
      }
    />
  );
}
