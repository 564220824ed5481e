import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect } from 'react';
import { grievanceRoutes, proxyRoutes } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { GrievanceRow } from '@/components/GrievanceRow/GrievanceRow';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { PageState } from '@/components/PageState/PageState';
import { useAsync } from '@/hooks/useAsync';
import { useSubmit } from '@/hooks/useSubmit';
import { ROUTES, withQuery } from '@/routes';
import { clearActing, readActing } from '@/session/actingSession';
import '@/packages/proxy/proxy.scss';
import { ActingBanner } from '@/components/ActingBanner/ActingBanner';

const go = (url: string) => () => void Taro.navigateTo({ url });
const tab = (url: string) => () => void Taro.switchTab({ url });

/**
 * 正在代办: what may be done for her while the session lasts, each through the page residents use
 * themselves (the requests name the session; the banner above counts down), and 结束代办.
 */
export default function ActingPage() {
  const acting = readActing();
  const { params } = useRouter();
  const awaiting = useAsync(
    () =>
      call(grievanceRoutes.listMine, {
        params: { communityId: acting!.communityId },
        query: { awaiting: 'rating' },
      }),
    [acting?.header],
    { enabled: !!acting },
  );
  const end = useSubmit(async () => {
    const s = readActing(0);
    if (s)
      await call(proxyRoutes.end, {
        params: { communityId: s.communityId, residentId: s.residentId, proxySessionId: s.proxySessionId },
      }).catch(() => undefined);
    clearActing();
    await Taro.reLaunch({ url: ROUTES.me });
  });
  useEffect(() => {
    if (params.end === '1') void end.submit();
    // Once, when the banner's 结束 opened this page.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (!acting)
    return (
      <Page testId="page-proxy-acting">
        <ActingBanner />
        <PageState
          state="empty"
          testId="proxy-acting"
          empty={{ icon: 'empty', title: '代办已结束', hint: '超过 30 分钟或已结束的代办需要重新开始' }}
        />
        <ActionButton block onClick={() => void Taro.redirectTo({ url: ROUTES.proxy.start })} testId="proxy-restart">
          重新开始代办
        </ActionButton>
      </Page>
    );

  return (
    <Page testId="page-proxy-acting">
      <ActingBanner />
      <Card title={`为${acting.residentName}代办`}>
        <Text className="proxy__note">
          以下操作都以居民本人的名义进行，并标注“代办”；每一项都会通知居民并留下记录。
        </Text>
      </Card>
      <CellGroup>
        <Cell
          title="代提诉求"
          description="替居民提交一条诉求"
          onClick={go(ROUTES.grievance.submit)}
          testId="proxy-raise"
        />
        <Cell
          title="代报名志愿活动"
          description="在志愿页选择活动并报名"
          onClick={tab(ROUTES.volunteer)}
          testId="proxy-signup"
        />
        <Cell
          title="代兑换积分"
          description="用居民的积分兑换"
          onClick={go(ROUTES.volunteering.mall)}
          testId="proxy-redeem"
        />
        <Cell
          title="代录纸质票"
          description="居民签字的纸质票拍照后代录（不能代替网上投票）"
          onClick={tab(ROUTES.agora)}
          testId="proxy-paper"
        />
      </CellGroup>
      <Card title="待居民评价的诉求">
        <AsyncView
          state={awaiting}
          compact
          testId="proxy-awaiting"
          isEmpty={(p) => p.items.length === 0}
          empty={{ icon: 'empty', title: '没有待评价的诉求' }}
        >
          {(p) => (
            <View>
              {p.items.map((g) => (
                <GrievanceRow
                  key={g.grievanceId}
                  item={g}
                  onClick={go(
                    withQuery(ROUTES.grievance.detail, { communityId: acting.communityId, id: g.grievanceId }),
                  )}
                />
              ))}
            </View>
          )}
        </AsyncView>
      </Card>
      {end.error && (
        <Text className="proxy__error" aria-live="assertive">
          {end.error}
        </Text>
      )}
      <ActionButton variant="secondary" block loading={end.busy} onClick={() => void end.submit()} testId="proxy-end">
        结束代办
      </ActionButton>
    </Page>
  );
}
