import Taro from '@tarojs/taro';
import { Input, Text, View } from '@tarojs/components';
import { Toggle } from '@/components/Toggle/Toggle';
import { useEffect, useState } from 'react';
import {
  COMMITTEE,
  LEVEL_LABELS,
  LEVELS,
  URGENCIES,
  URGENCY_LABELS,
  type GrievanceSettings,
  type Level,
  type Urgency,
  grievanceRoutes,
  rosterRoutes,
} from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { StaffGate } from '@/packages/grievances/components/StaffGate';
import { newClientId } from '@/packages/grievances/lib/clientId';
import '@/packages/grievances/grievances.scss';

const NO_GRID = 'committee';

function Hours({
  value,
  onChange,
  label,
  testId,
}: {
  value: number;
  onChange(v: number): void;
  label: string;
  testId: string;
}) {
  return (
    <Input
      className="grv-hours"
      type="number"
      value={String(value)}
      aria-label={label}
      nativeProps={{ 'aria-label': label }}
      data-testid={testId}
      onInput={(e) => onChange(Number.parseInt(e.detail.value, 10) || 0)}
    />
  );
}

function Editor({
  communityId,
  initial,
  grids,
}: {
  communityId: string;
  initial: GrievanceSettings;
  grids: { gridId: string; name: string }[];
}) {
  const [draft, setDraft] = useState(initial);
  const [newLabel, setNewLabel] = useState('');
  useEffect(() => setDraft(initial), [initial]);

  const setDeadline = (level: Level, urgency: Urgency, field: 'acceptHours' | 'finishHours', v: number) =>
    setDraft((d) => ({
      ...d,
      deadlines: {
        ...d.deadlines,
        [level]: { ...d.deadlines[level], [urgency]: { ...d.deadlines[level][urgency], [field]: v } },
      },
    }));
  const toggleCommittee = (key: string, on: boolean) =>
    setDraft((d) => ({
      ...d,
      routing: {
        ...d.routing,
        committeeCategories: on
          ? [...d.routing.committeeCategories, key]
          : d.routing.committeeCategories.filter((k) => k !== key),
      },
    }));

  const {
    submit: save,
    busy,
    error,
  } = useSubmit(async () => {
    setDraft(await call(grievanceRoutes.updateSettings, { params: { communityId }, body: draft }));
    void Taro.showToast({ title: '已保存', icon: 'success' });
  });

  return (
    <>
      <Card title="诉求类别" testId="settings-categories">
        <Text className="muted">
          停用的类别不再出现在提交页，已有的诉求保留原类别。右侧开关：居委会直接受理（不经网格）。
        </Text>
        {draft.categories.map((c, i) => (
          <View key={c.key} className="grv-settings-row" data-testid={`category-${c.key}`}>
            <Text>{c.label}</Text>
            <View className="row">
              <Toggle
                checked={c.enabled}
                label={`启用${c.label}`}
                onChange={(on) =>
                  setDraft((d) => ({
                    ...d,
                    categories: d.categories.map((x, j) => (j === i ? { ...x, enabled: on } : x)),
                  }))
                }
              />
              <Toggle
                checked={draft.routing.committeeCategories.includes(c.key)}
                label={`${c.label}由居委会直接受理`}
                onChange={(on) => toggleCommittee(c.key, on)}
              />
            </View>
          </View>
        ))}
        <TextField
          label="新增类别"
          value={newLabel}
          onChange={setNewLabel}
          placeholder="如：宠物管理"
          maxLength={10}
          testId="field-new-category"
        />
        <ActionButton
          size="small"
          variant="secondary"
          disabled={!newLabel.trim()}
          onClick={() => {
            setDraft((d) => ({
              ...d,
              categories: [
                ...d.categories,
                { key: `c${newClientId().slice(0, 12)}`, label: newLabel.trim(), enabled: true },
              ],
            }));
            setNewLabel('');
          }}
          testId="category-add"
        >
          添加
        </ActionButton>
      </Card>

      <Card title="受理与办结时限（小时）" testId="settings-deadlines">
        <Text className="muted">
          三站式：网格 → 社区居委会 → 街道。超过受理或办结时限先催办，再自动上报上一级督办。
        </Text>
        {LEVELS.map((level) =>
          URGENCIES.map((urgency) => (
            <View key={`${level}-${urgency}`} className="grv-settings-row">
              <Text>
                {LEVEL_LABELS[level]} · {URGENCY_LABELS[urgency]}
              </Text>
              <View className="row">
                <Text className="muted">受理 </Text>
                <Hours
                  value={draft.deadlines[level][urgency].acceptHours}
                  onChange={(v) => setDeadline(level, urgency, 'acceptHours', v)}
                  label={`${LEVEL_LABELS[level]}${URGENCY_LABELS[urgency]}受理时限`}
                  testId={`deadline-${level}-${urgency}-accept`}
                />
                <Text className="muted"> 办结 </Text>
                <Hours
                  value={draft.deadlines[level][urgency].finishHours}
                  onChange={(v) => setDeadline(level, urgency, 'finishHours', v)}
                  label={`${LEVEL_LABELS[level]}${URGENCY_LABELS[urgency]}办结时限`}
                  testId={`deadline-${level}-${urgency}-finish`}
                />
              </View>
            </View>
          )),
        )}
        <View className="grv-settings-row">
          <Text>提前催办（小时）</Text>
          <Hours
            value={draft.remindBeforeHours}
            onChange={(v) => setDraft((d) => ({ ...d, remindBeforeHours: v }))}
            label="提前催办"
            testId="remind-before"
          />
        </View>
        <View className="grv-settings-row">
          <Text>评价期限（天），逾期记为未评价</Text>
          <Hours
            value={draft.ratingDays}
            onChange={(v) => setDraft((d) => ({ ...d, ratingDays: v }))}
            label="评价期限"
            testId="rating-days"
          />
        </View>
        <View className="grv-settings-row">
          <Text>举报隐藏人数：诉求、提议和议事意见被这么多位居民举报后先隐藏，待居委会审核</Text>
          <Hours
            value={draft.reportThreshold}
            onChange={(v) => setDraft((d) => ({ ...d, reportThreshold: v }))}
            label="举报隐藏人数"
            testId="report-threshold"
          />
        </View>
      </Card>

      <Card title="公共区域的诉求分派给" testId="settings-routing">
        <ChoiceList
          layout="list"
          options={[
            { value: NO_GRID, label: '居委会直接受理' },
            ...grids.map((g) => ({ value: g.gridId, label: g.name })),
          ]}
          value={draft.routing.placeGridId ?? NO_GRID}
          onChange={(v) =>
            setDraft((d) => ({ ...d, routing: { ...d.routing, placeGridId: v === NO_GRID ? undefined : v } }))
          }
          testId="place-grid"
          label="公共区域"
        />
      </Card>

      {error && (
        <Text className="grv-error" data-testid="settings-error">
          {error}
        </Text>
      )}
      <ActionButton block loading={busy} onClick={() => void save()} testId="settings-save">
        保存
      </ActionButton>
    </>
  );
}

/** 诉求配置 (居委会): categories, deadlines per level and urgency, and where public-area requests go. */
export default function SettingsPage() {
  return (
    <Page testId="page-grievance-settings">
      <StaffGate roles={COMMITTEE}>{(communityId) => <Loaded communityId={communityId} />}</StaffGate>
    </Page>
  );
}

function Loaded({ communityId }: { communityId: string }) {
  const state = useAsync(async () => {
    const [settings, roster] = await Promise.all([
      call(grievanceRoutes.getSettings, { params: { communityId } }),
      call(rosterRoutes.overview, { params: { communityId } }),
    ]);
    return { settings, grids: roster.grids };
  }, [communityId]);
  return (
    <AsyncView state={state} testId="settings">
      {(s) => <Editor communityId={communityId} initial={s.settings} grids={s.grids} />}
    </AsyncView>
  );
}
