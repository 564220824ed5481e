import { HOUR_MS } from '@linli/shared';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';

/**
 * The local stack's control plane (never deployed): lets a developer or a browser journey move the
 * domain clock that every Lambda reads, e.g. "let 25 hours pass" to watch a deadline escalate. A move
 * answers once every Lambda sees it (about a second: they reread the clock at most once a second).
 */
export async function startControlServer(port: number): Promise<{ url: string; close(): Promise<void> }> {
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
        const body = JSON.parse((await readBody(req)) || '{}') as { advanceHours?: number; offsetMs?: number };
        await refreshDevClock({ force: true });
        const offset =
          typeof body.offsetMs === 'number'
            ? body.offsetMs
            : clock.offsetMs + Math.round((Number(body.advanceHours) || 0) * HOUR_MS);
        if (!Number.isFinite(offset) || offset < 0) return reply(res, 400, { error: '只能让时间向前走' });
        await setDevClockOffset(offset);
        // Each Lambda rereads the clock once its copy is DEV_CLOCK_TTL_MS old: answer when all have.
        await new Promise((r) => setTimeout(r, DEV_CLOCK_TTL_MS + 50));
        return reply(res, 200, { offsetMs: offset, now: clock.now().toISOString() });
      }
      return reply(res, 404, { error: 'not found' });
    } catch (error) {
      return reply(res, 500, { error: (error as Error).message });
    }
  }
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((r) => server.close(() => r())) };
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
