import { HOUR_MS } from '@linli/shared';
import { persona, type PersonaKey } from '../devstack/seed/personas';
import { loginCode, raw } from '../functions/test/api/http';

/**
 * The local stack's levers for journeys that need time to pass: the domain clock every Lambda reads,
 * and scheduled Lambdas run on demand through serverless-offline's invoke endpoint. The clock only
 * moves forward, so these tests run in the e2e tier (in band), never beside other API tests.
 */
export async function advanceClock(hours: number, opts: { runSchedules?: boolean } = {}): Promise<Date> {
  const res = await fetch(`${process.env.LINLI_TEST_CONTROL}/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ advanceHours: hours, runSchedules: opts.runSchedules }),
  });
  if (!res.ok) throw new Error(`clock: ${res.status} ${await res.text()}`);
  return new Date(((await res.json()) as { now: string }).now);
}

export async function stackNow(): Promise<Date> {
  const res = await fetch(`${process.env.LINLI_TEST_CONTROL}/clock`);
  return new Date(((await res.json()) as { now: string }).now);
}

/** Moves the clock to just past `iso` (plus `extraHours`); with `runSchedules`, the jobs that became due run at once. */
export async function passTime(iso: string, extraHours = 0.1, opts: { runSchedules?: boolean } = {}): Promise<Date> {
  const now = await stackNow();
  return advanceClock(Math.max(0, (Date.parse(iso) - now.getTime()) / HOUR_MS) + extraHours, opts);
}

/** Runs the scheduled 诉求 sweep Lambda once, as its schedule would. */
export async function runGrievanceSweep(): Promise<unknown> {
  const res = await fetch(
    `${process.env.LINLI_TEST_LAMBDA}/2015-03-31/functions/linli-local-grievanceSweep/invocations`,
    { method: 'POST', body: '{}' },
  );
  if (!res.ok) throw new Error(`sweep: ${res.status} ${await res.text()}`);
  return res.json();
}

/** Runs the scheduled 议事厅 clock once (it also moves 民生微实事 rounds on by their dates), as its schedule would. */
export async function runAgoraClock(): Promise<unknown> {
  const res = await fetch(`${process.env.LINLI_TEST_LAMBDA}/2015-03-31/functions/linli-local-agoraClock/invocations`, {
    method: 'POST',
    body: '{}',
  });
  if (!res.ok) throw new Error(`agoraClock: ${res.status} ${await res.text()}`);
  return res.json();
}

/** A new session (tokens from before a clock jump have expired). */
export async function freshToken(who: PersonaKey): Promise<string> {
  const res = await raw('POST', '/auth/wechat', {
    body: JSON.stringify({ code: await loginCode(persona(who).openid) }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${who}: ${res.status}`);
  return (res.body as { accessToken: string }).accessToken;
}
