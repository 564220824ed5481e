import { Text, View } from '@tarojs/components';
import { reachPercent, type ReachView } from '@linli/shared';
import { Card } from '@/components/Card/Card';
import { BarChart, StatTiles } from '@/components/charts';

/**
 * 触达: the three numbers of a notice or poll (订阅消息送达, 站内已读, 均未触达) as tiles and bars, then
 * building by building the households reached by neither — the doors a 楼长 can knock on.
 */
export function ReachReport({ reach }: { reach: ReachView }) {
  return (
    <View>
      <Card title={reach.title} extra={`${reach.areaLabel} · ${reach.households} 户`} testId="reach-totals">
        <StatTiles
          tiles={[
            { label: '订阅消息送达', value: reach.pushed, unit: '户', testId: 'reach-pushed' },
            { label: '站内已读', value: reach.opened, unit: '户', testId: 'reach-opened' },
            {
              label: '均未触达',
              value: reach.neither,
              unit: '户',
              tone: reach.neither ? 'alert' : 'normal',
              testId: 'reach-neither',
            },
          ]}
        />
        <BarChart
          testId="reach-bars"
          title="订阅消息送达、站内已读、均未触达的户数"
          unit="户"
          max={Math.max(1, reach.households)}
          data={[
            { label: `订阅消息送达（${reachPercent(reach.pushed, reach.households)}%）`, value: reach.pushed },
            { label: `站内已读（${reachPercent(reach.opened, reach.households)}%）`, value: reach.opened },
            { label: `均未触达（${reachPercent(reach.neither, reach.households)}%）`, value: reach.neither },
          ]}
        />
        <Text className="staff__line">一户中有人收到订阅消息或打开站内消息，即算触达；两者都没有的，请上门告知。</Text>
      </Card>

      {reach.buildings.map((b) => (
        <Card
          key={b.buildingId}
          title={b.name}
          extra={`未触达 ${b.neither} / ${b.households} 户`}
          testId={`reach-building-${b.buildingId}`}
        >
          <Text className="staff__line">
            订阅消息送达 {b.pushed} 户 · 站内已读 {b.opened} 户
          </Text>
          {b.doors.length ? (
            <View className="staff__doors" data-testid="reach-doors">
              {b.doors.map((d) => (
                <Text key={d.unitId} className="staff__door" data-testid="reach-door">
                  {d.label}
                </Text>
              ))}
            </View>
          ) : (
            <Text className="staff__line">本楼每户都已触达。</Text>
          )}
        </Card>
      ))}
    </View>
  );
}
