import { Text, View } from '@tarojs/components';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Photo } from '@/components/Photo/Photo';
import type { useBudgetPhotos } from '@/lib/budgetPhotos';
import '@/components/BudgetPhotos/BudgetPhotos.scss';

/**
 * Photos of a proposal or a monthly report, shown in a row (the project pages, the public 台账). Its own small
 * stylesheet, so the committee's pages can use it without the residents' whole stylesheet.
 */
export function PhotoStrip({
  photos,
  alt = '照片',
  testId,
}: {
  photos: { url: string }[];
  alt?: string;
  testId: string;
}) {
  if (!photos.length) return null;
  return (
    <View className="budget-photos__row" data-testid={testId}>
      {photos.map((p, i) => (
        <Photo key={p.url} className="budget-photos__image" src={p.url} alt={`${alt} ${i + 1}`} />
      ))}
    </View>
  );
}

/**
 * Photos being added (点单, a monthly report): each with its upload state and a 移除 button, then 添加照片 while
 * there is room. The uploads themselves are `useBudgetPhotos`' (the round's presigned form).
 */
export function PhotoPicker({
  photos,
  label,
  alt,
  error,
  testId,
}: {
  photos: ReturnType<typeof useBudgetPhotos>;
  label: string;
  alt: string;
  error?: string;
  testId: string;
}) {
  return (
    <View className="budget-photos" data-testid={testId}>
      <Text className="budget-photos__label">{label}</Text>
      <View className="budget-photos__row">
        {photos.photos.map((p) => (
          <View key={p.id} className="budget-photos__item" data-testid={`photo-${p.status}`}>
            <Photo className="budget-photos__image" src={p.preview} alt={alt} />
            <Text className="budget-photos__state">
              {p.status === 'uploading' ? '上传中' : p.status === 'failed' ? (p.error ?? '失败') : '已上传'}
            </Text>
            <ActionButton size="small" variant="plain" onClick={() => photos.remove(p.id)}>
              移除
            </ActionButton>
          </View>
        ))}
      </View>
      {photos.room > 0 && (
        <ActionButton size="small" variant="secondary" onClick={() => void photos.pick()} testId="photo-pick">
          添加照片（还可 {photos.room} 张）
        </ActionButton>
      )}
      {error && (
        <Text className="budget-photos__error" aria-live="assertive">
          {error}
        </Text>
      )}
    </View>
  );
}
