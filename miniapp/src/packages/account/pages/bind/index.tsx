import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { RELATIONS, RELATION_LABELS, type BindingView, type Relation, identityApi } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Field, TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { SubscribePrompt } from '@/components/SubscribePrompt/SubscribePrompt';
import { useAsync } from '@/hooks/useAsync';
import { ROUTES } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { UnitPicker } from '@/components/UnitPicker';
import './index.scss';
import { Icon } from '@/components/Icon/Icon';

export const RELATION_CHOICES = RELATIONS.map((r) => ({ value: r, label: RELATION_LABELS[r] }));

/**
 * 申请绑定房屋: community → building → unit, relation, real name and a note; a grid worker or the
 * committee reviews it. Server field messages appear under their fields.
 */
export default function BindPage() {
  const session = useSession();
  const [communityId, setCommunityId] = useState<string>();
  const [buildingId, setBuildingId] = useState<string>();
  const [unitId, setUnitId] = useState<string>();
  const [relation, setRelation] = useState<Relation>();
  const [realName, setRealName] = useState('');
  const [note, setNote] = useState('');
  const [submitted, setSubmitted] = useState<BindingView>();

  const communities = useAsync(() => call(identityApi.listCommunities), []);
  const buildings = useAsync(
    () => call(identityApi.listBuildingsForBinding, { params: { communityId: communityId as string } }),
    [communityId],
    {
      enabled: !!communityId,
    },
  );
  const units = useAsync(
    () =>
      call(identityApi.listUnitsForBinding, {
        params: { communityId: communityId as string, buildingId: buildingId as string },
      }),
    [communityId, buildingId],
    { enabled: !!communityId && !!buildingId },
  );

  // Preselect: the community the app shows, or the only one there is.
  useEffect(() => {
    const items = communities.data?.items;
    if (!items || communityId) return;
    const preferred =
      items.find((c) => c.communityId === session.communityId) ?? (items.length === 1 ? items[0] : undefined);
    if (preferred) setCommunityId(preferred.communityId);
  }, [communities.data, communityId, session.communityId]);

  const buildingName = buildings.data?.items.find((b) => b.buildingId === buildingId)?.name ?? '';

  const {
    submit,
    busy,
    errors,
    error: formError,
  } = useSubmit(
    async () => {
      const binding = await call(identityApi.requestBinding, {
        body: {
          communityId: communityId ?? '',
          unitId: unitId ?? '',
          relation: relation as Relation,
          realName,
          note: note.trim() ? note : undefined,
        },
      });
      setSubmitted(binding);
    },
    {
      // A missing pick is "please choose", not "wrong format".
      explain: (fields) => {
        if (!communityId && fields['body.communityId']) fields['body.communityId'] = '请选择社区';
        if (!unitId && fields['body.unitId']) fields['body.unitId'] = '请选择房号';
        if (!relation && fields['body.relation']) fields['body.relation'] = '请选择与房屋的关系';
        return fields;
      },
    },
  );

  if (submitted) {
    return (
      <Page testId="page-bind">
        <Card testId="bind-submitted">
          <View className="bind__done">
            <Icon name="check" className="bind__done-icon" />
            <Text className="bind__done-title">申请已提交</Text>
            <Text className="bind__done-unit">
              {submitted.communityName} · {submitted.unitLabel}
            </Text>
            <StatusTag tone={submitted.status === 'approved' ? 'success' : 'warning'}>
              {submitted.status === 'approved' ? '已通过' : '待审核'}
            </StatusTag>
            <Text className="muted bind__done-hint">网格员或居委会审核后，您会在“我的 · 绑定申请”看到结果。</Text>
          </View>
          {submitted.status === 'pending' && (
            <SubscribePrompt events={['binding.approved', 'binding.rejected']} reason="审核有结果时通过微信提醒您" />
          )}
          <ActionButton block onClick={() => void Taro.switchTab({ url: ROUTES.me })} testId="bind-back">
            返回我的
          </ActionButton>
        </Card>
      </Page>
    );
  }

  return (
    <Page testId="page-bind">
      <Card title="1. 选择社区">
        <AsyncView
          state={communities}
          compact
          testId="communities"
          isEmpty={(c) => c.items.length === 0}
          empty={{ title: '暂无可申请的社区' }}
        >
          {(c) => (
            <ChoiceList
              layout="list"
              options={c.items.map((x) => ({ value: x.communityId, label: x.name, hint: `${x.district} ${x.street}` }))}
              value={communityId}
              onChange={(id) => {
                setCommunityId(id);
                setBuildingId(undefined);
                setUnitId(undefined);
              }}
              testId="community"
              label="社区"
            />
          )}
        </AsyncView>
        {errors['body.communityId'] && <Text className="bind__error">{errors['body.communityId']}</Text>}
      </Card>

      {communityId && (
        <Card title="2. 选择楼栋">
          <AsyncView
            state={buildings}
            compact
            testId="buildings"
            isEmpty={(b) => b.items.length === 0}
            empty={{ title: '该社区还没有录入楼栋', hint: '请联系居委会，或使用邀请码绑定。' }}
          >
            {(b) => (
              <ChoiceList
                options={b.items.map((x) => ({ value: x.buildingId, label: x.name }))}
                value={buildingId}
                onChange={(id) => {
                  setBuildingId(id);
                  setUnitId(undefined);
                }}
                testId="building"
                label="楼栋"
              />
            )}
          </AsyncView>
          {!buildingId && errors['body.unitId'] && <Text className="bind__error">请先选择楼栋和房号</Text>}
        </Card>
      )}

      {communityId && buildingId && (
        <Card title="3. 选择房号">
          <AsyncView
            state={units}
            compact
            testId="units"
            isEmpty={(u) => u.items.length === 0}
            empty={{ title: '该楼栋还没有录入房屋' }}
          >
            {(u) => <UnitPicker units={u.items} buildingName={buildingName} value={unitId} onChange={setUnitId} />}
          </AsyncView>
          {errors['body.unitId'] && <Text className="bind__error">{errors['body.unitId']}</Text>}
        </Card>
      )}

      <Card title="4. 填写信息">
        <Field label="与房屋的关系" required error={errors['body.relation']} testId="field-relation">
          <ChoiceList
            options={RELATION_CHOICES}
            value={relation}
            onChange={setRelation}
            testId="relation"
            label="与房屋的关系"
          />
        </Field>
        <TextField
          label="真实姓名"
          required
          value={realName}
          onChange={setRealName}
          maxLength={20}
          placeholder="与房产证或租赁合同一致，便于核对"
          error={errors['body.realName']}
          testId="field-realName"
          inputTestId="input-realName"
        />
        <TextField
          label="补充说明"
          value={note}
          onChange={setNote}
          multiline
          maxLength={200}
          placeholder="选填，如：与业主的关系、入住时间"
          error={errors['body.note']}
          testId="field-note"
          inputTestId="input-note"
        />
        {formError && Object.keys(errors).length === 0 && (
          <Text className="bind__error" aria-live="assertive" data-testid="bind-error">
            {formError}
          </Text>
        )}
        <ActionButton block loading={busy} onClick={() => void submit()} testId="bind-submit">
          提交申请
        </ActionButton>
      </Card>
    </Page>
  );
}
