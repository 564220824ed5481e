import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useMemo, useState } from 'react';
import { RELATION_LABELS, STAFF, type UnitView, rosterRoutes } from '@linli/shared';
import { call } from '@/api';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { formatDate, formatNumber, naturalCompare } from '@/lib/format';
import { ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { LoadMore } from '@/components/LoadMore/LoadMore';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { usePagedList } from '@/hooks/usePagedList';
import { useRosterOverview } from '@/packages/staff/lib/useRosterOverview';
import { RevealPhoneDialog, type RevealTarget } from './RevealPhoneDialog';
import '@/packages/staff/staff.scss';
import './index.scss';

/** Door order: entrance, then floor, then room. */
export function doorOrder(a: UnitView, b: UnitView): number {
  return naturalCompare(a.entrance ?? '', b.entrance ?? '') || a.floor - b.floor || naturalCompare(a.room, b.room);
}

function UnitList({ communityId, buildingId }: { communityId: string; buildingId: string }) {
  const session = useSession();
  const isCommittee = session.hasRole('committee', 'admin');
  const list = usePagedList(
    (cursor) => call(rosterRoutes.listUnits, { params: { communityId }, query: { buildingId, cursor, limit: 50 } }),
    [communityId, buildingId],
  );
  const [reveal, setReveal] = useState<RevealTarget>();
  const [phones, setPhones] = useState<Record<string, string>>({});
  const units = useMemo(() => [...list.items].sort(doorOrder), [list.items]);

  return (
    <>
      <AsyncView
        state={list.first}
        testId="units"
        isEmpty={(p) => p.items.length === 0}
        empty={{ icon: 'building', title: '这栋楼还没有房屋', hint: '请通过导入花名册录入。' }}
      >
        {() => (
          <View>
            <Card padded testId="unit-list">
              {units.map((u) => (
                <View key={u.unitId} className="staff__item" data-testid={`unit-${u.unitId}`}>
                  <View className="staff__item-head">
                    <Text className="staff__item-title">{u.label}</Text>
                    <Text className="muted">
                      {u.floor} 层 · {formatNumber(u.area, 2)}㎡
                    </Text>
                  </View>
                  {u.owner ? (
                    <View className="units__owner">
                      <Text className="staff__line" data-testid="unit-owner">
                        业主：{u.owner.name} {phones[u.owner.ownerId] ?? u.owner.phoneMasked ?? '（无电话）'}
                        {u.owner.unitCount > 1 ? `（名下 ${u.owner.unitCount} 套）` : ''}
                      </Text>
                      {isCommittee && u.owner.phoneMasked && !phones[u.owner.ownerId] && (
                        <Text
                          className="staff__link"
                          onClick={() => setReveal({ ownerId: u.owner!.ownerId, ownerName: u.owner!.name })}
                          data-testid="reveal-phone"
                        >
                          查看完整号码
                        </Text>
                      )}
                    </View>
                  ) : (
                    <Text className="staff__line">业主：未登记</Text>
                  )}
                  {u.members.length ? (
                    <View className="units__members">
                      {u.members.map((m) => (
                        <View key={m.userId} className="units__member">
                          <Text>{m.nickname}</Text>
                          <StatusTag tone="success">{RELATION_LABELS[m.relation]}</StatusTag>
                          <Text className="muted">{formatDate(m.since)} 起</Text>
                        </View>
                      ))}
                    </View>
                  ) : (
                    <Text className="staff__line units__unbound">暂无住户绑定</Text>
                  )}
                  {isCommittee && (
                    <View className="staff__actions">
                      <Text
                        className="staff__link"
                        onClick={() =>
                          void Taro.navigateTo({
                            url: withQuery(ROUTES.staff.invitations, {
                              unitId: u.unitId,
                              unitLabel: u.label,
                              buildingId: u.buildingId,
                            }),
                          })
                        }
                        data-testid="unit-invite"
                      >
                        生成邀请码
                      </Text>
                    </View>
                  )}
                </View>
              ))}
            </Card>
            <LoadMore
              hasMore={list.hasMore}
              loading={list.loadingMore}
              error={list.moreError}
              onMore={() => void list.loadMore()}
              count={units.length}
            />
          </View>
        )}
      </AsyncView>
      <RevealPhoneDialog
        communityId={communityId}
        target={reveal}
        onClose={() => setReveal(undefined)}
        onRevealed={(ownerId, phone) => setPhones((p) => ({ ...p, [ownerId]: phone }))}
      />
    </>
  );
}

/** 房屋列表: one building's units in door order, owners (phones masked), and bound residents. */
export default function UnitsPage() {
  const session = useSession();
  const params = useRouter().params;
  const overview = useRosterOverview(session.communityId);
  const [buildingId, setBuildingId] = useState<string | undefined>(params.buildingId);

  useEffect(() => {
    const first = overview.data?.buildings.slice().sort((a, b) => naturalCompare(a.name, b.name))[0];
    if (!buildingId && first) setBuildingId(first.buildingId);
  }, [overview.data, buildingId]);

  return (
    <Page testId="page-roster-units">
      <StaffOnly roles={STAFF}>
        {(communityId) => (
          <AsyncView
            state={overview}
            testId="units-overview"
            isEmpty={(o) => o.buildings.length === 0}
            empty={{ icon: 'building', title: '还没有楼栋', hint: '请先导入花名册。' }}
          >
            {(o) => (
              <View>
                <Card title="选择楼栋" testId="building-choice-card">
                  <ChoiceList
                    options={o.buildings
                      .slice()
                      .sort((a, b) => naturalCompare(a.name, b.name))
                      .map((b) => ({ value: b.buildingId, label: b.name, hint: `${b.unitCount} 户` }))}
                    value={buildingId}
                    onChange={setBuildingId}
                    testId="building"
                    label="楼栋"
                  />
                </Card>
                {buildingId && <UnitList communityId={communityId} buildingId={buildingId} />}
              </View>
            )}
          </AsyncView>
        )}
      </StaffOnly>
    </Page>
  );
}
