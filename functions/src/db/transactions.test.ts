import { $add } from 'dynamodb-toolbox/entity/actions/update/symbols';
import { useTestTable } from '../../test/testTable';
import { isConditionFailure, isTransactionConflict } from './errors';
import { auditEvents } from './entities/auditEvent';
import { ballotBoxes } from './entities/ballotBox';
import { turnouts } from './entities/turnout';
import { failedWrites, transact, writeCount } from './transactions';

useTestTable();

const C = 'c-tx';
const T = 'topic-tx';

const box = (open: boolean) =>
  ballotBoxes.transactCheck({ communityId: C, topicId: T, box: 0 }, { attr: 'open', eq: open });
const turnout = (heads: number) =>
  turnouts.transactPut(
    { communityId: C, topicId: T, heads, area: 0, byBuilding: {} },
    { condition: { attr: 'heads', exists: false } },
  );
const audit = (eventId: string) =>
  auditEvents.transactPut({ communityId: C, eventId, actorId: 'tester', action: 'test', target: T, at: eventId });

beforeAll(async () => {
  await ballotBoxes.put({ communityId: C, topicId: T, box: 0, open: true, opensAt: 'a', closesAt: 'z' });
});

describe('named transactions', () => {
  it('decodes a cancellation to the names of the writes whose condition failed, whatever their order', async () => {
    await transact({ first: turnout(1) });
    for (const writes of [
      { box: box(false), audit: audit('1'), turnout: turnout(2) },
      { turnout: turnout(2), audit: audit('2'), box: box(false) },
    ]) {
      const error = await transact(writes).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(isConditionFailure(error)).toBe(true);
      expect(isTransactionConflict(error)).toBe(false);
      expect([...(failedWrites(error, writes) ?? [])].sort()).toEqual(['box', 'turnout']);
    }
  });

  it('answers an empty set when the transaction was cancelled for no condition, and undefined for other errors', async () => {
    const writes = { box: box(true), audit: audit('3') };
    await transact(writes);
    expect(failedWrites(new Error('boom'), writes)).toBeUndefined();
    // Two writes to one item: DynamoDB cancels the transaction without a failed condition.
    const twice = { one: audit('4'), again: audit('4') };
    const error = await transact(twice).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    const failed = failedWrites(error, twice);
    expect(failed === undefined || failed.size === 0).toBe(true);
  });

  it('writes every member of a named list and skips absent names', async () => {
    const writes = {
      counters: [1, 2].map(() =>
        turnouts.transactUpdate(
          { communityId: C, topicId: T, heads: $add(1) },
          { condition: { attr: 'heads', exists: true } },
        ),
      ),
      audit: undefined,
    };
    expect(writeCount(writes)).toBe(2);
    // One item twice in a transaction is refused as a whole: nothing was written.
    await expect(transact(writes)).rejects.toBeDefined();
    await transact({ counter: writes.counters[0] });
    expect((await turnouts.get({ communityId: C, topicId: T }, { consistent: true })).Item?.heads).toBe(2);
  });
});
