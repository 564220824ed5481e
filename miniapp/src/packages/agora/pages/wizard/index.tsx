import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useMemo, useRef, useState } from 'react';
import {
  BALLOT_KIND_LABELS,
  COMMITTEE,
  presetAllows,
  RULE_PRESET_IDS,
  RULE_PRESETS,
  VOTER_BASIS_LABELS,
  type BallotKind,
  type GrievanceDetail,
  type RulePresetId,
  type TopicScope,
  type VoterBasis,
  agoraRoutes,
  grievanceRoutes,
  rosterRoutes,
} from '@linli/shared';
import { call } from '@/api';
import { useForm } from '@/hooks/useForm';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { BarChart, StatTiles } from '@/components/charts';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { naturalCompare } from '@/lib/format';
import { readParam, ROUTES, withQuery } from '@/routes';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { MultiChoice } from '@/components/MultiChoice/MultiChoice';
import { areaText, newRequestId } from '@/packages/agora/lib/format';
import { FORM_ERROR } from '@/lib/scrollToError';
import '@/packages/agora/agora.scss';

type ScopeKind = 'community' | 'grids' | 'buildings';
const SCOPE_KINDS: { value: ScopeKind; label: string }[] = [
  { value: 'community', label: '全社区' },
  { value: 'grids', label: '按网格' },
  { value: 'buildings', label: '按楼栋' },
];
const BASES = (Object.keys(VOTER_BASIS_LABELS) as VoterBasis[]).map((b) => ({
  value: b,
  label: VOTER_BASIS_LABELS[b],
}));
const KINDS = (Object.keys(BALLOT_KIND_LABELS) as BallotKind[]).map((k) => ({
  value: k,
  label: BALLOT_KIND_LABELS[k],
}));
const OPENS = [
  { value: 'now', label: '立即开始' },
  { value: 'tomorrow', label: '明天 9:00' },
];
const CLOSES = [
  { value: '1', label: '1 天' },
  { value: '3', label: '3 天' },
  { value: '7', label: '7 天' },
  { value: '14', label: '14 天' },
];
const YES_NO = [
  { value: 'no', label: '否' },
  { value: 'yes', label: '是' },
];
const SECRECY = [
  { value: 'secret' as const, label: '无记名投票（推荐）' },
  { value: 'open' as const, label: '实名表决（签字票、记名公示）' },
];

/** Everything the wizard asks, as the committee fills it in (the request body is built on submit). */
interface VoteDraft {
  title: string;
  description: string;
  scopeKind: ScopeKind;
  /** The grids or buildings of a scope that is not the whole community. */
  picked: string[];
  basis: VoterBasis;
  preset: RulePresetId;
  kind: BallotKind;
  options: string[];
  maxChoices: string;
  opens: string;
  closes: string;
  allowChanges: string;
  secrecy: 'secret' | 'open';
}
const FIRST_DRAFT: VoteDraft = {
  title: '',
  description: '',
  scopeKind: 'community',
  picked: [],
  basis: 'household',
  preset: 'residentsMeeting',
  kind: 'approve',
  options: ['', ''],
  maxChoices: '1',
  opens: 'now',
  closes: '7',
  allowChanges: 'no',
  secrecy: 'secret',
};

function scopeOf(kind: ScopeKind, picked: string[]): TopicScope | undefined {
  if (kind === 'community') return { kind: 'community' };
  if (!picked.length) return undefined;
  return kind === 'grids' ? { kind: 'grids', gridIds: picked } : { kind: 'buildings', buildingIds: picked };
}

function tomorrowNine(): Date {
  const d = new Date();
  d.setDate(d.getDate() + 1);
  d.setHours(9, 0, 0, 0);
  return d;
}

/** 1. 议题: the title and description, in both the full wizard and 转为议题. */
function TopicFields(p: {
  title: string;
  description: string;
  onTitle(v: string): void;
  onDescription(v: string): void;
  err(field: string): string | undefined;
}) {
  return (
    <Card title="1. 议题">
      <TextField
        label="标题"
        required
        value={p.title}
        onChange={p.onTitle}
        maxLength={50}
        placeholder="如：3栋加装电梯"
        error={p.err('title')}
        testId="field-title"
        inputTestId="input-title"
      />
      <TextField
        label="说明"
        required
        multiline
        value={p.description}
        onChange={p.onDescription}
        maxLength={2000}
        placeholder="事由、方案、费用分摊等"
        error={p.err('description')}
        testId="field-description"
        inputTestId="input-description"
      />
    </Card>
  );
}

