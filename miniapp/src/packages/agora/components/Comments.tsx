import { agoraRoutes } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { ChoiceList } from '@/components/ChoiceList/ChoiceList';
import { TextField } from '@/components/Field/TextField';
import { AsyncView } from '@/components/PageState/AsyncView';
import { StatusTag } from '@/components/StatusTag/StatusTag';
import { ReportAction } from '@/components/ReportAction/ReportAction';
import { useAsync } from '@/hooks/useAsync';
import { formatDateTime } from '@/lib/format';
import { newRequestId } from '@/packages/agora/lib/format';

const KINDS = [
  { value: 'comment' as const, label: '意见' },
  { value: 'suggestion' as const, label: '建议' },
];

/** 征询: neighbours' comments and suggestions, and a box to add one while deliberation is open. */
export function Comments({
  communityId,
  topicId,
  canComment,
}: {
  communityId: string;
  topicId: string;
  canComment: boolean;
}) {
  const list = useAsync(
    () => call(agoraRoutes.listComments, { params: { communityId, topicId }, query: { limit: 50 } }),
    [communityId, topicId],
  );
  const [body, setBody] = useState('');
  const [kind, setKind] = useState<'comment' | 'suggestion'>('comment');
  // 发表 with nothing written says why nothing happens, instead of a button that silently does nothing.
  const [empty, setEmpty] = useState(false);
  const write = (v: string) => {
    setBody(v);
    if (v.trim()) setEmpty(false);
  };
  const post = useSubmit(async () => {
    const added = await call(agoraRoutes.addComment, {
      params: { communityId, topicId },
      body: { body, kind, requestId: newRequestId() },
    });
    list.setData((d) => (d ? { ...d, items: [...d.items.filter((c) => c.commentId !== added.commentId), added] } : d));
    setBody('');
  });

  return (
    <View data-testid="comments">
      <AsyncView
        state={list}
        compact
        testId="comments-list"
        isEmpty={(l) => l.items.length === 0}
        empty={{ icon: 'comment', title: '还没有意见', hint: canComment ? '欢迎第一个发表意见或建议。' : undefined }}
      >
        {(l) => (
          <View>
            {l.items.map((c) => (
              <View key={c.commentId} className="agora__comment" data-testid="comment">
                <View className="agora__comment-head">
                  <Text className="agora__comment-author">{c.authorName}</Text>
                  <Text className="muted">{c.authorTag}</Text>
                  {c.kind === 'suggestion' && <StatusTag tone="info">建议</StatusTag>}
                  {c.held && !c.moderation && <StatusTag tone="warning">审核中，仅自己可见</StatusTag>}
                  {c.moderation === 'hidden' && <StatusTag tone="warning">待复核（他人不可见）</StatusTag>}
                  {c.moderation === 'removed' && <StatusTag tone="danger">已移除</StatusTag>}
                </View>
                <Text className="agora__comment-body">{c.body}</Text>
                <View className="agora__comment-foot">
                  <Text className="muted">{formatDateTime(c.createdAt)}</Text>
                  {!c.mine && !c.held && !c.moderation && (
                    <ReportAction
                      communityId={communityId}
                      target={{ kind: 'topicComment', topicId, commentId: c.commentId }}
                      what="这条意见"
                      testId={`report-comment-${c.commentId}`}
                    />
                  )}
                </View>
              </View>
            ))}
          </View>
        )}
      </AsyncView>
      {canComment && (
        <View className="agora__comment-form">
          <ChoiceList options={KINDS} value={kind} onChange={setKind} testId="comment-kind" label="类型" />
          <TextField
            label="我的意见"
            multiline
            value={body}
            onChange={write}
            maxLength={500}
            placeholder="说说您的看法（公开显示昵称和楼栋）"
            error={empty ? '请先写下您的意见，再点发表' : post.errorFor('body.body')}
            testId="field-comment"
            inputTestId="input-comment"
          />
          <ActionButton
            size="small"
            loading={post.busy}
            onClick={() => (body.trim() ? void post.submit() : setEmpty(true))}
            testId="comment-submit"
          >
            发表
          </ActionButton>
        </View>
      )}
    </View>
  );
}
