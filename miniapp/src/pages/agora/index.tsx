import { agoraTabRoutes } from '@linli/shared';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { TopicSummaryView } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Dialog } from '@/components/Dialog/Dialog';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { PageState } from '@/components/PageState/PageState';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useReshow } from '@/hooks/useReshow';
import { formatDateTime } from '@/lib/format';
import { ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { StageTag } from '@/components/StageTag';
import './index.scss';

type Bucket = 'open' | 'proposals' | 'closed';
const BUCKETS: { value: Bucket; label: string }[] = [
  { value: 'open', label: '进行中' },
  { value: 'proposals', label: '居民提议' },
  { value: 'closed', label: '已结束' },
];
type Scope = '1' | 'unvoted' | '0';
const SCOPES: { value: Scope; label: string }[] = [
  { value: '1', label: '与我相关' },
  { value: 'unvoted', label: '我还没投' },
  { value: '0', label: '全社区' },
];

function when(t: TopicSummaryView): string {
  if (t.stage === 'voting') return `截止 ${formatDateTime(t.closesAt)}`;
  if (t.stage === 'upcoming') return `投票 ${formatDateTime(t.opensAt)} 开始`;
  if (t.support && (t.stage === 'proposal' || t.stage === 'queued'))
    return `附议 ${t.support.count}/${t.support.threshold}`;
  return formatDateTime(t.createdAt).slice(0, 10);
}

function TopicCard({ topic, communityId }: { topic: TopicSummaryView; communityId: string }) {
  return (
    <Card
      onClick={() =>
        void Taro.navigateTo({ url: withQuery(ROUTES.agoraPages.topic, { communityId, topicId: topic.topicId }) })
      }
      testId={`topic-${topic.topicId}`}
    >
      <View className="agora-list__head">
        <Text className="agora-list__title">{topic.title}</Text>
        <StageTag stage={topic.stage} label={topic.stageLabel} />
      </View>
      <Text className="agora-list__meta">
        {topic.scopeText} · {when(topic)}
        {topic.presetLabel ? ` · ${topic.presetLabel.replace(/（.*$/, '')}` : ''}
      </Text>
      <View className="agora-list__badges">
        {topic.street && <StatusTag testId="topic-street">{`街道议事 · ${topic.street.name}`}</StatusTag>}
        {topic.myStatus === 'canVote' && (
          <StatusTag tone="warning" testId="topic-can-vote">
            待我投票
          </StatusTag>
        )}
        {topic.myStatus === 'voted' && (
          <StatusTag tone="success" testId="topic-voted">
            已投票
          </StatusTag>
        )}
        {topic.turnout && (
          <Text className="agora-list__turnout">
            已投 {topic.turnout.heads}/{topic.turnout.total}
          </Text>
        )}
        {topic.openConflicts > 0 && <StatusTag tone="danger">{`${topic.openConflicts} 起冲突待核实`}</StatusTag>}
      </View>
    </Card>
  );
}

function SupportThreshold({ communityId }: { communityId: string }) {
  const [open, setOpen] = useState(false);
  const [value, setValue] = useState('');
  const save = useSubmit(async () => {
    await call(agoraTabRoutes.updateSettings, { params: { communityId }, body: { supportThreshold: Number(value) } });
    setOpen(false);
    void Taro.showToast({ title: '已保存', icon: 'success' });
  });
  return (
    <>
      <ActionButton
        size="small"
        variant="secondary"
        onClick={() => {
          setOpen(true);
          void call(agoraTabRoutes.getSettings, { params: { communityId } }).then((s) =>
            setValue(String(s.supportThreshold)),
          );
        }}
        testId="agora-settings"
      >
        附议门槛
      </ActionButton>
      <Dialog
        open={open}
        title="居民提议的附议门槛"
        busy={save.busy}
        onConfirm={() => void save.submit()}
        onCancel={() => setOpen(false)}
        testId="settings-dialog"
      >
        <TextField
          label="附议人数"
          type="number"
          value={value}
          onChange={setValue}
          maxLength={4}
          error={save.errorFor('body.supportThreshold')}
          hint="达到后提议进入居委会受理队列"
          testId="field-threshold"
          inputTestId="input-threshold"
        />
      </Dialog>
    </>
  );
}

/** 议事厅: topics in my scope and the community's, with where each stands and whether my household has voted. */
export default function AgoraPage() {
  const session = useSession();
  const communityId = session.communityId;
  const [bucket, setBucket] = useState<Bucket>('open');
  const [scope, setScope] = useState<Scope>('1');
  // 我还没投 is about polls running now: the other buckets keep 与我相关 in its place.
  const scopes = bucket === 'open' ? SCOPES : SCOPES.filter((o) => o.value !== 'unvoted');
  const mine = bucket !== 'open' && scope === 'unvoted' ? '1' : scope;
  const isCommittee = session.hasRole('committee', 'admin');
  const isResident = session.hasRole('resident');
  const list = useAsync(
    () =>
      call(agoraTabRoutes.listTopics, {
        params: { communityId: communityId as string },
        query: {
          bucket,
          mine: isResident && mine !== '0' ? '1' : '0',
          unvoted: isResident && mine === 'unvoted' ? '1' : '0',
          limit: 50,
        },
      }),
    [communityId, bucket, mine, isResident],
    {
      enabled: !!communityId && session.roles.length > 0,
    },
  );
  useReshow(() => void list.reload());
  usePullDownRefresh(() => {
    void list.reload().finally(() => Taro.stopPullDownRefresh());
  });

  if (session.status === 'signedIn' && (!communityId || session.roles.length === 0)) {
    return (
      <Page testId="page-agora">
        <PageState
          state="empty"
          testId="agora"
          empty={{
            icon: 'agora',
            title: '绑定房屋后参与议事',
            hint: '社区公共事务在这里公开讨论、一户一票表决，结果和落实情况全程公开。',
            action: {
              label: '申请绑定房屋',
              onClick: () => void Taro.navigateTo({ url: ROUTES.bind }),
              testId: 'agora-bind',
            },
          }}
        />
      </Page>
    );
  }

  return (
    <Page testId="page-agora">
      <View className="agora-list__toolbar">
        <ChoiceList options={BUCKETS} value={bucket} onChange={setBucket} testId="agora-bucket" label="分类" />
        {isResident && (
          <ChoiceList options={scopes} value={mine} onChange={setScope} testId="agora-mine" label="范围" />
        )}
      </View>
      <View className="agora-list__actions">
        {isResident && (
          <ActionButton
            size="small"
            variant="secondary"
            onClick={() => void Taro.navigateTo({ url: ROUTES.agoraPages.propose })}
            testId="agora-propose"
          >
            我要提议
          </ActionButton>
        )}
        {isCommittee && (
          <ActionButton
            size="small"
            onClick={() => void Taro.navigateTo({ url: ROUTES.agoraPages.wizard })}
            testId="agora-create"
          >
            发起议题
          </ActionButton>
        )}
        {isCommittee && communityId && <SupportThreshold communityId={communityId} />}
        <ActionButton
          size="small"
          variant="secondary"
          onClick={() => void Taro.navigateTo({ url: ROUTES.budgetRounds })}
          testId="agora-budget"
        >
          民生微实事
        </ActionButton>
      </View>
      <AsyncView
        state={list}
        testId="agora-list"
        isEmpty={(l) => l.items.length === 0}
        empty={{
          icon: 'agora',
          title:
            mine === 'unvoted'
              ? '没有等您投票的表决'
              : bucket === 'proposals'
                ? '暂无居民提议'
                : bucket === 'closed'
                  ? '暂无已结束的议题'
                  : '暂无进行中的议题',
          hint:
            mine === 'unvoted'
              ? '进行中的表决您都已投过票。'
              : mine === '1' && isResident
                ? '可切换到“全社区”查看其他楼栋的议题。'
                : undefined,
        }}
      >
        {(l) => (
          <View>
            {l.items.map((t) => (
              <TopicCard key={t.topicId} topic={t} communityId={communityId as string} />
            ))}
          </View>
        )}
      </AsyncView>
    </Page>
  );
}
