import {
  agoraRoutes,
  buildingIdOf,
  grievanceRoutes,
  moderationRoutes,
  notificationApi,
  type ReportTarget,
  type ReportReason,
} from '@linli/shared';
import { DEMO_COMMUNITY_ID, OTHER_COMMUNITY_ID } from '../../../devstack/seed/personas';
import { newRequest, submit } from './grievanceHelpers';
import { call, eventually, signIn, step } from './http';

/**
 * 举报与内容审核 over HTTP: three distinct residents hide a 网格员's 议事 comment at the default
 * threshold (3), a fourth report of the same resident is refused, nobody reports their own words or
 * another community's, the committee restores or removes from one queue, and a comment WeChat held
 * — which had no staff route before — is cleared and becomes visible.
 */
const communityId = DEMO_COMMUNITY_ID;
const B3 = buildingIdOf(communityId, '3栋');
let seq = 0;
const rid = () => `mod${Date.now().toString(36)}${++seq}`;

const tokens = {} as Record<'wang' | 'li' | 'zhang' | 'liu' | 'sun' | 'wu', string>;
beforeAll(async () => {
  for (const who of ['wang', 'li', 'zhang', 'liu', 'sun', 'wu'] as const) tokens[who] = await signIn(who);
});

const report = (
  who: keyof typeof tokens,
  target: ReportTarget,
  reason: ReportReason = 'ad',
  cid: string = communityId,
) => call(moderationRoutes.report, { token: tokens[who], params: { communityId: cid }, body: { target, reason } });

const comments = (who: keyof typeof tokens, topicId: string) =>
  call(agoraRoutes.listComments, { token: tokens[who], params: { communityId, topicId } });

const queue = () => call(moderationRoutes.queue, { token: tokens.sun, params: { communityId }, query: { limit: 100 } });

const topic = step(async () => {
  const res = await call(agoraRoutes.createTopic, {
    token: tokens.sun,
    params: { communityId },
    body: { title: `楼道堆物整治 ${rid()}`, description: '征询居民意见', requestId: rid() },
  });
  expect(res.status).toBe(201);
  return res.body.topicId;
});

async function commentBy(who: keyof typeof tokens, body: string) {
  const topicId = await topic();
  const res = await call(agoraRoutes.addComment, {
    token: tokens[who],
    params: { communityId, topicId },
    body: { body, kind: 'comment', requestId: rid() },
  });
  expect(res.status).toBe(201);
  return { kind: 'topicComment' as const, topicId, commentId: res.body.commentId };
}

