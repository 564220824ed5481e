import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Toggle } from '@/components/Toggle/Toggle';
import { useEffect, useMemo, useState } from 'react';
import {
  STAFF,
  URGENCY_LABELS,
  VISIBILITY_LABELS,
  type GrievanceSummary,
  type LocationInput,
  type Source,
  type SubmitBody,
  type Urgency,
  type Visibility,
  grievanceRoutes,
  identityApi,
} from '@linli/shared';
import { call, messageOf } from '@/api';
import { useForm } from '@/hooks/useForm';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Field, TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { ROUTES, withQuery } from '@/routes';
import { readActing } from '@/session/actingSession';
import { statusText } from '@/lib/grievanceLabels';
import { FORM_ERROR } from '@/lib/scrollToError';
import { useSession } from '@/session/SessionProvider';
import { PhotoUploads } from '@/packages/grievances/components/PhotoUploads';
import { newClientId } from '@/packages/grievances/lib/clientId';
import { usePhotoUploads } from '@/packages/grievances/lib/photos';
import '@/packages/grievances/grievances.scss';
import { ActingBanner } from '@/components/ActingBanner/ActingBanner';

type Where = 'unit' | 'building' | 'place';
interface SubmitValues {
  source: Source;
  category?: string;
  where: Where;
  unitId?: string;
  buildingId?: string;
  /** 具体位置 within a building. */
  detail: string;
  place: string;
  description: string;
  urgency: Urgency;
  visibility: Visibility;
  anonymous: boolean;
  /** 走访代录: who said it. */
  residentName: string;
  residentPhone: string;
}
const URGENCY_CHOICES = (['normal', 'urgent'] as Urgency[]).map((u) => ({
  value: u,
  label: URGENCY_LABELS[u],
  hint: u === 'urgent' ? '漏水、断电、安全隐患' : undefined,
}));
const VISIBILITY_CHOICES = (['public', 'private'] as Visibility[]).map((v) => ({
  value: v,
  label: VISIBILITY_LABELS[v],
  hint: v === 'public' ? '邻居能看到，可以“我也遇到”' : '家事、隐私问题选这个',
}));
const SOURCE_CHOICES: { value: Source; label: string; hint: string }[] = [
  { value: 'visit', label: '走访代录', hint: '民情日记：居民当面反映' },
  { value: 'proactive', label: '主动发现', hint: '未诉先办：巡查中发现' },
];

function location(v: SubmitValues): LocationInput {
  if (v.where === 'unit') return { kind: 'unit', unitId: v.unitId ?? '' };
  if (v.where === 'building')
    return { kind: 'building', buildingId: v.buildingId ?? '', detail: v.detail.trim() || undefined };
  return { kind: 'place', place: v.place };
}

/** Opens my earlier request on top of the form, which keeps what was typed for when I come back. */
const peek = (g: { communityId: string; grievanceId: string }) =>
  void Taro.navigateTo({ url: withQuery(ROUTES.grievance.detail, { communityId: g.communityId, id: g.grievanceId }) });

const open = (g: { communityId: string; grievanceId: string }) =>
  void Taro.redirectTo({ url: withQuery(ROUTES.grievance.detail, { communityId: g.communityId, id: g.grievanceId }) });

/**
 * 我要反映: category, where, what (with up to nine photos), how urgent and who may see it, in under a
 * minute. Before submitting, likely duplicates at the same place are offered to join instead.
 * Grid workers reach the same form to log what they heard on a visit (民情日记) or found themselves.
 */
export default function SubmitPage() {
  // The form mounts once the session is loaded, so its first choices (the resident's own unit) are known.
  return (
    <Page testId="page-grievance-submit">
      <ActingBanner />
      <SubmitForm />
    </Page>
  );
}

