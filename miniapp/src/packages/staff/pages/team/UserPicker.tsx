import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RELATION_LABELS, type RosterOverview, rosterRoutes } from '@linli/shared';
import { call } from '@/api';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { naturalCompare } from '@/lib/format';

export interface PickedUser {
  userId: string;
  nickname: string;
  unitLabel: string;
}

/**
 * Finds a person to appoint: among the residents bound in a building, or by the 用户编号 shown in
 * their 我的 page (a new 网格员 may not live in the community).
 */
export function UserPicker({
  communityId,
  overview,
  value,
  onChange,
}: {
  communityId: string;
  overview: RosterOverview;
  value?: string;
  onChange(user: PickedUser): void;
}) {
  const [buildingId, setBuildingId] = useState<string>();
  const [typedId, setTypedId] = useState('');
  const residents = useAsync(
    async () => {
      const page = await call(rosterRoutes.listUnits, {
        params: { communityId },
        query: { buildingId: buildingId as string, limit: 100 },
      });
      return page.items.flatMap((u) =>
        u.members.map((m) => ({ userId: m.userId, nickname: m.nickname, unitLabel: u.label, relation: m.relation })),
      );
    },
    [communityId, buildingId],
    { enabled: !!buildingId },
  );
  return (
    <View data-testid="user-picker">
      <ChoiceList
        options={overview.buildings
          .slice()
          .sort((a, b) => naturalCompare(a.name, b.name))
          .map((b) => ({ value: b.buildingId, label: b.name }))}
        value={buildingId}
        onChange={setBuildingId}
        testId="picker-building"
        label="楼栋"
      />
      {buildingId && (
        <View style={{ marginTop: '16px' }}>
          <AsyncView
            state={residents}
            compact
            testId="picker-residents"
            isEmpty={(r) => r.length === 0}
            empty={{ title: '这栋楼还没有住户绑定' }}
          >
            {(list) => (
              <ChoiceList
                layout="list"
                options={list.map((r) => ({
                  value: r.userId,
                  label: r.nickname,
                  hint: `${r.unitLabel} · ${RELATION_LABELS[r.relation]}`,
                }))}
                value={value}
                onChange={(userId) => {
                  const r = list.find((x) => x.userId === userId);
                  if (r) onChange({ userId, nickname: r.nickname, unitLabel: r.unitLabel });
                }}
                testId="picker-user"
                label="住户"
              />
            )}
          </AsyncView>
        </View>
      )}
      {!buildingId && <Text className="muted">先选楼栋，再选该楼已绑定的住户；或输入对方“我的”页面上的用户编号。</Text>}
      <View style={{ marginTop: '16px' }}>
        <TextField
          label="用户编号"
          value={typedId}
          onChange={(id) => {
            setTypedId(id);
            const trimmed = id.trim();
            if (/^[0-9A-Za-z_-]{6,64}$/.test(trimmed))
              onChange({ userId: trimmed, nickname: `用户 ${trimmed.slice(-6)}`, unitLabel: '' });
          }}
          placeholder="如 01JD…（在对方“我的”页面查看）"
          maxLength={64}
          testId="picker-user-id"
          inputTestId="input-user-id"
        />
      </View>
    </View>
  );
}
