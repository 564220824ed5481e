import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { budgetRoutes, RATING_LABELS, RATINGS, type ProjectView, type Rating } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { StackedBar } from '@/components/charts';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { IconText } from '@/components/Icon/IconText';
import { useSubmit } from '@/hooks/useSubmit';

const CHOICES = RATINGS.map((r) => ({ value: r, label: RATING_LABELS[r] }));

/** 验收: a finished project rated once per resident (满意 / 基本满意 / 不满意, a reason for 不满意), and the tally. */
export function RatingCard({
  project,
  communityId,
  onRated,
}: {
  project: ProjectView;
  communityId: string;
  onRated(next: ProjectView): void;
}) {
  const [rating, setRating] = useState<Rating>();
  const [comment, setComment] = useState('');
  const rate = useSubmit(
    async () =>
      onRated(
        await call(budgetRoutes.rateProject, {
          params: { communityId, roundId: project.roundId, projectId: project.projectId },
          body: { rating: rating as Rating, comment: comment.trim() || undefined },
        }),
      ),
    {
      explain: (fields) => {
        if (!rating && fields['body.rating']) fields['body.rating'] = '请选择评价';
        return fields;
      },
    },
  );
  const r = project.ratings;
  return (
    <Card title="验收评价" testId="rating-card">
      {r && r.total > 0 && (
        <View data-testid="rating-tally">
          <StackedBar
            title="验收评价"
            segments={[
              { label: '满意', value: r.satisfied },
              { label: '基本满意', value: r.basic, color: '#2f6fd6' },
              { label: '不满意', value: r.unsatisfied, color: '#d9534f' },
            ]}
            unit=" 人"
            format={(v) => String(v)}
            testId="rating-bar"
          />
          <Text className="budget__fine">
            {r.total} 人评价，满意率 {r.satisfactionRate ?? 0}%（满意与基本满意占评价数）
          </Text>
        </View>
      )}
      {project.myRating ? (
        <IconText icon="check" className="budget__text" testId="rating-mine">
          您的评价：{RATING_LABELS[project.myRating]}
        </IconText>
      ) : project.can.rate ? (
        <View data-testid="rating-form">
          <ChoiceList
            layout="list"
            options={CHOICES}
            value={rating}
            onChange={setRating}
            testId="rating"
            label="评价"
          />
          {rate.errors['body.rating'] && <Text className="budget__error">{rate.errors['body.rating']}</Text>}
          <TextField
            label={rating === 'unsatisfied' ? '哪里不满意' : '评价意见（选填）'}
            required={rating === 'unsatisfied'}
            multiline
            maxLength={200}
            value={comment}
            onChange={setComment}
            error={rate.errors['body.comment']}
            testId="field-rating-comment"
            inputTestId="input-rating-comment"
          />
          {rate.error && !Object.keys(rate.errors).length && <Text className="budget__error">{rate.error}</Text>}
          <ActionButton block loading={rate.busy} onClick={() => void rate.submit()} testId="rating-submit">
            提交评价（每人一次）
          </ActionButton>
        </View>
      ) : (
        !r?.total && <Text className="budget__muted">项目完工后，居民可在这里评价。</Text>
      )}
    </Card>
  );
}
