import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { ROLE_LABELS, STAFF, type Role, type RosterOverview, rosterRoutes } from '@linli/shared';
import type { z } from 'zod/mini';
import type { staffView } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { Field } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { naturalCompare } from '@/lib/format';
import { useSession } from '@/session/SessionProvider';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { forgetRosterOverview, loadRosterOverview } from '@/packages/staff/lib/useRosterOverview';
import { UserPicker, type PickedUser } from './UserPicker';
import '@/packages/staff/staff.scss';

type Staff = z.output<typeof staffView>;
type Appointable = 'gridWorker' | 'buildingHead' | 'committee';
const ROLE_ORDER: Role[] = ['committee', 'gridWorker', 'buildingHead', 'street', 'admin'];
const APPOINTABLE: { value: Appointable; label: string }[] = [
  { value: 'gridWorker', label: ROLE_LABELS.gridWorker },
  { value: 'buildingHead', label: ROLE_LABELS.buildingHead },
  { value: 'committee', label: ROLE_LABELS.committee },
];

const staffKey = (s: Staff) => `${s.userId}|${s.role}|${s.gridId ?? ''}|${s.buildingId ?? ''}`;

function scopeOf(s: Staff, o: RosterOverview): string | undefined {
  if (s.gridId) return o.grids.find((g) => g.gridId === s.gridId)?.name ?? '网格';
  if (s.buildingId) return o.buildings.find((b) => b.buildingId === s.buildingId)?.name ?? '楼栋';
  return undefined;
}

function GrantForm({
  communityId,
  overview,
  onGranted,
}: {
  communityId: string;
  overview: RosterOverview;
  onGranted(s: Staff): void;
}) {
  const [user, setUser] = useState<PickedUser>();
  const [role, setRole] = useState<Appointable>('gridWorker');
  const [gridId, setGridId] = useState<string>();
  const [buildingId, setBuildingId] = useState<string>();
  const {
    submit: grant,
    busy,
    errors,
    error,
  } = useSubmit(
    async () => {
      const granted = await call(rosterRoutes.grantRole, {
        params: { communityId },
        body: {
          userId: user?.userId ?? '',
          role,
          gridId: role === 'gridWorker' ? gridId : undefined,
          buildingId: role === 'buildingHead' ? buildingId : undefined,
        },
      });
      onGranted(granted);
      setUser(undefined);
      void Taro.showToast({ title: '已任命', icon: 'success' });
    },
    {
      explain: (fields) => {
        if (!user && fields['body.userId']) fields['body.userId'] = '请选择要任命的人';
        return fields;
      },
    },
  );
  const formError = Object.keys(errors).length ? undefined : error;

  return (
    <Card title="任命工作人员" testId="grant-form">
      <Field label="人员" required error={errors['body.userId']} testId="field-user">
        {user ? (
          <View className="staff__item-head">
            <Text data-testid="grant-user">
              {user.nickname}（{user.unitLabel}）
            </Text>
            <Text className="staff__link" onClick={() => setUser(undefined)}>
              重新选择
            </Text>
          </View>
        ) : (
          <UserPicker communityId={communityId} overview={overview} onChange={setUser} />
        )}
      </Field>
      <Field label="角色" required error={errors['body.role']}>
        <ChoiceList options={APPOINTABLE} value={role} onChange={setRole} testId="grant-role" label="角色" />
      </Field>
      {role === 'gridWorker' && (
        <Field label="负责网格" required error={errors['body.gridId']} testId="field-grid">
          <ChoiceList
            options={overview.grids
              .slice()
              .sort((a, b) => naturalCompare(a.name, b.name))
              .map((g) => ({ value: g.gridId, label: g.name }))}
            value={gridId}
            onChange={setGridId}
            testId="grant-grid"
            label="负责网格"
          />
        </Field>
      )}
      {role === 'buildingHead' && (
        <Field label="负责楼栋" required error={errors['body.buildingId']} testId="field-building">
          <ChoiceList
            options={overview.buildings
              .slice()
              .sort((a, b) => naturalCompare(a.name, b.name))
              .map((b) => ({ value: b.buildingId, label: b.name }))}
            value={buildingId}
            onChange={setBuildingId}
            testId="grant-building"
            label="负责楼栋"
          />
        </Field>
      )}
      {formError && (
        <Text className="staff__error" aria-live="assertive">
          {formError}
        </Text>
      )}
      <ActionButton block loading={busy} onClick={() => void grant()} testId="grant-submit">
        任命
      </ActionButton>
    </Card>
  );
}

