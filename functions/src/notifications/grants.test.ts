import { useTestTable } from '../../test/testTable';
import { grantsOf, reportGrants } from './settings';

useTestTable();

describe('reportGrants under one request id', () => {
  const now = new Date('2026-11-23T02:00:00Z');
  it('counts a report once, refuses another report under its id (409, nothing counted), and records a report without an accept', async () => {
    const first = { requestId: 'grants-000001', results: { communityNotice: 'accept' as const } };
    await reportGrants('wang', first, now);
    await reportGrants('wang', first, now);
    const counted = await grantsOf('wang');
    expect(counted.find((g) => g.remaining > 0)?.remaining).toBe(1);
    await expect(
      reportGrants('wang', { requestId: 'grants-000001', results: { communityNotice: 'reject' } }, now),
    ).rejects.toMatchObject({ status: 409, code: 'IDEMPOTENCY_MISMATCH' });
    await expect(
      reportGrants('wang', { ...first, results: { communityNotice: 'accept', requestProgress: 'accept' } }, now),
    ).rejects.toMatchObject({ status: 409, code: 'IDEMPOTENCY_MISMATCH' });
    expect(await grantsOf('wang')).toEqual(counted);

    const declined = { requestId: 'grants-000002', results: { communityNotice: 'reject' as const } };
    await reportGrants('wang', declined, now);
    await reportGrants('wang', declined, now);
    await expect(
      reportGrants('wang', { ...declined, results: { communityNotice: 'accept' } }, now),
    ).rejects.toMatchObject({ status: 409, code: 'IDEMPOTENCY_MISMATCH' });
    expect(await grantsOf('wang')).toEqual(counted);
  });
});