describe('reports', () => {
  it('hide a comment at exactly the third distinct resident, for everyone but its author and the committee', async () => {
    const target = await commentBy('liu', '周末统一清理，大家把东西搬回家');
    const seenBy = async (who: keyof typeof tokens) =>
      (await comments(who, target.topicId)).body.items.find((c) => c.commentId === target.commentId);

    expect((await report('wang', target, 'ad')).status).toBe(201);
    expect((await report('li', target, 'incivility')).status).toBe(201);
    expect(await seenBy('zhang')).toBeDefined();
    // The same resident again: refused, and it does not count.
    const twice = await report('wang', target, 'harassment');
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({ error: { code: 'ALREADY_REPORTED' } });
    expect(await seenBy('zhang')).toBeDefined();

    expect((await report('zhang', target, 'ad')).status).toBe(201);
    expect(await seenBy('wang')).toBeUndefined();
    expect(await seenBy('liu')).toMatchObject({ mine: true, moderation: 'hidden' });
    expect(await seenBy('sun')).toMatchObject({ moderation: 'hidden' });

    const item = (await queue()).body.items.find((i) => i.target.kind === 'topicComment' && i.text.startsWith('周末'));
    expect(item).toMatchObject({
      hidden: true,
      held: false,
      reportCount: 3,
      reasons: [
        { reason: 'ad', count: 2 },
        { reason: 'incivility', count: 1 },
      ],
    });

    // 恢复: visible again, its reports closed; a later report is recorded but hides nothing.
    const restored = await call(moderationRoutes.decide, {
      token: tokens.sun,
      params: { communityId },
      body: { target, decision: 'restore' },
    });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({
      decision: 'restore',
      text: '周末统一清理，大家把东西搬回家',
      reportCount: 3,
    });
    const back = await seenBy('wang');
    expect(back).toBeDefined();
    expect(back?.moderation).toBeUndefined();
    expect((await queue()).body.items.some((i) => JSON.stringify(i.target) === JSON.stringify(target))).toBe(false);
    const again = await call(moderationRoutes.decide, {
      token: tokens.sun,
      params: { communityId },
      body: { target, decision: 'remove', reason: '广告' },
    });
    expect(again.body).toMatchObject({ error: { code: 'NOT_IN_REVIEW' } });
  });

  it('counts three reports sent at the same moment exactly once each, and hides the comment', async () => {
    const target = await commentBy('liu', `同一时刻的三个举报 ${rid()}`);
    const answers = await Promise.all((['wang', 'li', 'zhang'] as const).map((who) => report(who, target, 'other')));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 201]);
    const item = (await queue()).body.items.find(
      (i) => i.target.kind === 'topicComment' && i.target.commentId === target.commentId,
    );
    expect(item).toMatchObject({ reportCount: 3, hidden: true, reasons: [{ reason: 'other', count: 3 }] });
    expect((await comments('wang', target.topicId)).body.items.some((c) => c.commentId === target.commentId)).toBe(
      false,
    );
  });

  it('refuses one’s own content and content of another community', async () => {
    const target = await commentBy('wang', '我家门口的鞋柜下周搬走');
    const own = await report('wang', target);
    expect(own.status).toBe(403);
    // 吴主任 of 西园 reports, in her own community, what exists only in this one.
    expect((await report('wu', target, 'ad', OTHER_COMMUNITY_ID)).status).toBe(404);
    // And a stranger to this community is stopped before anything is read.
    expect((await report('wu', target)).status).toBe(403);
  });

  it('hides a public 诉求 from neighbours and removes it with a reason its reporter reads in the inbox', async () => {
    const request = await submit(
      tokens.zhang,
      newRequest({ description: `楼下小广告太多 ${rid()}`, location: { kind: 'building', buildingId: B3 } }),
    );
    const target = { kind: 'grievance' as const, grievanceId: request.grievanceId };
    for (const who of ['wang', 'li', 'sun'] as const) expect((await report(who, target, 'untrue')).status).toBe(201);
    const get = (who: keyof typeof tokens) =>
      call(grievanceRoutes.get, { token: tokens[who], params: { communityId, grievanceId: request.grievanceId } });
    expect((await get('wang')).status).toBe(404);
    expect((await get('zhang')).body).toMatchObject({ moderation: 'hidden' });

    const removal = await call(moderationRoutes.decide, {
      token: tokens.sun,
      params: { communityId },
      body: { target, decision: 'remove' },
    });
    expect(removal.status).toBe(400);
    const removed = await call(moderationRoutes.decide, {
      token: tokens.sun,
      params: { communityId },
      body: { target, decision: 'remove', reason: '内容不实，已核实' },
    });
    expect(removed.body).toMatchObject({
      decision: 'remove',
      reason: '内容不实，已核实',
      decidedBy: expect.any(String),
    });
    expect((await get('wang')).status).toBe(404);
    expect((await get('zhang')).body).toMatchObject({ moderation: 'removed' });
    await eventually(async () => {
      const inbox = await call(notificationApi.listInbox, { token: tokens.zhang, params: {}, query: { limit: 50 } });
      return inbox.body.items?.find((m) => m.body.includes('内容不实，已核实'));
    }, 'the removal notice in the reporter’s inbox');

    const log = await call(moderationRoutes.log, { token: tokens.sun, params: { communityId }, query: { limit: 20 } });
    expect(
      log.body.items.find((e) => e.target.kind === 'grievance' && e.target.grievanceId === request.grievanceId),
    ).toMatchObject({ text: request.description, decision: 'remove', reportCount: 3 });
  });
});

