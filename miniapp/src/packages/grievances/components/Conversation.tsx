import { grievanceRoutes } from '@linli/shared';
import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import type { GrievanceDetail } from '@linli/shared';
import { call } from '@/api';
import { useSubmit } from '@/hooks/useSubmit';
import { ActionButton } from '@/components/ActionButton/ActionButton';
import { Card } from '@/components/Card/Card';
import { TextField } from '@/components/Field/TextField';
import { cx } from '@/lib/classNames';
import { formatDateTime } from '@/lib/format';
import { newClientId } from '@/packages/grievances/lib/clientId';

type Kind = 'messages' | 'notes';

/**
 * 留言 between the reporter and the handlers, or 内部备注 among staff (never shown to the reporter).
 * Each send carries its own client id, so a resend after a timeout does not post twice.
 */
export function Conversation({
  c,
  kind,
  onChanged,
}: {
  c: GrievanceDetail;
  kind: Kind;
  onChanged(next: GrievanceDetail): void;
}) {
  const [text, setText] = useState('');
  const [clientId, setClientId] = useState(newClientId);
  const items = kind === 'messages' ? (c.messages ?? []) : (c.notes ?? []);
  const canWrite = kind === 'messages' ? c.canMessage : true;

  const send = useSubmit(async () => {
    const params = { communityId: c.communityId, grievanceId: c.grievanceId };
    onChanged(
      kind === 'messages'
        ? await call(grievanceRoutes.postMessage, { params, body: { clientMessageId: clientId, text } })
        : await call(grievanceRoutes.addNote, { params, body: { clientNoteId: clientId, text } }),
    );
    setText('');
    setClientId(newClientId());
  });

  return (
    <Card title={kind === 'messages' ? '留言' : '内部备注（仅工作人员可见）'} testId={kind}>
      {items.length === 0 && <Text className="muted">{kind === 'messages' ? '还没有留言' : '还没有备注'}</Text>}
      {items.map((m) => {
        const mine = 'mine' in m && m.mine;
        const state = 'state' in m ? m.state : 'visible';
        const body =
          state === 'visible'
            ? m.text
            : state === 'rejected'
              ? m.text
                ? `${m.text}（未通过审核）`
                : '（未通过审核）'
              : '（内容审核中）';
        const review = 'awaitingReview' in m && m.awaitingReview ? '（待人工复核）' : '';
        const rejected = 'rejectedReason' in m ? m.rejectedReason : undefined;
        return (
          <View
            key={'messageId' in m ? m.messageId : m.noteId}
            className={cx('grv-message', mine && 'grv-message--mine')}
            data-testid={kind === 'messages' ? 'message' : 'note'}
          >
            <Text className="grv-message__who">
              {m.author.name} · {formatDateTime(m.at)}
            </Text>
            <Text>
              {body}
              {review}
            </Text>
            {rejected && <Text className="grv-error">未通过人工复核：{rejected}</Text>}
          </View>
        );
      })}
      {canWrite && (
        <>
          <TextField
            label={kind === 'messages' ? '写留言' : '写备注'}
            multiline
            value={text}
            onChange={setText}
            error={send.errorFor('body.text')}
            testId={`field-${kind}`}
            inputTestId={`input-${kind}`}
            maxLength={500}
          />
          <ActionButton
            size="small"
            loading={send.busy}
            disabled={!text.trim()}
            onClick={() => void send.submit()}
            testId={`${kind}-send`}
          >
            发送
          </ActionButton>
        </>
      )}
    </Card>
  );
}
