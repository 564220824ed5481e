import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { STAFF, type RosterOverview } from '@linli/shared';
import { Card } from '@/components/Card/Card';
import { Cell, CellGroup } from '@/components/Cell/Cell';
import { BarChart, StackedBar, StatTiles } from '@/components/charts';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { naturalCompare } from '@/lib/format';
import { ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { useRosterOverview } from '@/packages/staff/lib/useRosterOverview';
import '@/packages/staff/staff.scss';

const names = (people: { nickname: string }[]) => people.map((p) => p.nickname).join('、');

function OverviewBody({ o }: { o: RosterOverview }) {
  const gridName = (id: string) => o.grids.find((g) => g.gridId === id)?.name ?? '未分网格';
  const grids = [...o.grids].sort((a, b) => naturalCompare(a.name, b.name));
  const buildings = [...o.buildings].sort((a, b) => naturalCompare(a.name, b.name));
  const unbound = Math.max(0, o.totals.units - o.totals.boundHouseholds);
  return (
    <View>
      <Card testId="overview-totals">
        <StatTiles
          tiles={[
            { label: '网格', value: o.totals.grids, unit: '个' },
            { label: '楼栋', value: o.totals.buildings, unit: '栋' },
            { label: '房屋', value: o.totals.units, unit: '户' },
            { label: '建筑面积', value: Math.round(o.totals.area), unit: '㎡' },
            { label: '业主', value: o.totals.owners, unit: '人' },
            { label: '待审核', value: o.totals.pendingBindings, tone: o.totals.pendingBindings ? 'alert' : 'normal' },
          ]}
        />
      </Card>

      <Card title="住户绑定" extra={`${o.totals.boundHouseholds} / ${o.totals.units} 户`} testId="overview-bound">
        <StackedBar
          testId="bound-share"
          unit="户"
          title="已绑定与未绑定的房屋"
          segments={[
            { label: '已绑定', value: o.totals.boundHouseholds },
            { label: '未绑定', value: unbound, color: '#d6dbe1' },
          ]}
        />
      </Card>

      <Card title="各网格户数与绑定" testId="overview-grids">
        <BarChart
          testId="units-per-grid"
          title="各网格户数，深色为已绑定住户的房屋"
          unit="户"
          partLabel="已绑定"
          data={grids.map((g) => ({
            label: g.name,
            value: g.unitCount,
            part: g.boundHouseholds,
            hint: `${g.workers.length ? `网格员：${names(g.workers)}` : '未指派网格员'}${g.pendingBindings ? ` · 待审核 ${g.pendingBindings}` : ''}`,
          }))}
          emptyText="还没有网格，请先导入花名册"
        />
      </Card>

      <Card title="各楼栋户数" testId="overview-buildings-chart">
        <BarChart
          testId="units-per-building"
          title="各楼栋户数"
          unit="户"
          color="#2a5fb8"
          data={buildings.map((b) => ({ label: b.name, value: b.unitCount, hint: gridName(b.gridId) }))}
          emptyText="还没有楼栋"
        />
      </Card>

      <Text className="section-title">楼栋（点击查看房屋）</Text>
      <CellGroup testId="overview-buildings">
        {buildings.map((b) => (
          <Cell
            key={b.buildingId}
            title={b.name}
            description={`${gridName(b.gridId)} · ${b.heads.length ? `楼长 ${names(b.heads)}` : '暂无楼长'}`}
            value={`${b.unitCount} 户`}
            onClick={() => void Taro.navigateTo({ url: withQuery(ROUTES.staff.units, { buildingId: b.buildingId }) })}
            testId={`overview-building-${b.buildingId}`}
          />
        ))}
      </CellGroup>
    </View>
  );
}

/** 花名册总览: totals, bound share, households per grid and per building, and the way into each building. */
export default function OverviewPage() {
  const session = useSession();
  const overview = useRosterOverview(session.communityId);
  return (
    <Page testId="page-roster-overview">
      <StaffOnly roles={STAFF}>
        {() => (
          <AsyncView
            state={overview}
            testId="overview"
            isEmpty={(o) => o.totals.units === 0}
            empty={{
              icon: 'organise',
              title: '花名册还是空的',
              hint: '居委会可以用 Excel 模板导入网格、楼栋、房屋和业主。',
              action: session.hasRole('committee', 'admin')
                ? {
                    label: '导入花名册',
                    onClick: () => void Taro.navigateTo({ url: ROUTES.staff.import }),
                    testId: 'overview-import',
                  }
                : undefined,
            }}
          >
            {(o) => <OverviewBody o={o} />}
          </AsyncView>
        )}
      </StaffOnly>
    </Page>
  );
}
