import { MINUTE_MS, SUBSCRIBE_TEMPLATES, unitIdOf } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import {
  at,
  COMMUNITY,
  advance,
  inboxOf,
  openIntents,
  resident,
  rosterFixture,
  startWeChat,
  streamRecords,
  testClock,
  type WeChatHarness,
} from '../../test/notificationHarness';
import { notificationDeliveries } from '../db/entities/notificationDelivery';
import { notificationIntents } from '../db/entities/notificationIntent';
import { transact } from '../db/transactions';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { documentClient } from '../commons/clients';
import { logger } from '../commons/logger';
import type { SubscribeMessage } from '../wechat/client';
import { intentIdOf, notificationIntent, SWEEP_GRACE_MS } from './outbox';
import { reportGrants } from './settings';
import { dispatchStreamBatch } from './streamBatch';
import { sweepDueIntents } from './sweep';

useTestTable();
jest.setTimeout(60_000);

const NOTICE = SUBSCRIBE_TEMPLATES.communityNotice.id;
let wechat: WeChatHarness;
/** openids whose send "crashes the Lambda" once, after WeChat accepted it or before it was made. */
const crashAfterSend = new Set<string>();
const crashBeforeSend = new Set<string>();

beforeAll(async () => {
  await rosterFixture();
  wechat = await startWeChat({}, (send) => async (message: SubscribeMessage) => {
    if (crashBeforeSend.delete(message.touser)) throw new Error('Task timed out after 60.00 seconds');
    await send(message);
    if (crashAfterSend.delete(message.touser)) throw new Error('Runtime exited with error: signal: killed');
  });
});
afterAll(() => wechat.close());

/**
 * The crashes below are injected, so the ERROR lines the dispatcher and the sweeper log for them are
 * expected: each test checks them (message and intent) instead of printing them into the run's output.
 */
let loggedErrors: jest.SpiedFunction<typeof logger.error>;
beforeEach(() => {
  loggedErrors = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
});
afterEach(() => loggedErrors.mockRestore());
/** Distinct `message intentId` pairs logged at ERROR during the test. */
const errorsLogged = () =>
  [
    ...new Set(
      loggedErrors.mock.calls.map(
        ([message, extra]) => `${String(message)} ${(extra as { intentId?: string }).intentId}`,
      ),
    ),
  ].sort();

let batch = 0;
/** Ten residents, each with one grant and one intent written, as a burst of inserts reaches the stream. */
async function burst(size = 10) {
  const mine = ++batch;
  at('2026-11-23T10:00:00');
  const people: string[] = [];
  const intents: string[] = [];
  for (let i = 0; i < size; i++) {
    const userId = `b${mine}r${i}`;
    await resident(userId, unitIdOf(COMMUNITY, '2栋', '1单元', `${(i % 4) + 1}01`));
    await reportGrants(userId, { requestId: `grant-${userId}`, results: { communityNotice: 'accept' } }, testClock.now);
    wechat.wx.state.addGrants(`o-${userId}`, NOTICE, 1);
    const key = `crash-${userId}`;
    await transact({
      intent: notificationIntent(
        {
          communityId: COMMUNITY,
          event: 'broadcast.published',
          dedupeKey: key,
          recipientId: userId,
          title: '电梯检修',
          body: '2栋电梯明天停用',
          link: '',
          data: { sender: '物业' },
        },
        testClock.now,
      ),
    });
    people.push(userId);
    intents.push(intentIdOf('broadcast.published', key));
  }
  return { people, records: streamRecords(intents.map((intentId) => ({ intentId }))) };
}

/** Exactly one inbox entry and exactly one accepted WeChat message for each person. */
async function expectEachExactlyOnce(people: string[]) {
  for (const userId of people) {
    expect({ userId, inbox: (await inboxOf(userId)).length }).toEqual({ userId, inbox: 1 });
    expect({ userId, sent: wechat.sentTo(`o-${userId}`).filter((s) => s.errcode === 0).length }).toEqual({
      userId,
      sent: 1,
    });
  }
}

