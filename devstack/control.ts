import { HOUR_MS } from '@linli/shared';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * The scheduled jobs whose work a clock move makes due, in the order they are run after one, with how many times
 * each runs: the 诉求 sweep twice, since a case first seen past its deadline is reminded (催办) on one run and
 * escalated (督办) on the next. The ones every minute would come soon anyway; the 15-minute ones would keep a
 * demo waiting.
 */
export const DUE_SCHEDULES: readonly { fn: string; runs: number }[] = [
  { fn: 'grievanceSweep', runs: 2 },
  { fn: 'volunteerReminders', runs: 1 },
  { fn: 'agoraClock', runs: 1 },
  { fn: 'notificationSweeper', runs: 1 },
];

/** Runs DUE_SCHEDULES one after another through `invoke` (a scheduled Lambda by its name), collecting what each said. */
export async function runDueSchedules(invoke: (fn: string) => Promise<unknown>): Promise<Record<string, unknown[]>> {
  const ran: Record<string, unknown[]> = {};
  for (const { fn, runs } of DUE_SCHEDULES) for (let i = 0; i < runs; i++) (ran[fn] ??= []).push(await invoke(fn));
  return ran;
}

/**
 * The local stack's control plane (never deployed): lets a developer or a browser journey move the
 * domain clock that every Lambda reads, e.g. "let 25 hours pass" to watch a deadline escalate. A move
 * answers once every Lambda sees it (about a second: they reread the clock at most once a second).
 * With `"runSchedules": true` it then runs the scheduled jobs the move made due (DUE_SCHEDULES) through the
 * worker's Lambda invoke endpoint, instead of leaving them to their next 15-minute turn.
 */
export async function startControlServer(
  port: number,
  opts: { workerLambdaUrl?: string } = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const { clock } = await import('../functions/src/commons/clock');
  const { DEV_CLOCK_TTL_MS, refreshDevClock, setDevClockOffset } = await import('../functions/src/db/devClock');
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => reply(res, 500, { error: (error as Error).message }));
  });
  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type');
    if (req.method === 'OPTIONS') return void res.writeHead(204).end();
    try {
      const url = new URL(req.url ?? '/', 'http://localhost');
      if (url.pathname === '/clock' && req.method === 'GET') {
        await refreshDevClock({ force: true });
        return reply(res, 200, { offsetMs: clock.offsetMs, now: clock.now().toISOString() });
      }
      if (url.pathname === '/clock' && req.method === 'POST') {
        const body = JSON.parse((await readBody(req)) || '{}') as {
          advanceHours?: number;
          offsetMs?: number;
          runSchedules?: boolean;
        };
        await refreshDevClock({ force: true });
        const offset =
          typeof body.offsetMs === 'number'
            ? body.offsetMs
            : clock.offsetMs + Math.round((Number(body.advanceHours) || 0) * HOUR_MS);
        if (!Number.isFinite(offset) || offset < 0) return reply(res, 400, { error: '只能让时间向前走' });
        await setDevClockOffset(offset);
        // Each Lambda rereads the clock once its copy is DEV_CLOCK_TTL_MS old: answer when all have.
        await new Promise((r) => setTimeout(r, DEV_CLOCK_TTL_MS + 50));
        const ran =
          body.runSchedules && opts.workerLambdaUrl ? await runDueSchedules(invoker(opts.workerLambdaUrl)) : undefined;
        return reply(res, 200, { offsetMs: offset, now: clock.now().toISOString(), ran });
      }
      return reply(res, 404, { error: 'not found' });
    } catch (error) {
      return reply(res, 500, { error: (error as Error).message });
    }
  }
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
}

/** serverless-offline's Lambda invoke API, as `aws lambda invoke` would call it. */
function invoker(baseUrl: string) {
  return async (fn: string) => {
    const res = await fetch(`${baseUrl}/2015-03-31/functions/linli-local-${fn}/invocations`, {
      method: 'POST',
      body: '{}',
    });
    if (!res.ok) throw new Error(`${fn}: ${res.status} ${await res.text()}`);
    return res.json();
  };
}

function reply(res: import('node:http').ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

function readBody(req: import('node:http').IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let data = '';
    req.setEncoding('utf8');
    req.on('data', (chunk) => (data += chunk));
    req.on('end', () => resolve(data));
    req.on('error', reject);
  });
}
