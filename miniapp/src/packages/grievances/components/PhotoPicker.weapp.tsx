import Taro from '@tarojs/taro';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { photoProblem, photoTypeOf, type ChosenPhoto } from '@/packages/grievances/lib/photos';

export interface PhotoPickerProps {
  room: number;
  onPick(photos: ChosenPhoto[]): void;
  onReject(message: string): void;
}

/** wx.chooseMedia from the album or the camera, compressed, up to the photos still allowed. */
export function PhotoPicker({ room, onPick, onReject }: PhotoPickerProps) {
  const pick = async () => {
    try {
      const { tempFiles } = await Taro.chooseMedia({
        count: room,
        mediaType: ['image'],
        sizeType: ['compressed'],
        sourceType: ['album', 'camera'],
      });
      const chosen = tempFiles.map((f) => ({
        name: f.tempFilePath.split('/').pop() ?? 'photo.jpg',
        size: f.size,
        path: f.tempFilePath,
      }));
      const problem = chosen.map((f) => photoProblem(f)).find(Boolean);
      if (problem) onReject(problem);
      const ok = chosen.filter((f) => !photoProblem(f));
      if (ok.length)
        onPick(
          ok.map((f) => ({
            name: f.name,
            size: f.size,
            contentType: photoTypeOf(f.name)!,
            source: f.path,
            preview: f.path,
          })),
        );
    } catch {
      // Cancelled.
    }
  };
  return (
    <ActionButton variant="secondary" size="small" disabled={room <= 0} onClick={() => void pick()} testId="photo-pick">
      {room > 0 ? `添加照片（还可 ${room} 张）` : '最多 9 张'}
    </ActionButton>
  );
}
