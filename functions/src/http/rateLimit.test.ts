import { defineRoute, SIGNED_IN } from '@linli/shared';
import * as z from 'zod/mini';
import { useTestTable } from '../../test/testTable';
import { ApiError } from './errors';
import { enforceRateLimit } from './rateLimit';

useTestTable();

const write = defineRoute({
  id: 'test.write',
  method: 'POST',
  path: '/test',
  summary: 'a write',
  access: SIGNED_IN,
  response: z.object({}),
});
const read = defineRoute({ ...write, id: 'test.read', method: 'GET', rateLimit: 'none' });

const saved = process.env.RATE_LIMIT_WRITES_PER_MINUTE;
beforeAll(() => (process.env.RATE_LIMIT_WRITES_PER_MINUTE = '3'));
afterAll(() => (process.env.RATE_LIMIT_WRITES_PER_MINUTE = saved));

it('tells the caller what is left of the budget, then refuses with 429, Retry-After and an empty budget', async () => {
  const now = new Date('2026-03-02T08:00:20Z'); // 40 s before the minute turns
  const remaining = [];
  for (let i = 0; i < 3; i++) {
    const headers = await enforceRateLimit(write, 'user-a', now);
    expect(headers).toMatchObject({ 'RateLimit-Limit': '3', 'RateLimit-Reset': '40' });
    remaining.push(headers!['RateLimit-Remaining']);
  }
  expect(remaining).toEqual(['2', '1', '0']);

  const refused = await enforceRateLimit(write, 'user-a', now).catch((e: unknown) => e);
  expect(refused).toBeInstanceOf(ApiError);
  expect(refused).toMatchObject({
    status: 429,
    code: 'RATE_LIMITED',
    headers: { 'Retry-After': '40', 'RateLimit-Limit': '3', 'RateLimit-Remaining': '0', 'RateLimit-Reset': '40' },
  });

  // Another caller has a budget of their own, and the next minute starts afresh.
  expect((await enforceRateLimit(write, 'user-b', now))!['RateLimit-Remaining']).toBe('2');
  const nextMinute = new Date('2026-03-02T08:01:00Z');
  expect((await enforceRateLimit(write, 'user-a', nextMinute))!['RateLimit-Remaining']).toBe('2');
});

it('spends nothing and sends no budget on reads', async () => {
  expect(await enforceRateLimit(read, 'user-a', new Date())).toBeUndefined();
});
