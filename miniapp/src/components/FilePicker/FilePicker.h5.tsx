import { useRef } from 'react';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { rosterContentType, type PickedFile } from '@/components/FilePicker/pickedFile';

export interface FilePickerProps {
  label: string;
  onPick(file: PickedFile): void;
  onReject(message: string): void;
  disabled?: boolean;
}

/** A visible button over a hidden `<input type="file">` (tests use `data-testid="file-input"`). */
export function FilePicker({ label, onPick, onReject, disabled }: FilePickerProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
        style={{ display: 'none' }}
        data-testid="file-input"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (!file) return;
          const contentType = rosterContentType(file.name);
          if (!contentType) onReject('请选择 .xlsx 或 .csv 格式的花名册');
          else onPick({ name: file.name, size: file.size, contentType, source: file });
        }}
      />
      <ActionButton
        block
        variant="secondary"
        disabled={disabled}
        onClick={() => input.current?.click()}
        testId="file-pick"
      >
        {label}
      </ActionButton>
    </>
  );
}
