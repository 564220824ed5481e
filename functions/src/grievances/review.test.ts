import { $set } from 'dynamodb-toolbox/entity/actions/update/symbols';
import type { GrievanceDetail } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import {
  caller,
  C,
  fakeChecker,
  hoursLater,
  seedCommunity,
  submitAs,
  type Intent,
  type PersonKey,
} from '../../test/grievanceFixture';
import { itemsOf } from '../../test/tableScan';
import { grievances } from '../db/entities/grievance';
import { mediaChecks } from '../db/entities/mediaCheck';
import { applyMediaVerdict } from '../moderation/mediaVerdicts';
import { backfillHeldGrievanceContent } from '../moderation/backfillHeld';
import { moderationCases } from '../db/entities/moderationCase';
import { moderationQueueEntries } from '../db/entities/moderationQueueEntry';
import { postMessage } from './conversation';
import { getCase, listCommunity } from './queries';
import { listReviews, reviewContent } from './review';
import { detailView } from './views';

// Many DynamoDB Local round trips per test on a shared machine.
jest.setTimeout(60_000);
useTestTable();
beforeAll(seedCommunity);

// Photo links are presigned locally (no S3 call); the signer only needs some credentials.
process.env.AWS_ACCESS_KEY_ID ??= 'test';
process.env.AWS_SECRET_ACCESS_KEY ??= 'test';

const checker = fakeChecker();
const NOW = hoursLater(2);
/** The fake checker asks for a person's judgement on 加微信. */
const FLAGGED = '有人在楼道贴小广告让人加微信';

async function detailAs(who: PersonKey, id: string): Promise<GrievanceDetail> {
  const { principal, user } = caller(who);
  const { parts, access, settings } = await getCase({ principal, communityId: C, grievanceId: id });
  return detailView(parts, access, user.userId, settings, NOW);
}

const review = (who: PersonKey, id: string, input: Parameters<typeof reviewContent>[0]['input']) =>
  reviewContent({ caller: caller(who), communityId: C, grievanceId: id, input, now: NOW });
const queued = async (who: PersonKey) =>
  (await listReviews({ principal: caller(who).principal, communityId: C, page: { limit: 100 }, now: NOW })).items.map(
    (i) => `${i.grievance.grievanceId}:${i.target.kind}`,
  );
const rejections = async (id: string) =>
  (await itemsOf<Intent>('NotificationIntent'))
    .filter((i) => i.event === 'grievance.contentRejected' && i.link.includes(id))
    .map((i) => i.recipientId);
const reviewEvents = async (id: string) =>
  (await itemsOf<{ grievanceId: string; kind: string; action: string }>('GrievanceEvent')).filter(
    (e) => e.grievanceId === id && e.kind.startsWith('review#'),
  );

