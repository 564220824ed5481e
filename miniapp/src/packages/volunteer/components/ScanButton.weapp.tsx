import Taro from '@tarojs/taro';
import { ActionButton } from '@/components/ActionButton/ActionButton';

/** Opens the camera (Taro.scanCode) and hands over what the QR code says. */
export function ScanButton({
  label,
  onResult,
  testId,
}: {
  label: string;
  onResult(text: string): void;
  testId?: string;
}) {
  const scan = async () => {
    try {
      const { result } = await Taro.scanCode({ onlyFromCamera: true, scanType: ['qrCode'] });
      onResult(result.trim());
    } catch {
      // Cancelled: nothing to do.
    }
  };
  return (
    <ActionButton variant="secondary" block onClick={() => void scan()} testId={testId}>
      {label}
    </ActionButton>
  );
}
