import { grievanceRoutes } from '@linli/shared';
import { useTestTable } from '../../test/testTable';
import { C, seedCommunity } from '../../test/grievanceFixture';
import { asPrivilegedRequest } from '../../test/privilegedRequest';
import { staffLog } from '../db/registries/staffLog';
import { publishEvaluation } from './evaluation';

/**
 * The routes that used to keep their staff-log entry by a put after the change (issue 18 §4) now write it
 * in the change's own transaction: a change that fails writes no entry, one that commits writes exactly one.
 */
useTestTable();
beforeAll(seedCommunity);

const now = new Date('2026-12-07T08:00:00.000Z');
const entries = async () =>
  ((await staffLog.query.ofCommunity({ communityId: C }).send()).Items ?? []).filter(
    (e) => e.action === 'grievances.publishEvaluation',
  );

const publish = (month: string) =>
  asPrivilegedRequest(grievanceRoutes.publishEvaluation, { params: { communityId: C }, body: { month }, now }, () =>
    publishEvaluation({ communityId: C, month, publishedBy: 'u-sun', now }),
  );

it('群众性评议: the entry commits with the evaluation, and a refused second publication leaves none', async () => {
  const first = await publish('2026-10');
  expect(first.kept).toBe('transaction');
  expect(await entries()).toEqual([expect.objectContaining({ objectId: '2026-10', kept: 'transaction' })]);

  const again = await publish('2026-10');
  expect(again).toMatchObject({ error: expect.objectContaining({ status: 409 }) });
  expect(await entries()).toHaveLength(1);
});
