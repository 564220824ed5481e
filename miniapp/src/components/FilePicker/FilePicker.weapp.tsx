import Taro from '@tarojs/taro';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { rosterContentType, type PickedFile } from '@/components/FilePicker/pickedFile';

export interface FilePickerProps {
  label: string;
  onPick(file: PickedFile): void;
  onReject(message: string): void;
  disabled?: boolean;
}

/** Mini-programs can only take files from a chat: the committee sends the sheet to 文件传输助手 first. */
export function FilePicker({ label, onPick, onReject, disabled }: FilePickerProps) {
  const pick = async () => {
    try {
      const { tempFiles } = await Taro.chooseMessageFile({ count: 1, type: 'file', extension: ['xlsx', 'csv'] });
      const file = tempFiles[0];
      if (!file) return;
      const contentType = rosterContentType(file.name);
      if (!contentType) onReject('请选择 .xlsx 或 .csv 格式的花名册');
      else onPick({ name: file.name, size: file.size, contentType, source: file.path });
    } catch {
      // Cancelled.
    }
  };
  return (
    <ActionButton block variant="secondary" disabled={disabled} onClick={() => void pick()} testId="file-pick">
      {label}
    </ActionButton>
  );
}
