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
        {(o) => (
          <View className="home__staff">
            {(
              [
                ['overdue-cases', numbers?.overdueCases, '超时诉求', open(ROUTES.grievance.queue)],
                [
                  'running-polls',
                  numbers?.runningPolls,
                  '进行中的表决',
                  () => void Taro.switchTab({ url: ROUTES.agora }),
                ],
                canReview && ['pending-bindings', o.totals.pendingBindings, '待审核绑定', open(ROUTES.staff.bindings)],
                ['roster', o.totals.units, '户 · 花名册', open(ROUTES.staff.overview)],
              ] as ([string, number | undefined, string, () => void] | false)[]
            ).map(
              (f) =>
                f && (
                  <View
                    key={f[0]}
                    className={cx('home__staff-item', f[0] !== 'roster' && !!f[1] && 'home__staff-item--alert')}
                    onClick={f[3]}
                    data-testid={`home-${f[0]}`}
                    role="button"
                    {...focusable}
                  >
                    <Text className="home__staff-number">{f[1] ?? '…'}</Text>
                    <Text className="home__staff-label">{f[2]}</Text>
                  </View>
                ),
            )}
          </View>
        )}
      </AsyncView>
    </Card>
  );
}
