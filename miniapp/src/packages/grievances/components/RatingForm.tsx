import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { RATING_LABELS, RATINGS, type GrievanceDetail, type Rating, grievanceRoutes } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';

const CHOICES = RATINGS.map((r) => ({
  value: r,
  label: RATING_LABELS[r],
  hint: r === 'unsatisfied' ? '将重新办理并上报上一级' : undefined,
}));

/** 一评议: 满意 / 基本满意 / 不满意 with a comment (required for 不满意, which reopens the case one level up). */
export function RatingForm({ c, onChanged }: { c: GrievanceDetail; onChanged(next: GrievanceDetail): void }) {
  const [rating, setRating] = useState<Rating>();
  const [comment, setComment] = useState('');
  const { submit, busy, errors, error } = useSubmit(
    async () =>
      onChanged(
        await call(grievanceRoutes.rate, {
          params: { communityId: c.communityId, grievanceId: c.grievanceId },
          body: { version: c.version, rating: rating as Rating, comment: comment.trim() || undefined },
        }),
      ),
    {
      explain: (fields) => {
        if (!rating && fields['body.rating']) fields['body.rating'] = '请选择评价';
        return fields;
      },
    },
  );

  return (
    <Card title={c.source === 'resident' ? '请评价办理结果' : '回访评价（代居民记录）'} testId="rating-form">
      <ChoiceList layout="list" options={CHOICES} value={rating} onChange={setRating} testId="rating" label="评价" />
      {errors['body.rating'] && <Text className="grv-error">{errors['body.rating']}</Text>}
      <TextField
        label={rating === 'unsatisfied' ? '哪里不满意' : '评价意见（选填）'}
        required={rating === 'unsatisfied'}
        multiline
        value={comment}
        onChange={setComment}
        error={errors['body.comment']}
        testId="field-rating-comment"
        inputTestId="input-rating-comment"
        maxLength={200}
      />
      {error && !Object.keys(errors).length && <Text className="grv-error">{error}</Text>}
      <View style={{ marginTop: '16px' }}>
        <ActionButton block loading={busy} onClick={() => void submit()} testId="rating-submit">
          提交评价
        </ActionButton>
      </View>
    </Card>
  );
}