describe('人工复核 of a description', () => {
  it('approving makes a public request readable by neighbours and leaves the queue; the decision is a staff-only timeline entry', async () => {
    const c = await submitAs('wang', { description: FLAGGED });
    expect(await detailAs('li', c.grievanceId)).toMatchObject({
      description: undefined,
      descriptionState: 'reviewing',
    });
    expect(await detailAs('liu', c.grievanceId)).toMatchObject({ descriptionAwaitingReview: true, canReview: true });
    expect(await queued('sun')).toContain(`${c.grievanceId}:description`);
    expect(await queued('liu')).toContain(`${c.grievanceId}:description`);

    const asReviewer = await review('sun', c.grievanceId, {
      target: { kind: 'description' },
      decision: 'approve',
      reason: '正常反映问题',
    });
    expect(asReviewer).toMatchObject({ descriptionState: 'visible', canReview: false });
    expect(asReviewer.descriptionAwaitingReview).toBeUndefined();
    expect(asReviewer.timeline.map((e) => e.action)).toEqual(['submit', 'approveContent']);

    const asNeighbour = await detailAs('li', c.grievanceId);
    expect(asNeighbour).toMatchObject({ description: FLAGGED, descriptionState: 'visible' });
    expect(asNeighbour.timeline.map((e) => e.action)).toEqual(['submit']);
    const feed = await listCommunity({
      principal: caller('li').principal,
      communityId: C,
      status: undefined,
      page: { limit: 100 },
      now: NOW,
    });
    expect(feed.items.find((i) => i.grievanceId === c.grievanceId)?.excerpt).toBe(FLAGGED);
    expect(await queued('sun')).not.toContain(`${c.grievanceId}:description`);
    expect(await rejections(c.grievanceId)).toEqual([]);
  });

  it('rejecting hides it from neighbours, tells the reporter why, and notifies them once', async () => {
    const c = await submitAs('wang', { description: FLAGGED });
    await review('liu', c.grievanceId, {
      target: { kind: 'description' },
      decision: 'reject',
      reason: '含联系方式广告',
    });
    expect(await detailAs('li', c.grievanceId)).toMatchObject({
      description: undefined,
      descriptionState: 'rejected',
      excerpt: '内容未通过审核',
    });
    expect(await detailAs('wang', c.grievanceId)).toMatchObject({
      description: FLAGGED,
      descriptionState: 'rejected',
      descriptionRejectedReason: '诉求描述：含联系方式广告',
    });
    expect(await rejections(c.grievanceId)).toEqual(['wang']);
    expect(await queued('sun')).not.toContain(`${c.grievanceId}:description`);
  });

  it('is idempotent on retry, and answers 409 for content not in review or decided the other way', async () => {
    const c = await submitAs('wang', { description: FLAGGED });
    const reject = { target: { kind: 'description' as const }, decision: 'reject' as const, reason: '含联系方式广告' };
    await review('sun', c.grievanceId, reject);
    await expect(review('sun', c.grievanceId, reject)).resolves.toMatchObject({ descriptionState: 'rejected' });
    await expect(review('liu', c.grievanceId, reject)).resolves.toBeDefined();
    expect(await reviewEvents(c.grievanceId)).toHaveLength(1);
    expect(await rejections(c.grievanceId)).toEqual(['wang']);
    await expect(
      review('sun', c.grievanceId, { target: { kind: 'description' }, decision: 'approve' }),
    ).rejects.toMatchObject({ status: 409 });

    const clean = await submitAs('wang', { description: '楼道灯不亮，晚上很黑' });
    await expect(
      review('sun', clean.grievanceId, { target: { kind: 'description' }, decision: 'approve' }),
    ).rejects.toMatchObject({ status: 409, code: 'NOT_IN_REVIEW' });
    expect(await reviewEvents(clean.grievanceId)).toEqual([]);
  });

  it('lets one of two reviewers deciding at once win; the other gets 409', async () => {
    const c = await submitAs('wang', { description: FLAGGED });
    const results = await Promise.allSettled([
      review('sun', c.grievanceId, { target: { kind: 'description' }, decision: 'approve' }),
      review('liu', c.grievanceId, { target: { kind: 'description' }, decision: 'reject', reason: '广告' }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(results.find((r) => r.status === 'rejected')).toMatchObject({ reason: { status: 409 } });
    expect(await reviewEvents(c.grievanceId)).toHaveLength(1);
  });

  it('refuses residents, staff of another grid or community, and hides other communities’ queues', async () => {
    const c = await submitAs('wang', { description: FLAGGED });
    const approve = { target: { kind: 'description' as const }, decision: 'approve' as const };
    await expect(review('li', c.grievanceId, approve)).rejects.toMatchObject({ status: 403 });
    await expect(review('zhao', c.grievanceId, approve)).rejects.toMatchObject({ status: 403 });
    await expect(review('wu', c.grievanceId, approve)).rejects.toMatchObject({ status: 404 });
    const priv = await submitAs('wang', { description: FLAGGED, visibility: 'private' });
    await expect(review('zhao', priv.grievanceId, approve)).rejects.toMatchObject({ status: 404 });
    expect(await queued('zhao')).not.toContain(`${c.grievanceId}:description`);
    expect(await queued('wu')).toEqual([]);
    expect((await detailAs('li', c.grievanceId)).descriptionState).toBe('reviewing');
  });
});

describe('人工复核 of messages and photos', () => {
  it('a flagged message reaches the reporter once approved; a rejected one tells its author', async () => {
    const c = await submitAs('wang');
    await postMessage(
      {
        caller: caller('liu'),
        communityId: C,
        grievanceId: c.grievanceId,
        input: { clientMessageId: 'a', text: '有事加微信联系我' },
        now: NOW,
      },
      { checker },
    );
    await postMessage(
      {
        caller: caller('wang'),
        communityId: C,
        grievanceId: c.grievanceId,
        input: { clientMessageId: 'b', text: '好的我加微信' },
        now: NOW,
      },
      { checker },
    );
    const before = await detailAs('wang', c.grievanceId);
    const staffMessage = before.messages!.find((m) => !m.mine)!;
    const reporterMessage = before.messages!.find((m) => m.mine)!;
    expect(staffMessage).toMatchObject({ state: 'reviewing', text: undefined });
    expect(reporterMessage).toMatchObject({ state: 'visible', awaitingReview: true });
    expect(await queued('sun')).toEqual(expect.arrayContaining([`${c.grievanceId}:message`]));

    await expect(
      review('liu', c.grievanceId, {
        target: { kind: 'message', messageId: staffMessage.messageId },
        decision: 'approve',
      }),
    ).rejects.toMatchObject({ status: 403 });
    await review('sun', c.grievanceId, {
      target: { kind: 'message', messageId: staffMessage.messageId },
      decision: 'approve',
    });
    await review('sun', c.grievanceId, {
      target: { kind: 'message', messageId: reporterMessage.messageId },
      decision: 'reject',
      reason: '请勿留私人联系方式',
    });
    const after = await detailAs('wang', c.grievanceId);
    expect(after.messages!.find((m) => m.messageId === staffMessage.messageId)).toMatchObject({
      state: 'visible',
      text: '有事加微信联系我',
    });
    expect(after.messages!.find((m) => m.messageId === reporterMessage.messageId)).toMatchObject({
      state: 'rejected',
      rejectedReason: '留言：请勿留私人联系方式',
    });
    expect(
      (await detailAs('liu', c.grievanceId)).messages!.find((m) => m.messageId === reporterMessage.messageId),
    ).toMatchObject({ state: 'rejected', text: undefined });
    expect(await rejections(c.grievanceId)).toEqual(['wang']);
    await expect(
      review('sun', c.grievanceId, { target: { kind: 'message', messageId: 'mnosuchmessage' }, decision: 'approve' }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('a photo WeChat wants judged is queued, approved for neighbours, and a late push never undoes the decision', async () => {
    const c = await submitAs('wang');
    const photo = {
      key: `grievances/${C}/wang/p1.jpg`,
      role: 'report' as const,
      check: 'pending' as const,
      traceId: 'trace-review-1',
      by: 'wang',
      at: NOW.toISOString(),
    };
    await grievances.update({ communityId: C, grievanceId: c.grievanceId, photos: $set({ pphoto1: photo }) });
    await mediaChecks.put({
      traceId: 'trace-review-1',
      subject: 'grievancePhoto',
      communityId: C,
      grievanceId: c.grievanceId,
      photoId: 'pphoto1',
      startedAt: NOW.toISOString(),
      ttl: 2_000_000_000,
    });
    await applyMediaVerdict('trace-review-1', 'review', NOW);
    await applyMediaVerdict('trace-review-1', 'review', NOW);
    expect((await detailAs('li', c.grievanceId)).photos).toEqual([
      expect.objectContaining({ photoId: 'pphoto1', state: 'reviewing', url: undefined }),
    ]);
    const items = (
      await listReviews({ principal: caller('sun').principal, communityId: C, page: { limit: 100 }, now: NOW })
    ).items.filter((i) => i.grievance.grievanceId === c.grievanceId);
    expect(items).toEqual([
      expect.objectContaining({
        target: { kind: 'photo', photoId: 'pphoto1' },
        url: expect.any(String),
        author: { name: '王阿姨', role: 'reporter' },
      }),
    ]);

    await review('liu', c.grievanceId, { target: { kind: 'photo', photoId: 'pphoto1' }, decision: 'approve' });
    expect((await detailAs('li', c.grievanceId)).photos).toEqual([
      expect.objectContaining({ photoId: 'pphoto1', state: 'visible' }),
    ]);
    expect(await applyMediaVerdict('trace-review-1', 'review', NOW)).toBe('gone');
    expect((await detailAs('li', c.grievanceId)).photos[0]?.state).toBe('visible');
    expect(await queued('sun')).not.toContain(`${c.grievanceId}:photo`);
  });
});

describe('one queue: 人工复核 and 内容审核 share the case', () => {
  type Case = { contentKey: string; status: string; held: boolean };
  const caseOf = async (id: string) =>
    (await itemsOf<Case>('ModerationCase')).find((k) => k.contentKey === `grievanceContent#${id}#description`);
  const queueEntryOf = async (id: string) =>
    (await itemsOf<{ contentKey: string }>('ModerationQueueEntry')).find(
      (k) => k.contentKey === `grievanceContent#${id}#description`,
    );

  it('a held description opens its moderation case with the submission; a decision here closes it and logs the text', async () => {
    const c = await submitAs('wang', { description: FLAGGED });
    expect(await caseOf(c.grievanceId)).toMatchObject({ status: 'open', held: true });
    expect(await queueEntryOf(c.grievanceId)).toBeDefined();
    await review('liu', c.grievanceId, { target: { kind: 'description' }, decision: 'reject', reason: '广告' });
    expect(await caseOf(c.grievanceId)).toMatchObject({ status: 'removed' });
    expect(await queueEntryOf(c.grievanceId)).toBeUndefined();
    const log = (await itemsOf<{ contentKey: string; text: string; decision: string }>('ModerationLogEntry')).filter(
      (e) => e.contentKey === `grievanceContent#${c.grievanceId}#description`,
    );
    expect(log).toEqual([expect.objectContaining({ text: FLAGGED, decision: 'remove' })]);
  });

  it('the backfill queues content held before, once, and leaves decided content alone', async () => {
    const legacy = await submitAs('wang', { description: FLAGGED });
    const decided = await submitAs('wang', { description: FLAGGED });
    // As before this change: a 待人工复核 marker, no case.
    for (const id of [legacy.grievanceId, decided.grievanceId]) {
      const contentKey = `grievanceContent#${id}#description`;
      await moderationCases.delete({ communityId: C, contentKey });
      await moderationQueueEntries.delete({ communityId: C, contentKey });
    }
    await review('sun', decided.grievanceId, { target: { kind: 'description' }, decision: 'approve' });

    const first = await backfillHeldGrievanceContent({ communityId: C });
    expect(first.queued).toBeGreaterThanOrEqual(1);
    expect(await caseOf(legacy.grievanceId)).toMatchObject({ status: 'open', held: true });
    expect(await queueEntryOf(legacy.grievanceId)).toBeDefined();
    expect(await caseOf(decided.grievanceId)).toBeUndefined();
    expect(await backfillHeldGrievanceContent({ communityId: C })).toMatchObject({ queued: 0 });
  });
});
