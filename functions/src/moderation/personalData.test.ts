import { useTestTable } from '../../test/testTable';
import { moderation } from '../db/registries/moderation';
import { transact } from '../db/transactions';
import { heldDecisionWrites } from './held';
import { ERASED_AUTHOR, moderationSection } from './personalData';

/**
 * Erasure and the moderation log: an erased author's name and id leave every entry about their content,
 * which keeps the text the committee decided on; other authors' entries are untouched.
 */
useTestTable();

const C = 'c-moderation-erasure';
const at = (n: number) => `2026-12-07T08:0${n}:00.000Z`;

async function decided(authorId: string, authorName: string, n: number) {
  const { writes } = heldDecisionWrites(
    {
      communityId: C,
      target: { kind: 'topicComment', topicId: 't1', commentId: `cm${n}` },
      decision: 'remove',
      reason: '广告',
      content: { text: `加微信领红包 ${n}`, context: '楼道堆物整治', authorId, authorName },
      decider: { userId: 'u-sun', name: '孙主任' },
      at: at(n),
    },
    { reportCount: 0, reasons: {} },
  );
  // Only the log entry: the case and queue marker belong to a real decision.
  await transact({ moderationLog: writes.moderationLog });
}

const log = async () => (await moderation.query.log({ communityId: C, page: { limit: 10 } }).send()).Items ?? [];

it('anonymises the erased author in the moderation log and keeps the text decided on', async () => {
  await decided('u-zhang', '张楼长', 1);
  await decided('u-zhang', '张楼长', 2);
  await decided('u-wang', '王阿姨', 3);
  expect((await moderation.query.logOfAuthor({ userId: 'u-zhang' }).send()).Items).toHaveLength(2);

  await moderationSection.erase('u-zhang', new Date(at(5)));

  const entries = await log();
  const zhangs = entries.filter((e) => e.text !== '加微信领红包 3');
  expect(zhangs).toHaveLength(2);
  for (const e of zhangs) {
    expect(e).toMatchObject({ authorName: ERASED_AUTHOR, decision: 'remove', reason: '广告' });
    expect(e.authorId).toBeUndefined();
  }
  expect(zhangs.map((e) => e.text).sort()).toEqual(['加微信领红包 1', '加微信领红包 2']);
  expect(JSON.stringify(entries)).not.toContain('张楼长');
  expect(entries.find((e) => e.text === '加微信领红包 3')).toMatchObject({ authorName: '王阿姨', authorId: 'u-wang' });
  expect((await moderation.query.logOfAuthor({ userId: 'u-zhang' }).send()).Items).toEqual([]);
  // A second erasure finds nothing left to change.
  await expect(moderationSection.erase('u-zhang', new Date(at(5)))).resolves.toBeUndefined();
});
