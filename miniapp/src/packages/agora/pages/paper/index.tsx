import { useRouter } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { PAPER_RECORDERS, type BallotSheetView, type TopicView, agoraRoutes } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { useAsync } from '@/hooks/useAsync';
import { readParam } from '@/routes';
import { StaffOnly } from '@/components/StaffOnly/StaffOnly';
import { BallotForm } from '@/packages/agora/components/BallotForm';
import { SheetCodeLookup } from '@/packages/agora/components/SheetCodeLookup';
import { newRequestId } from '@/packages/agora/lib/format';
import { pickPhoto, uploadPhoto } from '@/packages/agora/lib/photo';
import type { Photo } from '@/packages/agora/lib/photoTypes';
import '@/packages/agora/agora.scss';
import { IconText } from '@/components/Icon/IconText';
import { Photo as PhotoView } from '@/components/Photo/Photo';
import { ActingBanner } from '@/components/ActingBanner/ActingBanner';

function PaperEntry({ communityId, topic }: { communityId: string; topic: TopicView }) {
  const buildings = topic.liveTurnout?.byBuilding ?? [];
  const [buildingId, setBuildingId] = useState<string | undefined>(
    buildings.length === 1 ? buildings[0]!.buildingId : undefined,
  );
  const [unitId, setUnitId] = useState<string>();
  // The printed 表决票 the recorder looked up by its code: its seat's building and first unit are selected below.
  const [sheet, setSheet] = useState<BallotSheetView>();
  const [photo, setPhoto] = useState<Photo>();
  // What is missing before anything is sent; the submission says what went wrong after.
  const [missing, setMissing] = useState<string>();
  const [done, setDone] = useState<{ voterLabel: string; receipt: string }>();
  const requestId = useRef(newRequestId());
  const households = useAsync(
    () =>
      call(agoraRoutes.listHouseholds, {
        params: { communityId, topicId: topic.topicId },
        query: { buildingId: buildingId as string },
      }),
    [buildingId],
    {
      enabled: !!buildingId,
    },
  );

  const send = useSubmit(
    async (choices: string[], unit: string, signed: Photo) => {
      const target = await call(agoraRoutes.createPaperUpload, {
        params: { communityId, topicId: topic.topicId },
        body: { contentType: signed.contentType, size: signed.size },
      });
      await uploadPhoto(target, signed);
      const res = await call(agoraRoutes.recordPaperBallot, {
        params: { communityId, topicId: topic.topicId },
        body: { unitId: unit, choices, photoKey: target.key, requestId: requestId.current },
      });
      requestId.current = newRequestId();
      setDone(res);
      setUnitId(undefined);
      setSheet(undefined);
      setPhoto(undefined);
      void households.reload();
    },
    { onError: () => void households.reload() },
  );
  const record = async (choices: string[]) => {
    if (!unitId) return setMissing('请先选择房屋');
    if (!photo) return setMissing('请先拍摄签字的纸质选票');
    setMissing(undefined);
    await send.submit(choices, unitId, photo);
  };

  return (
    <View>
      <Text className="agora__title">{topic.title}</Text>
      {done && (
        <Card testId="paper-done">
          <IconText icon="check" className="agora__text">
            已录入 {done.voterLabel} 的纸质票。请把核验码 {done.receipt} 写在纸质选票回执上交给住户。
          </IconText>
        </Card>
      )}
      <Card title="按表决票编码查找">
        <SheetCodeLookup
          communityId={communityId}
          topicId={topic.topicId}
          found={sheet}
          onFound={(found) => {
            setSheet(found);
            setDone(undefined);
            setBuildingId(found.buildingId);
            setUnitId(found.units[0]?.unitId);
          }}
        />
      </Card>
      <Card title="1. 楼栋">
        <ChoiceList
          options={buildings.map((b) => ({ value: b.buildingId, label: b.name }))}
          value={buildingId}
          onChange={(b) => {
            setBuildingId(b);
            setUnitId(undefined);
            setSheet(undefined);
          }}
          testId="paper-building"
          label="楼栋"
        />
      </Card>
      {buildingId && (
        <Card title="2. 房屋">
          <AsyncView
            state={households}
            compact
            testId="paper-households"
            isEmpty={(h) => h.items.length === 0}
            empty={{ title: '您负责的范围内没有可代录的房屋' }}
          >
            {(h) => (
              <ChoiceList
                layout="grid"
                options={h.items.map((u) => ({
                  value: u.unitId,
                  label: u.label.replace(/^.*?栋/, ''),
                  hint: u.voted
                    ? `已投（${u.channel === 'paper' ? '纸质' : u.channel === 'proxy' ? '委托' : '线上'}）`
                    : u.voterLabel !== u.label
                      ? u.voterLabel
                      : undefined,
                }))}
                value={unitId}
                onChange={(u) => {
                  setUnitId(u);
                  if (!sheet?.units.some((s) => s.unitId === u)) setSheet(undefined);
                }}
                testId="paper-unit"
                label="房屋"
              />
            )}
          </AsyncView>
          <Text className="agora__hint">已投票的户再录入会被拒绝，并提交居委会核实。</Text>
        </Card>
      )}
      {unitId && (
        <Card title="3. 签字纸质选票照片">
          {photo ? (
            <PhotoView src={photo.preview} mode="widthFix" alt="纸质选票照片" />
          ) : (
            <StatusTag tone="warning">尚未拍照</StatusTag>
          )}
          <View className="agora__actions">
            <ActionButton
              size="small"
              variant="secondary"
              onClick={() => void pickPhoto().then((p) => p && setPhoto(p))}
              testId="paper-photo"
            >
              {photo ? '重拍' : '拍照'}
            </ActionButton>
          </View>
        </Card>
      )}
      {unitId && topic.vote && (
        <Card title="4. 按纸质票录入选择">
          <BallotForm
            vote={topic.vote}
            busy={send.busy}
            error={missing ?? send.error}
            onCast={(c) => void record(c)}
            submitLabel="确认录入"
          />
        </Card>
      )}
    </View>
  );
}

/** 代录纸质票 (楼长/网格员): a household without a smartphone votes on paper; the same one-per-household rule. */
export default function PaperPage() {
  const { params } = useRouter();
  const topicId = readParam(params.topicId) ?? '';
  return (
    <Page testId="page-agora-paper">
      <ActingBanner />
      <StaffOnly roles={PAPER_RECORDERS}>
        {(communityId) => <PaperTopic communityId={readParam(params.communityId) ?? communityId} topicId={topicId} />}
      </StaffOnly>
    </Page>
  );
}

function PaperTopic({ communityId, topicId }: { communityId: string; topicId: string }) {
  const topic = useAsync(
    () => call(agoraRoutes.getTopic, { params: { communityId, topicId } }),
    [communityId, topicId],
  );
  return (
    <AsyncView
      state={topic}
      testId="paper-topic"
      isEmpty={(t) => !t.can.recordPaper}
      empty={{
        icon: 'agora',
        title: '该议题现在不能代录',
        hint: '只有一户一票或业主表决、且在投票时间内的议题可以代录纸质票。',
      }}
    >
      {(t) => <PaperEntry communityId={communityId} topic={t} />}
    </AsyncView>
  );
}