/** What the request offers as a start: its category and words (the committee edits before publishing). */
const suggestedTitle = (c: GrievanceDetail) => `${c.categoryLabel}：${c.description ?? c.excerpt}`.slice(0, 50);
const suggestedDescription = (c: GrievanceDetail) =>
  `${c.description ?? c.excerpt}\n\n（由居民诉求 #${c.number} 转为议题）`;

/**
 * 转为议题: the topic made from a request (诉求), prefilled from it. It opens for deliberation (征询); its
 * vote is set later from 管理议题 — the server writes the topic and the request's link in one transaction.
 */
function TopicFromGrievance({ communityId, c }: { communityId: string; c: GrievanceDetail }) {
  const [title, setTitle] = useState(() => suggestedTitle(c));
  const [description, setDescription] = useState(() => suggestedDescription(c));
  const requestId = useRef(newRequestId());
  const { submit, busy, errors, error } = useSubmit(async () => {
    const topic = await call(agoraRoutes.createTopic, {
      params: { communityId },
      body: { title, description, sourceGrievanceId: c.grievanceId, requestId: requestId.current },
    });
    await Taro.redirectTo({ url: withQuery(ROUTES.agoraPages.topic, { communityId, topicId: topic.topicId }) });
  });
  const openTopic = () =>
    void Taro.redirectTo({ url: withQuery(ROUTES.agoraPages.topic, { communityId, topicId: c.topicId }) });
  return (
    <View>
      <Card title="来源诉求" testId="wizard-source">
        <Text className="agora__text">
          #{c.number} {c.categoryLabel} · {c.location}
        </Text>
        <Text className="agora__hint">
          由诉求转来的议题先征询居民意见；需要表决时，在「管理议题」中设定。公开前请删去说明中的门牌、姓名等个人信息。
        </Text>
      </Card>
      {c.topicId ? (
        <Card testId="wizard-source-linked">
          <Text className="agora__text">该诉求已转为议题：{c.topicTitle ?? ''}</Text>
          <ActionButton size="small" variant="secondary" onClick={openTopic} testId="wizard-open-topic">
            查看议题
          </ActionButton>
        </Card>
      ) : (
        <>
          <TopicFields
            title={title}
            description={description}
            onTitle={setTitle}
            onDescription={setDescription}
            err={(f) => errors[`body.${f}`]}
          />
          {error && (
            <Text className="agora__error" data-testid="wizard-error">
              {error}
            </Text>
          )}
          <ActionButton block loading={busy} onClick={() => void submit()} testId="wizard-submit">
            转为议题，征询居民意见
          </ActionButton>
        </>
      )}
    </View>
  );
}

function FromGrievance({ communityId, grievanceId }: { communityId: string; grievanceId: string }) {
  const source = useAsync(
    () => call(grievanceRoutes.get, { params: { communityId, grievanceId } }),
    [communityId, grievanceId],
  );
  return (
    <AsyncView state={source} testId="wizard-grievance">
      {(c) => <TopicFromGrievance communityId={communityId} c={c} />}
    </AsyncView>
  );
}

