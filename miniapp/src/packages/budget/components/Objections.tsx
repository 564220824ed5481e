import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { budgetRoutes, type RoundView } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { useSubmit } from '@/hooks/useSubmit';
import { formatDateTime } from '@/lib/format';
import { newRequestId } from '@/lib/requestId';

/**
 * 异议: during 公示's seven days anyone in the community may object (to the result, or to one project); the
 * committee answers each, and 公示 does not end while one is unanswered.
 */
export function Objections({
  round,
  communityId,
  onChanged,
}: {
  round: RoundView;
  communityId: string;
  onChanged(): Promise<void>;
}) {
  const [body, setBody] = useState('');
  const [projectId, setProjectId] = useState('all');
  const requestId = useRef(newRequestId());
  const raise = useSubmit(async () => {
    await call(budgetRoutes.addObjection, {
      params: { communityId, roundId: round.roundId },
      body: { body, projectId: projectId === 'all' ? undefined : projectId, requestId: requestId.current },
    });
    requestId.current = newRequestId();
    setBody('');
    await onChanged();
  });
  const ranked = round.result?.ranked ?? [];
  if (!round.can.object && round.objections.length === 0) return null;
  return (
    <Card title={`异议（${round.objections.length}）`} testId="objections">
      {round.schedule.publicityUntil && (
        <Text className="budget__hint">
          公示期至 {formatDateTime(round.schedule.publicityUntil)}
          {round.openObjections > 0 ? `，${round.openObjections} 条异议待居委会答复` : ''}
        </Text>
      )}
      {round.objections.map((o) => (
        <View key={o.objectionId} className="budget__item" data-testid="objection">
          <Text className="budget__fine">
            {o.mine ? '我' : o.authorTag} · {formatDateTime(o.createdAt)}
            {o.projectTitle ? ` · 关于「${o.projectTitle}」` : ''}
          </Text>
          <Text className="budget__text">{o.body}</Text>
          {o.answer ? (
            <Text className="budget__answer" data-testid="objection-answer">
              {o.answer.byName}答复（{formatDateTime(o.answer.at)}）：{o.answer.text}
            </Text>
          ) : (
            <Text className="budget__fine">待答复</Text>
          )}
        </View>
      ))}
      {round.can.object && (
        <View data-testid="objection-form">
          <Text className="budget__subhead">提出异议</Text>
          <ChoiceList
            layout="list"
            options={[
              { value: 'all', label: '针对整体结果' },
              ...ranked.map((r) => ({ value: r.projectId, label: `针对「${r.title}」` })),
            ]}
            value={projectId}
            onChange={setProjectId}
            testId="objection-project"
            label="异议针对"
          />
          <TextField
            label="异议内容"
            required
            multiline
            maxLength={500}
            value={body}
            onChange={setBody}
            error={raise.errors['body.body']}
            testId="field-objection"
            inputTestId="input-objection"
          />
          {raise.error && !Object.keys(raise.errors).length && <Text className="budget__error">{raise.error}</Text>}
          <ActionButton block loading={raise.busy} onClick={() => void raise.submit()} testId="objection-submit">
            提交异议
          </ActionButton>
        </View>
      )}
    </Card>
  );
}
