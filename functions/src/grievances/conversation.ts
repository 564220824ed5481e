import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { OPEN_STATUSES, stableHash, type GrievanceDetail } from '@linli/shared';
import { grievances } from '../db/entities/grievance';
import { grievanceMessages, type GrievanceMessageItem } from '../db/entities/grievanceMessage';
import { grievanceNotes, type GrievanceNoteItem } from '../db/entities/grievanceNote';
import { grievanceSupports } from '../db/entities/grievanceSupport';
import { failedWrites, transact } from '../db/transactions';
import { conflict, forbidden } from '../http/errors';
import { isConditionFailure } from '../db/errors';
import { canMessage, canSupport } from './access';
import { screenTexts } from './contentCheck';
import { loadVisibleCase, settingsOf } from './repository';
import { flagForReview } from './review';
import type { CaseRequest, GrievanceDeps } from './requests';
import { detailView } from './views';

const OPEN_FOR_SUPPORT = [...OPEN_STATUSES];

/** Ids of what a person writes derive from their own client id: a resend lands on the same item. */
const idFor = (prefix: string, ...parts: string[]) => `${prefix}${stableHash(parts.join('|')).slice(0, 16)}`;

async function putOnce(put: () => Promise<unknown>): Promise<void> {
  try {
    await put();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** A message between the reporter and the handlers; screened before the other side sees it. */
export async function postMessage(
  { caller, communityId, grievanceId, input, now }: CaseRequest & { input: { clientMessageId: string; text: string } },
  deps: GrievanceDeps,
): Promise<GrievanceDetail> {
  const { parts, access } = await loadVisibleCase(caller.principal, communityId, grievanceId);
  const c = parts.grievance;
  if (c.status === 'closed' || c.status === 'withdrawn') throw conflict('诉求已结束，不能再留言');
  if (!canMessage(access, c)) throw forbidden('只有提交人和办理人可以留言');
  const { text } = await screenTexts(
    { openid: caller.user.openid, fields: { text: input.text }, allowReview: true },
    deps,
  );
  const message: GrievanceMessageItem = {
    communityId,
    grievanceId,
    messageId: idFor('m', grievanceId, caller.user.userId, input.clientMessageId),
    authorId: caller.user.userId,
    authorName: caller.user.nickname,
    authorRole: access.isReporter && c.source === 'resident' ? 'reporter' : (access.handlerRole ?? 'reporter'),
    text: input.text,
    textCheck: text,
    at: now.toISOString(),
  };
  const once = { condition: { attr: 'messageId', exists: false } } as const;
  // Text WeChat wants a person to judge joins 待人工复核 and 内容审核 in the same write.
  await putOnce(() =>
    text === 'review'
      ? transact({
          message: grievanceMessages.transactPut(message, once),
          ...flagForReview(
            communityId,
            grievanceId,
            { kind: 'message', messageId: message.messageId },
            message.at,
            message.authorId,
          ),
        })
      : grievanceMessages.put(message, once),
  );
  const messages = parts.messages.some((m) => m.messageId === message.messageId)
    ? parts.messages
    : [...parts.messages, message];
  const { settings } = await settingsOf(communityId);
  return detailView({ ...parts, messages }, access, caller.user.userId, settings, now);
}

/** 内部备注: staff only; no answer to a reporter, household or neighbour ever includes it. */
export async function addNote(
  { caller, communityId, grievanceId, input, now }: CaseRequest & { input: { clientNoteId: string; text: string } },
  deps: GrievanceDeps,
): Promise<GrievanceDetail> {
  const { parts, access } = await loadVisibleCase(caller.principal, communityId, grievanceId);
  if (!access.handlerRole) throw forbidden('只有办理人可以写内部备注');
  await screenTexts({ openid: caller.user.openid, fields: { text: input.text }, allowReview: true }, deps);
  const note: GrievanceNoteItem = {
    communityId,
    grievanceId,
    noteId: idFor('n', grievanceId, caller.user.userId, input.clientNoteId),
    authorId: caller.user.userId,
    authorName: caller.user.nickname,
    authorRole: access.handlerRole,
    text: input.text,
    at: now.toISOString(),
  };
  // A transaction of one: the staff-log entry commits with the note; a retry of the same note writes neither.
  await putOnce(() =>
    transact({ note: grievanceNotes.transactPut(note, { condition: { attr: 'noteId', exists: false } }) }),
  );
  const notes = parts.notes.some((n) => n.noteId === note.noteId) ? parts.notes : [...parts.notes, note];
  const { settings } = await settingsOf(communityId);
  return detailView({ ...parts, notes }, access, caller.user.userId, settings, now);
}

/**
 * "我也遇到": the person's support item and the case's counter move in one transaction, the item on
 * the condition that it does not exist yet, so however often someone taps, they count once.
 */
export async function support({ caller, communityId, grievanceId, now }: CaseRequest) {
  const { parts, access } = await loadVisibleCase(caller.principal, communityId, grievanceId);
  const c = parts.grievance;
  if (access.isReporter) throw conflict('这是您自己提交的诉求');
  if (access.handlerRole) throw conflict('您经办这件诉求，不需要附议');
  if (!canSupport(access, c)) throw conflict('该诉求已结束，不能再附议');
  const userId = caller.user.userId;
  const writes = {
    support: grievanceSupports.transactPut(
      { communityId, grievanceId, userId, at: now.toISOString() },
      { condition: { attr: 'userId', exists: false } },
    ),
    count: grievances.transactUpdate(
      { communityId, grievanceId, supportCount: $add(1) },
      { condition: { attr: 'status', in: OPEN_FOR_SUPPORT } },
    ),
  };
  try {
    await transact(writes);
    return { supportCount: c.supportCount + (parts.supportedByMe ? 0 : 1), supportedByMe: true as const };
  } catch (error) {
    const failed = failedWrites(error, writes);
    if (failed?.has('support')) return { supportCount: c.supportCount, supportedByMe: true as const };
    if (failed?.has('count')) throw conflict('该诉求已结束，不能再附议');
    throw error;
  }
}
