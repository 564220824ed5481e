import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { COMMITTEE, RELATIONS, RELATION_LABELS, type Relation, identityApi, rosterRoutes } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Field } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime, formatInvitationCode, naturalCompare } from '@/lib/format';
import { UnitPicker } from '@/components/UnitPicker';
import { readParam } from '@/routes';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { QrCode } from '@/components/QrCode/QrCode';
import { useRosterOverview } from '@/packages/staff/lib/useRosterOverview';
import '@/packages/staff/staff.scss';
import './index.scss';

const RELATION_CHOICES = RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }));

interface Issued {
  code: string;
  expiresAt: string;
  unitLabel: string;
  relation: Relation;
}

function InvitationForm({ communityId }: { communityId: string }) {
  const params = useRouter().params;
  const overview = useRosterOverview(communityId);
  const [buildingId, setBuildingId] = useState<string | undefined>(params.buildingId);
  const [unit, setUnit] = useState<{ unitId: string; label: string } | undefined>(
    params.unitId ? { unitId: params.unitId, label: readParam(params.unitLabel) ?? '' } : undefined,
  );
  const [relation, setRelation] = useState<Relation>('owner');
  const [missing, setMissing] = useState<string>();
  const [issued, setIssued] = useState<Issued>();

  const units = useAsync(
    () => call(identityApi.listUnitsForBinding, { params: { communityId, buildingId: buildingId as string } }),
    [communityId, buildingId],
    {
      enabled: !!buildingId,
    },
  );
  const buildingName = overview.data?.buildings.find((b) => b.buildingId === buildingId)?.name ?? '';

  const issue = useSubmit(async (unitId: string) => {
    const res = await call(rosterRoutes.createInvitation, { params: { communityId, unitId }, body: { relation } });
    setIssued({ ...res, relation });
  });
  const { busy } = issue;
  const error = missing ?? issue.error;
  const generate = async () => {
    if (!unit) return setMissing('请先选择房屋');
    setMissing(undefined);
    await issue.submit(unit.unitId);
  };

  if (issued) {
    return (
      <Card testId="invitation-issued">
        <View className="invitation">
          <Text className="invitation__unit">
            {issued.unitLabel} · {RELATION_LABELS[issued.relation]}
          </Text>
          <Text className="invitation__code" data-testid="invitation-code" userSelect>
            {formatInvitationCode(issued.code)}
          </Text>
          <QrCode value={issued.code} size={400} testId="invitation-qr" />
          <Text className="invitation__expires">有效期至 {formatDateTime(issued.expiresAt)}，只能使用一次</Text>
          <Text className="invitation__how">请住户打开邻里小程序：我的 → 使用邀请码，输入或扫描上方二维码。</Text>
        </View>
        <View className="staff__actions">
          <ActionButton
            size="small"
            variant="secondary"
            onClick={() => void Taro.setClipboardData({ data: formatInvitationCode(issued.code) })}
            testId="invitation-copy"
          >
            复制邀请码
          </ActionButton>
          <ActionButton size="small" onClick={() => setIssued(undefined)} testId="invitation-again">
            再生成一个
          </ActionButton>
        </View>
      </Card>
    );
  }

  return (
    <View>
      <Card title="1. 选择楼栋">
        <AsyncView
          state={overview}
          compact
          testId="invitation-buildings"
          isEmpty={(o) => o.buildings.length === 0}
          empty={{ title: '还没有楼栋，请先导入花名册' }}
        >
          {(o) => (
            <ChoiceList
              options={o.buildings
                .slice()
                .sort((a, b) => naturalCompare(a.name, b.name))
                .map((b) => ({ value: b.buildingId, label: b.name }))}
              value={buildingId}
              onChange={(id) => {
                setBuildingId(id);
                setUnit(undefined);
              }}
              testId="building"
              label="楼栋"
            />
          )}
        </AsyncView>
      </Card>
      {buildingId && (
        <Card title="2. 选择房屋">
          <AsyncView
            state={units}
            compact
            testId="invitation-units"
            isEmpty={(u) => u.items.length === 0}
            empty={{ title: '这栋楼还没有房屋' }}
          >
            {(u) => (
              <UnitPicker
                units={u.items}
                buildingName={buildingName}
                value={unit?.unitId}
                onChange={(unitId) => setUnit({ unitId, label: u.items.find((x) => x.unitId === unitId)?.label ?? '' })}
              />
            )}
          </AsyncView>
        </Card>
      )}
      <Card title="3. 生成">
        {unit && (
          <Text className="staff__line" data-testid="invitation-unit">
            房屋：{unit.label}
          </Text>
        )}
        <Field label="与房屋的关系">
          <ChoiceList
            options={RELATION_CHOICES}
            value={relation}
            onChange={setRelation}
            testId="relation"
            label="与房屋的关系"
          />
        </Field>
        {error && (
          <Text className="staff__error" aria-live="assertive" data-testid="invitation-error">
            {error}
          </Text>
        )}
        <ActionButton block loading={busy} onClick={() => void generate()} testId="invitation-generate">
          生成邀请码
        </ActionButton>
      </Card>
    </View>
  );
}

/** 邀请码: a one-time code (and QR code) that binds a resident to a unit without review. */
export default function InvitationsPage() {
  return (
    <Page testId="page-invitations">
      <StaffOnly roles={COMMITTEE}>{(communityId) => <InvitationForm communityId={communityId} />}</StaffOnly>
    </Page>
  );
}
