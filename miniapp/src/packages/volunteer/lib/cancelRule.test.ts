import { cancelRule } from './cancelRule';

describe('cancelRule', () => {
  it('says until when a sign-up can be cancelled with one 前, not two', () => {
    const text = cancelRule({ startAt: '2026-12-08T01:00:00.000Z', cancelDeadline: '2026-12-07T23:00:00.000Z' });
    expect(text).toMatch(/^可取消报名至 2026-12-0\d \d\d:00（开始前 2 小时）$/);
    expect(text.match(/前/g)).toHaveLength(1);
  });

  it('says any time before the start when there is no cut-off', () => {
    const at = '2026-12-08T01:00:00.000Z';
    expect(cancelRule({ startAt: at, cancelDeadline: at })).toBe('活动开始之前都可以取消报名');
  });
});
