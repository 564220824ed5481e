import Taro, { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { grievanceRoutes, ownerRegistryRoutes, type OwnerCensusView } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { IconText } from '@/components/Icon/IconText';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { formatDateTime } from '@/lib/format';
import { newRequestId } from '@/lib/requestId';
import { readParam, ROUTES, withQuery } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import '@/packages/owners/owners.scss';

/**
 * A correction request is a 诉求 to the committee: category 其他, at the place "业主名册核对" (a place, not her
 * unit, so it goes to the committee rather than a grid), private, its text naming the poll it is about.
 */
const CORRECTION = { category: 'other', place: '业主名册核对' } as const;

function Entry({ census }: { census: OwnerCensusView }) {
  const inPoll = census.owners.some((o) => o.inPoll);
  return (
    <View>
      {census.poll && (
        <Card title="本次业主表决的名册" testId="census-poll">
          <Text className="owners__item-title">{census.poll.title}</Text>
          <Text className="owners__item-text">
            投票时间 {formatDateTime(census.poll.opensAt)} 至 {formatDateTime(census.poll.closesAt)}
            {census.poll.beforeOpening ? '（公示中，尚未开始投票）' : ''}
          </Text>
          <Text className="owners__item-text">
            名册共 {census.poll.heads} 人，专有部分面积 {census.poll.area}㎡
          </Text>
          <View className="owners__item-head">
            <Text className="owners__item-title">您</Text>
            <StatusTag tone={inPoll ? 'success' : 'warning'} testId="census-in-poll">
              {inPoll ? '在名册中' : '不在名册中'}
            </StatusTag>
          </View>
        </Card>
      )}
      <Card title="我的业主信息" testId="census-owners">
        {census.owners.length === 0 && (
          <Text className="owners__line" data-testid="census-none">
            业主名册中没有您：您没有以业主身份绑定房屋，或绑定时名册中这套房没有登记业主。
          </Text>
        )}
        {census.owners.map((o) => (
          <View key={o.ownerId} className="owners__item" data-testid="census-owner">
            <View className="owners__item-head">
              <Text className="owners__item-title">业主：{o.name}</Text>
              <Text className="owners__item-text" data-testid="census-area">
                {o.area}㎡
              </Text>
            </View>
            {o.units.map((u) => (
              <IconText key={u.unitId} icon="building" className="owners__item-text">
                {u.label} · {u.area}㎡{census.poll && !u.inPoll ? '（不在本次表决范围）' : ''}
              </IconText>
            ))}
            <Text className="owners__item-text">
              {o.units.length > 1 ? `名下 ${o.units.length} 套计为一人，面积相加。` : ''}
              {o.name.includes('、') ? '共有人合计为一名业主。' : ''}
            </Text>
          </View>
        ))}
        {census.otherUnits.map((u) => (
          <View key={u.unitId} className="owners__item" data-testid="census-other">
            <Text className="owners__item-title">{u.label}</Text>
            <Text className="owners__item-text">{u.reason}</Text>
          </View>
        ))}
      </Card>
    </View>
  );
}

function Correction({ communityId, census }: { communityId: string; census: OwnerCensusView }) {
  const [sent, setSent] = useState<{ grievanceId: string }>();
  const form = useForm({ text: '' }, async ({ text }) => {
    const about = census.poll ? `议题《${census.poll.title}》（${census.poll.topicId}）` : '社区业主名册';
    const mine = census.owners.map((o) => `${o.name}：${o.units.map((u) => u.label).join('、')}`).join('；');
    const created = await call(grievanceRoutes.submit, {
      params: { communityId },
      body: {
        clientRequestId: newRequestId(),
        category: CORRECTION.category,
        description: `【业主名册更正】${about}。名册现为：${mine || '无'}。${text}`.slice(0, 500),
        location: { kind: 'place', place: CORRECTION.place },
        visibility: 'private',
      },
    });
    setSent(created);
    return created;
  });
  if (sent)
    return (
      <Card title="已提交更正申请" testId="census-sent">
        <Text className="owners__line">居委会将核对登记资料并答复您，进展可在“我的诉求”中查看。</Text>
        <ActionButton
          block
          variant="secondary"
          onClick={() =>
            void Taro.navigateTo({ url: withQuery(ROUTES.grievance.detail, { communityId, id: sent.grievanceId }) })
          }
          testId="census-open-request"
        >
          查看这条诉求
        </ActionButton>
      </Card>
    );
  return (
    <Card title="信息有误？申请更正" testId="census-correction">
      <TextField
        label="哪里不对"
        multiline
        maxLength={300}
        placeholder="例如：502 室的登记面积应为 90.25㎡；我与配偶共有，名册中只有我一人"
        inputTestId="census-correction-text"
        {...form.field('text', 'body.description')}
      />
      {form.error && (
        <Text className="owners__error" aria-live="assertive">
          {form.error}
        </Text>
      )}
      <ActionButton block loading={form.busy} onClick={() => void form.submit()} testId="census-correction-send">
        提交给居委会
      </ActionButton>
    </Card>
  );
}

/** 核对我的业主信息: am I in the owners' roster (or this poll's), with which units and area; ask for a correction. */
export default function CensusPage() {
  const session = useSession();
  const communityId = session.communityId;
  const topicId = readParam(useRouter().params.topicId);
  const census = useAsync(
    () => call(ownerRegistryRoutes.myCensus, { params: { communityId: communityId! }, query: { topicId } }),
    [communityId, topicId],
    { enabled: !!communityId },
  );
  return (
    <Page testId="page-owner-census">
      <AsyncView state={census} testId="census">
        {(c) => (
          <View>
            <Entry census={c} />
            {communityId && <Correction communityId={communityId} census={c} />}
          </View>
        )}
      </AsyncView>
    </Page>
  );
}
