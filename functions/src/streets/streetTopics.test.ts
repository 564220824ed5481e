import { HOUR_MS, type Principal } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { agoraCommunity, type Resident } from '../../test/agoraFixture';
import { communities } from '../db/entities/community';
import { streets } from '../db/entities/street';
import { castBallot } from '../agora/casting';
import { closePoll, runAgoraClock } from '../agora/closing';
import { seatsOf } from '../agora/seats';
import { getTopic, loadTopic } from '../agora/topics';
import { getStreetTopic, openStreetTopic } from './streetTopics';

/**
 * 街道议事 against DynamoDB Local: a street topic opens an ordinary poll in each of two communities, their
 * residents vote there, one closes early and the 议事厅 clock closes the other, and the street's total is
 * the sum of the two recounts, written once.
 */
useTestTable();

let seq = 0;
const rid = () => `st${Date.now().toString(36)}${++seq}`;

async function streetOf(...communityIds: string[]) {
  const streetId = `s${Date.now().toString(36)}${++seq}`;
  await streets.put({
    streetId,
    name: '测试街道',
    district: '福州市鼓楼区',
    regionCode: '350102',
    createdBy: 'admin',
    createdAt: new Date().toISOString(),
  });
  // The fixture's communities join the street (a put: the street's index key is computed on put).
  for (const communityId of communityIds) {
    const { Item } = await communities.get({ communityId });
    await communities.put({ ...Item!, streetId });
  }
  return streetId;
}

async function vote(communityId: string, who: Resident, topicId: string, choice: string, now: Date) {
  const topic = await loadTopic(communityId, topicId, true);
  const [seat] = await seatsOf(who.user, who.principal, topic);
  return castBallot({
    topic,
    seat: seat!,
    choices: [choice],
    channel: 'online',
    actor: { userId: who.user.userId, name: who.user.nickname },
    requestId: rid(),
    now,
  });
}

describe('街道议事', () => {
  it('sums the community results when the last poll is published, once', async () => {
    const [a, b] = [await agoraCommunity(), await agoraCommunity()];
    const streetId = await streetOf(a.communityId, b.communityId);
    const office = { userId: 'zhou', grants: [], memberships: [], offices: [] } as unknown as Principal;
    const now = new Date();
    const input = {
      requestId: rid(),
      title: '垃圾投放时间',
      description: '全街道征求意见',
      basis: 'household' as const,
      preset: 'consultation' as const,
      ballot: { kind: 'single' as const, options: ['早', '晚'] },
      opensAt: now.toISOString(),
      closesAt: new Date(now.getTime() + HOUR_MS).toISOString(),
    };
    const opened = await openStreetTopic({ principal: office, streetId, input, now });
    const topicId = opened.streetTopicId;
    // A retry opens nothing twice.
    expect((await openStreetTopic({ principal: office, streetId, input, now })).streetTopicId).toBe(topicId);

    await vote(a.communityId, a.people.jia, topicId, 'o1', now);
    await vote(a.communityId, a.people.yi, topicId, 'o1', now);
    await vote(a.communityId, a.people.bing, topicId, 'o2', now);
    await vote(b.communityId, b.people.jia, topicId, 'o2', now);

    const later = new Date(now.getTime() + 2 * HOUR_MS);
    expect(await closePoll(a.communityId, topicId, later)).toBe('published');
    let street = await getStreetTopic({ streetId, streetTopicId: topicId, now: later });
    expect([street.counted, street.total]).toEqual([1, undefined]);

    await runAgoraClock(later);
    street = await getStreetTopic({ streetId, streetTopicId: topicId, now: later });
    expect(street.counted).toBe(2);
    expect(street.communities.map((c) => [c.published, c.ballots, c.options.map((o) => o.heads)])).toEqual([
      [true, 3, [2, 1]],
      [true, 1, [0, 1]],
    ]);
    // Each community's electorate is its own poll's, frozen when it opened; the street's is their sum.
    const electorates = await Promise.all(
      [a, b].map(async (c) => (await loadTopic(c.communityId, topicId)).vote!.electorate.heads),
    );
    expect(street.communities.map((c) => c.electorate)).toEqual(electorates);
    expect(street.total).toMatchObject({
      electorate: electorates[0]! + electorates[1]!,
      ballots: 4,
      options: [{ heads: 2 }, { heads: 2 }],
    });
    // Publishing again counts nothing twice.
    expect(await closePoll(b.communityId, topicId, later)).toBe('alreadyPublished');
    expect((await getStreetTopic({ streetId, streetTopicId: topicId, now: later })).total).toEqual(street.total);

    const page = await getTopic({
      user: b.people.jia.user,
      principal: b.people.jia.principal,
      communityId: b.communityId,
      topicId,
      now: later,
    });
    expect(page.street).toEqual({ name: '测试街道' });
    expect(page.streetTotal).toMatchObject({ communities: 2, ballots: 4 });
  });
});
