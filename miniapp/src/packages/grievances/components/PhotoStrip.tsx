import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { GrievanceDetail } from '@linli/shared';
import { Photo } from '@/components/Photo/Photo';

/** The photos of a case as this viewer may see them: the picture, 审核中, or (for its uploader) 未通过审核. */
export function PhotoStrip({ photos, testId }: { photos: GrievanceDetail['photos']; testId: string }) {
  if (!photos.length) return null;
  const urls = photos.flatMap((p) => (p.url ? [p.url] : []));
  return (
    <View className="grv-photos" data-testid={testId}>
      {photos.map((p) => (
        <View key={p.photoId} className="grv-photos__item" data-testid={`photo-${p.state}`}>
          {p.url && p.state !== 'rejected' ? (
            <Photo
              className="grv-photos__image"
              src={p.url}
              alt="诉求照片"
              onClick={() => void Taro.previewImage({ urls, current: p.url! })}
            />
          ) : (
            <View className="grv-photos__placeholder" />
          )}
          {p.state !== 'visible' && (
            <Text className="grv-photos__badge">{p.state === 'reviewing' ? '审核中' : '未通过审核'}</Text>
          )}
        </View>
      ))}
    </View>
  );
}
