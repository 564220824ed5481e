import { Text, View } from '@tarojs/components';
import type { PublicOverviewView } from '@linli/shared';
import { Card } from '@/components/Card/Card';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { formatDate } from '@/lib/format';

/** 社区公开信息: the community's notices, published results and public requests, as anyone may see them. */
export function Overview({ o }: { o: PublicOverviewView }) {
  return (
    <View>
      <Card title="社区通知" testId="public-notices">
        {o.notices.length ? (
          o.notices.map((n) => (
            <View key={n.noticeId} className="public__item" data-testid="public-notice">
              <Text className="public__item-title">{n.title}</Text>
              <Text className="public__body">{n.body}</Text>
              <Text className="public__line">
                {n.senderLabel} · {formatDate(n.createdAt)}
              </Text>
            </View>
          ))
        ) : (
          <Text className="public__line">最近没有面向全社区的通知。</Text>
        )}
      </Card>

      <Card title="议事表决结果" testId="public-results">
        {o.results.length ? (
          o.results.map((r) => (
            <View key={r.topicId} className="public__item" data-testid="public-result">
              <View className="public__item-head">
                <Text className="public__item-title">{r.title}</Text>
                <StatusTag tone={r.passed ? 'success' : 'neutral'}>{r.outcomeLabel}</StatusTag>
              </View>
              <Text className="public__line">
                参与 {r.participation.heads} / {r.participation.electorate} · 公示于 {formatDate(r.countedAt)}
              </Text>
            </View>
          ))
        ) : (
          <Text className="public__line">还没有公示的表决结果。</Text>
        )}
      </Card>

      <Card title="居民反映的问题" testId="public-requests">
        {o.requests.length ? (
          o.requests.map((q) => (
            <View key={q.number} className="public__item" data-testid="public-request">
              <View className="public__item-head">
                <Text className="public__item-title">{q.categoryLabel}</Text>
                <StatusTag tone={q.closed ? 'success' : 'warning'}>{q.statusLabel}</StatusTag>
              </View>
              <Text className="public__line">
                编号 {q.number} · {formatDate(q.createdAt)}
                {q.supportCount ? ` · ${q.supportCount} 位邻居也遇到` : ''}
              </Text>
            </View>
          ))
        ) : (
          <Text className="public__line">还没有公开的诉求。</Text>
        )}
        <Text className="public__line">为保护隐私，诉求的内容与位置只对本社区居民显示。</Text>
      </Card>
    </View>
  );
}
