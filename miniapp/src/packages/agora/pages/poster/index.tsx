import { agoraRoutes } from '@linli/shared';
import Taro, { useRouter, useShareAppMessage } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { readParam } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { QrCode } from '@/components/QrCode/QrCode';
import { SECRECY_STATEMENT, windowText } from '@/packages/agora/lib/format';
import { posterLink, topicPath } from '@/packages/agora/lib/links';
import { ShareButton } from './ShareButton';
import '@/packages/agora/agora.scss';

/** 分享: the card for the WeChat group (opens this exact topic) and a QR poster for the notice board. */
export default function PosterPage() {
  const { params } = useRouter();
  const session = useSession();
  const communityId = readParam(params.communityId) ?? session.communityId ?? '';
  const topicId = readParam(params.topicId) ?? '';
  const topic = useAsync(
    () => call(agoraRoutes.getTopic, { params: { communityId, topicId } }),
    [communityId, topicId],
    { enabled: !!topicId && !!communityId },
  );
  useShareAppMessage(() => ({
    title: `议事厅：${topic.data?.title ?? '请参与表决'}`,
    path: topicPath(communityId, topicId),
  }));

  return (
    <Page testId="page-agora-poster">
      <AsyncView state={topic} testId="poster">
        {(t) => (
          <>
            <Card testId="poster-card">
              <View className="agora__poster">
                <Text className="muted">{session.communityName} · 议事厅</Text>
                <Text className="agora__poster-title">{t.title}</Text>
                <Text className="agora__text" data-testid="poster-rule">
                  {/* How ballots count is what a neighbour reads first on the notice board: 一户一票 says it. */}
                  {[t.scopeText, t.vote?.basisLabel, t.presetLabel ?? '征询意见'].filter(Boolean).join(' · ')}
                </Text>
                {t.vote && <Text className="agora__hint">投票时间 {windowText(t.vote.opensAt, t.vote.closesAt)}</Text>}
                {t.vote && (
                  <Text className="agora__text" data-testid="poster-secrecy">
                    {SECRECY_STATEMENT[t.vote.secrecy]}
                  </Text>
                )}
                <QrCode value={posterLink(communityId, topicId)} size={420} testId="poster-qr" />
                <Text className="agora__text">微信扫一扫，参与表决</Text>
              </View>
            </Card>
            <ShareButton path={topicPath(communityId, topicId)} />
            <ActionButton
              block
              variant="secondary"
              onClick={() => void Taro.redirectTo({ url: topicPath(communityId, topicId) })}
              testId="poster-open-topic"
            >
              查看议题
            </ActionButton>
            <Text className="agora__hint">截图保存海报张贴到单元门口；分享到居民群的卡片会直接打开本议题。</Text>
          </>
        )}
      </AsyncView>
    </Page>
  );
}