function Team({ communityId }: { communityId: string }) {
  const session = useSession();
  const isCommittee = session.hasRole('committee', 'admin');
  const data = useAsync(async () => {
    const [staff, overview] = await Promise.all([
      call(rosterRoutes.listStaff, { params: { communityId } }),
      loadRosterOverview(communityId),
    ]);
    return { staff: staff.items, overview };
  }, [communityId]);
  const [revoking, setRevoking] = useState<Staff>();
  const revoke = useSubmit(async (staff: Staff) => {
    const { userId, gridId, buildingId } = staff;
    await call(rosterRoutes.revokeRole, {
      params: { communityId },
      body: { userId, role: staff.role as Appointable, gridId, buildingId },
    });
    const gone = staffKey(staff);
    data.setData((d) => d && { ...d, staff: d.staff.filter((s) => staffKey(s) !== gone) });
    forgetRosterOverview(communityId);
    setRevoking(undefined);
    void Taro.showToast({ title: '已撤销', icon: 'success' });
  });

  return (
    <AsyncView state={data} testId="team">
      {({ staff, overview }) => (
        <View>
          {ROLE_ORDER.filter((r) => staff.some((s) => s.role === r)).map((r) => (
            <Card
              key={r}
              title={ROLE_LABELS[r]}
              extra={`${staff.filter((s) => s.role === r).length} 人`}
              testId={`team-${r}`}
            >
              {staff
                .filter((s) => s.role === r)
                .map((s) => (
                  <View key={staffKey(s)} className="staff__item" data-testid="team-member">
                    <View className="staff__item-head">
                      <View className="staff__tag-row">
                        <Text className="staff__item-title">{s.nickname}</Text>
                        {scopeOf(s, overview) && <StatusTag tone="info">{scopeOf(s, overview) as string}</StatusTag>}
                      </View>
                      {isCommittee &&
                        s.userId !== session.me?.userId &&
                        ['gridWorker', 'buildingHead', 'committee'].includes(s.role) && (
                          <Text
                            className="staff__link"
                            onClick={() => {
                              revoke.reset();
                              setRevoking(s);
                            }}
                            data-testid="team-revoke"
                          >
                            撤销
                          </Text>
                        )}
                    </View>
                  </View>
                ))}
            </Card>
          ))}
          {staff.length === 0 && <Text className="muted">还没有任命工作人员。</Text>}
          {isCommittee && (
            <GrantForm
              communityId={communityId}
              overview={overview}
              onGranted={(s) => {
                forgetRosterOverview(communityId);
                data.setData((d) => d && { ...d, staff: [...d.staff.filter((x) => staffKey(x) !== staffKey(s)), s] });
              }}
            />
          )}
          <Dialog
            open={!!revoking}
            title="撤销角色"
            danger
            confirmText="撤销"
            busy={revoke.busy}
            onConfirm={() => revoking && void revoke.submit(revoking)}
            onCancel={() => setRevoking(undefined)}
            testId="revoke-dialog"
          >
            <Text>
              撤销 {revoking?.nickname} 的“{revoking ? ROLE_LABELS[revoking.role] : ''}
              {revoking && scopeOf(revoking, overview) ? `（${scopeOf(revoking, overview)}）` : ''}”角色？
            </Text>
            {revoke.error && <Text className="staff__error">{revoke.error}</Text>}
          </Dialog>
        </View>
      )}
    </AsyncView>
  );
}

/** 工作人员: who holds which role; the committee appoints grid workers, building heads and members, and revokes. */
export default function TeamPage() {
  return (
    <Page testId="page-team">
      <StaffOnly roles={STAFF}>{(communityId) => <Team communityId={communityId} />}</StaffOnly>
    </Page>
  );
}
