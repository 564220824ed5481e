import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { UploadState, usePhotoUploads } from '@/packages/grievances/lib/photos';
import { PhotoPicker } from './PhotoPicker';
import { Photo } from '@/components/Photo/Photo';

/** Thumbnails of the photos being attached, each with its upload state and a remove button, and the picker. */
export function PhotoUploads({ uploads }: { uploads: ReturnType<typeof usePhotoUploads> }) {
  return (
    <View data-testid="photo-uploads">
      <View className="grv-photos">
        {uploads.photos.map((p: UploadState) => (
          <View key={p.id} className="grv-photos__item" data-testid={`photo-${p.status}`}>
            <Photo className="grv-photos__image" src={p.preview} alt="照片" />
            {p.status !== 'done' && (
              <Text className="grv-photos__badge">{p.status === 'uploading' ? '上传中' : '失败'}</Text>
            )}
            <Text className="grv-photos__remove" onClick={() => uploads.remove(p.id)} aria-label="移除照片">
              ×
            </Text>
          </View>
        ))}
      </View>
      {uploads.photos.find((p) => p.error)?.error && (
        <Text className="grv-error">{uploads.photos.find((p) => p.error)?.error}</Text>
      )}
      <PhotoPicker
        room={uploads.room}
        onPick={uploads.add}
        onReject={(m) => void Taro.showToast({ title: m, icon: 'none' })}
      />
    </View>
  );
}
