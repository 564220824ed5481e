import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { RELATION_LABELS, identityApi, rosterTabRoutes } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Page } from '@/components/Page/Page';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { Tiles } from '@/components/Tiles';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { ROUTES } from '@/routes';
import { WORKBENCH_ROLES } from '@/session/community';
import { useUnreadBadge } from '@/notifications/unreadBadge';
import { useSession } from '@/session/SessionProvider';
import { StaffDesk } from './StaffDesk';
import { useWaiting, WaitingFeed } from './WaitingFeed';
import './index.scss';
import { LargeTextPrompt } from '@/components/LargeTextPrompt/LargeTextPrompt';

const FEATURES = [
  { key: 'grievances', icon: 'grievance', label: '诉求', text: '反映问题，跟进办理', url: ROUTES.grievances },
  { key: 'volunteer', icon: 'volunteer', label: '志愿', text: '参加活动，攒时间积分', url: ROUTES.volunteer },
  { key: 'agora', icon: 'agora', label: '议事', text: '公共事务，一户一票', url: ROUTES.agora },
] as const;

/**
 * 首页: what waits for me (待我处理), my community and household, role-aware shortcuts, and the ways into 诉求 / 志愿 / 议事.
 * Staff see their work first (工作台, then 待我处理) and their own household last.
 */
export default function HomePage() {
  const session = useSession();
  const { me, communityId } = session;
  const households = me?.memberships.filter((m) => m.communityId === communityId) ?? [];
  const isStaff = session.hasRole(...WORKBENCH_ROLES);
  const canReview = session.hasRole('gridWorker', 'committee', 'admin');
  useUnreadBadge(session.status === 'signedIn');
  const member = !!communityId && session.roles.length > 0;
  const waiting = useWaiting(communityId, member);

  const bindings = useAsync(() => call(identityApi.listMyBindings), [me?.userId], {
    enabled: !!me && households.length === 0,
  });
  const overview = useAsync(
    () => call(rosterTabRoutes.overview, { params: { communityId: communityId as string } }),
    [communityId],
    {
      enabled: isStaff && !!communityId,
    },
  );

  const refresh = () => {
    void session.refreshMe();
    if (member) void waiting.reload();
    if (households.length === 0) void bindings.reload();
    if (isStaff) void overview.reload();
  };
  useReshow(refresh);
  usePullDownRefresh(() => {
    refresh();
    Taro.stopPullDownRefresh();
  });

  const pending = bindings.data?.items.filter((b) => b.status === 'pending') ?? [];

  const householdCard = (
    <Card title="我的房屋" testId="home-household">
      {households.length > 0 ? (
        households.map((h) => (
          <View key={h.unitId} className="home__household">
            <Text className="home__unit">{h.unitLabel}</Text>
            <StatusTag tone="success">{RELATION_LABELS[h.relation]}</StatusTag>
          </View>
        ))
      ) : pending.length > 0 ? (
        <View data-testid="home-binding-pending">
          {pending.map((b) => (
            <View key={b.bindingId} className="home__household">
              <Text className="home__unit">{b.unitLabel}</Text>
              <StatusTag tone="warning">待审核</StatusTag>
            </View>
          ))}
          <Text className="muted">网格员或居委会审核通过后即可参与议事投票。</Text>
        </View>
      ) : (
        <View data-testid="home-bind-call">
          <Text className="home__bind-text">绑定您家的房屋后，就能提交诉求、参加议事投票。</Text>
          <View className="home__bind-actions">
            <ActionButton size="small" onClick={() => void Taro.navigateTo({ url: ROUTES.bind })} testId="home-bind">
              申请绑定房屋
            </ActionButton>
            <ActionButton
              size="small"
              variant="secondary"
              onClick={() => void Taro.navigateTo({ url: ROUTES.invite })}
              testId="home-invite"
            >
              使用邀请码
            </ActionButton>
          </View>
        </View>
      )}
    </Card>
  );

  return (
    <Page testId="page-home">
      <View className="home__hero">
        <Text className="home__community" data-testid="home-community">
          {session.communityName ?? '邻里'}
        </Text>
        <Text className="home__greeting">您好，{me?.nickname ?? '邻居'}</Text>
      </View>

      <LargeTextPrompt />

      {isStaff && <StaffDesk overview={overview} numbers={waiting.data?.staff} canReview={canReview} />}

      {member && <WaitingFeed state={waiting} staff={isStaff} />}

      {!isStaff && householdCard}
      <Tiles
        items={FEATURES.map((f) => ({
          ...f,
          onClick: () => void Taro.switchTab({ url: f.url }),
          testId: `home-entry-${f.key}`,
        }))}
      />

      {/* Staff bind their own home last: their work comes first on their home page. */}
      {isStaff && householdCard}
    </Page>
  );
}
