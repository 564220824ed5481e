import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { RosterOverview, WaitingFeed } from '@linli/shared';
import { Card } from '@/components/Card/Card';
import { AsyncView } from '@/components/PageState/AsyncView';
import type { AsyncState } from '@/hooks/useAsync';
import { focusable } from '@/lib/a11y';
import { cx } from '@/lib/classNames';
import { ROUTES } from '@/routes';

interface Desk {
  overview: AsyncState<RosterOverview>;
  /** From the 待我处理 feed: absent while it loads. */
  numbers?: WaitingFeed['staff'];
  canReview: boolean;
}

interface Figure {
  key: string;
  value: number | string;
  label: string;
  alert: boolean;
  go?(): void;
}

const open = (url: string) => () => void Taro.navigateTo({ url });

/**
 * 工作台 at the top of a staff member's home page: their work in numbers (超时诉求, 进行中的表决, 待审核绑定), each
 * one tap from its list, before anything of their own household.
 */
export function StaffDesk({ overview, numbers, canReview }: Desk) {
  return (
    <Card
      title="工作台"
      extra={
        <View className="home__more" onClick={open(ROUTES.staff.workbench)} role="link" {...focusable}>
          全部 ›
        </View>
      }
      testId="home-staff"
    >
      <AsyncView state={overview} compact testId="home-overview">
        {(o) => {
          const figures: Figure[] = [
            {
              key: 'overdue-cases',
              value: numbers?.overdueCases ?? '…',
              label: '超时诉求',
              alert: !!numbers?.overdueCases,
              go: open(ROUTES.grievance.queue),
            },
            {
              key: 'running-polls',
              value: numbers?.runningPolls ?? '…',
              label: '进行中的表决',
              alert: false,
              go: () => void Taro.switchTab({ url: ROUTES.agora }),
            },
            ...(canReview
              ? [
                  {
                    key: 'pending-bindings',
                    value: o.totals.pendingBindings,
                    label: '待审核绑定',
                    alert: o.totals.pendingBindings > 0,
                    go: open(ROUTES.staff.bindings),
                  },
                ]
              : []),
            {
              key: 'roster',
              value: o.totals.units,
              label: '户 · 花名册',
              alert: false,
              go: open(ROUTES.staff.overview),
            },
          ];
          return (
            <View className="home__staff">
              {figures.map((f) => (
                <View
                  key={f.key}
                  className={cx('home__staff-item', f.alert && 'home__staff-item--alert')}
                  onClick={f.go}
                  data-testid={`home-${f.key}`}
                  role="button"
                  {...focusable}
                >
                  <Text className="home__staff-number">{f.value}</Text>
                  <Text className="home__staff-label">{f.label}</Text>
                </View>
              ))}
            </View>
          );
        }}
      </AsyncView>
    </Card>
  );
}