describe('a dispatcher that crashes mid-batch', () => {
  it('reports only the failed record; the retry from it loses and duplicates nothing', async () => {
    const { people, records } = await burst();
    const victim = people[4]!;
    crashAfterSend.add(`o-${victim}`); // WeChat took the message, then the invocation died before recording it

    const first = await dispatchStreamBatch(records, wechat.deps, testClock.now);
    expect(first.batchItemFailures).toEqual([{ itemIdentifier: records[4]!.dynamodb!.SequenceNumber }]);

    // Lambda resumes from the failed record: it and everything after it come again.
    const retry = await dispatchStreamBatch(records.slice(4), wechat.deps, testClock.now);
    expect(retry.batchItemFailures).toEqual([]);
    // The victim's send is in flight as far as anyone knows: never resent, settled once its lease is over.
    advance(3);
    await sweepDueIntents({ now: testClock.now }, wechat.deps);

    await expectEachExactlyOnce(people);
    const victimIntent = intentIdOf('broadcast.published', `crash-${victim}`);
    expect((await notificationDeliveries.get({ intentId: victimIntent, channel: 'wechat' })).Item).toMatchObject({
      status: 'unconfirmed',
    });
    expect((await notificationIntents.get({ intentId: victimIntent })).Item).toMatchObject({ status: 'delivered' });
    expect(errorsLogged()).toEqual([`dispatch failed ${victimIntent}`]);
  });

  it('replaying the whole batch after the handler threw (what the local stream plugin does) duplicates nothing', async () => {
    const { people, records } = await burst();
    await dispatchStreamBatch(records.slice(0, 6), wechat.deps, testClock.now); // died after six
    await dispatchStreamBatch(records, wechat.deps, testClock.now);
    await dispatchStreamBatch(records, wechat.deps, testClock.now);
    await expectEachExactlyOnce(people);
    expect(errorsLogged()).toEqual([]);
  });

  it('delivers a batch the stream dropped altogether: the sweeper finds it in the open index after the grace', async () => {
    const { people } = await burst();
    await sweepDueIntents({ now: testClock.now }, wechat.deps); // within the grace the stream has it
    expect(await inboxOf(people[0]!)).toHaveLength(0);
    advance(SWEEP_GRACE_MS / MINUTE_MS + 1);
    await sweepDueIntents({ now: testClock.now }, wechat.deps);
    await expectEachExactlyOnce(people);
    const open = (await openIntents()).filter((i) => people.includes(i.recipientId ?? ''));
    expect(open).toEqual([]);
  });

  it('never resends when the crash came before the send: the message stays in the inbox (at most once)', async () => {
    const { people, records } = await burst(2);
    crashBeforeSend.add(`o-${people[0]}`);
    await dispatchStreamBatch(records, wechat.deps, testClock.now);
    advance(3);
    await sweepDueIntents({ now: testClock.now }, wechat.deps);
    expect(wechat.sentTo(`o-${people[0]}`)).toHaveLength(0);
    expect(await inboxOf(people[0]!)).toHaveLength(1);
    expect(wechat.sentTo(`o-${people[1]}`).map((s) => s.errcode)).toEqual([0]);
    expect(errorsLogged()).toEqual([`dispatch failed ${intentIdOf('broadcast.published', `crash-${people[0]}`)}`]);
  });

  it('parks an intent that keeps failing (a corrupt account record) instead of retrying it for ever, and delivers the rest', async () => {
    const { people, records } = await burst(2);
    // A user item the schema cannot read: every attempt to deliver to it throws.
    await documentClient.send(
      new PutCommand({
        TableName: process.env.TABLE_NAME,
        Item: { PK: 'USER#corrupt', SK: 'USER', _et: 'User', userId: 'corrupt' },
      }),
    );
    const key = `crash-corrupt-${batch}`;
    await transact({
      intent: notificationIntent(
        {
          communityId: COMMUNITY,
          event: 'broadcast.published',
          dedupeKey: key,
          recipientId: 'corrupt',
          title: '电梯检修',
          body: '2栋电梯明天停用',
          link: '',
          data: { sender: '物业' },
        },
        testClock.now,
      ),
    });
    const poisoned = streamRecords([{ intentId: intentIdOf('broadcast.published', key) }]);

    const result = await dispatchStreamBatch([...records, ...poisoned], wechat.deps, testClock.now);
    expect(result.batchItemFailures).toEqual([{ itemIdentifier: poisoned[0]!.dynamodb!.SequenceNumber }]);
    await expectEachExactlyOnce(people);

    for (let i = 0; i < 12; i++) {
      advance(3);
      await sweepDueIntents({ now: testClock.now }, wechat.deps);
    }
    const intent = (await notificationIntents.get({ intentId: intentIdOf('broadcast.published', key) })).Item!;
    expect(intent.status).toBe('failed');
    expect(intent.failureReason).toMatch(/^多次投递仍未完成：/);
    expect(intent.sweeps).toBe(9);
    const poisonedId = intentIdOf('broadcast.published', key);
    expect(errorsLogged()).toEqual([`dispatch failed ${poisonedId}`, `sweep dispatch failed ${poisonedId}`]);
  });
});
