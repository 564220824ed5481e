import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { invalidChoices, type TopicView } from '@linli/shared';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { MultiChoice } from '@/components/MultiChoice/MultiChoice';
import { SECRECY_STATEMENT } from '@/packages/agora/lib/format';

/** What the ballot needs of a vote (a topic's, or the poll a 书面委托 proxy casts in). */
type Vote = Pick<NonNullable<TopicView['vote']>, 'ballot' | 'secrecy'>;
const BLANK = '__blank';

/**
 * The ballot: tap an option, tap 投票 — two taps on the page a share card opens. Free-form ballots
 * offer 弃权 as "none of these"; multiple choice and elections cap the picks at k.
 */
export function BallotForm({
  vote,
  busy,
  error,
  onCast,
  submitLabel = '投票',
}: {
  vote: Vote;
  busy: boolean;
  error?: string;
  onCast: (choices: string[]) => void;
  submitLabel?: string;
}) {
  const [single, setSingle] = useState<string>();
  const [many, setMany] = useState<string[]>([]);
  const [local, setLocal] = useState<string>();
  const { ballot } = vote;
  const multiple = ballot.kind === 'multiple' || ballot.kind === 'election';
  const options = ballot.options.map((o) => ({ value: o.optionId, label: o.label }));
  const choices = multiple ? many : single === BLANK ? [] : single ? [single] : [];
  const picked = multiple ? true : single !== undefined;

  const submit = () => {
    const problem = !picked ? '请先选择' : invalidChoices(ballot, choices);
    setLocal(problem);
    if (!problem) onCast(choices);
  };

  return (
    <View data-testid="ballot">
      {multiple ? (
        <>
          <Text className="agora__hint">
            {ballot.kind === 'election'
              ? `请选出不超过 ${ballot.maxChoices} 人，不选即弃权`
              : `最多选 ${ballot.maxChoices} 项，不选即弃权`}
          </Text>
          <MultiChoice
            layout="list"
            options={options}
            values={many}
            onChange={setMany}
            max={ballot.maxChoices}
            testId="ballot-option"
            label="选项"
          />
        </>
      ) : (
        <ChoiceList
          layout="list"
          options={ballot.kind === 'approve' ? options : [...options, { value: BLANK, label: '弃权' }]}
          value={single}
          onChange={setSingle}
          testId="ballot-option"
          label="选项"
        />
      )}
      {(local ?? error) && (
        <Text className="agora__error" data-testid="ballot-error" aria-live="assertive">
          {local ?? error}
        </Text>
      )}
      <ActionButton block loading={busy} onClick={submit} testId="ballot-submit">
        {submitLabel}
      </ActionButton>
      <Text className="agora__hint">
        {SECRECY_STATEMENT[vote.secrecy]}
        {vote.secrecy === 'secret'
          ? '：只记录本户已投票，选择内容与投票人分开保存；投票后您的选择只显示一次，可保存在本机。'
          : '：公示结果会列出各选项的投票户，核验码可查看选择。'}
      </Text>
    </View>
  );
}
