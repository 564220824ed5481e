import Taro from '@tarojs/taro';
import { ActionButton } from '@/components/ActionButton/ActionButton';

/** Scans the QR code on the committee's invitation slip and fills in the code. */
export function ScanButton({ onCode }: { onCode(code: string): void }) {
  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode'] });
      const code = /[A-Z2-9]{8}/.exec(result.replace(/[\s-]/g, '').toUpperCase())?.[0];
      if (code) onCode(code);
      else void Taro.showToast({ title: '没有识别到邀请码', icon: 'none' });
    } catch {
      // Cancelled: nothing to do.
    }
  };
  return (
    <ActionButton variant="secondary" block onClick={() => void scan()} testId="invite-scan">
      扫一扫邀请码二维码
    </ActionButton>
  );
}