function SubmitForm() {
  const session = useSession();
  const communityId = session.communityId as string;
  const router = useRouter();
  const staff = session.hasRole(...STAFF);
  const [clientRequestId] = useState(newClientId);
  const mine = useMemo(
    () => session.me?.memberships.filter((m) => m.communityId === communityId) ?? [],
    [session.me, communityId],
  );
  const uploads = usePhotoUploads(communityId);
  const form = useForm<SubmitValues, void>(
    () => {
      const source = staff && router.params.source === 'visit' ? 'visit' : 'resident';
      return {
        source,
        // 亲情代办: my homes are the helper's, not hers; she names her building.
        where: mine.length && source === 'resident' && !readActing() ? 'unit' : 'building',
        unitId: mine[0]?.unitId,
        detail: '',
        place: '',
        description: '',
        urgency: 'normal',
        visibility: 'public',
        anonymous: false,
        residentName: '',
        residentPhone: '',
      };
    },
    async (v) => {
      const body: SubmitBody = {
        clientRequestId,
        category: v.category ?? '',
        description: v.description,
        photos: uploads.keys,
        location: location(v),
        urgency: v.urgency,
        visibility: v.visibility,
        anonymous: v.visibility === 'public' && v.anonymous,
        source: v.source,
        resident:
          v.source === 'visit' ? { name: v.residentName, phone: v.residentPhone.trim() || undefined } : undefined,
      };
      open(await call(grievanceRoutes.submit, { params: { communityId }, body }));
    },
    {
      explain: (fields, v) => {
        if (!v.category && fields['body.category']) fields['body.category'] = '请选择问题类别';
        return fields;
      },
    },
  );
  const { values, set, bind, field, errors, error: formError, busy } = form;
  const { source, category, where, unitId, buildingId, visibility, anonymous } = values;

  const settings = useAsync(() => call(grievanceRoutes.getSettings, { params: { communityId } }), [communityId], {
    enabled: !!communityId,
  });
  const buildings = useAsync(
    () => call(identityApi.listBuildingsForBinding, { params: { communityId } }),
    [communityId],
    { enabled: !!communityId && where !== 'place' },
  );
  const staffUnits = useAsync(
    () => call(identityApi.listUnitsForBinding, { params: { communityId, buildingId: buildingId as string } }),
    [communityId, buildingId],
    {
      enabled: source !== 'resident' && where === 'unit' && !!buildingId,
    },
  );

  const residentUnit = mine.find((m) => m.unitId === unitId);
  // Duplicates are compared by building (or "a described place") and category.
  const duplicateBuilding =
    where === 'place' ? undefined : where === 'unit' && source === 'resident' ? residentUnit?.buildingId : buildingId;
  const duplicatesReady = !!category && (where === 'place' || !!duplicateBuilding);
  const duplicates = useAsync(
    () =>
      call(grievanceRoutes.suggestDuplicates, {
        params: { communityId },
        query: { category: category as string, buildingId: duplicateBuilding },
      }),
    [communityId, category, duplicateBuilding, where],
    {
      enabled: duplicatesReady && source === 'resident',
    },
  );

  // An anonymous request names no unit (it would name the household): fall back to the unit's building.
  useEffect(() => {
    if (anonymous && where === 'unit') set({ buildingId: residentUnit?.buildingId, where: 'building' });
  }, [anonymous, where, residentUnit, set]);

  const whereChoices = [
    ...(source === 'resident'
      ? mine.length && !anonymous
        ? [{ value: 'unit' as Where, label: '我家', hint: '室内问题' }]
        : []
      : [{ value: 'unit' as Where, label: '某户', hint: '居民家中' }]),
    { value: 'building' as Where, label: '楼栋', hint: '楼道、电梯、门口' },
    { value: 'place' as Where, label: '其他地点', hint: '小区道路、广场、车棚' },
  ];

  const join = async (g: GrievanceSummary) => {
    try {
      await call(grievanceRoutes.support, { params: { communityId, grievanceId: g.grievanceId } });
      void Taro.showToast({ title: '已加入，办理进展会通知您', icon: 'none' });
      open(g);
    } catch (e) {
      void Taro.showToast({ title: messageOf(e), icon: 'none' });
    }
  };

  const locationError =
    errors['body.location'] ??
    errors['body.location.unitId'] ??
    errors['body.location.buildingId'] ??
    errors['body.location.kind'];
  return (
    <>
      {staff && source !== 'resident' && (
        <Card title="代录来源">
          <ChoiceList layout="list" options={SOURCE_CHOICES} {...bind('source')} testId="source" label="来源" />
          {source === 'visit' && (
            <>
              <TextField
                label="居民姓名"
                required
                {...field('residentName', 'body.resident.name')}
                error={errors['body.resident.name'] ?? errors['body.resident']}
                testId="field-residentName"
                inputTestId="input-residentName"
                maxLength={20}
              />
              <TextField
                label="联系电话（选填）"
                {...field('residentPhone', 'body.resident.phone')}
                testId="field-residentPhone"
                maxLength={13}
              />
            </>
          )}
        </Card>
      )}

      <Card title="1. 问题类别">
        <AsyncView state={settings} compact testId="categories">
          {(s) => (
            <ChoiceList
              options={s.categories.filter((c) => c.enabled).map((c) => ({ value: c.key, label: c.label }))}
              {...bind('category')}
              testId="category"
              label="问题类别"
            />
          )}
        </AsyncView>
        {errors['body.category'] && (
          <Text className={`grv-error ${FORM_ERROR}`} data-testid="category-error">
            {errors['body.category']}
          </Text>
        )}
      </Card>

      <Card title="2. 在哪里">
        <ChoiceList options={whereChoices} {...bind('where')} testId="where" label="位置" />
        {where === 'unit' && source === 'resident' && mine.length > 1 && (
          <ChoiceList
            options={mine.map((m) => ({ value: m.unitId, label: m.unitLabel }))}
            {...bind('unitId')}
            testId="location-unit"
            label="房屋"
          />
        )}
        {where === 'unit' && source === 'resident' && mine.length === 1 && (
          <Text className="grv-line">{mine[0]?.unitLabel}</Text>
        )}
        {where !== 'place' && !(where === 'unit' && source === 'resident') && (
          <AsyncView state={buildings} compact testId="buildings">
            {(b) => (
              <ChoiceList
                options={b.items.map((x) => ({ value: x.buildingId, label: x.name }))}
                {...bind('buildingId')}
                testId="location-building"
                label="楼栋"
              />
            )}
          </AsyncView>
        )}
        {where === 'unit' && source !== 'resident' && buildingId && (
          <AsyncView state={staffUnits} compact testId="units">
            {(u) => (
              <ChoiceList
                options={u.items.map((x) => ({ value: x.unitId, label: x.label }))}
                {...bind('unitId')}
                testId="location-unit"
                label="房号"
              />
            )}
          </AsyncView>
        )}
        {where === 'building' && (
          <TextField
            label="具体位置（选填）"
            placeholder="如：1单元3楼楼道"
            {...field('detail', 'body.location.detail')}
            testId="field-detail"
            maxLength={50}
          />
        )}
        {where === 'place' && (
          <TextField
            label="地点"
            required
            placeholder="如：小区东门、3号车棚"
            {...field('place', 'body.location.place')}
            testId="field-place"
            inputTestId="input-place"
            maxLength={50}
          />
        )}
        {locationError && (
          <Text className={`grv-error ${FORM_ERROR}`}>
            {where === 'building' && !buildingId ? '请选择楼栋' : locationError}
          </Text>
        )}
      </Card>

      {duplicatesReady && source === 'resident' && !!duplicates.data?.mine.length && (
        <Card title="您已经反映过类似的问题" testId="own-duplicates">
          <Text className="muted">这件事还在办理中。如有新情况，可以在原诉求里留言补充，不必重复提交。</Text>
          {duplicates.data.mine.map((g) => (
            <View key={g.grievanceId} className="grv-duplicate" data-testid={`own-duplicate-${g.grievanceId}`}>
              <Text className="grv-line">
                {g.categoryLabel} · {g.location} · {statusText(g.status)}
              </Text>
              <Text className="grv-body">{g.excerpt}</Text>
              <ActionButton size="small" variant="secondary" onClick={() => peek(g)} testId="own-duplicate-open">
                查看原诉求
              </ActionButton>
            </View>
          ))}
        </Card>
      )}

      {duplicatesReady && source === 'resident' && !!duplicates.data?.items.length && (
        <Card title="附近有相同的问题" testId="duplicates">
          <Text className="muted">如果说的是同一件事，点“我也遇到”加入即可，办理进展会通知您。</Text>
          {duplicates.data.items.map((g) => (
            <View key={g.grievanceId} className="grv-duplicate" data-testid={`duplicate-${g.grievanceId}`}>
              <Text className="grv-line">
                {g.categoryLabel} · {g.location}（{g.supportCount} 人遇到）
              </Text>
              <Text className="grv-body">{g.excerpt}</Text>
              <ActionButton size="small" variant="secondary" onClick={() => void join(g)} testId="duplicate-join">
                我也遇到
              </ActionButton>
            </View>
          ))}
        </Card>
      )}

      <Card title="3. 说说情况">
        <TextField
          label="问题描述"
          required
          multiline
          placeholder="发生了什么、持续多久、影响到谁（5~500 字）"
          {...field('description')}
          testId="field-description"
          inputTestId="input-description"
          maxLength={500}
        />
        <Field label="照片（选填，最多 9 张）" error={errors['body.photos']}>
          <PhotoUploads uploads={uploads} />
        </Field>
      </Card>

      <Card title="4. 紧急程度与公开范围">
        <ChoiceList options={URGENCY_CHOICES} {...bind('urgency')} testId="urgency" label="紧急程度" />
        <ChoiceList
          layout="list"
          options={VISIBILITY_CHOICES}
          {...bind('visibility')}
          testId="visibility"
          label="公开范围"
        />
        {visibility === 'public' && source === 'resident' && (
          <View className="grv-settings-row">
            <View>
              <Text className="grv-line">匿名（不显示我的昵称）</Text>
              <Text className="muted">匿名时请选楼栋或地点，不选自己家</Text>
            </View>
            <Toggle
              checked={anonymous}
              label="匿名"
              testId="anonymous-switch"
              onChange={(on) => set('anonymous', on)}
            />
          </View>
        )}
      </Card>

      {formError && (
        <Text className="grv-error" aria-live="assertive" data-testid="submit-error">
          {formError}
        </Text>
      )}
      <ActionButton
        block
        loading={busy}
        disabled={uploads.uploading}
        onClick={() => void form.submit()}
        testId="grievance-submit"
      >
        {uploads.uploading ? '照片上传中…' : '提交'}
      </ActionButton>
    </>
  );
}
