import { DUE_SCHEDULES, runDueSchedules } from './control';

describe('the clock control runs the schedules a move made due', () => {
  it('runs the 诉求 sweep twice (催办, then 督办) and every other due job once, in order', async () => {
    const calls: string[] = [];
    const ran = await runDueSchedules(async (fn) => {
      calls.push(fn);
      return { run: calls.length };
    });
    expect(calls).toEqual([
      'grievanceSweep',
      'grievanceSweep',
      'volunteerReminders',
      'agoraClock',
      'notificationSweeper',
    ]);
    expect(ran.grievanceSweep).toEqual([{ run: 1 }, { run: 2 }]);
    expect(Object.keys(ran)).toEqual(DUE_SCHEDULES.map((s) => s.fn));
  });

  it('names only scheduled functions of serverless.yml', async () => {
    const { readFileSync } = await import('node:fs');
    const yml = readFileSync(`${__dirname}/../serverless.yml`, 'utf8');
    for (const { fn } of DUE_SCHEDULES) {
      const start = yml.indexOf(`\n  ${fn}:\n`);
      const rest = yml.slice(start + 1);
      const next = rest.slice(1).search(/\n {2}[A-Za-z]+:\n/);
      const block = start < 0 ? '' : rest.slice(0, next < 0 ? undefined : next + 1);
      expect({ fn, scheduled: /- schedule: /.test(block) }).toEqual({ fn, scheduled: true });
    }
  });
});
