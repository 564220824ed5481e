import { addHours } from '@linli/shared';
import type { DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { marshall } from '@aws-sdk/util-dynamodb';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { useTestTable } from '../../test/testTable';
import { agoraCommunity, type Resident } from '../../test/agoraFixture';
import { documentClient } from '../commons/clients';
import { config } from '../commons/config';
import { turnouts } from '../db/entities/turnout';
import { voteConflicts } from '../db/entities/voteConflict';
import { castBallot, conflictIdOf, resolveConflict } from '../agora/casting';
import { seatOfUnit, seatsOf } from '../agora/seats';
import { createTopic, loadTopic } from '../agora/topics';
import { units } from '../db/entities/unit';
import { logger } from '../commons/logger';
import type { Projection } from './changes';
import { projector } from './handler';

useTestTable();
jest.setTimeout(60_000);

let c: Awaited<ReturnType<typeof agoraCommunity>>;
let topicId: string;
let seq = 0;
beforeAll(async () => {
  c = await agoraCommunity();
  topicId = await createTopic({
    principal: c.people.committee.principal,
    communityId: c.communityId,
    input: {
      title: '停车位调整',
      description: '一户一票',
      requestId: 'turnout-poll',
      vote: {
        scope: { kind: 'community' },
        basis: 'household',
        preset: 'residentsMeeting',
        ballot: { kind: 'approve', options: [] },
        opensAt: addHours(new Date(), -1).toISOString(),
        closesAt: addHours(new Date(), 1).toISOString(),
        allowChanges: false,
        secrecy: 'secret',
      },
    },
    now: addHours(new Date(), -1),
  });
});

/** The stream record DynamoDB would emit for the item as it is now. */
async function recordOf(voterKey: string, eventName: 'INSERT' | 'MODIFY' = 'INSERT'): Promise<DynamoDBRecord> {
  const { Item } = await documentClient.send(
    new GetCommand({
      TableName: config.tableName,
      Key: { PK: `C#${c.communityId}#TOPIC#${topicId}`, SK: `VOTER#${voterKey}` },
    }),
  );
  return {
    eventName,
    dynamodb: { SequenceNumber: String(++seq).padStart(21, '0'), NewImage: marshall(Item!) as never },
  };
}
const event = (...records: DynamoDBRecord[]): DynamoDBStreamEvent => ({ Records: records });
const turnout = async () => (await turnouts.get({ communityId: c.communityId, topicId }, { consistent: true })).Item!;

async function vote(r: Resident, choice: string) {
  const topic = await loadTopic(c.communityId, topicId, true);
  const [seat] = await seatsOf(r.user, r.principal, topic);
  await castBallot({
    topic,
    seat: seat!,
    choices: [choice],
    channel: 'online',
    actor: { userId: r.user.userId, name: r.user.nickname },
    requestId: `${r.user.userId}-${choice}`,
    now: new Date(),
  });
  return seat!.voterKey;
}

it('counts each vote once however often its record is replayed, by building and by area', async () => {
  const keys = [
    await vote(c.people.jia, 'agree'),
    await vote(c.people.yi, 'disagree'),
    await vote(c.people.bing, 'agree'),
  ];
  const batch = event(...(await Promise.all(keys.map((k) => recordOf(k)))));
  const handle = projector();
  expect(await handle(batch)).toEqual({ batchItemFailures: [] });
  // The local stream plugin retries whole batches: the same records again change nothing.
  await handle(batch);
  await handle(event(...batch.Records.slice(1)));
  const t = await turnout();
  expect(t.heads).toBe(3);
  expect(t.area).toBe(10000 + 12000 + 9000);
  expect(t.byBuilding[c.building('1栋').buildingId]).toEqual({ count: 2, area: 22000 });
  expect(t.byBuilding[c.building('2栋').buildingId]).toEqual({ count: 1, area: 9000 });
});

it('takes a voided vote out once, and a vote cast again after a void before the projection saw it stays counted once', async () => {
  const topic = await loadTopic(c.communityId, topicId, true);
  const { Item: unit } = await units.get({ communityId: c.communityId, unitId: c.unitOf('2栋1单元101').unitId });
  const seat = await seatOfUnit(topic, unit!);
  await expect(
    castBallot({
      topic,
      seat,
      choices: ['disagree'],
      channel: 'paper',
      actor: { userId: 'h', name: '张楼长' },
      requestId: 'paper-1',
      photoKey: 'p.jpg',
      now: new Date(),
    }),
  ).rejects.toMatchObject({ code: 'VOTE_CONFLICT' });
  const { Item: flagged } = await voteConflicts.get({
    communityId: c.communityId,
    topicId,
    conflictId: conflictIdOf(topicId, seat.voterKey, 'paper-1'),
  });
  await resolveConflict({
    topic,
    conflict: flagged!,
    decision: 'void',
    note: '核实',
    by: { userId: 's', name: '孙主任' },
    now: new Date(),
  });
  const voided = await recordOf(seat.voterKey, 'MODIFY');
  await castBallot({
    topic,
    seat,
    choices: ['disagree'],
    channel: 'paper',
    actor: { userId: 'h', name: '张楼长' },
    requestId: 'paper-2',
    photoKey: 'p.jpg',
    now: new Date(),
  });
  const recast = await recordOf(seat.voterKey, 'MODIFY');
  const handle = projector();
  // The void arrives after the recast already happened: its condition finds the vote cast again.
  await handle(event(voided, recast));
  await handle(event(voided, recast));
  expect((await turnout()).heads).toBe(3);

  // A void the projection sees before any recast takes the vote out exactly once.
  const fresh = await loadTopic(c.communityId, topicId, true);
  const again = await (async () => {
    await expect(
      castBallot({
        topic: fresh,
        seat,
        choices: ['agree'],
        channel: 'paper',
        actor: { userId: 'h', name: '张楼长' },
        requestId: 'paper-3',
        photoKey: 'p.jpg',
        now: new Date(),
      }),
    ).rejects.toMatchObject({ code: 'VOTE_CONFLICT' });
    return (
      await voteConflicts.get({
        communityId: c.communityId,
        topicId,
        conflictId: conflictIdOf(topicId, seat.voterKey, 'paper-3'),
      })
    ).Item!;
  })();
  await resolveConflict({
    topic: fresh,
    conflict: again,
    decision: 'void',
    note: '再次核实',
    by: { userId: 's', name: '孙主任' },
    now: new Date(),
  });
  const out = await recordOf(seat.voterKey, 'MODIFY');
  await handle(event(out));
  await handle(event(out));
  const t = await turnout();
  expect(t.heads).toBe(2);
  expect(t.byBuilding[c.building('2栋').buildingId]).toEqual({ count: 0, area: 0 });
});

it('routes by entity, ignores what it does not project, and reports only the failed projection’s records', async () => {
  jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  const failing: Projection = async () => {
    throw new Error('boom');
  };
  const seen: string[] = [];
  const ok: Projection = async (records) => {
    seen.push(...records.map((r) => r.sequenceNumber));
    return { failed: [] };
  };
  const rec = (et: string, n: string): DynamoDBRecord => ({
    eventName: 'INSERT',
    dynamodb: { SequenceNumber: n, NewImage: marshall({ _et: et }) as never },
  });
  const answer = await projector({ Broken: failing, Fine: ok })(
    event(rec('Broken', '1'), rec('Fine', '2'), rec('Other', '3'), rec('Broken', '4')),
  );
  expect(answer.batchItemFailures).toEqual([{ itemIdentifier: '1' }, { itemIdentifier: '4' }]);
  expect(seen).toEqual(['2']);
});