describe('a resident’s proposal', () => {
  it('is hidden from the list and its page at the threshold, and visible again once restored', async () => {
    const proposed = await call(agoraRoutes.proposeTopic, {
      token: tokens.zhang,
      params: { communityId },
      body: { title: `小区门口设快递柜 ${rid()}`, description: '方便上班族取件', requestId: rid() },
    });
    expect(proposed.status).toBe(201);
    const { topicId } = proposed.body;
    const target = { kind: 'topic' as const, topicId };
    const listed = async (who: keyof typeof tokens) =>
      (
        await call(agoraRoutes.listTopics, {
          token: tokens[who],
          params: { communityId },
          query: { bucket: 'proposals', limit: 50 },
        })
      ).body.items.some((t) => t.topicId === topicId);
    const page = (who: keyof typeof tokens) =>
      call(agoraRoutes.getTopic, { token: tokens[who], params: { communityId, topicId } });

    expect((await page('wang')).body).toMatchObject({ proposedByMe: false });
    expect((await report('zhang', target)).status).toBe(403);
    for (const who of ['wang', 'li', 'liu'] as const) expect((await report(who, target, 'untrue')).status).toBe(201);
    expect(await listed('wang')).toBe(false);
    expect((await page('wang')).status).toBe(404);
    expect((await page('zhang')).body).toMatchObject({ moderation: 'hidden', proposedByMe: true });

    const restored = await call(moderationRoutes.decide, {
      token: tokens.sun,
      params: { communityId },
      body: { target, decision: 'restore', reason: '属实的提议' },
    });
    expect(restored.status).toBe(200);
    expect(await listed('wang')).toBe(true);
    expect((await page('wang')).status).toBe(200);
  });
});

describe('held 议事 comments', () => {
  it('wait in the committee’s queue and, cleared, become visible to neighbours', async () => {
    const target = await commentBy('zhang', '有需要的加微信聊');
    expect((await comments('wang', target.topicId)).body.items.some((c) => c.commentId === target.commentId)).toBe(
      false,
    );
    const item = (await queue()).body.items.find(
      (i) => i.target.kind === 'topicComment' && i.target.commentId === target.commentId,
    );
    expect(item).toMatchObject({ held: true, reportCount: 0 });
    expect(
      (
        await call(moderationRoutes.decide, {
          token: tokens.sun,
          params: { communityId },
          body: { target, decision: 'restore' },
        })
      ).status,
    ).toBe(200);
    expect(
      (await comments('wang', target.topicId)).body.items.find((c) => c.commentId === target.commentId),
    ).toMatchObject({ held: false });
  });
});

