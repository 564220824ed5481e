import { Text, View } from '@tarojs/components';
import { useRef, useState } from 'react';
import { budgetRoutes } from '@linli/shared';
import { call } from '@/api';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { TextField } from '@/components/Field/TextField';
import { AsyncView } from '@/components/PageState/AsyncView';
import { useAsync } from '@/hooks/useAsync';
import { useSubmit } from '@/hooks/useSubmit';
import { formatDateTime } from '@/lib/format';
import { newRequestId } from '@/lib/requestId';

/**
 * 评议: residents' comments on a project and, apart from them, the 居民议事会's notes the committee records.
 * Comments open from 点单 to 投票; both stay readable after.
 */
export function Comments({
  communityId,
  roundId,
  projectId,
  canComment,
}: {
  communityId: string;
  roundId: string;
  projectId: string;
  canComment: boolean;
}) {
  const list = useAsync(
    () => call(budgetRoutes.listComments, { params: { communityId, roundId, projectId } }),
    [communityId, roundId, projectId],
  );
  const [body, setBody] = useState('');
  const requestId = useRef(newRequestId());
  const send = useSubmit(async () => {
    await call(budgetRoutes.addComment, {
      params: { communityId, roundId, projectId },
      body: { body, kind: 'comment', requestId: requestId.current },
    });
    requestId.current = newRequestId();
    setBody('');
    await list.reload();
  });
  return (
    <AsyncView state={list} compact testId="budget-comments">
      {(l) => {
        const notes = l.items.filter((c) => c.kind === 'councilNote');
        const comments = l.items.filter((c) => c.kind === 'comment');
        return (
          <View>
            <Text className="budget__subhead">居民议事会记录</Text>
            {notes.length === 0 ? (
              <Text className="budget__muted" data-testid="council-notes-empty">
                居民议事会尚未讨论本项目
              </Text>
            ) : (
              notes.map((c) => (
                <View key={c.commentId} className="budget__item budget__note" data-testid="council-note">
                  <Text className="budget__fine">
                    {c.authorName} 记录 · {formatDateTime(c.createdAt)}
                  </Text>
                  <Text className="budget__text">{c.body}</Text>
                </View>
              ))
            )}
            <Text className="budget__subhead">居民意见（{comments.length}）</Text>
            {comments.length === 0 && <Text className="budget__muted">还没有居民发表意见</Text>}
            {comments.map((c) => (
              <View key={c.commentId} className="budget__item" data-testid="comment">
                <Text className="budget__fine">
                  {c.mine ? '我' : c.authorTag} · {formatDateTime(c.createdAt)}
                  {c.held ? ' · 审核中，仅您和居委会可见' : ''}
                </Text>
                <Text className="budget__text">{c.body}</Text>
              </View>
            ))}
            {canComment && (
              <View data-testid="comment-form">
                <TextField
                  label="我的意见"
                  multiline
                  maxLength={500}
                  value={body}
                  onChange={setBody}
                  error={send.errors['body.body']}
                  placeholder="这个项目值不值得做，怎么做更好"
                  testId="field-comment"
                  inputTestId="input-comment"
                />
                {send.error && !Object.keys(send.errors).length && <Text className="budget__error">{send.error}</Text>}
                <ActionButton
                  size="small"
                  loading={send.busy}
                  onClick={() => void send.submit()}
                  testId="comment-submit"
                >
                  发表意见
                </ActionButton>
              </View>
            )}
          </View>
        );
      }}
    </AsyncView>
  );
}
