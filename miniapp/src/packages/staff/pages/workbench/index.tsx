import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { COMMITTEE, ROLE_LABELS, STAFF, STAFF_LOG_READERS, type Role } from '@linli/shared';
import { Card } from '@/components/Card/Card';
import type { IconName } from '@/components/Icon/Icon';
import { StatTiles } from '@/components/charts';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { Tiles } from '@/components/Tiles';
import { useReshow } from '@/hooks/useReshow';
import { ROUTES } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { loadRosterOverview, useRosterOverview } from '@/packages/staff/lib/useRosterOverview';
import '@/packages/staff/staff.scss';

const REVIEWERS: readonly Role[] = ['gridWorker', 'committee', 'admin'];

const MENU: { key: string; icon: IconName; label: string; url: string; roles: readonly Role[] }[] = [
  { key: 'overview', icon: 'chart', label: '花名册总览', url: ROUTES.staff.overview, roles: STAFF },
  { key: 'units', icon: 'building', label: '房屋列表', url: ROUTES.staff.units, roles: STAFF },
  { key: 'bindings', icon: 'check', label: '绑定审核', url: ROUTES.staff.bindings, roles: REVIEWERS },
  { key: 'invitations', icon: 'ticket', label: '邀请码', url: ROUTES.staff.invitations, roles: COMMITTEE },
  { key: 'import', icon: 'import', label: '导入花名册', url: ROUTES.staff.import, roles: COMMITTEE },
  { key: 'export', icon: 'export', label: '导出花名册', url: ROUTES.staff.export, roles: COMMITTEE },
  { key: 'ownerRegistry', icon: 'import', label: '业主名册（登记摘录）', url: ROUTES.owners.import, roles: COMMITTEE },
  { key: 'team', icon: 'people', label: '工作人员', url: ROUTES.staff.team, roles: STAFF },
  { key: 'log', icon: 'clock', label: '操作记录', url: ROUTES.staff.log, roles: STAFF_LOG_READERS },
  { key: 'moderation', icon: 'check', label: '内容审核', url: ROUTES.moderation, roles: COMMITTEE },
  // The committee's 民生微实事 pages (subpackage budgetAdmin); its path is spelled here, not in ROUTES, to keep main small.
  {
    key: 'budget',
    icon: 'wallet',
    label: '民生微实事',
    url: '/packages/budgetAdmin/pages/rounds/index',
    roles: COMMITTEE,
  },
  {
    key: 'notices',
    icon: 'notice',
    label: '社区通知',
    url: ROUTES.notices.broadcast,
    roles: ['gridWorker', ...COMMITTEE],
  },
  { key: 'failed', icon: 'mail', label: '未送达通知', url: ROUTES.notices.failed, roles: ['admin'] },
  {
    key: 'proxy',
    icon: 'people',
    label: '代办记录',
    url: `${ROUTES.proxy.records}?scope=community`,
    roles: [...COMMITTEE, 'street'],
  },
];

/** 工作台: the community's headline numbers and the role tools this person may use. */
export default function WorkbenchPage() {
  const session = useSession();
  const overview = useRosterOverview(session.communityId);
  const reload = () => {
    if (session.communityId) void loadRosterOverview(session.communityId, true).then(() => overview.reload());
  };
  useReshow(reload);
  usePullDownRefresh(() => {
    reload();
    Taro.stopPullDownRefresh();
  });

  return (
    <Page testId="page-workbench">
      <StaffOnly roles={STAFF}>
        {() => (
          <>
            <View className="staff__header">
              <Text className="staff__title">{session.communityName ?? '工作台'}</Text>
              <View className="staff__tag-row">
                {session.roles.map((r) => (
                  <StatusTag key={r} tone="info">
                    {ROLE_LABELS[r]}
                  </StatusTag>
                ))}
              </View>
            </View>

            <Card testId="workbench-totals">
              <AsyncView state={overview} compact testId="workbench-overview">
                {(o) => (
                  <StatTiles
                    tiles={[
                      { label: '房屋', value: o.totals.units, unit: '户' },
                      { label: '已绑定', value: o.totals.boundHouseholds, unit: '户' },
                      {
                        label: '待审核绑定',
                        value: o.totals.pendingBindings,
                        tone: o.totals.pendingBindings > 0 ? 'alert' : 'normal',
                        testId: 'workbench-pending',
                        onClick: session.hasRole(...REVIEWERS)
                          ? () => void Taro.navigateTo({ url: ROUTES.staff.bindings })
                          : undefined,
                      },
                    ]}
                  />
                )}
              </AsyncView>
            </Card>

            <Tiles
              columns={3}
              items={MENU.filter((m) => session.hasRole(...m.roles)).map((m) => ({
                ...m,
                onClick: () => void Taro.navigateTo({ url: m.url }),
                corner: m.key === 'bindings' && !!overview.data?.totals.pendingBindings && (
                  <Text className="staff__badge">{overview.data.totals.pendingBindings}</Text>
                ),
                testId: `workbench-${m.key}`,
              }))}
              testId="workbench-menu"
            />
          </>
        )}
      </StaffOnly>
    </Page>
  );
}