describe('held 诉求 content (人工复核 in the one queue)', () => {
  const decide = (who: keyof typeof tokens, body: object) =>
    call(moderationRoutes.decide, { token: tokens[who], params: { communityId }, body: body as never });
  const reviews = async (who: keyof typeof tokens) =>
    (
      await call(grievanceRoutes.listReviews, { token: tokens[who], params: { communityId }, query: { limit: 100 } })
    ).body.items.map((i) => `${i.grievance.grievanceId}:${i.target.kind}`);
  const queued = async (grievanceId: string) =>
    (await queue()).body.items.filter(
      (i) => i.target.kind === 'grievanceContent' && i.target.grievanceId === grievanceId,
    );
  const get = (who: keyof typeof tokens, grievanceId: string) =>
    call(grievanceRoutes.get, { token: tokens[who], params: { communityId, grievanceId } });

  it('a description WeChat held waits in 内容审核 from the moment it is stored, and 恢复 shows it to neighbours', async () => {
    const description = `3栋楼道贴满小广告，写着加微信办证 ${rid()}`;
    const c = await submit(tokens.wang, newRequest({ description, location: { kind: 'building', buildingId: B3 } }));
    const target = { kind: 'grievanceContent' as const, grievanceId: c.grievanceId, part: 'description' as const };
    expect(await queued(c.grievanceId)).toEqual([
      expect.objectContaining({ target, kind: 'grievanceContent', held: true, text: description, reportCount: 0 }),
    ]);
    // The same item on the handlers' 待人工复核 list.
    expect(await reviews('liu')).toContain(`${c.grievanceId}:description`);
    // 网格员 judge on the 诉求 (人工复核), not on 内容审核 (the committee's).
    expect((await decide('liu', { target, decision: 'restore' })).status).toBe(403);
    expect((await decide('sun', { target, decision: 'remove', reason: '广'.repeat(101) })).status).toBe(400);

    const restored = await decide('sun', { target, decision: 'restore' });
    expect(restored).toMatchObject({ status: 200, body: { decision: 'restore', held: true, text: description } });
    expect((await get('li', c.grievanceId)).body).toMatchObject({ descriptionState: 'visible', description });
    expect((await get('sun', c.grievanceId)).body.timeline.map((e) => e.action)).toEqual(['submit', 'approveContent']);
    expect(await queued(c.grievanceId)).toEqual([]);
    expect(await reviews('sun')).not.toContain(`${c.grievanceId}:description`);
    // Decided once: a second decision, from either page, is 409.
    expect(await decide('sun', { target, decision: 'remove', reason: '广告' })).toMatchObject({
      status: 409,
      body: { error: { code: 'NOT_IN_REVIEW' } },
    });
    const log = await call(moderationRoutes.log, { token: tokens.sun, params: { communityId }, query: { limit: 20 } });
    expect(
      log.body.items.find((e) => e.target.kind === 'grievanceContent' && e.target.grievanceId === c.grievanceId),
    ).toMatchObject({ text: description, decision: 'restore', held: true });
  });

  it('移除 is 人工复核’s 不通过: hidden from neighbours, the author told why, the text kept in the log', async () => {
    const description = `修水管的请加微信找我 ${rid()}`;
    const c = await submit(tokens.zhang, newRequest({ description, location: { kind: 'building', buildingId: B3 } }));
    const target = { kind: 'grievanceContent' as const, grievanceId: c.grievanceId, part: 'description' as const };
    expect(await decide('sun', { target, decision: 'remove' })).toMatchObject({ status: 400 });
    const removed = await decide('sun', { target, decision: 'remove', reason: '含联系方式的广告' });
    expect(removed).toMatchObject({
      status: 200,
      body: { decision: 'remove', reason: '含联系方式的广告', text: description },
    });
    expect((await get('li', c.grievanceId)).body).toMatchObject({ descriptionState: 'rejected' });
    expect((await get('zhang', c.grievanceId)).body).toMatchObject({
      descriptionRejectedReason: expect.stringContaining('含联系方式的广告'),
    });
    await eventually(async () => {
      const inbox = await call(notificationApi.listInbox, { token: tokens.zhang, params: {}, query: { limit: 50 } });
      return inbox.body.items?.find((m) => m.body.includes('含联系方式的广告'));
    }, 'the rejection notice in the author’s inbox');
  });

  it('a held message decided on the 诉求 itself (人工复核) leaves 内容审核 and is logged there too', async () => {
    const c = await submit(
      tokens.wang,
      newRequest({ description: `3栋楼道灯坏了 ${rid()}`, location: { kind: 'building', buildingId: B3 } }),
    );
    const text = `师傅电话多少？加微信说 ${rid()}`;
    const posted = await call(grievanceRoutes.postMessage, {
      token: tokens.wang,
      params: { communityId, grievanceId: c.grievanceId },
      body: { clientMessageId: rid(), text },
    });
    expect(posted.status).toBe(201);
    const messageId = posted.body.messages!.find((m) => m.text === text)!.messageId;
    expect(await queued(c.grievanceId)).toEqual([
      expect.objectContaining({
        target: { kind: 'grievanceContent', grievanceId: c.grievanceId, part: 'message', partId: messageId },
        text,
      }),
    ]);
    const approved = await call(grievanceRoutes.reviewContent, {
      token: tokens.liu,
      params: { communityId, grievanceId: c.grievanceId },
      body: { target: { kind: 'message', messageId }, decision: 'approve' },
    });
    expect(approved.status).toBe(200);
    expect(await queued(c.grievanceId)).toEqual([]);
    const log = await call(moderationRoutes.log, { token: tokens.sun, params: { communityId }, query: { limit: 20 } });
    expect(
      log.body.items.find((e) => e.target.kind === 'grievanceContent' && e.target.grievanceId === c.grievanceId),
    ).toMatchObject({ text, decision: 'restore', decidedBy: expect.stringContaining('刘') });
  });
});
