import Taro from '@tarojs/taro';
import { ActionButton } from '@/components/ActionButton/ActionButton';

/**
 * 复制核验码: a 12-letter code is hard to write down right. Copied, it can be kept in a note or a chat with oneself;
 * the phone that voted also keeps it (lib/receipts), which is the one place the voter can find it again.
 */
export function CopyReceipt({ receipt, testId }: { receipt: string; testId?: string }) {
  const copy = async () => {
    await Taro.setClipboardData({ data: receipt });
    // In place of WeChat's own 内容已复制 (H5 says nothing): what was copied.
    void Taro.showToast({ title: '核验码已复制', icon: 'none' });
  };
  return (
    <ActionButton size="small" variant="secondary" onClick={() => void copy().catch(() => undefined)} testId={testId}>
      复制核验码
    </ActionButton>
  );
}