function Wizard({ communityId }: { communityId: string }) {
  const { params } = useRouter();
  // From 管理议题 of a topic in deliberation: set its vote instead of creating a topic.
  const existingTopicId = readParam(params.topicId);
  const roster = useAsync(() => call(rosterRoutes.overview, { params: { communityId } }), [communityId]);
  const requestId = useRef(newRequestId());
  const form = useForm(FIRST_DRAFT, async (d) => {
    const opensAt = d.opens === 'now' ? new Date() : tomorrowNine();
    const closesAt = new Date(opensAt.getTime() + Number(d.closes) * 86_400_000);
    const vote = {
      scope: scopeOf(d.scopeKind, d.picked) ?? { kind: 'buildings' as const, buildingIds: [] },
      basis: d.basis,
      preset: d.preset,
      ballot: {
        kind: d.kind,
        options: d.kind === 'approve' ? [] : d.options.filter((o) => o.trim()),
        maxChoices: d.kind === 'multiple' || d.kind === 'election' ? Number(d.maxChoices) : undefined,
      },
      opensAt: opensAt.toISOString(),
      closesAt: closesAt.toISOString(),
      allowChanges: d.allowChanges === 'yes',
      secrecy: d.secrecy,
    };
    const topic = existingTopicId
      ? await call(agoraRoutes.scheduleVote, { params: { communityId, topicId: existingTopicId }, body: vote })
      : await call(agoraRoutes.createTopic, {
          params: { communityId },
          body: { title: d.title, description: d.description, requestId: requestId.current, vote },
        });
    await Taro.redirectTo({ url: withQuery(ROUTES.agoraPages.poster, { communityId, topicId: topic.topicId }) });
  });
  const { values, set, bind, errors, error: formError, busy, submit } = form;
  const { scopeKind, picked, basis, preset, kind, options } = values;

  const scope = useMemo(() => scopeOf(scopeKind, picked), [scopeKind, picked]);
  const preview = useAsync(
    () => call(agoraRoutes.previewElectorate, { params: { communityId }, body: { scope: scope as TopicScope, basis } }),
    [communityId, JSON.stringify(scope), basis],
    {
      enabled: !!scope,
    },
  );
  const presets = RULE_PRESET_IDS.filter((p) => presetAllows(p, basis));

  const chooseBasis = (b: VoterBasis) =>
    set((d) => ({
      basis: b,
      preset: presetAllows(d.preset, b) ? d.preset : b === 'owners' ? 'ownersOrdinary' : 'residentsMeeting',
    }));

  const err = (field: string) => errors[`body.${field}`] ?? errors[`body.vote.${field}`];

  return (
    <View>
      {!existingTopicId && (
        <TopicFields
          title={values.title}
          description={values.description}
          onTitle={(v) => set('title', v)}
          onDescription={(v) => set('description', v)}
          err={err}
        />
      )}

      <Card title="2. 范围">
        <ChoiceList
          options={SCOPE_KINDS}
          value={scopeKind}
          onChange={(k) => {
            set({ scopeKind: k, picked: [] });
          }}
          testId="scope-kind"
          label="范围"
        />
        {scopeKind !== 'community' && (
          <AsyncView state={roster} compact testId="wizard-roster">
            {(r) => (
              <MultiChoice
                options={(scopeKind === 'grids'
                  ? r.grids.map((g) => ({ value: g.gridId, label: g.name }))
                  : r.buildings.map((b) => ({ value: b.buildingId, label: b.name }))
                ).sort((a, b) => naturalCompare(a.label, b.label))}
                values={picked}
                onChange={bind('picked').onChange}
                testId={scopeKind === 'grids' ? 'scope-grids' : 'scope-buildings'}
                label="选择范围"
              />
            )}
          </AsyncView>
        )}
        {(err('scope') ?? err('scope.buildingIds') ?? err('scope.gridIds')) && (
          <Text className={`agora__error ${FORM_ERROR}`}>
            {err('scope') ?? err('scope.buildingIds') ?? err('scope.gridIds')}
          </Text>
        )}
      </Card>

      <Card title="3. 投票方式与规则">
        <ChoiceList
          layout="list"
          options={BASES}
          value={basis}
          onChange={chooseBasis}
          testId="basis"
          label="投票方式"
        />
        <Text className="agora__subhead">表决规则</Text>
        <ChoiceList
          layout="list"
          options={presets.map((p) => ({ value: p, label: RULE_PRESETS[p].label, hint: RULE_PRESETS[p].examples }))}
          {...bind('preset')}
          testId="preset"
          label="表决规则"
        />
        <Text className="agora__fine" data-testid="preset-basis">
          依据：{RULE_PRESETS[preset].legalBasis}
        </Text>
        {err('preset') && <Text className={`agora__error ${FORM_ERROR}`}>{err('preset')}</Text>}
      </Card>

      <Card title="选民名册预览" testId="electorate-preview">
        {scope ? (
          <AsyncView state={preview} compact testId="preview">
            {(p) => (
              <>
                <StatTiles
                  columns={3}
                  testId="preview-tiles"
                  tiles={[
                    {
                      label:
                        basis === 'person'
                          ? '有投票权的居民'
                          : basis === 'owners'
                            ? '业主人数（一人多套计一人）'
                            : '户数',
                      value: p.heads,
                      unit: basis === 'household' ? '户' : '人',
                      testId: 'preview-heads',
                    },
                    { label: '房屋', value: p.units, unit: '套' },
                    { label: '总面积', value: areaText(p.area), testId: 'preview-area' },
                  ]}
                />
                {basis === 'owners' && p.developerUnits > 0 && (
                  <Text className="agora__hint">其中开发建设单位未售 {p.developerUnits} 套，合计为一名业主。</Text>
                )}
                <BarChart
                  data={p.byBuilding.map((b) => ({
                    label: b.name,
                    value: b.heads,
                    hint: basis !== 'person' ? areaText(b.area) : undefined,
                  }))}
                  unit={basis === 'person' ? '人' : '户'}
                  testId="preview-buildings"
                />
              </>
            )}
          </AsyncView>
        ) : (
          <Text className="muted">请先选择范围</Text>
        )}
      </Card>

      <Card title="4. 选票">
        <ChoiceList options={KINDS} {...bind('kind')} testId="ballot-kind" label="选票类型" />
        {kind !== 'approve' && (
          <View>
            {options.map((o, i) => (
              <View key={i} className="agora__option-row">
                <TextField
                  label={`${kind === 'election' ? '候选人' : '选项'} ${i + 1}`}
                  value={o}
                  onChange={(v) => set((d) => ({ options: d.options.map((x, j) => (j === i ? v : x)) }))}
                  maxLength={40}
                  testId={`field-option-${i}`}
                  inputTestId={`input-option-${i}`}
                />
                {options.length > 2 && (
                  <ActionButton
                    size="small"
                    variant="plain"
                    onClick={() => set((d) => ({ options: d.options.filter((_, j) => j !== i) }))}
                  >
                    删除
                  </ActionButton>
                )}
              </View>
            ))}
            <ActionButton
              size="small"
              variant="secondary"
              onClick={() => set((d) => ({ options: [...d.options, ''] }))}
              testId="option-add"
            >
              添加{kind === 'election' ? '候选人' : '选项'}
            </ActionButton>
            {(kind === 'multiple' || kind === 'election') && (
              <TextField
                label={kind === 'election' ? '应选人数' : '最多可选'}
                type="number"
                {...bind('maxChoices')}
                maxLength={2}
                error={err('ballot.maxChoices')}
                testId="field-max"
                inputTestId="input-max"
              />
            )}
            {err('ballot.options') && <Text className={`agora__error ${FORM_ERROR}`}>{err('ballot.options')}</Text>}
          </View>
        )}
      </Card>

      <Card title="5. 时间与方式">
        <Text className="agora__subhead">开始</Text>
        <ChoiceList options={OPENS} {...bind('opens')} testId="opens" label="开始" />
        <Text className="agora__subhead">投票时长</Text>
        <ChoiceList options={CLOSES} {...bind('closes')} testId="closes" label="投票时长" />
        <Text className="agora__subhead">截止前允许改票</Text>
        <ChoiceList options={YES_NO} {...bind('allowChanges')} testId="allow-changes" label="允许改票" />
        <Text className="agora__subhead">是否记名</Text>
        <ChoiceList options={SECRECY} {...bind('secrecy')} testId="secrecy" label="是否记名" />
        <Text className="agora__hint">
          无记名：核验码只证明选票已计入，不显示选择。实名：用于需要签字票的业主表决等，公示列出投票人，核验码可查看选择。
        </Text>
      </Card>

      {formError && (
        <Text className="agora__error" data-testid="wizard-error">
          {formError}
        </Text>
      )}
      <ActionButton block loading={busy} onClick={() => void submit()} testId="wizard-submit">
        发布并通知范围内居民
      </ActionButton>
    </View>
  );
}

/**
 * 发起议题 (居委会): scope, electorate preview, rule preset with its legal basis, ballot, schedule — then share.
 * With `?grievanceId=` (转为议题 on a request's page): the topic made from that request.
 */
export default function WizardPage() {
  const grievanceId = readParam(useRouter().params.grievanceId);
  return (
    <Page testId="page-agora-wizard">
      <StaffOnly roles={COMMITTEE}>
        {(communityId) =>
          grievanceId ? (
            <FromGrievance communityId={communityId} grievanceId={grievanceId} />
          ) : (
            <Wizard communityId={communityId} />
          )
        }
      </StaffOnly>
    </Page>
  );
}
