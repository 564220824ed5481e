import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { publicRoutes } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { readParam, ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { Overview } from './Overview';
import '@/packages/public/public.scss';

const JOBS = [
  { title: '有事反映', text: '报修、环境、安全等问题提交诉求，办理进度全程可查，办结后您来评价。' },
  { title: '志愿互助', text: '报名社区志愿活动，服务时长记入爱心时间银行，积分可兑换物品和服务。' },
  { title: '议事投票', text: '社区大事先征询意见再表决，一户一票，结果公开。' },
];

function CommunityOverview({ communityId, onChange }: { communityId: string; onChange(): void }) {
  const overview = useAsync(() => call(publicRoutes.getOverview, { params: { communityId } }), [communityId]);
  return (
    <AsyncView state={overview} testId="public-overview">
      {(o) => (
        <View>
          <View className="public__header">
            <Text className="public__community" data-testid="public-community-name">
              {o.community.name}
            </Text>
            <ActionButton size="small" variant="plain" onClick={onChange} testId="public-change-community">
              换一个社区
            </ActionButton>
          </View>
          <Overview o={o} />
          <Card testId="public-budget">
            <ActionButton
              block
              variant="secondary"
              onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.budgetLedger, { cid: communityId }) })}
              testId="public-budget-ledger"
            >
              民生微实事公开台账
            </ActionButton>
          </Card>
        </View>
      )}
    </AsyncView>
  );
}

function CommunityChooser({ onChoose }: { onChoose(communityId: string): void }) {
  const list = useAsync(() => call(publicRoutes.listCommunities), []);
  return (
    <Card title="选择您的社区" testId="public-choose">
      <AsyncView
        state={list}
        compact
        testId="public-communities"
        isEmpty={(l) => l.items.length === 0}
        empty={{ icon: 'empty', title: '还没有开通的社区' }}
      >
        {(l) => (
          <View className="public__choices">
            {l.items.map((c) => (
              <ActionButton
                key={c.communityId}
                variant="secondary"
                block
                onClick={() => onChoose(c.communityId)}
                testId={`public-community-${c.communityId}`}
              >
                {c.name}
              </ActionButton>
            ))}
          </View>
        )}
      </AsyncView>
    </Card>
  );
}

/** How to join: sign in, then bind a home (or scan the invitation QR code the committee hands out). */
function Join() {
  const session = useSession();
  const signedIn = session.status === 'signedIn';
  const bound = !!session.me?.memberships.length;
  if (signedIn && bound) return null;
  return (
    <Card title="如何加入" testId="public-join">
      <Text className="public__body">
        {signedIn
          ? '您已登录。绑定房屋后即可反映诉求、报名活动、参与表决：填写楼栋门牌由网格员审核，或扫描居委会发放的邀请二维码立即绑定。'
          : '用微信登录，再绑定您的房屋（填写楼栋门牌，或扫描居委会发放的邀请二维码），就能反映诉求、报名活动、参与表决。'}
      </Text>
      {signedIn ? (
        <View className="public__choices">
          <ActionButton block onClick={() => void Taro.navigateTo({ url: ROUTES.bind })} testId="public-bind">
            绑定房屋
          </ActionButton>
          <ActionButton
            block
            variant="secondary"
            onClick={() => void Taro.navigateTo({ url: ROUTES.invite })}
            testId="public-invite"
          >
            使用邀请码
          </ActionButton>
        </View>
      ) : (
        <ActionButton block onClick={() => void Taro.reLaunch({ url: ROUTES.signIn })} testId="public-sign-in">
          微信登录
        </ActionButton>
      )}
    </Card>
  );
}

/**
 * 社区公开信息: what anyone sees before signing in or binding a home — what Linli is for, the community's
 * public notices, published results and public requests, and how to join. The community comes from the
 * share link or invitation QR code (`cid`), else the visitor picks one.
 */
export default function PublicCommunityPage() {
  const session = useSession();
  const cid = readParam(useRouter().params.cid);
  const [communityId, setCommunityId] = useState<string | undefined>(cid ?? session.communityId);
  return (
    <Page testId="page-public" access="public">
      <Card title="邻里能帮您做什么" testId="public-about">
        {JOBS.map((j) => (
          <View key={j.title} className="public__item">
            <Text className="public__item-title">{j.title}</Text>
            <Text className="public__body">{j.text}</Text>
          </View>
        ))}
      </Card>
      <Join />
      {communityId ? (
        <CommunityOverview communityId={communityId} onChange={() => setCommunityId(undefined)} />
      ) : (
        <CommunityChooser onChoose={setCommunityId} />
      )}
    </Page>
  );
}
