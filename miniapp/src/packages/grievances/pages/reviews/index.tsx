import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { STAFF, grievanceRoutes, type ReviewItem } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { usePagedList } from '@/hooks/usePagedList';
import { useReshow } from '@/hooks/useReshow';
import { formatDateTime } from '@/lib/format';
import { ROUTES, withQuery } from '@/routes';
import { ReviewActions, targetTestId } from '@/packages/grievances/components/ReviewActions';
import { StaffGate } from '@/packages/grievances/components/StaffGate';
import '@/packages/grievances/grievances.scss';
import { Photo } from '@/components/Photo/Photo';

const KIND_LABELS: Record<ReviewItem['target']['kind'], string> = {
  description: '诉求描述',
  message: '留言',
  photo: '照片',
};
const keyOf = (i: ReviewItem) => `${i.grievance.grievanceId}:${targetTestId(i.target)}`;

function Reviews({ communityId }: { communityId: string }) {
  const list = usePagedList(
    (cursor) => call(grievanceRoutes.listReviews, { params: { communityId }, query: { cursor, limit: 20 } }),
    [communityId],
  );
  useReshow(() => void list.first.reload());
  usePullDownRefresh(() => {
    void list.first.reload();
    Taro.stopPullDownRefresh();
  });
  const open = (i: ReviewItem) =>
    void Taro.navigateTo({ url: withQuery(ROUTES.grievance.detail, { communityId, id: i.grievance.grievanceId }) });
  return (
    <AsyncView
      state={list.first}
      testId="reviews"
      isEmpty={() => list.items.length === 0}
      empty={{
        icon: 'check',
        title: '没有待人工复核的内容',
        hint: '微信内容安全需要人工判断的诉求描述、留言和照片会出现在这里，复核通过后邻居才能看到。',
      }}
    >
      {() => (
        <>
          {list.items.map((i) => (
            <Card
              key={keyOf(i)}
              testId={`review-item-${keyOf(i)}`}
              title={`${i.grievance.categoryLabel} #${i.grievance.number}`}
              extra={
                <Text className="muted" onClick={() => open(i)}>
                  查看诉求 ›
                </Text>
              }
            >
              <View className="grv-tags">
                <StatusTag tone="warning">{`待复核 · ${KIND_LABELS[i.target.kind]}`}</StatusTag>
                {i.grievance.visibility === 'public' && <StatusTag tone="info">社区公开</StatusTag>}
              </View>
              {i.text && <Text className="grv-body">{i.text}</Text>}
              {i.url && (
                <Photo
                  className="grv-photos__image"
                  src={i.url}
                  alt="待复核照片"
                  onClick={() => void Taro.previewImage({ urls: [i.url!], current: i.url! })}
                />
              )}
              <Text className="muted">
                {i.author.name} · {formatDateTime(i.flaggedAt)}
              </Text>
              <ReviewActions
                communityId={communityId}
                grievanceId={i.grievance.grievanceId}
                target={i.target}
                onDone={() => {
                  list.remove((x) => keyOf(x) !== keyOf(i));
                  void Taro.showToast({ title: '已复核', icon: 'success' });
                }}
              />
            </Card>
          ))}
          <LoadMore
            hasMore={list.hasMore}
            loading={list.loadingMore}
            error={list.moreError}
            onMore={() => void list.loadMore()}
            count={list.items.length}
          />
        </>
      )}
    </AsyncView>
  );
}

/** 待人工复核: content WeChat asked a person to judge, oldest first; 通过 shows it to neighbours, 不通过 hides it and tells its author why. */
export default function ReviewsPage() {
  return (
    <Page testId="page-grievance-reviews">
      <StaffGate roles={STAFF}>{(communityId) => <Reviews communityId={communityId} />}</StaffGate>
    </Page>
  );
}
