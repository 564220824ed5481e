import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { DAY_MS, streetAgoraRoutes, type StreetCommunityView } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { formatDateTime } from '@/lib/format';
import { withQuery } from '@/routes';
import {
  chosenCommunities,
  CommunityChooser,
  FormProblem,
  newRequestId,
  StreetWidePage,
  toggleSkipped,
} from '@/packages/street/StreetWideParts';
import '@/packages/street/street.scss';

/** 街道议事结果, in this subpackage (kept out of the main package's route table). */
const TOPIC_PAGE = '/packages/street/pages/topic/index';

const BASES = [
  { value: 'household', label: '一户一票', hint: '每户一票，户内任一成员投' },
  { value: 'person', label: '一人一票', hint: '每位绑定的居民一票' },
] as const;
const KINDS = [
  { value: 'single', label: '多个选项选一' },
  { value: 'approve', label: '同意 / 不同意 / 弃权' },
] as const;
const WINDOWS = [
  { value: '3', label: '3 天' },
  { value: '7', label: '7 天' },
  { value: '14', label: '14 天' },
] as const;

interface Draft {
  title: string;
  description: string;
  basis: 'household' | 'person';
  kind: 'single' | 'approve';
  options: string[];
  days: '3' | '7' | '14';
  /** Communities left out; none = the whole street. */
  skipped: string[];
  requestId: string;
}

/** The request id is the draft's: every retry of it opens each community's poll once. */
const blank = (): Draft => ({
  title: '',
  description: '',
  basis: 'household',
  kind: 'single',
  options: ['', ''],
  days: '7',
  skipped: [],
  requestId: newRequestId('st'),
});

/** 发起街道议事: question, choices, window, voting rule and the communities; one poll opens in each. */
function Composer({
  streetId,
  communities,
  onOpened,
}: {
  streetId: string;
  communities: StreetCommunityView[];
  onOpened(streetTopicId: string): void;
}) {
  const form = useForm(blank, async (d) => {
    const now = Date.now();
    const opened = await call(streetAgoraRoutes.openStreetTopic, {
      params: { streetId },
      body: {
        requestId: d.requestId,
        title: d.title,
        description: d.description,
        basis: d.basis,
        preset: 'consultation',
        ballot: { kind: d.kind, options: d.kind === 'approve' ? [] : d.options.map((o) => o.trim()) },
        opensAt: new Date(now).toISOString(),
        closesAt: new Date(now + Number(d.days) * DAY_MS).toISOString(),
        communityIds: chosenCommunities(communities, d.skipped),
      },
    });
    form.reset(blank());
    void Taro.showToast({ title: '已在各社区发起表决', icon: 'none' });
    onOpened(opened.streetTopicId);
  });
  const d = form.values;
  const setOption = (i: number, v: string) =>
    form.set((x) => ({ options: x.options.map((o, j) => (j === i ? v : o)) }));
  const formError = Object.keys(form.errors).length ? undefined : form.error;
  return (
    <Card title="发起街道议事" testId="street-topic-compose">
      <Text className="street__intro">
        每个所选社区各开一场表决，居民在本社区的议事厅里投票（秘密投票、核验码、截止后重新计票与各社区相同），街道结果为各社区结果之和。
      </Text>
      <TextField label="议题" required maxLength={40} {...form.field('title')} inputTestId="input-street-topic-title" />
      <TextField
        label="说明"
        required
        multiline
        maxLength={1000}
        {...form.field('description')}
        inputTestId="input-street-topic-description"
      />
      <Text className="street__name">投票方式</Text>
      <ChoiceList
        options={BASES}
        value={d.basis}
        onChange={(v) => form.set('basis', v)}
        label="投票方式"
        testId="street-topic-basis"
      />
      <Text className="street__name">选票</Text>
      <ChoiceList
        options={KINDS}
        value={d.kind}
        onChange={(v) => form.set('kind', v)}
        label="选票"
        testId="street-topic-kind"
      />
      {d.kind === 'single' && (
        <View>
          {d.options.map((o, i) => (
            <TextField
              key={i}
              label={`选项 ${i + 1}`}
              required
              maxLength={40}
              value={o}
              onChange={(v) => setOption(i, v)}
              error={
                form.errors[`body.ballot.options.${i}`] ?? (i === 0 ? form.errors['body.ballot.options'] : undefined)
              }
              inputTestId={`input-street-topic-option-${i + 1}`}
            />
          ))}
          {d.options.length < 20 && (
            <ActionButton
              size="small"
              variant="secondary"
              onClick={() => form.set((x) => ({ options: [...x.options, ''] }))}
              testId="street-topic-add-option"
            >
              添加选项
            </ActionButton>
          )}
        </View>
      )}
      <Text className="street__name">投票时间（从现在起）</Text>
      <ChoiceList
        options={WINDOWS}
        value={d.days}
        onChange={(v) => form.set('days', v)}
        label="投票时间"
        testId="street-topic-days"
      />
      <CommunityChooser
        title="参与社区"
        communities={communities}
        skipped={d.skipped}
        onToggle={(id, on) => form.set((x) => ({ skipped: toggleSkipped(x.skipped, id, on) }))}
        label={(name) => `${name}参与`}
        testId="street-topic"
      />
      <FormProblem text={formError} testId="street-topic-error" />
      <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="street-topic-open">
        在所选社区发起表决
      </ActionButton>
    </Card>
  );
}

/** 街道议事: the street office opens a consultation across its communities and follows each one's result. */
export default function StreetTopicsPage() {
  const streetId = useRouter().params.streetId ?? '';
  const list = useAsync(() => call(streetAgoraRoutes.listStreetTopics, { params: { streetId } }), [streetId]);
  const open = (streetTopicId: string) =>
    void Taro.navigateTo({ url: withQuery(TOPIC_PAGE, { streetId, streetTopicId }) });
  return (
    <StreetWidePage
      name="topics"
      streetId={streetId}
      compose={(communities) => (
        <Composer
          streetId={streetId}
          communities={communities}
          onOpened={(id) => {
            void list.reload();
            open(id);
          }}
        />
      )}
      done={{
        title: '已发起',
        testId: 'street-topics-list',
        state: list,
        listTestId: 'street-topics-items',
        empty: '还没有发起过街道议事。',
        children: (items) =>
          items.map((t) => (
            <View key={t.streetTopicId} className="street__row" data-testid={`street-topic-${t.title}`}>
              <View className="street__row-text">
                <Text className="street__name">{t.title}</Text>
                <Text className="street__meta">
                  {t.basis === 'household' ? '一户一票' : '一人一票'} · 截止 {formatDateTime(t.closesAt)} ·{' '}
                  {t.done ? `${t.communities} 个社区已全部公示` : `已公示 ${t.counted} / ${t.communities} 个社区`}
                </Text>
              </View>
              <ActionButton size="small" onClick={() => open(t.streetTopicId)} testId="street-topic-open-result">
                查看结果
              </ActionButton>
            </View>
          )),
      }}
    />
  );
}
