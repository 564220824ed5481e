import Taro, { useRouter } from '@tarojs/taro';
import { Text } from '@tarojs/components';
import { useRef } from 'react';
import { budgetRoutes, MAX_PROJECT_PHOTOS } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { Page } from '@/components/Page/Page';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { useForm } from '@/hooks/useForm';
import { newRequestId } from '@/lib/requestId';
import { readParam } from '@/routes';
import { useSession } from '@/session/SessionProvider';
import { projectPath } from '@/lib/budgetPages';
import { PhotoPicker } from '@/components/BudgetPhotos/BudgetPhotos';
import { useBudgetPhotos } from '@/lib/budgetPhotos';
import '@/packages/budget/budget.scss';

/** The estimate is typed as text: a number field with nothing in it must reach the API as a 400, not as 0. */
const costOf = (text: string): number => (text.trim() === '' ? Number.NaN : Number(text.replace(/[,，\s]/g, '')));

function ProposeForm({
  communityId,
  roundId,
  roundTitle,
}: {
  communityId: string;
  roundId: string;
  roundTitle: string;
}) {
  const photos = useBudgetPhotos(communityId, roundId);
  const requestId = useRef(newRequestId());
  const form = useForm({ title: '', description: '', place: '', estimatedCost: '' }, async (v) => {
    const estimatedCost = costOf(v.estimatedCost);
    const project = await call(budgetRoutes.proposeProject, {
      params: { communityId, roundId },
      body: {
        title: v.title,
        description: v.description,
        place: v.place,
        // Not a number: sent as it was typed so the API's 400 names this field.
        estimatedCost: (Number.isFinite(estimatedCost) ? estimatedCost : v.estimatedCost) as number,
        photoKeys: photos.keys,
        requestId: requestId.current,
      },
    });
    await Taro.redirectTo({ url: projectPath(communityId, roundId, project.projectId) });
  });
  return (
    <Card title={`为「${roundTitle}」点单`} testId="propose-form">
      <TextField
        label="项目名称"
        required
        maxLength={40}
        placeholder="如：3栋门口加装无障碍坡道"
        {...form.field('title')}
        testId="field-title"
        inputTestId="input-title"
      />
      <TextField
        label="项目说明"
        required
        multiline
        maxLength={1000}
        placeholder="现在有什么不便，建议怎么做，受益的是哪些居民"
        {...form.field('description')}
        testId="field-description"
        inputTestId="input-description"
      />
      <TextField
        label="地点"
        required
        maxLength={60}
        placeholder="如：3栋单元门口"
        {...form.field('place')}
        testId="field-place"
        inputTestId="input-place"
      />
      <TextField
        label="估算费用（元）"
        required
        type="number"
        maxLength={8}
        placeholder="大概需要多少钱，居委会审核时会核定"
        {...form.field('estimatedCost')}
        testId="field-estimatedCost"
        inputTestId="input-estimatedCost"
      />
      <PhotoPicker
        photos={photos}
        label={`现场照片（选填，最多 ${MAX_PROJECT_PHOTOS} 张）`}
        alt="现场照片"
        error={form.errors['body.photoKeys']}
        testId="propose-photos"
      />
      <Text className="budget__hint">提交后您自己算第一位附议人；居委会审核时核定预算，相似的提议可能被合并。</Text>
      {form.error && !Object.keys(form.errors).length && (
        <Text className="budget__error" data-testid="propose-error">
          {form.error}
        </Text>
      )}
      <ActionButton
        block
        loading={form.busy}
        disabled={photos.uploading}
        onClick={() => void form.submit()}
        testId="propose-submit"
      >
        {photos.uploading ? '照片上传中…' : '提交点单'}
      </ActionButton>
    </Card>
  );
}

/** 点单: a resident proposes a project for the round (title, description, place, estimated cost, photos). */
export default function BudgetProposePage() {
  const session = useSession();
  const params = useRouter().params;
  const communityId = readParam(params.communityId) ?? session.communityId ?? '';
  const roundId = readParam(params.roundId) ?? '';
  const round = useAsync(
    () => call(budgetRoutes.getRound, { params: { communityId, roundId } }),
    [communityId, roundId],
    { enabled: !!communityId && !!roundId },
  );
  return (
    <Page testId="page-budget-propose">
      <AsyncView
        state={round}
        testId="budget-propose"
        isEmpty={(r) => !r.can.propose}
        empty={{ icon: 'clock', title: '本轮不在点单阶段', hint: '点单截止后不能再提出项目，可以到项目页评议。' }}
      >
        {(r) => <ProposeForm communityId={communityId} roundId={roundId} roundTitle={r.title} />}
      </AsyncView>
    </Page>
  );
}
