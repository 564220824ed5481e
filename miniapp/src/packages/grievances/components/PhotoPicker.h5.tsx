import { useRef } from 'react';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { photoProblem, photoTypeOf, type ChosenPhoto } from '@/packages/grievances/lib/photos';

export interface PhotoPickerProps {
  room: number;
  onPick(photos: ChosenPhoto[]): void;
  onReject(message: string): void;
}

/** A visible button over a hidden `<input type="file" multiple>` (tests use `data-testid="photo-input"`). */
export function PhotoPicker({ room, onPick, onReject }: PhotoPickerProps) {
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        multiple
        accept="image/jpeg,image/png,image/webp"
        style={{ display: 'none' }}
        data-testid="photo-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          const problem = files.map((f) => photoProblem(f)).find(Boolean);
          if (problem) onReject(problem);
          const ok = files.filter((f) => !photoProblem(f));
          if (ok.length)
            onPick(
              ok.map((f) => ({
                name: f.name,
                size: f.size,
                contentType: photoTypeOf(f.name)!,
                source: f,
                preview: URL.createObjectURL(f),
              })),
            );
        }}
      />
      <ActionButton
        variant="secondary"
        size="small"
        disabled={room <= 0}
        onClick={() => input.current?.click()}
        testId="photo-pick"
      >
        {room > 0 ? `添加照片（还可 ${room} 张）` : '最多 9 张'}
      </ActionButton>
    </>
  );
}
